"""The live watch's marks as the viewer holds them: cameras, sensors and open alerts, in display coordinates.

:class:`WatchMarks` reads the three kinds through the store (:mod:`onemap.store.watch_marks`) when
an inventory opens, then :meth:`WatchMarks.follow` re-reads only what a change reached: the
cameras and sensors of the estates written, and the open alerts (a handful: those still in the
handling cycle) whenever alerts may have been written.  Each kind is a :class:`MarkColumns`
(numpy columns plus ``x``/``y`` in EPSG:3857), and the states the map colours by are pure
functions of them: a camera is ``alerting`` when an open alert came from it, ``offline`` when
its last check said so or an open ``device_offline``/``device_fault`` alert did, ``online`` when
its last check answered, else ``unknown``; a sensor is ``alarming`` when its status says so or an
open alert came from it, ``offline`` when its status is offline or faulty (or an open device
alert says so), else ``normal``.  Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from onemap.geo.crs import CGCS2000, WEB_MERCATOR, transformer
from onemap.view.estate_table import points_from_blobs
from onemap.view.extent import Extent

if TYPE_CHECKING:
    from onemap.store import Inventory

CAMERA_STATES = ("unknown", "online", "offline", "alerting")
SENSOR_STATES = ("normal", "alarming", "offline")
#: alert types that say the device itself is down: its mark turns offline, not alerting
DEVICE_DOWN = frozenset(("device_offline", "device_fault"))
#: the kinds of mark, each with the tables whose writes it follows
KINDS: dict[str, frozenset[str]] = {
    "cameras": frozenset(("cameras", "estates")),
    "sensors": frozenset(("sensors", "estates")),
    "alerts": frozenset(("alerts", "estates")),
}
#: a device without a point of its own goes round its estate's point, this far out (display metres)
AROUND_ESTATE_M = 22.0
_GOLDEN_ANGLE = np.pi * (3.0 - np.sqrt(5.0))


class MarkColumns:
    """One kind of mark as numpy columns (the store's, plus ``lon``/``lat`` and ``x``/``y``), ordered by
    estate then fid.  ``rank`` is each row's place among its estate's rows (the details dock's row)."""

    def __init__(self, columns: Mapping[str, np.ndarray]) -> None:
        self.columns = {k: v for k, v in columns.items() if k != "geom"}
        if "geom" in columns:
            lon, lat = points_from_blobs(list(columns["geom"]))
            self.columns["lon"], self.columns["lat"] = lon, lat
        self.columns.setdefault("lon", np.empty(0))
        self.columns.setdefault("lat", np.empty(0))
        self.columns.setdefault("estate_code", np.empty(0, dtype=object))
        self.columns.setdefault("fid", np.empty(0, dtype=np.int64))
        self.rank = _ranks(self.columns["estate_code"])
        self.x, self.y = _display(self.columns["lon"], self.columns["lat"])
        own = self.columns.get("own")
        if own is not None and len(own) and not own.all():
            angle = self.rank[~own] * _GOLDEN_ANGLE
            reach = AROUND_ESTATE_M * np.sqrt(self.rank[~own] + 1.0)
            self.x[~own] += reach * np.cos(angle)
            self.y[~own] += reach * np.sin(angle)

    def __len__(self) -> int:
        return len(self.columns["fid"])

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]

    def patched(self, codes: Iterable[str], fresh: Mapping[str, np.ndarray]) -> MarkColumns:
        """These columns with the rows of ``codes`` replaced by ``fresh`` (the store's read of those estates).

        Each estate's rows are one block (rows are ordered by estate), and a row's rank and place
        depend only on its block: the blocks of ``codes`` are cut out and the fresh ones spliced
        in, so an edit costs a copy of the columns, not a re-sort and re-projection of every row.
        """
        part = MarkColumns(fresh)
        mine, theirs = self.columns["estate_code"], part.columns["estate_code"]
        blocks = [(code, _block(mine, code), _block(theirs, code)) for code in sorted(set(codes))]
        if all(self._same_block(old, part, new) for _code, old, new in blocks):
            return self  # these estates' devices read as they were (an edit of other fields): nothing to copy
        pieces: list[tuple[MarkColumns, slice]] = []
        at = 0
        for _code, old, new in blocks:
            pieces += [(self, slice(at, old.start)), (part, new)]
            at = old.stop
        pieces.append((self, slice(at, len(self))))
        names = [n for n in self.columns if n in part.columns or not len(part)]
        out = MarkColumns.__new__(MarkColumns)
        out.columns = {n: np.concatenate([src.columns[n][cut] for src, cut in pieces]) for n in names}
        out.rank, out.x, out.y = (
            np.concatenate([getattr(src, a)[cut] for src, cut in pieces]) for a in ("rank", "x", "y")
        )
        return out

    def _same_block(self, mine: slice, part: MarkColumns, theirs: slice) -> bool:
        """Whether rows ``mine`` of these columns equal rows ``theirs`` of ``part`` (places compared as x/y)."""
        if mine.stop - mine.start != theirs.stop - theirs.start:
            return False
        if mine.start == mine.stop:
            return True
        for name, column in self.columns.items():
            if name in ("lon", "lat"):
                continue
            other = part.columns.get(name)
            if other is None or column[mine].tolist() != other[theirs].tolist():
                return False
        return all(
            np.array_equal(getattr(self, a)[mine], getattr(part, a)[theirs], equal_nan=True) for a in ("x", "y", "rank")
        )

    def in_box(self, box: Extent) -> NDArray[np.intp]:
        """Rows placed within ``box`` (display metres)."""
        x, y = self.x, self.y
        return np.flatnonzero((x >= box.minx) & (x <= box.maxx) & (y >= box.miny) & (y <= box.maxy))

    def nearest(self, x: float, y: float, reach: float, rows: NDArray[np.intp] | None = None) -> int | None:
        """The row nearest a display point within ``reach`` metres (among ``rows``), or None."""
        rows = np.arange(len(self)) if rows is None else rows
        if not len(rows):
            return None
        d = np.hypot(self.x[rows] - x, self.y[rows] - y)
        d[np.isnan(d)] = np.inf
        best = int(np.argmin(d))
        return int(rows[best]) if d[best] <= reach else None


class WatchMarks:
    """Cameras, sensors and open alerts of one inventory, kept in step with the file.

    Attributes
    ----------
    cameras, sensors, alerts : MarkColumns
    """

    def __init__(self) -> None:
        empty = MarkColumns({})
        self.cameras = self.sensors = self.alerts = empty

    def load(self, inventory: Inventory) -> None:
        """Read every mark (an inventory opened)."""
        self.cameras = MarkColumns(inventory.camera_marks())
        self.sensors = MarkColumns(inventory.sensor_marks())
        self.alerts = MarkColumns(inventory.open_alert_marks())

    def follow(self, inventory: Inventory, codes: Iterable[str], tables: Iterable[str] | None) -> set[str]:
        """Re-read what a change reached; returns the kinds re-read (``cameras``, ``sensors``, ``alerts``).

        ``tables`` None means any table may have been written.  Cameras and sensors are read for
        ``codes`` only (none when no estate is named).  Open alerts are read whole: the collector's
        writes name no estate, and a folded event (its level may rise) is not even in the audit
        trail -- so a commit that names no table (empty ``tables``) re-reads them too.
        """
        codes = set(codes)
        written = None if tables is None else frozenset(tables)
        changed: set[str] = set()
        for kind in ("cameras", "sensors"):
            if codes and (written is None or written & KINDS[kind]):
                reads = inventory.camera_marks if kind == "cameras" else inventory.sensor_marks
                setattr(self, kind, getattr(self, kind).patched(codes, reads(codes)))
                changed.add(kind)
        if written is None or not written or written & KINDS["alerts"]:
            self.alerts = MarkColumns(inventory.open_alert_marks())
            changed.add("alerts")
        return changed

    def camera_states(self, checks: Mapping[str, Mapping[int, bool]]) -> NDArray[np.int8]:
        """Each camera's index in :data:`CAMERA_STATES`; ``checks``: estate code to {camera row: online}."""
        cams = self.cameras
        states = np.zeros(len(cams), dtype=np.int8)
        for code, flags in checks.items():  # the estates checked so far: a few
            for row in np.flatnonzero(cams["estate_code"] == code):
                online = flags.get(int(cams.rank[row]))
                if online is not None:
                    states[row] = 1 if online else 2
        down, raised = self._devices("camera")
        states[np.isin(cams["fid"], down)] = 2
        states[np.isin(cams["fid"], raised)] = 3
        return states

    def sensor_states(self) -> NDArray[np.int8]:
        """Each sensor's index in :data:`SENSOR_STATES`."""
        sensors = self.sensors
        status = sensors.columns.get("status", np.empty(0, dtype=object))
        states = np.zeros(len(sensors), dtype=np.int8)
        states[np.isin(status, ["offline", "fault"])] = 2
        down, raised = self._devices("sensor")
        states[np.isin(sensors["fid"], down)] = 2
        states[np.isin(status, ["alarming"]) | np.isin(sensors["fid"], raised)] = 1
        return states

    def worst_level(self, kind: str) -> dict[int, int]:
        """Device fid to the most severe level (1 first) of its open alerts, for devices of ``kind``."""
        a = self.alerts
        out: dict[int, int] = {}
        if len(a):
            mine = a["device_kind"] == kind
            for fid, level in zip(a["device_fid"][mine].tolist(), a["level"][mine].tolist(), strict=True):
                out[fid] = min(level, out.get(fid, level))
        return out

    def _devices(self, kind: str) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Fids of devices of ``kind`` with an open device-down alert, and with any other open alert."""
        a = self.alerts
        if not len(a):
            none = np.empty(0, dtype=np.int64)
            return none, none
        mine = a["device_kind"] == kind
        down = mine & np.isin(a["type"], list(DEVICE_DOWN))
        return a["device_fid"][down], a["device_fid"][mine & ~down]


def _block(codes: np.ndarray, code: str) -> slice:
    """Where ``code``'s rows are in estate-ordered ``codes`` (an empty slice at its place when it has none)."""
    return slice(int(np.searchsorted(codes, code, "left")), int(np.searchsorted(codes, code, "right")))


def _ranks(codes: np.ndarray) -> NDArray[np.int64]:
    """Each row's place among the rows of its estate (rows grouped by estate)."""
    n = len(codes)
    if not n:
        return np.empty(0, dtype=np.int64)
    starts = np.ones(n, dtype=bool)
    starts[1:] = codes[1:] != codes[:-1]
    first = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    return np.arange(n) - first


def _display(lon: np.ndarray, lat: np.ndarray) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    x, y = np.full(len(lon), np.nan), np.full(len(lat), np.nan)
    ok = ~(np.isnan(lon) | np.isnan(lat)) & (np.abs(lat) < 85.0)
    if ok.any():
        x[ok], y[ok] = transformer(CGCS2000, WEB_MERCATOR).transform(lon[ok], lat[ok])
    return x, y
