"""Positions for a whole ledger: which coordinate system, converted to CGCS2000, checked.

The coordinate system comes from a row's own 坐标系 cell, else the ``--crs`` flag, else
the file (GeoJSON), else the numbers themselves (degrees or Gauss-Kruger metres, with or
without the zone prefix) — one system for the dataset, never guessed point by point.
A position far outside the county is not placed: the estate is imported unlocated.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from onemap.io import cells, coords
from onemap.io.cells_fast import coordinate
from onemap.io.columns import ColumnMap
from onemap.io.ledger_rows import Draft
from onemap.io.ledger_table import SourceRow
from onemap.io.report import ImportReport


def _numbers(spot: Spot) -> tuple[float, float] | None:
    """The row's raw (x, y) as numbers: lon/lat, X/Y (surveyors' X is northing), or one cell."""
    return _pair(spot.coords)


def _pair(raw: dict[str, Any]) -> tuple[float, float] | None:
    """:func:`_numbers` of a row's coordinate cells."""
    if "lon" in raw and "lat" in raw:
        pair = (raw["lon"], raw["lat"])
    elif "x" in raw and "y" in raw:
        pair = (raw["x"], raw["y"])
    elif "lonlat" in raw:
        parts = str(raw["lonlat"]).replace("，", ",").replace(" ", ",").split(",")
        parts = [p for p in parts if p]
        if len(parts) != 2:
            return None
        pair = (parts[0], parts[1])
    else:
        return None
    x, y = coordinate(pair[0]), coordinate(pair[1])
    if x is None or y is None or not (math.isfinite(x) and math.isfinite(y)):
        return None
    return float(x), float(y)


class Spot(Protocol):
    """What locating needs of a row: a :class:`Draft`, or the slim :class:`Place` the survey reads."""

    row: int
    coords: dict[str, Any]
    geometry: dict[str, Any] | None


@dataclass
class Survey:
    """What the whole ledger says about positions, learnt before any row is written.

    ``dataset`` is the system of rows that name none; ``far`` the rows whose position is
    far outside the county (or the other estates); ``used`` the systems positions came in.
    """

    dataset: Any
    far: set[int] = field(default_factory=set)
    used: set[str] = field(default_factory=set)
    has_outline: bool = False
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    xs: np.ndarray = field(default_factory=lambda: np.zeros(0))
    ys: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def pair(self, spot: Spot) -> tuple[float, float] | None:
        """The row's numbers as the survey read them (``None``: it had none it could read)."""
        at = int(np.searchsorted(self.rows, spot.row))
        if at < len(self.rows) and self.rows[at] == spot.row:
            return float(self.xs[at]), float(self.ys[at])
        return None

    def pairs(self, spots: list[Draft]) -> list[tuple[float, float] | None]:
        """:meth:`pair` of each spot, looked up together."""
        if not len(self.rows) or not spots:
            return [None] * len(spots)
        wanted = np.fromiter((spot.row for spot in spots), np.int64, len(spots))
        at = np.minimum(np.searchsorted(self.rows, wanted), len(self.rows) - 1)
        hit = (self.rows[at] == wanted).tolist()
        xs, ys = self.xs[at].tolist(), self.ys[at].tolist()
        return [(x, y) if h else None for h, x, y in zip(hit, xs, ys, strict=True)]

    @property
    def crs_text(self) -> str:
        """The systems used, for the report."""
        return "、".join(sorted(self.used)) or ("未能识别" if self.dataset is None else str(self.dataset))


@dataclass
class Gathered:
    """Every row's raw position as numbers (three arrays), its own system, and any geometry."""

    rows: array[int] = field(default_factory=lambda: array("q"))
    xs: array[float] = field(default_factory=lambda: array("d"))
    ys: array[float] = field(default_factory=lambda: array("d"))
    named: array[int] = field(default_factory=lambda: array("b"))
    #: per row, the index in ``systems`` of the system its own cell names (-1: none): 2 bytes a row
    crs_ids: array[int] = field(default_factory=lambda: array("h"))
    systems: list[Any] = field(default_factory=list)
    shapes: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    count: int = 0

    def crs_of(self, row: int) -> Any:
        """The system row ``row``'s own cell names (``None``: none, or the row has no numbers)."""
        at = bisect_left(self.rows, row)
        if at < len(self.rows) and self.rows[at] == row and self.crs_ids[at] >= 0:
            return self.systems[self.crs_ids[at]]
        return None


