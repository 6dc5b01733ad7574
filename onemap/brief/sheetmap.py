"""The location map of one estate sheet: outline, buildings, neighbours, boundaries.

Drawn as vectors (an optional MBTiles underlay goes beneath), with scale bar, north
arrow, a legend and the CRS and basemap lines a surveyor would look for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import shapely
from reportlab.graphics.shapes import Group
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from onemap.brief.basemap import attribution, draw_underlay
from onemap.brief.context import BriefContext
from onemap.brief.legend import draw_legend
from onemap.brief.mapdraw import (
    LabelPlacer,
    draw_clipped,
    grey,
    north_arrow,
    scale_bar,
)
from onemap.brief.mapframe import MapFrame, plausible
from onemap.brief.palette import admin_line, marker, status_style
from onemap.brief.pathops import PathLayer
from onemap.brief.refdraw import draw_reference, reference_credit, reference_labels
from onemap.brief.sheetdata import MapLayers, map_layers
from onemap.brief.typeset import shorten
from onemap.model import Estate

FOOT = 34.0  # legend row and two text lines under the frame
MIN_SPAN_M = 650.0  # wide enough to show the neighbouring estates around a typical one
CRS_LINE = "坐标系 CGCS2000（EPSG:4490）· 图面投影 Web 墨卡托（EPSG:3857）"


def draw_estate_map(canvas: Canvas, box: tuple[float, float, float, float], estate: Estate, ctx: BriefContext) -> None:
    """Draw the estate's location map into ``box`` (x, y, w, h in the canvas's current frame)."""
    x, y, w, h = box
    map_box = (x, y + FOOT, w, h - FOOT)
    bounds = _bounds(estate)
    if bounds is None:
        canvas.setLineWidth(0.6)
        canvas.rect(*map_box, stroke=1, fill=0)
        canvas.setFont(ctx.ts.font.name, 9)
        why = (
            "未定位：坐标超出范围（经纬度可能写反），无法绘制位置图"
            if estate.location is not None
            else "未定位：本小区尚未标注位置，无法绘制位置图"
        )
        canvas.drawCentredString(x + w / 2, y + FOOT + (h - FOOT) / 2, why)
        return
    frame = MapFrame.around(bounds, map_box, min_span_m=MIN_SPAN_M)
    layers = map_layers(ctx.inventory, estate, frame.lonlat_bounds)
    paths, group = _layers(frame, estate, layers, ctx)
    underlay = None
    if ctx.basemap is not None:
        source = ctx.basemap
        underlay = lambda: draw_underlay(canvas, frame, source)  # noqa: E731
    draw_clipped(canvas, frame, group, ctx.ts.font.name, underlay, paths.ops)
    inset = (ctx.options.inset_images or {}).get(estate.code)
    if inset is not None:
        draw_3d_inset(canvas, map_box, inset, ctx.ts.font.name)
    _foot(canvas, frame, box, ctx, estate.status)


INSET_SHARE = 0.42  # of the map's width: big enough to read heights, small enough to keep the map


def draw_3d_inset(canvas: Canvas, map_box: tuple[float, float, float, float], image: Path, font: str) -> None:
    """A 3D picture of the estate in the map's lower-right corner, framed and captioned 三维示意."""
    x, y, w, h = map_box
    width = w * INSET_SHARE
    height = width * 0.62
    left, bottom = x + w - width - 3, y + 3
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(left - 1, bottom - 1, width + 2, height + 11, stroke=0, fill=1)
    canvas.drawImage(str(image), left, bottom, width, height, preserveAspectRatio=True, anchor="c")
    canvas.setLineWidth(0.5)
    canvas.setStrokeColor(colors.black)
    canvas.rect(left, bottom, width, height, stroke=1, fill=0)
    canvas.setFillColor(colors.black)
    canvas.setFont(font, 6.5)
    canvas.drawString(left + 2, bottom + height + 2, "三维示意（楼高按层数）")
    canvas.restoreState()


