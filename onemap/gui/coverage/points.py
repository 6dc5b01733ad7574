"""The facilities the map draws, as arrays ready to cull: built off the UI thread, patched on edit.

No Qt here: :func:`read_arrays` runs in a job -- and a national inventory's two million
facilities are read in a helper process (:data:`HELPER_FROM`), whose half a gigabyte of
transient rows is given back to the system when it ends, so the viewer keeps only ~27 MB
of arrays (positions in int32 centimetres) -- and the paint asks
:meth:`FacilityArrays.within` for the few in view -- sorted by display ``x``, a view is one
binary search for its column and one mask over that column, never a pass over every facility.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from onemap.store.facilities import Facility, FacilityPoints
from onemap.view.extent import to_display

#: display metres to the whole centimetres held: int32 spans +-21,474 km, all of Web Mercator's +-20,037 km
CM_PER_M = 100.0
_INT32 = np.iinfo(np.int32)


def to_cm(metres: np.ndarray) -> np.ndarray:
    """Display metres as int32 centimetres (nearest; beyond the int32 span, off every map, clipped)."""
    return np.clip(np.rint(np.asarray(metres, dtype=np.float64) * CM_PER_M), _INT32.min, _INT32.max).astype(np.int32)


def _at_least(metres: float) -> int:
    """The smallest ``cm`` with ``cm / 100 >= metres`` (as the metres the paint is given compare)."""
    cm = int(np.clip(np.ceil(metres * CM_PER_M), _INT32.min, _INT32.max))
    if cm > _INT32.min and (cm - 1) / CM_PER_M >= metres:  # the product rounded up a whole centimetre
        cm -= 1
    elif cm < _INT32.max and cm / CM_PER_M < metres:
        cm += 1
    return cm


def _at_most(metres: float) -> int:
    """The largest ``cm`` with ``cm / 100 <= metres``."""
    cm = int(np.clip(np.floor(metres * CM_PER_M), _INT32.min, _INT32.max))
    if cm < _INT32.max and (cm + 1) / CM_PER_M <= metres:
        cm += 1
    elif cm > _INT32.min and cm / CM_PER_M > metres:
        cm -= 1
    return cm


@dataclass
class FacilityArrays:
    """Located facilities sorted by display ``x``: ``fid`` (int32 when every fid fits), ``kind``
    (index into the type keys the arrays were made with; their count for a key not among them;
    int8 for a dozen types) and display ``x_cm``, ``y_cm``: Web Mercator in whole centimetres,
    int32 (half of float64's 33 MB for two million, and half a centimetre is nothing a map shows);
    metres only for the few in view (:meth:`xy`)."""

    fid: np.ndarray
    kind: np.ndarray
    x_cm: np.ndarray
    y_cm: np.ndarray

    def __len__(self) -> int:
        return len(self.fid)

    @property
    def x(self) -> np.ndarray:
        """Every facility's display x in metres (a new float64 array: the paint asks :meth:`xy`)."""
        return self.x_cm / CM_PER_M

    @property
    def y(self) -> np.ndarray:
        """Every facility's display y in metres (a new float64 array)."""
        return self.y_cm / CM_PER_M

    def xy(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Display ``x, y`` in metres of the facilities at ``rows``."""
        return self.x_cm[rows] / CM_PER_M, self.y_cm[rows] / CM_PER_M

    @classmethod
    def empty(cls) -> FacilityArrays:
        """No facilities."""
        return cls(np.zeros(0, np.int64), np.zeros(0, np.int16), np.zeros(0, np.int32), np.zeros(0, np.int32))

    @classmethod
    def of(cls, points: FacilityPoints, keys: Sequence[str]) -> FacilityArrays:
        """The arrays of ``points`` with kinds indexed by ``keys``."""
        if not len(points):
            return cls.empty()
        index = {k: i for i, k in enumerate(keys)}
        unknown = len(keys)
        small = np.int8 if unknown <= np.iinfo(np.int8).max else np.int16  # a dozen types: a byte each
        kind = np.fromiter((index.get(k, unknown) for k in points.kind.tolist()), small, len(points))
        x, y = to_display(points.lon, points.lat)
        x_cm, y_cm = to_cm(x), to_cm(y)
        del x, y
        order = np.argsort(x_cm, kind="stable")
        return cls(_narrow(points.fid[order]), kind[order], x_cm[order], y_cm[order])

    def column(self, x0: float, x1: float) -> tuple[int, int]:
        """The index range of the facilities with ``x0 <= x <= x1`` (metres)."""
        a = np.searchsorted(self.x_cm, _at_least(x0), side="left")
        return int(a), int(np.searchsorted(self.x_cm, _at_most(x1), side="right"))

    def within(
        self, x0: float, x1: float, y0: float, y1: float, column_limit: int, most: int | None = None
    ) -> np.ndarray | None:
        """Indices of the facilities inside the rectangle (metres), in fid order; None when the
        rectangle's column holds more than ``column_limit`` (then the view is too wide to be worth
        a pass) or the rectangle more than ``most`` (then they are not put in order either)."""
        a, b = self.column(x0, x1)
        if b - a > column_limit:
            return None
        ys = self.y_cm[a:b]
        found = a + np.flatnonzero((ys >= _at_least(y0)) & (ys <= _at_most(y1)))
        if most is not None and len(found) > most:
            return None
        return found[np.argsort(self.fid[found], kind="stable")]

    def index_of(self, fid: int) -> int | None:
        """Where facility ``fid`` is, if drawn."""
        found = np.flatnonzero(self.fid == fid)
        return int(found[0]) if len(found) else None

    def remove(self, fid: int) -> None:
        """Take facility ``fid`` out (if it is in)."""
        k = self.index_of(fid)
        if k is not None:
            self.fid, self.kind = np.delete(self.fid, k), np.delete(self.kind, k)
            self.x_cm, self.y_cm = np.delete(self.x_cm, k), np.delete(self.y_cm, k)

    def put(self, facility: Facility, keys: Sequence[str]) -> None:
        """Put ``facility`` in as the file holds it now (moved, retyped, added; unlocated: out)."""
        assert facility.fid is not None
        self.remove(facility.fid)
        if facility.location is None:
            return
        x, y = to_display(np.array([facility.location[0]]), np.array([facility.location[1]]))
        x_cm, y_cm = to_cm(x), to_cm(y)
        k = int(np.searchsorted(self.x_cm, x_cm[0], side="right"))
        kind = keys.index(facility.kind) if facility.kind in keys else len(keys)
        fid = self.fid if facility.fid <= np.iinfo(self.fid.dtype).max else self.fid.astype(np.int64)
        self.fid, self.kind = np.insert(fid, k, facility.fid), np.insert(self.kind, k, kind)
        self.x_cm, self.y_cm = np.insert(self.x_cm, k, x_cm[0]), np.insert(self.y_cm, k, y_cm[0])


def _narrow(fid: np.ndarray) -> np.ndarray:
    """``fid`` as int32 when every one fits (half the memory: 8 MB fewer for two million)."""
    if len(fid) and np.iinfo(np.int32).min <= fid.min() and fid.max() <= np.iinfo(np.int32).max:
        return fid.astype(np.int32)
    return fid


#: from this many facilities a file's are read in a helper process (the rows' transient memory
#: stays out of the viewer); fewer are read in the calling thread
HELPER_FROM = 200_000


def read_arrays(path: Path, keys: Sequence[str], cancel: Callable[[], bool] = lambda: False) -> FacilityArrays:
    """The located facilities of the inventory file at ``path`` as :class:`FacilityArrays`.

    ``cancel`` is asked every tenth of a second while a helper reads: when it says so,
    ``InterruptedError`` is raised at once (the file closed before its facilities came).
    """
    from onemap.store import Inventory

    with Inventory.open(path, readonly=True) as inventory:
        if inventory.table_count("facilities") < HELPER_FROM:
            return FacilityArrays.of(inventory.facility_points(), keys)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    # spawned, not forked: the viewer runs Qt and threads (see onemap.brief.parallel.fork_safe)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        pending = pool.submit(_read_here, path, list(keys))
        while not pending.done():
            if cancel():  # the helper finishes its read and ends; nobody waits for it
                raise InterruptedError
            wait([pending], timeout=0.1)
        return pending.result()
    except InterruptedError:  # an OSError too: not a reason to read here
        raise
    except (BrokenProcessPool, RuntimeError, OSError):  # no helper here (a script without a main guard …)
        return _read_here(path, list(keys))
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _read_here(path: Path, keys: list[str]) -> FacilityArrays:
    """In the helper: read and arrange (see :func:`read_arrays`)."""
    from onemap.store import Inventory

    with Inventory.open(path, readonly=True) as inventory:
        return FacilityArrays.of(inventory.facility_points(), keys)