def gather(spots: Iterable[Spot]) -> Gathered:
    """Read every row's position once; only numbers are kept, a few MB for 420,000 rows."""
    found = Gathered()
    for spot in spots:
        found.count += 1
        if spot.geometry is not None:
            found.shapes.append((spot.row, spot.geometry))
        pair = _numbers(spot)
        if pair is None:
            continue
        found.rows.append(spot.row)
        found.xs.append(pair[0])
        found.ys.append(pair[1])
        found.named.append("crs" in spot.coords)
        crs = _named(spot.coords["crs"]) if "crs" in spot.coords else None
        found.crs_ids.append(-1 if crs is None else _index(found.systems, crs))
    return found


def gather_rows(rows: Iterable[SourceRow], mapping: ColumnMap) -> Gathered:
    """:func:`gather` of :func:`~onemap.io.ledger_rows.coords_of` of each row not skipped, in one loop.

    No ``Place`` per row; a coordinate-system cell (the same few texts on every row) is
    judged blank and named once per distinct text.
    """
    found = Gathered()
    columns = mapping.coordinate_columns()
    blank = cells.blank
    said: dict[str, bool] = {}  # a 坐标系 text -> blank
    ids: dict[str, int] = {}  # a 坐标系 text -> its index in found.systems (-1: names none)
    rows_add, xs_add, ys_add = found.rows.append, found.xs.append, found.ys.append
    named_add, crs_add = found.named.append, found.crs_ids.append
    count = 0
    for source in rows:
        if source.skip is not None:
            continue
        count += 1
        row, values = source.number, source.cells
        coords: dict[str, Any] = {}
        for header, target in columns:
            raw = values.get(header)
            empty: bool | None
            if type(raw) is str and "0" <= raw[:1] <= "9":  # a digit: filled, as blank() says of any
                empty = False
            elif target == "crs" and type(raw) is str:
                empty = said.get(raw)
                if empty is None:
                    empty = said[raw] = blank(raw)
            else:
                empty = blank(raw)
            if not empty:
                coords[target] = values[header]
        if source.geometry is not None:
            found.shapes.append((row, source.geometry))
        pair = _pair(coords)
        if pair is None:
            continue
        rows_add(row)
        xs_add(pair[0])
        ys_add(pair[1])
        if "crs" in coords:
            named_add(True)
            text = coords["crs"]
            at = ids.get(text) if type(text) is str else None
            if at is None:
                crs = _named(text)
                at = -1 if crs is None else _index(found.systems, crs)
                if type(text) is str:
                    ids[text] = at
            crs_add(at)
        else:
            named_add(False)
            crs_add(-1)
    found.count = count
    return found


def _index(systems: list[Any], crs: Any) -> int:
    """The index of ``crs`` in ``systems`` (added if new): a ledger names a handful at most."""
    try:
        return systems.index(crs)
    except ValueError:
        systems.append(crs)
        return len(systems) - 1


