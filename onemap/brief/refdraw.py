"""The inventory's reference layers (streets, rivers, townships) on the PDF maps, as vectors.

The same layers the viewer shows (:mod:`onemap.geo.refsets`: the sidecar ``NAME.layers.gpkg``
plus any given with ``--layer``) are drawn under the estates, culled and clipped to the
frame, in their own colours; their names are placed last, after the estates' own.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from reportlab.lib import colors

from onemap.brief.mapframe import MapFrame
from onemap.brief.pathops import PathLayer
from onemap.geo.reflayers import RefLayer
from onemap.geo.refsets import attribution_of, load_specs, sidecar_specs, specs_for_files
from onemap.said import Said

#: a screen pixel is drawn as this many points on paper
_POINT_PER_PX = 0.45


def reference_layers(inventory_path: Path | None, files: Iterable[Path] = ()) -> tuple[list[RefLayer], list[Said]]:
    """The layers a briefing draws: the inventory's sidecar, then ``files`` (bottom first)."""
    specs = sidecar_specs(inventory_path) if inventory_path is not None else []
    files = list(files)
    if files:  # specs_for_files imports pyogrio (GDAL: 28 MB of a packet's memory) even for no files
        specs += specs_for_files(files)
    return load_specs(specs)


def draw_reference(paths: PathLayer, frame: MapFrame, layers: Iterable[RefLayer], clear: bool = False) -> None:
    """Fill and stroke each layer's parts that meet the frame (``clear``: no fills, over a basemap)."""
    x, y, w, h = frame.box
    for layer in layers:
        style, shapes = layer.style, layer.shapes
        fill = style.fill_colour
        if fill and not clear and len(shapes.areas):
            rings = _page_parts(frame, shapes.areas.within(frame.extent))
            if rings:
                polygons = [shapely.Polygon(r) for r in rings if len(r) >= 4]
                clipped = shapely.clip_by_rect(shapely.multipolygons(polygons), x - 2, y - 2, x + w + 2, y + h + 2)
                paths.polygon(clipped, _colour(fill), None)
        if len(shapes.lines):
            lines = _page_parts(frame, shapes.lines.within(frame.extent))
            if lines:
                edge = shapely.clip_by_rect(shapely.MultiLineString(lines), x - 2, y - 2, x + w + 2, y + h + 2)
                paths.line(edge, _colour(style.line), max(style.width * _POINT_PER_PX, 0.3))


#: the same name is written at most once within this many points of the page
REPEAT_PT = 170.0


def reference_labels(frame: MapFrame, layers: Iterable[RefLayer]) -> list[tuple[str, float, float, int]]:
    """Names to place: ``(text, x, y, rank)`` in page points, areas' names (rank 1) before lines' (2); a
    street's name repeated along it is kept at most once within :data:`REPEAT_PT`."""
    out = []
    x0, y0, x1, y1 = frame.extent
    kept: dict[str, list[tuple[float, float]]] = {}
    for layer in layers:
        rank = 1 if layer.shapes.kind == "polygons" else 2
        for label in layer.shapes.labels:
            if x0 <= label.x <= x1 and y0 <= label.y <= y1:
                px = frame.box[0] + (label.x - x0) * frame.scale
                py = frame.box[1] + (label.y - y0) * frame.scale
                if any(abs(px - a) + abs(py - b) < REPEAT_PT for a, b in kept.get(label.text, ())):
                    continue
                kept.setdefault(label.text, []).append((px, py))
                out.append((label.text, px, py, rank))
    return sorted(out, key=lambda t: t[3])


def reference_credit(layers: Iterable[RefLayer]) -> str:
    """The attribution line of the layers drawn (``""`` for none)."""
    return attribution_of(layers)


def _page_parts(frame: MapFrame, xy: np.ndarray) -> list[np.ndarray]:
    if not len(xy):
        return []
    page = np.column_stack(
        [
            frame.box[0] + (xy[:, 0] - frame.extent[0]) * frame.scale,
            frame.box[1] + (xy[:, 1] - frame.extent[1]) * frame.scale,
        ]
    )
    ends = np.flatnonzero(np.isnan(page[:, 0]))
    parts, start = [], 0
    for end in ends.tolist():
        if end - start >= 2:
            parts.append(page[start:end])
        start = end + 1
    return parts


def _colour(text: str) -> Any:
    try:
        return colors.HexColor(text)
    except (ValueError, TypeError):
        return colors.grey
