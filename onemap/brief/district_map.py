"""The 片区 sheet's outline map: the dissolved 片区 outline, each member's outline and name,
members without an outline as their status marker, over the county's reference layers.

The dissolved outline is the one the viewer draws (:func:`onemap.checkup.district_geometry.dissolve`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Group, Line, Rect, String
from reportlab.lib import colors

from onemap.brief.context import BriefContext
from onemap.brief.district_data import District
from onemap.brief.mapdraw import LabelPlacer, draw_clipped, grey, new_drawing, north_arrow, scale_bar
from onemap.brief.mapframe import MapFrame, plausible
from onemap.brief.palette import marker, status_style
from onemap.brief.pathops import PathLayer
from onemap.brief.refdraw import draw_reference, reference_credit, reference_labels
from onemap.brief.sheetmap import CRS_LINE
from onemap.brief.typeset import shorten
from onemap.checkup.district_geometry import dissolve
from onemap.geo.crs import CGCS2000, WEB_MERCATOR, transformer

FOOT = 24.0
DASH = [5.0, 2.5]


def draw_district_map(
    canvas: Any, box: tuple[float, float, float, float], district: District, ctx: BriefContext
) -> None:
    """Draw the 片区 map into ``box`` (x, y, w, h); a framed note when no member is located."""
    x, y, w, h = box
    map_box = (x, y + FOOT, w, h - FOOT)
    points = [e.location for e in district.members if e.location is not None and plausible(*e.location)]
    shapes = list(district.outlines.values())
    if not points and not shapes:
        canvas.setLineWidth(0.6)
        canvas.rect(*map_box, stroke=1, fill=0)
        canvas.setFont(ctx.ts.font.name, 9)
        canvas.drawCentredString(x + w / 2, y + FOOT + (h - FOOT) / 2, "成员小区均未定位，无法绘制片区图")
        return
    bounds = shapely.union_all([*shapes, *(shapely.Point(p) for p in points)]).bounds
    frame = MapFrame.around(bounds, map_box, min_span_m=500.0, pad=0.08)
    group = Group()
    paths = PathLayer(group)
    draw_reference(paths, frame, ctx.reference, False)
    others = _neighbours(ctx, frame, district)
    for geom in others:  # unlabelled: the members' names are what the sheet is about
        paths.polygon(geom, grey(0.98), grey(0.55), 0.4)
    outline = _dissolved(frame, district, _township_of(ctx, district))
    if outline is not None:
        paths.polygon(outline, grey(0.95), None)
    pages = {c: frame.geom_to_page(g) for c, g in district.outlines.items()}
    for geom in pages.values():
        paths.polygon(geom, grey(0.72), colors.black, 0.6)
    if outline is not None:
        paths.line(outline.boundary, colors.black, 1.6, DASH)
    placer = LabelPlacer(ctx.ts, frame)
    _labels(group, placer, frame, district, pages, ctx)
    group.add(scale_bar(frame, ctx.ts))
    group.add(north_arrow(frame, ctx.ts))
    draw_clipped(canvas, frame, group, ctx.ts.font.name, None, paths.ops)
    _foot(canvas, ctx, x, y, w)


def _neighbours(ctx: BriefContext, frame: MapFrame, district: District) -> list[Any]:
    """Estates around the 片区 that are not its members, in page points (for orientation)."""
    from onemap.store.geometry import decode

    members = {e.code for e in district.members}
    found = []
    x, y, w, h = frame.box
    for code, _name, _status, blob in ctx.inventory.outlines_near(frame.lonlat_bounds):
        geom = None if code in members or blob is None else decode(blob)
        if geom is not None and not geom.is_empty:
            page = shapely.clip_by_rect(
                frame.geom_to_page(shapely.make_valid(geom)), x - 2, y - 2, x + w + 2, y + h + 2
            )
            found.append(page)
    return found


def _township_of(ctx: BriefContext, district: District) -> dict[str, Any]:
    """{片区 name: its township's boundary} when the sidecar has it (read once per packet)."""
    from pathlib import Path

    from onemap.checkup.district_area import township_areas

    if "township_areas" not in ctx.extras:
        path = getattr(ctx.inventory, "path", None)
        ctx.extras["township_areas"] = township_areas(Path(path)) if isinstance(path, str | Path) else {}
    towns = district.townships
    area = ctx.extras["township_areas"].get(towns[0]) if len(towns) == 1 else None
    return {} if area is None else {district.name: area}


def _dissolved(frame: MapFrame, district: District, within: dict[str, Any]) -> Any:
    """The 片区 outline in page points (the dissolve works in Web Mercator, the frame's projection)."""
    drawn = dissolve(district.outlines, dict.fromkeys(district.outlines, district.name), within=within)
    if not drawn:
        return None
    to_page = transformer(WEB_MERCATOR, CGCS2000)
    lonlat = shapely.transform(drawn[0].outline, lambda xy: np.column_stack(to_page.transform(xy[:, 0], xy[:, 1])))
    return frame.geom_to_page(lonlat)


def _labels(
    group: Group, placer: LabelPlacer, frame: MapFrame, district: District, pages: dict[str, Any], ctx: BriefContext
) -> None:
    for e in district.members:
        geom = pages.get(e.code)
        if geom is not None and not geom.is_empty:
            spot = geom.representative_point()
            px, py = spot.x, spot.y
        elif e.location is not None and plausible(*e.location):
            xs, ys = frame.to_page([e.location[0]], [e.location[1]])
            px, py = float(xs[0]), float(ys[0])
            look = status_style(e.status)
            group.add(marker(look.marker, px, py, 3.5, look.fill))
            py += 5
        else:
            continue
        label = placer.place(e.name, px, py, 7.5, (0.0, 9.0, -9.0, 18.0), clamp=True)
        if label is not None:
            group.add(label)
    for text, px, py, rank in reference_labels(frame, ctx.reference):
        label = placer.place(text, px, py, 6.5 if rank == 1 else 6.0, (0.0, 8.0, -8.0))
        if label is not None:
            group.add(label)


def _foot(canvas: Any, ctx: BriefContext, x: float, y: float, w: float) -> None:
    name = ctx.ts.font.name
    legend = Group(
        Line(x, y + FOOT - 7, x + 14, y + FOOT - 7, strokeColor=colors.black, strokeWidth=1.6, strokeDashArray=DASH),
        String(x + 18, y + FOOT - 9.5, "片区范围", fontName=name, fontSize=6.5),
        Rect(x + 62, y + FOOT - 10.5, 12, 7, fillColor=grey(0.72), strokeColor=colors.black, strokeWidth=0.6),
        String(x + 78, y + FOOT - 9.5, "成员小区（未画范围的以状态符号表示）", fontName=name, fontSize=6.5),
        Rect(x + 222, y + FOOT - 10.5, 12, 7, fillColor=grey(0.98), strokeColor=grey(0.55), strokeWidth=0.4),
        String(x + 238, y + FOOT - 9.5, "片区外的小区", fontName=name, fontSize=6.5),
    )
    drawing = new_drawing(x + w, y + FOOT, name)
    drawing.add(legend)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.setFont(name, 6.5)
    credit = reference_credit(ctx.reference)
    line = CRS_LINE + " · 底图：无（矢量图，数据取自本清单）" + (f"；参考图层：{credit}" if credit else "")
    canvas.drawString(x, y + 3, shorten(ctx.ts, ctx.ts.text(line), 6.5, w))
