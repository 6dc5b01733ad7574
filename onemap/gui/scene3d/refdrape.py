"""The reference layers painted into the 3D ground's texture: streets, river, township areas as on the 2D map.

The drape (:mod:`onemap.scene.drape`) is a texture over the terrain's extent, row 0 at the
south.  Each layer's Web Mercator geometry is carried into the scene frame and onto texture
pixels, then filled and stroked with Qt in its 2D style (:class:`~onemap.geo.refstyle.RefStyle`:
line colour, fill, width), antialiased.  Painting a QImage is allowed off the UI thread, so the
viewer paints while it builds its scene in the background.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen

from onemap.geo.crs import CGCS2000, WEB_MERCATOR, transformer
from onemap.geo.reflayers import RefLayer
from onemap.geo.refsets import load_specs, sidecar_specs, specs_for_files
from onemap.gui.canvas.polygons import path_of
from onemap.said import Said
from onemap.scene.drape import plain_texture
from onemap.scene.frame import SceneFrame
from onemap.scene.terrain import Extent

#: a 2D line width in screen pixels is this many texture pixels per 1024 of the texture's side
#: (1024 px span a county about as wide as a screen shows it whole)
WIDTH_PER_1024 = 1.0
#: lines never thinner than this (texture pixels): thinner ones vanish when the GPU minifies
MIN_WIDTH_PX = 1.0


def reference_layers(inventory: Path, files: Iterable[Path] = (), crs: str = "") -> tuple[list[RefLayer], list[Said]]:
    """What a 3D snapshot paints: the inventory's sidecar layers, then ``files`` (bottom first),
    and one sentence per layer that could not be read."""
    return load_specs([*sidecar_specs(Path(inventory)), *specs_for_files(files, crs)])


def dressed(
    texture: NDArray[np.uint8] | None,
    layers: Sequence[RefLayer],
    frame: SceneFrame,
    extent: Extent,
    size_px: int,
) -> NDArray[np.uint8] | None:
    """``texture`` with ``layers`` painted on (a new array; plain ground of ``size_px`` when None).

    Without layers, ``texture`` itself is returned: nothing is copied.
    """
    drawn = [layer for layer in layers if not layer.shapes.empty]
    if not drawn:
        return texture
    if texture is None or texture.shape[0] < size_px // 2:  # a plain 2x2 ground is too coarse to draw on
        texture = np.ascontiguousarray(np.broadcast_to(plain_texture()[0, 0], (size_px, size_px, 4)))
    out = np.array(texture, dtype=np.uint8, order="C", copy=True)
    height, width = out.shape[:2]
    image = QImage(out.data, width, height, width * 4, QImage.Format.Format_RGBA8888)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        scale = max(width, height) / 1024.0 * WIDTH_PER_1024
        for layer in drawn:
            _paint(painter, layer, _to_pixels(frame, extent, width, height), scale)
    finally:
        painter.end()
    return out


def _paint(painter: QPainter, layer: RefLayer, to_px, scale: float) -> None:  # type: ignore[no-untyped-def]
    style, shapes = layer.style, layer.shapes
    fill = style.fill_colour
    if fill and len(shapes.areas):
        path = path_of(to_px(shapes.areas.xy))
        path.setFillRule(Qt.FillRule.OddEvenFill)  # holes stay open, as on the 2D map
        painter.fillPath(path, QBrush(QColor(fill)))
    if len(shapes.lines):
        pen = QPen(QColor(style.line))
        pen.setWidthF(max(style.width * scale, MIN_WIDTH_PX))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.strokePath(path_of(to_px(shapes.lines.xy)), pen)
    if len(shapes.points):
        dot = QPainterPath()
        radius = max(2.0 * scale, 1.5)
        for x, y in to_px(shapes.points).tolist():
            dot.addEllipse(x - radius, y - radius, 2 * radius, 2 * radius)
        painter.fillPath(dot, QBrush(QColor(style.line)))


def _to_pixels(frame: SceneFrame, extent: Extent, width: int, height: int):  # type: ignore[no-untyped-def]
    """Web Mercator ``(n, 2)`` (NaN rows kept) -> texture pixels, x east, y north (row 0 south)."""
    x0, y0, x1, y1 = extent
    to_lonlat = transformer(WEB_MERCATOR, CGCS2000)

    def convert(xy: NDArray[np.float64]) -> NDArray[np.float64]:
        gap = ~np.isfinite(xy).all(axis=1)
        lon, lat = to_lonlat.transform(xy[:, 0], xy[:, 1])
        lx, ly = frame.to_local(lon, lat)
        px = (np.asarray(lx) - x0) / (x1 - x0) * width
        py = (np.asarray(ly) - y0) / (y1 - y0) * height
        out = np.column_stack([px, py])
        out[gap] = np.nan  # keep the parts apart
        return out

    return convert
