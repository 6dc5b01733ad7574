"""An optional raster underlay for sheet maps, from any :class:`~onemap.geo.tilesource.TileSource`.

The tile sources (:mod:`onemap.geo.tilesource`) are opened only when a basemap is asked
for.  Tiles are placed with ``canvas.drawImage``, which stores each distinct tile once
per PDF however many sheets show it.
"""

from __future__ import annotations

import html
import io
import math
import re
from pathlib import Path
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from onemap.brief.mapframe import MapFrame
from onemap.geo.tiles import ORIGIN_SHIFT_M, tile_bounds_3857, tile_range
from onemap.geo.tilesource import TileSource as TileSource  # the old import path keeps working
from onemap.said import Said

RASTER_FORMATS = frozenset({"png", "jpg", "jpeg", "webp"})
MAX_TILES = 48
PRINT_DPI = 160


def open_basemap(path: str | Path) -> TileSource:
    """Open a basemap spec for the underlay: an MBTiles path, a URL template, ``tianditu:vec`` ..."""
    from onemap.geo.tilesource import open_source

    return open_source(path)


def usable(source: TileSource) -> str | None:
    """Why a tile source cannot be drawn under a map (``None`` when it can)."""
    fmt = (source.format or "").lower()
    if fmt not in RASTER_FORMATS:
        return Said(
            f"底图格式 {fmt or '未知'} 不是栅格瓦片（png/jpg/webp），未绘制底图",
            f"The basemap format {fmt or 'unknown'} is not raster tiles (png/jpg/webp); no basemap drawn",
        )
    return None


def zoom_for(frame: MapFrame, source: TileSource) -> int:
    """The zoom whose pixels match the printer's resolution, within the file's zooms."""
    pixels = frame.box[2] / 72.0 * PRINT_DPI
    metres = frame.extent[2] - frame.extent[0]
    zoom = math.ceil(math.log2(2 * ORIGIN_SHIFT_M * pixels / (256 * metres)))
    zoom = min(max(zoom, int(source.minzoom)), int(source.maxzoom))
    while zoom > int(source.minzoom) and _count(frame, zoom) > MAX_TILES:
        zoom -= 1
    return zoom


def _count(frame: MapFrame, zoom: int) -> int:
    x0, y0, x1, y1 = tile_range(frame.extent, zoom)
    return (x1 - x0 + 1) * (y1 - y0 + 1)


def draw_underlay(canvas: Canvas, frame: MapFrame, source: TileSource) -> int:
    """Draw the tiles under ``frame`` (the caller has clipped to the frame); returns how many."""
    zoom = zoom_for(frame, source)
    x0, y0, x1, y1 = tile_range(frame.extent, zoom)
    drawn = 0
    for y in range(y0, y1 + 1):
        for x in range(x0, x1 + 1):
            data = source.tile(zoom, x, y)
            if not data:
                continue
            try:
                image = ImageReader(io.BytesIO(data))
            except Exception:  # a damaged tile leaves a gap, not a failed packet
                continue
            minx, miny, maxx, maxy = tile_bounds_3857(x, y, zoom)
            left, bottom = _page(frame, minx, miny)
            right, top = _page(frame, maxx, maxy)
            canvas.drawImage(image, left, bottom, right - left, top - bottom)
            drawn += 1
    return drawn


def _page(frame: MapFrame, x: float, y: float) -> tuple[float, float]:
    return frame.box[0] + (x - frame.extent[0]) * frame.scale, frame.box[1] + (y - frame.extent[1]) * frame.scale


def attribution(source: Any) -> str:
    """The basemap's attribution as plain text (MBTiles often hold HTML links)."""
    text = html.unescape(re.sub(r"<[^>]*>", "", str(getattr(source, "attribution", None) or ""))).strip()
    return text or "用户提供的离线底图（未注明来源）"
