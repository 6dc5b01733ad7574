"""Every estate of an inventory as columns (numpy arrays), for drawing, filtering and search.

The map, the attribute table, the legend and the status bar all read this one table,
loaded once when an inventory opens.  220,000 estates load in about a second: the
point blobs are parsed in bulk rather than one shapely object per row.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from onemap.view import column_values as cv
from onemap.view.column_values import CATEGORY_BITS, CATEGORY_KEYS, STATUS_KEYS, points_from_blobs
from onemap.view.later_columns import LATER, RestOfColumns

if TYPE_CHECKING:
    from onemap.store import Inventory

__all__ = ["CATEGORY_BITS", "CATEGORY_KEYS", "COLUMN_NAMES", "LATER", "STATUS_KEYS", "EstateTable", "points_from_blobs"]

_COLUMNS = (
    "fid",
    "code",
    "name",
    "township",
    "community",
    "address",
    "status",
    "renewal_year",
    "categories",
    "households",
    "buildings",
    "investment_wan",
    "geom",
)
#: every array of an :class:`EstateTable`, one value per estate
COLUMN_NAMES: tuple[str, ...] = (
    "code",
    "name",
    "township",
    "community",
    "address",
    "status",
    "renewal_year",
    "category_bits",
    "households",
    "buildings",
    "investment_wan",
    "cameras",
    "lon",
    "lat",
    "x",
    "y",
    "fid",
)
#: what the first frame of the map reads (positions, colours by status, labels by households)
_FIRST = ("fid", "code", "name", "status", "households", "geom")
#: the rest, read after the first frame (:meth:`EstateTable.load_first`), with the camera counts
_REST = ("fid", "township", "community", "address", "renewal_year", "categories", "buildings", "investment_wan")

#: None as an array, to compare object arrays with element by element
_NONE = np.array(None, dtype=object)
#: what a blank code is sorted and searched as (see :meth:`EstateTable.row_of`)
_BLANK_CODE = "\ufffe(blank)"
#: estates read and turned into arrays at a time (see :func:`_read`)
BATCH_ROWS = 20_000
#: a text column's pool of shared texts (None: a column of distinct texts), by column name
Pools = dict[str, "dict[Any, Any] | None"]
Convert = Callable[[dict[str, list[Any]], Pools], dict[str, Any]]
FloatArray = cv.FloatArray
IntArray = cv.IntArray
ObjArray = cv.ObjArray


@dataclass
class EstateTable:
    """Columns of every estate, one row per estate, in file order.

    Text columns are object arrays holding ``str`` or ``None`` (blank).  ``status`` is an
    index into :data:`STATUS_KEYS` (-1 for blank or unknown), ``renewal_year`` is 0 when
    blank, numbers are NaN when blank, ``lon``/``lat`` (EPSG:4490) and ``x``/``y``
    (EPSG:3857 metres) are NaN for estates not yet located.
    """

    code: ObjArray
    name: ObjArray
    township: ObjArray
    community: ObjArray
    address: ObjArray
    status: NDArray[np.int8]
    renewal_year: IntArray
    category_bits: NDArray[np.uint8]
    households: FloatArray
    buildings: FloatArray
    investment_wan: FloatArray
    cameras: IntArray
    lon: FloatArray
    lat: FloatArray
    x: FloatArray
    y: FloatArray
    #: the file's row id of each estate (ascending: file order); 1, 2, 3… when made without one
    fid: NDArray[np.int64] | None = None

    def __post_init__(self) -> None:
        if self.fid is None:
            self.fid = np.arange(1, len(self.code) + 1, dtype=np.int64)
        self.reindex()

    def __getattr__(self, name: str) -> Any:
        # only for attributes not set: a column read after the first frame waits for its reading
        rest = self.__dict__.get("_rest")
        if name in LATER and rest is not None:
            rest.wait()
            return self.__dict__[name]
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        # rows renumbered (a patch) before the later columns are in would misalign them: wait first
        if name in COLUMN_NAMES:
            self.complete()
        object.__setattr__(self, name, value)

    def complete(self) -> None:
        """Wait until every column is in (a table from :meth:`load_first`; others always are)."""
        rest = self.__dict__.get("_rest")
        if rest is not None:
            rest.wait()

    def until_wanted(self, timeout_s: float) -> None:
        """Wait up to ``timeout_s`` until someone waits for the later columns (nothing when they are in)."""
        rest = self.__dict__.get("_rest")
        if rest is not None and timeout_s > 0:
            rest.wanted.wait(timeout_s)

    @property
    def is_complete(self) -> bool:
        """Whether every column is in (never waits)."""
        rest = self.__dict__.get("_rest")
        return rest is None or rest.done

    def reindex(self) -> None:
        """Find rows by code again (after rows were inserted or deleted).

        The codes' sorted order and the codes so sorted (12 bytes a row, not a dict's ~60) are made
        when first asked for.
        """
        self._order: NDArray[np.int32] | None = None
        self._sorted: ObjArray | None = None  # the codes in that order (the same str objects)
        self._blanks = False  # some codes are None (sorted as _BLANK_CODE, found by no code)

    def _code_order(self) -> tuple[NDArray[np.int32], ObjArray]:
        """The rows in code order (equal codes in row order) and the codes so sorted, made on first use."""
        order, ordered = self._order, self._sorted
        if order is None or ordered is None:
            codes = self.code
            blank = np.equal(codes, _NONE)
            if blank.any():  # none in a file, but None does not compare with texts
                codes = np.where(blank, _BLANK_CODE, codes)
            short = len(codes) and max(map(len, codes.tolist())) <= 32
            keys = codes.astype(str) if short else codes  # sorted as fixed-width text: 3x faster than objects
            order = np.argsort(keys, kind="stable").astype(np.int32)
            ordered = codes[order]
            self._order, self._sorted, self._blanks = order, ordered, bool(blank.any())
        return order, ordered

    def _find(self, codes: list[str] | tuple[str, ...]) -> NDArray[np.intp]:
        """Each code's row (the last of equal codes), -1 for a code not in the table."""
        order, ordered = self._code_order()
        wanted = np.empty(len(codes), dtype=object)
        wanted[:] = list(codes)
        if not len(order) or not len(wanted):
            return np.full(len(wanted), -1, dtype=np.intp)
        at = np.maximum(np.searchsorted(ordered, wanted, side="right") - 1, 0)
        rows = order[at].astype(np.intp)
        found = ordered[at] == wanted
        if self._blanks:
            found &= np.not_equal(self.code[rows], _NONE)
        return np.where(found, rows, -1)

    def __len__(self) -> int:
        return len(self.code)

    @property
    def located(self) -> NDArray[np.bool_]:
        """True for estates with a position."""
        return ~np.isnan(self.x)

    def row_of(self, code: str) -> int | None:
        """The row of an estate code, or ``None`` when the code is not in the table."""
        if not isinstance(code, str):
            return None
        order, ordered = self._code_order()
        at = bisect.bisect_right(ordered, code) - 1  # a few microseconds: callers ask in loops
        if at < 0 or ordered[at] != code:
            return None
        row = int(order[at])
        return None if self._blanks and self.code[row] is None else row

    def rows_of(self, codes: list[str] | tuple[str, ...]) -> NDArray[np.intp]:
        """Rows of the codes that are in the table, in the given order."""
        rows = self._find([c for c in codes if isinstance(c, str)])
        return np.asarray(rows[rows >= 0], dtype=np.intp)

    @classmethod
    def load(cls, inventory: Inventory) -> EstateTable:
        """Read every estate's columns from an inventory (one query, plus one for camera counts).

        Parameters
        ----------
        inventory : Inventory
            The open inventory.
        """
        table = cls.load_first(inventory)  # read a batch at a time (see _read), in one read transaction
        table.load_rest(inventory)
        table.complete()  # raises what the reading raised
        return table

    @classmethod
    def load_first(cls, inventory: Inventory) -> EstateTable:
        """Read what the map's first frame draws; :meth:`load_rest` (any thread) reads the rest.

        Until then reading a column of :data:`LATER` waits for it.  Both reads see the file in
        one state: a read transaction spans them (``inventory`` is used by nothing that writes).
        """
        inventory.begin_reading()
        try:
            first = _read(inventory, _FIRST, _first_columns)
        except BaseException:
            inventory.end_reading()
            raise
        table = cls.__new__(cls)
        table.__dict__.update(_rest=RestOfColumns(), **first)
        table.reindex()
        return table

    def load_rest(self, inventory: Inventory) -> None:
        """Read the columns :meth:`load_first` left (with the camera counts) and end its read transaction.

        Never raises: an error is raised to whoever reads one of those columns.
        """
        rest = self.__dict__.get("_rest")
        if rest is None:
            return
        try:
            try:
                columns = _read(inventory, _REST, _later_columns)
                cameras = inventory.camera_counts()
            finally:
                inventory.end_reading()
            if self.fid is None or not np.array_equal(columns.pop("fid"), self.fid):  # one transaction: never
                raise RuntimeError("the estates changed between the two reads")
            columns["cameras"] = _table_camera_counts(self, cameras)
        except BaseException as error:  # handed to the reader of a column
            rest.fail(error)
            return
        self.__dict__.update(columns)
        del self.__dict__["_rest"]
        rest.finish()

    @classmethod
    def load_codes(cls, inventory: Inventory, codes: Iterable[str]) -> EstateTable:
        """Read just the estates with these codes (those still in the file), in file order.

        What a refresh reads after an edit: the rows that changed, not the whole inventory.
        """
        codes = list(codes)
        return cls.from_rows(inventory.estate_columns_of(_COLUMNS, codes), inventory.camera_counts_of(codes))

    @classmethod
    def from_rows(cls, rows: list[tuple[Any, ...]], cameras: dict[str, int]) -> EstateTable:
        """A table from ``estates`` rows of the columns :data:`_COLUMNS`, and camera counts by code."""
        data = cv.transposed(rows, _COLUMNS)
        first = _first_columns(data)
        index = {code: i for i, code in enumerate(first["code"].tolist())}
        return cls(**first, **_rest_columns(data, index, cameras))

    def take(self, rows: NDArray[np.intp]) -> EstateTable:
        """A new table of some rows (copies), in the given order."""
        return EstateTable(**{name: getattr(self, name)[rows] for name in COLUMN_NAMES})