def survey(
    spots: Iterable[Spot] | Gathered,
    file_crs: str | None,
    flag_crs: str,
    outline: BaseGeometry | None,
    report: ImportReport,
) -> Survey:
    """The dataset's system and the rows that are far off, from every row's position."""
    g = spots if isinstance(spots, Gathered) else gather(spots)
    rows = np.array(g.rows, dtype=np.int64)
    x_all, y_all = np.array(g.xs, dtype=float), np.array(g.ys, dtype=float)
    unnamed = np.array(g.named, dtype=np.int8) == 0
    first_unnamed = int(rows[unnamed][0]) if unnamed.any() else 0
    explicit = _named(flag_crs) or _named(file_crs)
    dataset = explicit or _guess(x_all[unnamed], y_all[unnamed], outline, first_unnamed, report)
    order = np.argsort(rows, kind="stable")  # rows come in file order already; sorting makes sure
    found = Survey(dataset, has_outline=outline is not None, rows=rows[order], xs=x_all[order], ys=y_all[order])
    at, lons, lats = _survey_positions(rows, x_all, y_all, g, dataset, found)
    shaped = _shape_positions(g.shapes, g, dataset, found)
    at = np.concatenate([at, np.array([r for r, _x, _y in shaped], dtype=np.int64)])
    lons = np.concatenate([lons, np.array([x for _r, x, _y in shaped], dtype=np.float64)])
    lats = np.concatenate([lats, np.array([y for _r, _x, y in shaped], dtype=np.float64)])
    if len(at):
        far = coords.outlier_mask(np.column_stack((lons, lats)), area=outline)
        found.far = set(at[far].tolist())
    return found


