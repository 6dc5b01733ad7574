"""Outlines and buildings of a server inventory, read by view in a worker thread as the map pans.

The file's :class:`~onemap.view.polygons.FeatureSource` answers a view from the R-tree on the
UI thread (microseconds).  A server answers over the network, so here a view the source has not
read yet starts a read in a :class:`~onemap.gui.workers.Job` -- a bounding-box query through
the GiST index on a connection of its own, the geometries decoded there too -- and the layer
keeps drawing what it had until the read arrives (``arrived``: the layer loads again, from the
cache).  A newer view supersedes an older read: the server is asked to cancel it and its rows
are dropped when they come anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from onemap.gui.workers import Job
from onemap.store.geometry import decode
from onemap.view.extent import Extent
from onemap.view.polygons import Feature, FeatureSource, rings_xy

# views read and kept (their features stay in the cache while they fit)
_KEPT_REGIONS = 6


class BackgroundSource(FeatureSource):
    """A :class:`FeatureSource` whose reads by view run off the UI thread, on ``reader``'s connection."""

    def __init__(self, inventory: Any, table: str, reader: Any) -> None:
        super().__init__(inventory, table)
        self.reader = reader
        self.arrived: Callable[[], None] | None = None
        self.reads = 0  # reads started (tests, the benchmark)
        self._ready: list[tuple[Extent, list[int]]] = []
        self._generation = 0
        self._jobs: set[Job] = set()

    def within(self, extent: Extent, limit: int = 20_000) -> list[Feature]:
        """The features of the view when it was read already; else what was shown last, and a read starts."""
        for region, fids in reversed(self._ready):
            if region.contains(extent):
                return self._features(fids)
        self._start(extent, limit)
        return self._features(self._ready[-1][1]) if self._ready else []

    def _start(self, extent: Extent, limit: int) -> None:
        self._generation += 1
        generation, table, reader, known = self._generation, self.table, self.reader, set(self._cache)
        if self._jobs:  # a read still running is for a view no longer wanted
            reader.cancel_reading()

        def work(_progress: Any, _cancelled: Any) -> Any:
            try:
                fids = reader.fids_within(table, extent.lonlat_bounds(), limit)
                rows = reader.features(table, [f for f in fids if f not in known])
            except Exception:  # cancelled for a newer view, or the server went away: the next view asks again
                return None
            shapes = [decode(blob) for _fid, _code, blob in rows]
            fresh = [Feature(fid, code, xy) for (fid, code, _b), xy in zip(rows, rings_xy(shapes), strict=True)]
            return generation, extent, fids, fresh

        job = Job(work, f"server-{table}")
        job.done.connect(self._arrive)
        job.finished.connect(lambda: self._jobs.discard(job))
        self._jobs.add(job)
        self.reads += 1
        job.start()

    def _arrive(self, result: Any) -> None:
        if result is None or result[0] != self._generation:
            return  # superseded: a newer view's read follows
        _generation, extent, fids, fresh = result
        for feature in fresh:
            self._cache[feature.fid] = feature
        self._ready = [*self._ready[-(_KEPT_REGIONS - 1) :], (extent, fids)]
        if self.arrived is not None:
            self.arrived()

    def forget(self, keys: frozenset[str] | set[str]) -> None:
        """Drop these estates' features and every view read (rows were rewritten: read them again)."""
        super().forget(keys)
        self._ready.clear()

    @property
    def busy(self) -> bool:
        """Whether a read is running (tests wait for it)."""
        return bool(self._jobs)

    def close(self) -> None:
        """Wait for the reads still running (the reader's connection closes next)."""
        self._generation += 1
        for job in list(self._jobs):
            job.wait(10_000)
