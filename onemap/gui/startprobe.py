"""A hidden start-up probe for benchmarks: when the map is first painted, print when, and quit.

Set ``ONEMAP_PROBE_FIRST_PAINT=SECONDS`` and ``onemap FILE`` prints one line on stdout,
``onemap-probe window_shown=T1 map_painted=T2 peak_rss_mb=M cpu_s=C``: ``T1`` is the monotonic clock
(system-wide, comparable with the parent's ``time.monotonic()``) when the window was shown
(its show event: from then on it is on screen), ``T2`` when the first frame of the map with
the inventory drawn was painted, ``C`` the CPU seconds the process (all its threads) had used
by then: on a shared machine the wall times follow the others' load, the CPU much less.
``SECONDS`` later (and once the live watch's marks are read) it prints ``onemap-probe
settled peak_rss_mb=M`` and quits.  Users never see it: nothing happens without the variable.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

#: the environment variable that turns the probe on (benchmarks only)
PROBE_ENV = "ONEMAP_PROBE_FIRST_PAINT"


def peak_rss_mb() -> float:
    """The process's peak resident memory so far in MB (0 where ``resource`` is missing: Windows)."""
    try:
        import resource
    except ImportError:
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


class StartProbe(QObject):
    """Watches the window's showing and the map's first painted frame with an inventory."""

    def __init__(self, window: QWidget, settle_s: float) -> None:
        super().__init__(window)
        self.window = window
        self.settle_s = settle_s
        self.window_shown: float | None = None
        self.done = False
        window.installEventFilter(self)
        window.canvas.frame_painted.connect(self._on_frame)  # type: ignore[attr-defined]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.window_shown is None and event.type() == QEvent.Type.Show:
            self.window_shown = time.monotonic()
        return False

    def _on_frame(self) -> None:
        if self.done or getattr(self.window, "layers", None) is None:
            return
        self.done = True
        now = time.monotonic()
        shown = self.window_shown if self.window_shown is not None else now
        print(
            f"onemap-probe window_shown={shown:.4f} map_painted={now:.4f} peak_rss_mb={peak_rss_mb():.0f}"
            f" cpu_s={time.process_time():.3f}"
        )
        sys.stdout.flush()
        QTimer.singleShot(int(self.settle_s * 1000), self._quit)

    def _quit(self) -> None:
        marks = getattr(self.window, "watch_marks", None)
        if marks is not None:  # quitting while its thread reads would abort (a QThread destroyed running)
            marks.settle()
        print(f"onemap-probe settled peak_rss_mb={peak_rss_mb():.0f}", flush=True)
        app = QApplication.instance()
        if app is not None:
            app.quit()


def install_if_asked(window: QWidget) -> StartProbe | None:
    """Start the probe when :data:`PROBE_ENV` is set (to the seconds to stay after the first paint)."""
    value = os.environ.get(PROBE_ENV)
    if value is None:
        return None
    try:
        settle_s = float(value or 0)
    except ValueError:
        settle_s = 0.0
    return StartProbe(window, settle_s)