def _outline_drawable(estate: Estate) -> bool:
    if estate.outline is None or estate.outline.is_empty:
        return False
    minx, miny, maxx, maxy = (float(v) for v in estate.outline.bounds)
    return plausible(minx, miny) and plausible(maxx, maxy)


def _bounds(estate: Estate) -> tuple[float, float, float, float] | None:
    """What the map must show, or None for an estate with no (drawable) position."""
    if _outline_drawable(estate):
        minx, miny, maxx, maxy = (float(v) for v in estate.outline.bounds)  # type: ignore[union-attr]
        return minx, miny, maxx, maxy
    if estate.location is not None and plausible(*estate.location):
        lon, lat = estate.location
        return lon, lat, lon, lat
    return None


def _layers(frame: MapFrame, estate: Estate, layers: MapLayers, ctx: BriefContext) -> tuple[PathLayer, Group]:
    """The map's outlines and boundaries (drawn first), and its labels, scale bar and north arrow."""
    clear = ctx.basemap is not None  # over a basemap, fills would hide it
    group = Group()
    paths = PathLayer(group)
    outlined = [n for n in layers.neighbours if n.outline is not None]
    neighbours = list(zip(outlined, _pages(frame, [n.outline for n in outlined]), strict=True))
    draw_reference(paths, frame, ctx.reference, clear)  # streets, rivers, townships under the estates
    for _n, geom in neighbours:
        paths.polygon(geom, None if clear else grey(0.97), grey(0.45), 0.5)
    _boundaries(paths, frame, ctx)
    for geom in _pages(frame, layers.buildings):
        paths.polygon(geom, grey(0.82), grey(0.5), 0.25)
    own = _pages(frame, [estate.outline])[0] if _outline_drawable(estate) else None
    if own is not None:
        paths.polygon(own, None if clear else grey(0.93), None)
    placer = LabelPlacer(ctx.ts, frame)
    floors = []
    footprints = _pages(frame, [footprint for footprint, _storeys in layers.own_buildings])
    for geom, (_footprint, storeys) in zip(footprints, layers.own_buildings, strict=True):
        paths.polygon(geom, grey(0.45), colors.black, 0.3)
        floors.append((geom, storeys))
    if own is not None:
        paths.polygon(own, None, colors.black, 1.4)
    _labels(group, placer, frame, estate, own, neighbours, layers)
    _floors(group, placer, floors)
    for text, px, py, rank in reference_labels(frame, ctx.reference):  # after the estates' own: they win
        _add(group, placer.place(text, px, py, 7.0 if rank == 1 else 6.0, (0.0, 8.0, -8.0)))
    group.add(scale_bar(frame, ctx.ts))
    group.add(north_arrow(frame, ctx.ts))
    return paths, group


def _pages(frame: MapFrame, geoms: list[Any]) -> list[Any]:
    """Geometries (EPSG:4490) in page points, clipped 2 pt outside the frame, all in one go."""
    if not geoms:
        return []
    array = np.empty(len(geoms), dtype=object)
    array[:] = [shapely.Polygon() if g is None else g for g in geoms]
    broken = ~shapely.is_valid(array)
    if broken.any():  # ledgers hold self-crossing outlines; clipping needs valid ones
        array[broken] = shapely.make_valid(array[broken])
    x, y, w, h = frame.box
    return list(shapely.clip_by_rect(frame.geom_to_page(array), x - 2, y - 2, x + w + 2, y + h + 2))


def _add(group: Group, shape: Any) -> None:
    if shape is not None:
        group.add(shape)


def _boundaries(paths: PathLayer, frame: MapFrame, ctx: BriefContext) -> None:
    lon0, lat0, lon1, lat1 = frame.lonlat_bounds
    edges, bounds = _admin_edges(ctx)
    box = (lon0 - 0.01, lat0 - 0.01, lon1 + 0.01, lat1 + 0.01)
    # an edge whose bounds miss the box clips to nothing: only the few that meet it are clipped
    meets = (bounds[:, 0] <= box[2]) & (bounds[:, 2] >= box[0]) & (bounds[:, 1] <= box[3]) & (bounds[:, 3] >= box[1])
    for index in np.flatnonzero(meets):
        area, boundary = edges[index]
        edge = shapely.clip_by_rect(boundary, *box)
        if not edge.is_empty:
            line = admin_line(area.level)
            paths.line(frame.geom_to_page(edge), line.color, line.width, line.dash)