def _read(inventory: Inventory, names: tuple[str, ...], convert: Convert) -> dict[str, Any]:
    """Columns ``names`` of every estate as arrays, made a batch of rows at a time (``convert``: a batch's arrays).

    Reading 220,000 rows at once held a tuple and a ``str`` per cell until the end; the
    columns kept were scattered among them and 90 MB more stayed in the process.
    """
    pools: Pools = {}
    batches = inventory.estate_column_batches(names, size=BATCH_ROWS)
    parts = [convert(cv.transposed(rows, names), pools) for rows in batches]
    if not parts:
        parts = [convert(cv.transposed([], names), pools)]
    return {name: np.concatenate([part[name] for part in parts]) for name in parts[0]}


def _text(data: dict[str, list[Any]], name: str, pools: Pools) -> cv.ObjArray:
    """A text column of a batch, sharing repeated texts with the batches before (:func:`cv.text_pool`)."""
    if name not in pools:
        pools[name] = cv.text_pool(data[name])
    return cv.objects(data[name], pools[name])


def _first_columns(data: dict[str, list[Any]], pools: Pools | None = None) -> dict[str, Any]:
    """The arrays of :data:`_FIRST`'s columns."""
    pools = {} if pools is None else pools
    lon, lat = points_from_blobs(data["geom"])
    x, y = cv.to_web_mercator(lon, lat)
    code = cv.objects(data["code"])
    return {
        "fid": np.asarray(data["fid"], dtype=np.int64).reshape(len(code)),
        "code": code,
        "name": _text(data, "name", pools),
        "status": cv.status_index(data["status"]),
        "households": cv.floats(data["households"]),
        "lon": lon,
        "lat": lat,
        "x": x,
        "y": y,
    }


