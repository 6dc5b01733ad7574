"""Python's cycle collector run on the UI thread only.

A collection finalises the cyclic garbage it finds in whichever thread happens to run it.  When
that is a worker and the garbage holds a Qt connection (a lambda slot, a wrapper of a QObject),
PySide disconnects it there: it takes Qt's connection mutex, then waits for the interpreter lock,
while the UI thread, inside a Qt call that needs the same mutex, holds that lock — both wait for
ever.  The viewer froze exactly so (``QMenu.clear`` on the UI thread, a collection during a
camera-marks read in a worker).  pyqtgraph's :class:`GarbageCollector` turns the automatic
collector off and collects from a timer on the UI thread instead, by the same generation
thresholds.
"""

from __future__ import annotations

from pyqtgraph.util.garbage_collector import GarbageCollector

_collector: list[GarbageCollector] = []


def collect_on_ui_thread() -> None:
    """From now on, cycles are collected on this (the UI) thread only, once a second when due."""
    if not _collector:
        _collector.append(GarbageCollector(interval=1.0))