def _survey_positions(
    rows: np.ndarray, xs: np.ndarray, ys: np.ndarray, g: Gathered, dataset: Any, found: Survey
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows and CGCS2000 positions of every row with numbers, one array pass per coordinate system."""
    ids = np.array(g.crs_ids, dtype=np.int16)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for k in dict.fromkeys(ids.tolist()):  # systems in the order rows first name them
        crs = g.systems[k] if k >= 0 else dataset
        if crs is None:
            continue
        found.used.add(str(crs))
        mine = ids == k
        x, y = xs[mine], ys[mine]
        swap = coords.swapped_mask(x, y, crs)
        x, y = np.where(swap, y, x), np.where(swap, x, y)
        lons, lats = _converted(crs, x, y)
        ok = np.isfinite(lons) & np.isfinite(lats)
        parts.append((rows[mine][ok], lons[ok], lats[ok]))
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0), np.zeros(0)
    return (
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([p[2] for p in parts]),
    )


def _shape_positions(
    shapes: list[tuple[int, dict[str, Any]]], g: Gathered, dataset: Any, found: Survey
) -> list[tuple[int, float, float]]:
    located = []
    for row, geometry in shapes:
        crs = g.crs_of(row) or dataset
        if crs is None:
            continue
        found.used.add(str(crs))
        values: dict[str, Any] = {}
        _from_geometry(geometry, crs, values)
        if values.get("location") is not None:
            located.append((row, *values["location"]))
    return located


def _converted(crs: Any, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    try:
        lons, lats, _source = coords.to_cgcs2000_array(xs, ys, crs)
    except (ValueError, ArithmeticError):
        return np.full_like(xs, np.nan), np.full_like(ys, np.nan)
    return lons, lats


def locate_batch(drafts: list[Draft], found: Survey, report: ImportReport) -> None:
    """Place a batch of drafts with what the survey learnt, warning row by row."""
    dataset = found.dataset
    groups: dict[Any, list[tuple[Draft, float, float]]] = {}
    for draft, pair in zip(drafts, found.pairs(drafts), strict=True):
        row_crs = _named(draft.coords.get("crs"))
        if "crs" in draft.coords and row_crs is None:
            report.warn(
                draft.row,
                "坐标系",
                f"无法识别坐标系“{draft.coords['crs']}”，按 {dataset} 处理",
                f"unknown coordinate system; read as {dataset}",
            )
        crs = row_crs or dataset
        if draft.geometry is not None:
            if crs is not None:
                _from_geometry(draft.geometry, crs, draft.values)
        elif pair is not None and crs is not None:
            x, y, swapped = coords.fix_swapped(*pair, crs)
            if swapped:
                report.warn(
                    draft.row, "经度/纬度", "经度和纬度填反了，已自动对调", "longitude and latitude were swapped; fixed"
                )
            groups.setdefault(crs, []).append((draft, x, y))
        elif pair is None and any(k in draft.coords for k in ("lon", "lat", "x", "y", "lonlat")):
            report.warn(
                draft.row, "坐标", "坐标无法识别，小区按未定位导入", "unreadable coordinates; imported unlocated"
            )
    for crs, members in groups.items():
        _convert_group(crs, members, report)
    _drop_far(drafts, found, report)


def _named(text: Any) -> Any:
    """The system a cell or flag names (``None`` for blank, ``auto`` or unreadable)."""
    if text is None or str(text).strip() == "":
        return None
    if isinstance(text, str):  # a ledger repeats its 坐标系 cell on every row: read each text once
        return _named_text(text)
    return coords.crs_from_text(text).value


@lru_cache(maxsize=1024)
def _named_text(text: str) -> Any:
    return coords.crs_from_text(text).value


def _guess(xs: np.ndarray, ys: np.ndarray, outline: BaseGeometry | None, first_row: int, report: ImportReport) -> Any:
    """The dataset's system from its numbers; when they cannot tell, say why on the first row."""
    if not len(xs):
        return "cgcs2000"
    centre = outline.representative_point() if outline is not None else None
    guess = coords.guess_crs(xs, ys, None if centre is None else (centre.x, centre.y))
    if guess.value is None and guess.reason_zh:
        report.warn(
            first_row,
            "坐标",
            f"{guess.reason_zh}；这些小区按未定位导入",
            f"{guess.reason_en}; these estates are imported unlocated",
        )
    return guess.value


def _convert_group(crs: Any, members: list[tuple[Draft, float, float]], report: ImportReport) -> None:
    """Convert every point of one coordinate system at once (GCJ-02/BD-09 inverses iterate)."""
    xs = np.array([m[1] for m in members])
    ys = np.array([m[2] for m in members])
    try:
        lons, lats, source = coords.to_cgcs2000_array(xs, ys, crs)
    except (ValueError, ArithmeticError):
        lons, lats, source = np.full_like(xs, np.nan), np.full_like(ys, np.nan), "import"
    for (draft, x, y), lon, lat in zip(members, np.asarray(lons).tolist(), np.asarray(lats).tolist(), strict=True):
        if not (math.isfinite(lon) and math.isfinite(lat)):
            report.warn(
                draft.row,
                "坐标",
                f"坐标 {x}, {y} 不能按 {crs} 换算，小区按未定位导入",
                f"coordinates {x}, {y} do not fit {crs}; imported unlocated",
            )
            continue
        draft.values["location"] = (float(lon), float(lat))
        draft.values.setdefault("coord_source", source)


def _from_geometry(geometry: dict[str, Any], crs: Any, values: dict[str, Any]) -> None:
    """A GeoJSON geometry converted: polygons give the outline and a point inside it."""
    geom = shape(geometry) if geometry else None
    if geom is None or geom.is_empty:
        return
    converted = shapely.transform(geom, lambda xy: _convert_array(xy, crs))
    if converted.geom_type == "GeometryCollection":  # a point and its outline (OneMap's GIS exports)
        for part in converted.geoms:
            if part.geom_type == "Point":
                values["location"] = (part.x, part.y)
            elif part.geom_type in ("Polygon", "MultiPolygon"):
                values["outline"] = part
    elif converted.geom_type in ("Polygon", "MultiPolygon"):
        values["outline"] = converted
        point = converted.representative_point()
        values.setdefault("location", (point.x, point.y))
    elif converted.geom_type == "Point":
        values["location"] = (converted.x, converted.y)
    values.setdefault("coord_source", "import")


def _convert_array(xy: np.ndarray, crs: Any) -> np.ndarray:
    lons, lats, _source = coords.to_cgcs2000_array(xy[:, 0], xy[:, 1], crs)
    return np.column_stack((lons, lats))


def _drop_far(drafts: list[Draft], found: Survey, report: ImportReport) -> None:
    for draft in drafts:
        if draft.row not in found.far or draft.values.get("location") is None:
            continue
        lon, lat = draft.values.pop("location")
        draft.values.pop("outline", None)
        where = "县域" if found.has_outline else "其他小区"
        report.warn(
            draft.row,
            "坐标",
            f"位置（{lon:.5f}, {lat:.5f}）远在{where}之外，小区按未定位导入，请核对坐标",
            f"position ({lon:.5f}, {lat:.5f}) is far outside the county; imported unlocated",
        )
