"""The packet's overview map: every selected estate as a status marker, with boundaries.

Markers differ by shape and shade (and the legend names each status with its count),
so the map reads in black and white.  When most estates crowd into one small township
(the county seat), an inset shows that township enlarged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from reportlab.graphics.shapes import Group, String
from reportlab.platypus import Flowable

from onemap.brief.basemap import draw_underlay
from onemap.brief.context import BriefContext
from onemap.brief.inset import TITLE_BAND, plan_inset
from onemap.brief.mapdraw import (
    LabelPlacer,
    draw_clipped,
    legend_swatch,
    line_path,
    new_drawing,
    north_arrow,
    scale_bar,
)
from onemap.brief.mapframe import MapFrame, plausible
from onemap.brief.palette import admin_line, marker, status_style
from onemap.brief.pathops import PathLayer
from onemap.brief.refdraw import draw_reference, reference_credit
from onemap.brief.sheetmap import CRS_LINE
from onemap.model import STATUSES, Estate, status_label

LEGEND = 44.0


class OverviewMap(Flowable):  # type: ignore[misc]
    """The overview map, filling the rest of its page."""

    def __init__(self, ctx: BriefContext, estates: Sequence[Estate], skeleton: bool = False) -> None:
        super().__init__()
        self.ctx, self.skeleton = ctx, skeleton
        self.estates = [e for e in estates if e.location is not None and plausible(*e.location)]
        self.unlocated = len(estates) - len(self.estates)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, max(avail_height - 1, 200)
        return self.width, self.height

    def draw(self) -> None:
        font = self.ctx.ts.font.name
        if self.skeleton:  # a layout pass: the map fills its page whatever it shows
            return
        if not self.estates:
            self.canv.setFont(font, 10)
            self.canv.drawString(0, self.height - 20, "所选小区均未定位，无法绘制分布图。")
            return
        box = (0.0, LEGEND, self.width, self.height - LEGEND)
        frame = MapFrame.around(self._bounds(), box, min_span_m=3000.0, pad=0.03)
        inset = plan_inset(frame, self.estates, self._land(frame))
        blocked = [] if inset is None else [inset.frame.page_box.buffer(4)]
        paths = PathLayer(Group())
        draw_reference(paths, frame, self.ctx.reference, clear=self.ctx.basemap is not None)
        source = self.ctx.basemap
        underlay = None if source is None else (lambda: draw_underlay(self.canv, frame, source))
        draw_clipped(self.canv, frame, self._layer(frame, 3.4, blocked), font, underlay, paths.ops)
        if inset is not None:
            draw_clipped(self.canv, frame, Group(inset.outline(frame)), font)
            group = Group(self._layer(inset.frame, 2.8, None))
            streets = PathLayer(Group())
            draw_reference(streets, inset.frame, self.ctx.reference)
            white = (
                f"q 1 g {' '.join(f'{v:.2f}' for v in inset.frame.box)} re f Q"  # the inset's paper, under its streets
            )
            draw_clipped(self.canv, inset.frame, group, font, None, [white, *streets.ops])
            x, y, w, h = inset.frame.box
            self.canv.setFillColorRGB(1, 1, 1)
            self.canv.rect(x, y + h, w, TITLE_BAND, stroke=1, fill=1)
            self.canv.setFillColorRGB(0, 0, 0)
            self.canv.setFont(font, 8)
            self.canv.drawString(x + 4, y + h + 4, f"{self.ctx.ts.text(inset.township)}放大图")
        self._legend()

    def _bounds(self) -> tuple[float, float, float, float]:
        """The estates and the whole of every county they lie in (estates alone cut the county's edges off)."""
        xy = np.array([e.location for e in self.estates])
        boxes = [(*xy.min(0), *xy.max(0))]
        points = shapely.points(xy)
        for area in self.ctx.admin:
            if area.level == "county" and shapely.intersects(area.geom, points).any():
                boxes.append(tuple(float(v) for v in area.geom.bounds))
        b = np.array(boxes, dtype=float)
        return float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 2].max()), float(b[:, 3].max())

    def _land(self, frame: MapFrame) -> Any:
        """The counties the estates lie in, on the page (the inset goes where it hides least of them)."""
        points = shapely.points(np.array([e.location for e in self.estates]))
        areas = [a.geom for a in self.ctx.admin if a.level == "county" and shapely.intersects(a.geom, points).any()]
        return frame.geom_to_page(shapely.union_all(areas)) if areas else None

    def _layer(self, frame: MapFrame, radius: float, blocked: list[shapely.Polygon] | None) -> Group:
        """Boundaries, status markers, scale bar and north arrow; township labels unless ``blocked`` is None."""
        estates = self.estates
        group = Group()
        lon0, lat0, lon1, lat1 = frame.lonlat_bounds
        for area in self.ctx.admin:
            edge = shapely.clip_by_rect(shapely.boundary(area.geom), lon0 - 0.05, lat0 - 0.05, lon1 + 0.05, lat1 + 0.05)
            if not edge.is_empty:
                line = admin_line(area.level)
                path = line_path(frame.geom_to_page(edge), line.color, line.width, line.dash)
                if path is not None:
                    group.add(path)
        order = {key: i for i, key in enumerate(STATUSES)}
        ranked = sorted(estates, key=lambda e: order.get(e.status or "", -1))
        xs, ys = frame.to_page([e.location[0] for e in ranked], [e.location[1] for e in ranked])  # type: ignore[index]
        for estate, x, y in zip(ranked, xs, ys, strict=True):
            style = status_style(estate.status)
            group.add(marker(style.marker, float(x), float(y), radius, style.fill))
        if blocked is not None:
            self._township_labels(group, frame, blocked)
        group.add(scale_bar(frame, self.ctx.ts))
        group.add(north_arrow(frame, self.ctx.ts))
        return group

    def _township_labels(self, group: Group, frame: MapFrame, blocked: list[shapely.Polygon]) -> None:
        placer = LabelPlacer(self.ctx.ts, frame)
        for area in blocked:
            placer.reserve(area.bounds)
        spots: dict[str, list[tuple[float, float]]] = {}
        for e in self.estates:
            if e.township:
                spots.setdefault(e.township, []).append(e.location)  # type: ignore[arg-type]
        for name, points in sorted(spots.items(), key=lambda kv: -len(kv[1])):
            lon, lat = np.median(np.array(points), axis=0)
            x, y = frame.to_page([lon], [lat])
            label = placer.place(name, float(x[0]), float(y[0]), 8.0, (9.0, -16.0, 16.0, -24.0))
            if label is not None:
                group.add(label)

    def _legend(self) -> None:
        ts, counts = self.ctx.ts, Counter(e.status for e in self.estates)
        drawing, x, y = new_drawing(self.width, LEGEND, ts.font.name), 0.0, LEGEND - 12
        for key in [*STATUSES, None]:
            if key is None and not counts.get(None):
                continue
            style, text = status_style(key), f"{status_label(key)} {counts.get(key, 0)}"
            drawing.add(marker(style.marker, x + 4, y + 3, 3.4, style.fill))
            drawing.add(String(x + 11, y, text, fontName=ts.font.name, fontSize=8))
            x += 20 + ts.width(text, 8)
        drawing.add(legend_swatch("boundary", x + 4, y))
        drawing.add(String(x + 19, y, "县（镇）界", fontName=ts.font.name, fontSize=8))
        note = f"{CRS_LINE} · 共 {len(self.estates)} 个小区"
        note += f"，另有 {self.unlocated} 个未定位、未绘出" if self.unlocated else ""
        drawing.add(String(0, y - 14, note, fontName=ts.font.name, fontSize=7))
        credit = reference_credit(self.ctx.reference)
        base = "底图：无（矢量图，数据取自本清单）" + (f"；参考图层：{credit}" if credit else "")
        drawing.add(String(0, y - 25, ts.text(base), fontName=ts.font.name, fontSize=7))
        from reportlab.graphics import renderPDF

        renderPDF.draw(drawing, self.canv, 0, 0)
