"""A small offline basemap made from the inventory itself, so the first start shows a map.

Land inside the county outlines in a warm paper tone, built-up areas around the estates,
quiet boundaries and the names of counties (zoomed out), rendered with QPainter into PNG
tiles and written with :func:`onemap.geo.mbtiles.write_mbtiles`.
A few hundred to ~1,500 tiles; the deepest zoom is chosen to stay within that budget.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyqtgraph.functions as fn
import shapely
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen

from onemap.geo.mbtiles import MBTiles, MBTilesError, write_mbtiles
from onemap.geo.tiles import ORIGIN_SHIFT_M, tile_bounds_3857, tile_range
from onemap.gui.canvas.map_canvas import BACKGROUND as OUTSIDE
from onemap.gui.i18n import tr
from onemap.userdirs import user_data_dir
from onemap.view.culling import PointIndex
from onemap.view.extent import Extent, to_lonlat
from onemap.view.labels import LabelCandidate, place_labels
from onemap.view.session import MapSession

TILE = 256
MAX_TILES = 1500
MAX_ZOOM = 16
ATTRIBUTION = "底图：OneMap 据清单行政区划生成（离线）"
LAND, BUILT, NAME = "#f7f4ed", "#ede6d8", "#7d7264"  # boundaries come from the vector admin layer
#: built-up areas: a disc this wide round every estate (the demo's estates sit ~380 m apart, so discs merge)
BUILT_RADIUS_M = 380.0
#: county names baked into tiles up to this zoom: none now.  Place names are vector labels drawn
#: above the estates (onemap/gui/canvas/reflayers.py): in tiles they blurred when a tile was
#: stretched between zooms, came out oversized and lay under the cluster rings.
COUNTY_MAX_ZOOM = -1
#: what the builder draws, kept as the MBTiles ``version``: a basemap made by an older builder
#: (version 1 baked county names into its tiles) is rebuilt in the background when shown
BASEMAP_VERSION = 2
Progress = Callable[[float, str], None]


def basemap_path_for(inventory: Path) -> Path:
    """Where the generated basemap of an inventory is kept (the user's data folder, never beside the file)."""
    digest = hashlib.sha1(str(inventory.resolve()).encode("utf-8")).hexdigest()[:12]
    return user_data_dir() / "basemaps" / f"{inventory.stem}-{digest}.mbtiles"


@dataclass
class _Sources:
    """What the tiles are drawn from, in EPSG:3857."""

    land: list[shapely.Geometry]
    land_tree: shapely.STRtree
    county_names: list[tuple[str, float, float]]
    estates: PointIndex
    x: np.ndarray  # estate display coordinates by table row (the index returns rows)
    y: np.ndarray
    extent: Extent


def _sources(session: MapSession) -> _Sources:
    table = session.table
    land = [g for g in session.admin.geoms if g is not None and not g.is_empty]
    counties = []
    for name, geom in sorted(
        zip(session.admin.names, session.admin.geoms, strict=True),
        key=lambda ng: -(ng[1].area if ng[1] is not None else 0.0),
    ):
        if geom is not None and not geom.is_empty:
            point = shapely.point_on_surface(geom)
            counties.append((name, point.x, point.y))  # largest first: they win a contested spot
    if not land:  # no admin areas: a plain land box round the estates
        land = [shapely.box(*session.state.home.as_tuple())]
    return _Sources(
        land, shapely.STRtree(land), counties, PointIndex(table.x, table.y), table.x, table.y, session.state.home
    )


def plan_zooms(session: MapSession, max_tiles: int = MAX_TILES) -> dict[int, list[tuple[int, int]]]:
    """The tiles to draw, by zoom, within ``max_tiles``.

    Shallow zooms cover every admin area; once that grows too big, deeper zooms cover
    only the tiles around estates (towns), down to :data:`MAX_ZOOM`.  The viewer
    stretches a parent tile wherever a deeper one is missing.
    """
    src = _sources(session)
    span = max(src.extent.width, src.extent.height, 1.0)
    first = max(0, min(MAX_ZOOM, math.floor(math.log2(2 * ORIGIN_SHIFT_M / span)) - 1))
    plan: dict[int, list[tuple[int, int]]] = {}
    total, land_budget, whole = 0, max_tiles // 2, True
    for z in range(first, MAX_ZOOM + 1):
        tiles = _tiles_meeting(src.land_tree, src.extent, z) if whole else []
        if not whole or (plan and total + len(tiles) > land_budget):
            whole = False
            tiles = _tiles_near_estates(src, z)
        if plan and total + len(tiles) > max_tiles:
            break
        plan[z] = tiles
        total += len(tiles)
    return plan


def _tiles_meeting(tree: shapely.STRtree, extent: Extent, z: int) -> list[tuple[int, int]]:
    x0, y0, x1, y1 = tile_range(extent.as_tuple(), z)
    if (x1 - x0 + 1) * (y1 - y0 + 1) > 50_000:
        return [(0, 0)] * 50_001  # far over any budget
    keys = [(x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]
    boxes = shapely.box(*np.array([tile_bounds_3857(x, y, z) for x, y in keys]).T)
    hit = tree.query(boxes, predicate="intersects")[0]
    return [keys[i] for i in sorted(set(hit.tolist()))]


def _tiles_near_estates(src: _Sources, z: int) -> list[tuple[int, int]]:
    size = 2 * ORIGIN_SHIFT_M / (1 << z)
    x, y = src.estates.xs, src.estates.ys
    keys: set[tuple[int, int]] = set()
    for dx in (-BUILT_RADIUS_M, BUILT_RADIUS_M):
        for dy in (-BUILT_RADIUS_M, BUILT_RADIUS_M):
            col = np.floor((x + dx + ORIGIN_SHIFT_M) / size).astype(np.int64)
            row = np.floor((ORIGIN_SHIFT_M - (y + dy)) / size).astype(np.int64)
            keys.update(zip(col.tolist(), row.tolist(), strict=True))
    return sorted(keys, key=lambda k: (k[1], k[0]))


class _Painter:
    """Draws one zoom level's tiles (land simplified once per zoom)."""

    def __init__(self, src: _Sources, z: int, names_to: int = COUNTY_MAX_ZOOM) -> None:
        self.src, self.z, self.names_to = src, z, names_to
        self.res = 2 * ORIGIN_SHIFT_M / (TILE << z)
        self.land = [self._path(g) for g in shapely.simplify(np.array(src.land, dtype=object), self.res * 0.5)]
        self.font_county = _font(15, bold=True)
        self.names = self._place_names()

    def _px(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (x + ORIGIN_SHIFT_M) / self.res, (ORIGIN_SHIFT_M - y) / self.res

    def _path(self, geom: shapely.Geometry) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for ring in _rings(geom):
            px, py = self._px(ring[:, 0], ring[:, 1])
            poly = fn.create_qpolygonf(len(px))
            fn.ndarray_from_qpolygonf(poly)[:] = np.column_stack([px, py])
            path.addPolygon(poly)
        return path

    def tile(self, x: int, y: int) -> bytes:
        image = QImage(TILE, TILE, QImage.Format.Format_RGB32)
        image.fill(QColor(OUTSIDE))
        box = shapely.box(*tile_bounds_3857(x, y, self.z))
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.translate(-x * TILE, -y * TILE)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(LAND))
        for i in self.src.land_tree.query(box, predicate="intersects").tolist():
            p.drawPath(self.land[i])
        self._built(p, box)
        self._names(p, x, y)
        p.end()
        return _png(image)

    def _built(self, p: QPainter, box: shapely.Geometry) -> None:
        minx, miny, maxx, maxy = box.bounds
        reach = BUILT_RADIUS_M
        rows = self.src.estates.within(Extent(minx - reach, miny - reach, maxx + reach, maxy + reach))
        if not len(rows):
            return
        r = max(BUILT_RADIUS_M / self.res, 1.5)
        px, py = self._px(self.src.x[rows], self.src.y[rows])
        p.setBrush(QColor(BUILT))
        for a, b in zip(px.tolist(), py.tolist(), strict=True):
            p.drawEllipse(QPointF(a, b), r, r)

    def _place_names(self) -> list[tuple[str, float, float]]:
        """County names that fit at this zoom without overlapping (largest counties first), world pixels."""
        if self.z > self.names_to or not self.src.county_names:
            return []
        metrics = QFontMetricsF(self.font_county)
        world = float(TILE << self.z)
        candidates = []
        for i, (name, wx, wy) in enumerate(self.src.county_names):
            (px,), (py,) = self._px(np.array([wx]), np.array([wy]))
            centred = px - metrics.horizontalAdvance(name) / 2 - 6.5  # the first spot tried puts it centred
            candidates.append(LabelCandidate(i, centred, py, name, marker_px=1))
        placed = place_labels(
            candidates,
            metrics.horizontalAdvance,
            width_px=world,
            height_px=world,
            line_px=metrics.height(),
            marker_px=1,
            padding_px=6,
            max_labels=len(candidates),
        )
        return [(p.text, p.left, p.top + metrics.ascent()) for p in placed]

    def _names(self, p: QPainter, x: int, y: int) -> None:
        halo = QPen(QColor("#ffffff"), 3.5)
        halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        for text, left, baseline in self.names:
            if not (x * TILE - 300 < left < (x + 1) * TILE + 40 and y * TILE - 40 < baseline < (y + 1) * TILE + 60):
                continue
            path = QPainterPath()
            path.addText(left, baseline, self.font_county, text)
            p.strokePath(path, halo)
            p.fillPath(path, QColor(NAME))


def _rings(geom: shapely.Geometry | None) -> Iterator[np.ndarray]:
    if geom is None or geom.is_empty:
        return
    for ring in shapely.get_rings(shapely.get_parts(geom)):
        yield shapely.get_coordinates(ring)


def _font(pixels: int, bold: bool = False) -> QFont:
    from onemap.gui.appsetup import cjk_family

    font = QFont(cjk_family() or "")
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def build_basemap(
    session: MapSession,
    out: Path,
    *,
    max_tiles: int = MAX_TILES,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Path | None:
    """Render the inventory's own basemap to ``out``; ``None`` when cancelled.

    Parameters
    ----------
    session : MapSession
        The open inventory (its admin areas and estate positions are drawn).
    out : Path
        The ``.mbtiles`` file to write (its folder is created).
    max_tiles : int
        Tile budget: the deepest zoom that keeps the total within it is the last one.
    progress : callable, optional
        ``progress(fraction, message)``.
    cancel : callable, optional
        Returns True to stop early (nothing is written then).
    """
    src = _sources(session)
    plan = plan_zooms(session, max_tiles)
    total = sum(len(t) for t in plan.values())
    out.parent.mkdir(parents=True, exist_ok=True)

    def tiles() -> Iterator[tuple[int, int, int, bytes]]:
        done = 0
        for z, keys in plan.items():
            # no names on the deepest two zooms: the viewer stretches those tiles further in, and
            # stretched names look blurred
            painter = _Painter(src, z, names_to=min(COUNTY_MAX_ZOOM, max(plan) - 2))
            for x, y in keys:
                if cancel is not None and cancel():
                    raise _Cancelled
                yield z, x, y, painter.tile(x, y)
                done += 1
                if progress is not None and done % 25 == 0:
                    progress(done / total, tr("正在生成底图（{done}/{total}）").format(done=done, total=total))

    west, south = to_lonlat(src.extent.minx, src.extent.miny)
    east, north = to_lonlat(src.extent.maxx, src.extent.maxy)
    metadata = {
        "name": f"{session.title} 底图",
        "format": "png",
        "type": "baselayer",
        "version": str(BASEMAP_VERSION),
        "bounds": f"{west:.6f},{south:.6f},{east:.6f},{north:.6f}",
        "minzoom": str(min(plan)),
        "maxzoom": str(max(plan)),
        "attribution": ATTRIBUTION,
        "description": "OneMap 据清单行政区划与小区位置生成的离线底图",
    }
    try:
        write_mbtiles(out, tiles(), metadata)
    except _Cancelled:
        return None
    return out


def is_current(path: Path) -> bool:
    """Whether a generated basemap was made by this builder (False for an older or unreadable one)."""
    try:
        with MBTiles(path) as made:
            return made.metadata.get("version", "") == str(BASEMAP_VERSION)
    except (MBTilesError, OSError):
        return False


class _Cancelled(Exception):
    pass