def _admin_edges(ctx: BriefContext) -> tuple[list[tuple[Any, Any]], np.ndarray]:
    """Each county and township's boundary with its bounds, worked out once per briefing (every
    sheet took the boundary of all of them again: 4 % of a sheet's time)."""
    cached = ctx.extras.get("admin_edges")
    if cached is None:
        edges = [(area, shapely.boundary(area.geom)) for area in ctx.admin]
        bounds = shapely.bounds(np.array([b for _a, b in edges], dtype=object)) if edges else np.empty((0, 4))
        cached = ctx.extras["admin_edges"] = (edges, np.nan_to_num(bounds, nan=np.inf).reshape(-1, 4))
    return cached


#: radius in points of the estate's status marker on its sheet
STATUS_MARK = 5.0


def _labels(
    group: Group,
    placer: LabelPlacer,
    frame: MapFrame,
    estate: Estate,
    own: Any,
    neighbours: list[tuple[Any, Any]],
    layers: MapLayers,
) -> None:
    if own is not None and not own.is_empty:
        anchor = own.representative_point()
    else:
        px, py = frame.to_page([estate.location[0]], [estate.location[1]])  # type: ignore[index]
        anchor = shapely.Point(float(px[0]), float(py[0]))
    # the estate's status marker, in the colour and shape it has on screen and on the overview
    look = status_style(estate.status)
    group.add(marker(look.marker, anchor.x, anchor.y, STATUS_MARK, look.fill))
    reach = STATUS_MARK * 1.4  # the star's points reach furthest
    placer.reserve((anchor.x - reach, anchor.y - reach, anchor.x + reach, anchor.y + reach))
    _add(group, placer.place(estate.name, anchor.x, anchor.y, 8.5, (8.0, -14.0, 0.0, 20.0), clamp=True))
    for neighbour, geom in sorted(neighbours, key=lambda pair: -pair[1].area):
        if not geom.is_empty and geom.area > 60:
            spot = geom.representative_point()
            _add(group, placer.place(neighbour.name, spot.x, spot.y, 6.5, (0.0, 9.0, -9.0), clamp=True))
    for neighbour in layers.neighbours:
        if neighbour.outline is None and neighbour.location is not None:
            px, py = frame.to_page([neighbour.location[0]], [neighbour.location[1]])
            if frame.page_box.contains(shapely.Point(float(px[0]), float(py[0]))):
                group.add(marker("circle", float(px[0]), float(py[0]), 2.2, grey(0.6)))
                _add(group, placer.place(neighbour.name, float(px[0]), float(py[0]) + 4, 6.5, (0.0, -13.0), clamp=True))


def _floors(group: Group, placer: LabelPlacer, floors: list[tuple[Any, int | None]]) -> None:
    for geom, storeys in floors:
        if storeys and not geom.is_empty and geom.area > 110:
            spot = geom.representative_point()
            label = placer.place(str(storeys), spot.x, spot.y - 2, 5.5)
            _add(group, label)


def _foot(
    canvas: Canvas, frame: MapFrame, box: tuple[float, float, float, float], ctx: BriefContext, status: str | None
) -> None:
    x, y, w, _h = box
    name = ctx.ts.font.name
    draw_legend(canvas, x, y + FOOT, w, ctx, status)
    canvas.setFont(name, 6.5)
    canvas.drawString(x, y + 12, shorten(ctx.ts, CRS_LINE, 6.5, w))
    base = attribution(ctx.basemap) if ctx.basemap is not None else "无（矢量图，数据取自本清单）"
    credit = reference_credit(ctx.reference)
    line = f"底图：{base}" + (f"；参考图层：{credit}" if credit else "")
    canvas.drawString(x, y + 3, shorten(ctx.ts, ctx.ts.text(line), 6.5, w))
