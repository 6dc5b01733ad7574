"""Every estate of an inventory as columns (numpy arrays), for drawing, filtering and search.

The map, the attribute table, the legend and the status bar all read this one table,
loaded once when an inventory opens.  220,000 estates load in about a second: the
point blobs are parsed in bulk rather than one shapely object per row.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import NDArray

from onemap.geo.crs import CGCS2000, WEB_MERCATOR, transformer
from onemap.model import CATEGORIES, STATUSES
from onemap.store.geometry import decode

if TYPE_CHECKING:
    from onemap.store import Inventory

STATUS_KEYS: tuple[str, ...] = tuple(STATUSES)
CATEGORY_KEYS: tuple[str, ...] = tuple(CATEGORIES)
#: bit of each category in :attr:`EstateTable.category_bits`
CATEGORY_BITS: dict[str, int] = {key: 1 << i for i, key in enumerate(CATEGORY_KEYS)}

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
_PLAIN_POINT_LEN = 29  # 8-byte GPKG header without envelope + 21-byte little-endian WKB point

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int32]
ObjArray = NDArray[np.object_]


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

    def reindex(self) -> None:
        """Find rows by code again (after rows were inserted or deleted)."""
        self._rows: dict[str, int] = {code: i for i, code in enumerate(self.code.tolist())}

    def __len__(self) -> int:
        return len(self.code)

    @property
    def located(self) -> NDArray[np.bool_]:
        """True for estates with a position."""
        return ~np.isnan(self.x)

    def row_of(self, code: str) -> int | None:
        """The row of an estate code, or ``None`` when the code is not in the table."""
        return self._rows.get(code)

    def rows_of(self, codes: list[str] | tuple[str, ...]) -> NDArray[np.intp]:
        """Rows of the codes that are in the table, in the given order."""
        rows = [self._rows[c] for c in codes if c in self._rows]
        return np.asarray(rows, dtype=np.intp)

    @classmethod
    def load(cls, inventory: Inventory) -> EstateTable:
        """Read every estate's columns from an inventory (one query, plus one for camera counts).

        Parameters
        ----------
        inventory : Inventory
            The open inventory.
        """
        return cls.from_rows(inventory.estate_columns(_COLUMNS), inventory.camera_counts())

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
        cols: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) if rows else [()] * len(_COLUMNS)
        data = dict(zip(_COLUMNS, cols, strict=True))
        lon, lat = points_from_blobs(data["geom"])
        x, y = _to_web_mercator(lon, lat)
        code = _objects(data["code"])
        table = cls(
            fid=np.asarray(data["fid"], dtype=np.int64).reshape(len(code)),
            code=code,
            name=_objects(data["name"]),
            township=_objects(data["township"]),
            community=_objects(data["community"]),
            address=_objects(data["address"]),
            status=_status_index(data["status"]),
            renewal_year=_years(data["renewal_year"]),
            category_bits=_category_bits(data["categories"]),
            households=_floats(data["households"]),
            buildings=_floats(data["buildings"]),
            investment_wan=_floats(data["investment_wan"]),
            cameras=np.zeros(len(code), dtype=np.int32),
            lon=lon,
            lat=lat,
            x=x,
            y=y,
        )
        for estate_code, n in cameras.items():
            row = table.row_of(estate_code)
            if row is not None:
                table.cameras[row] = n
        return table

    def take(self, rows: NDArray[np.intp]) -> EstateTable:
        """A new table of some rows (copies), in the given order."""
        return EstateTable(**{name: getattr(self, name)[rows] for name in COLUMN_NAMES})


def points_from_blobs(blobs: tuple[bytes | None, ...] | list[bytes | None]) -> tuple[FloatArray, FloatArray]:
    """``(lon, lat)`` arrays from GeoPackage POINT blobs (NaN for NULL and empty points)."""
    n = len(blobs)
    lon, lat = np.full(n, np.nan), np.full(n, np.nan)
    try:  # lengths in C; a NULL geometry (None) has none
        sizes = np.fromiter(map(len, cast("list[bytes]", blobs)), dtype=np.int64, count=n)
    except TypeError:
        sizes = np.fromiter((0 if b is None else len(b) for b in blobs), dtype=np.int64, count=n)
    candidates = np.flatnonzero(sizes == _PLAIN_POINT_LEN)
    plain = np.zeros(n, dtype=bool)
    if len(candidates):
        joined = b"".join(compress(blobs, sizes == _PLAIN_POINT_LEN))  # type: ignore[arg-type]
        raw = np.frombuffer(joined, dtype=np.uint8).reshape(-1, _PLAIN_POINT_LEN)
        ok = (raw[:, 3] == 1) & (raw[:, 8] == 1)  # little-endian, no envelope, not empty; little-endian WKB
        xy = raw[ok, 13:29].copy().view("<f8")
        rows = candidates[ok]
        plain[rows] = True
        lon[rows], lat[rows] = xy[:, 0], xy[:, 1]
    for i in np.flatnonzero(~plain):
        lon[i], lat[i] = _point(blobs[i])
    return lon, lat


def _point(blob: bytes | None) -> tuple[float, float]:
    if blob is None:
        return np.nan, np.nan
    try:
        geom = decode(blob)
    except (ValueError, struct.error, Exception):  # a damaged blob is an unlocated estate
        return np.nan, np.nan
    if geom is None or geom.is_empty or geom.geom_type != "Point":
        return np.nan, np.nan
    return float(geom.x), float(geom.y)


def _to_web_mercator(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    x, y = np.full_like(lon, np.nan), np.full_like(lat, np.nan)
    ok = ~(np.isnan(lon) | np.isnan(lat)) & (np.abs(lat) < 85.0)
    if ok.any():
        tx, ty = transformer(CGCS2000, WEB_MERCATOR).transform(lon[ok], lat[ok])
        x[ok], y[ok] = tx, ty
    return x, y


def _objects(values: tuple[Any, ...]) -> ObjArray:
    # TEXT affinity hands back str or None; a stray number still displays through str()
    out = np.empty(len(values), dtype=object)
    out[:] = values
    out[out == ""] = None
    return out


def _years(values: tuple[Any, ...]) -> IntArray:
    years = _floats(values)
    return np.where(np.isnan(years), 0, years).astype(np.int32)


def _floats(values: tuple[Any, ...]) -> FloatArray:
    try:
        return np.asarray(values, dtype=np.float64).reshape(len(values))
    except (TypeError, ValueError):  # text in a number column (an imported ledger): blank it
        return np.asarray([_float(v) for v in values], dtype=np.float64)


def _float(value: Any) -> float:
    try:
        return float(value) if value is not None and value != "" else np.nan
    except (TypeError, ValueError):
        return np.nan


def _status_index(values: tuple[Any, ...]) -> NDArray[np.int8]:
    from onemap.store.check_status import status_key

    index = {key: i for i, key in enumerate(STATUS_KEYS)}
    # a label another program stored (在建) lands in its status's class, legend count included
    classes = {v: index.get(str(status_key(v)), -1) if v else -1 for v in set(values)}
    return np.asarray([classes[v] for v in values], dtype=np.int8)


def _category_bits(values: tuple[Any, ...]) -> NDArray[np.uint8]:
    bits = {text: sum(CATEGORY_BITS.get(k.strip(), 0) for k in set(str(text or "").split(","))) for text in set(values)}
    return np.fromiter(map(bits.__getitem__, values), dtype=np.uint8, count=len(values))