def _rest_columns(data: dict[str, list[Any]], index: dict[str, int], cameras: dict[str, int]) -> dict[str, Any]:
    """The arrays of :data:`LATER`: :data:`_REST`'s columns and the camera counts (rows by ``index``)."""
    columns = _later_columns(data)
    del columns["fid"]
    columns["cameras"] = _camera_counts(len(data["fid"]), index, cameras)
    return columns


def _later_columns(data: dict[str, list[Any]], pools: Pools | None = None) -> dict[str, Any]:
    """The arrays of :data:`_REST`'s columns (``fid`` among them, to check the rows against the first read)."""
    pools = {} if pools is None else pools
    return {
        "fid": np.asarray(data["fid"], dtype=np.int64).reshape(len(data["fid"])),
        "township": _text(data, "township", pools),
        "community": _text(data, "community", pools),
        "address": _text(data, "address", pools),
        "renewal_year": cv.years(data["renewal_year"]),
        "category_bits": cv.category_bits(data["categories"]),
        "buildings": cv.floats(data["buildings"]),
        "investment_wan": cv.floats(data["investment_wan"]),
    }


def _camera_counts(length: int, index: dict[str, int], cameras: dict[str, int]) -> IntArray:
    """Each of ``length`` rows' camera count (rows by ``index``, code -> row)."""
    counts = np.zeros(length, dtype=np.int32)
    found = [(row, n) for code, n in cameras.items() if (row := index.get(code)) is not None]
    if found:
        rows, ns = zip(*found, strict=True)
        counts[list(rows)] = ns
    return counts


def _table_camera_counts(table: EstateTable, cameras: dict[str, int]) -> IntArray:
    """Each of ``table``'s rows' camera count (``cameras``: count by code).

    One pass over the codes, not the code index: that is made when first asked for, not at opening.
    """
    if not cameras:
        return np.zeros(len(table.code), dtype=np.int32)
    return np.fromiter((cameras.get(c, 0) for c in table.code.tolist()), dtype=np.int32, count=len(table.code))
