"""What the 3D view paints over the GL picture: a north arrow and estate names facing the camera.

Each is drawn once into a small antialiased image by Qt's raster engine and then blitted:
QPainter on the GL surface has no multisampling, so paths drawn there directly come out
jagged, and cached sprites cost one texture each instead of path tessellation every frame.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Hashable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QImage, QPainter, QPainterPath, QPen, QPolygonF

from onemap.scene.camera import OrbitCamera
from onemap.scene.labels import place_labels
from onemap.scene.scene import CountyScene

ARROW_RADIUS, ARROW_MARGIN = 28, 12
LABEL_PX = 15
_CJK = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
)

Overlay = Callable[[QPainter, OrbitCamera, int, int], None]


class SpriteCache:
    """Small images by key, least recently used dropped beyond ``limit``."""

    def __init__(self, limit: int = 512) -> None:
        self._images: OrderedDict[Hashable, QImage] = OrderedDict()
        self._limit = limit

    def get(self, key: Hashable, make: Callable[[], QImage]) -> QImage:
        """The image for ``key``, made by ``make()`` the first time."""
        image = self._images.pop(key, None) or make()
        self._images[key] = image
        while len(self._images) > self._limit:
            self._images.popitem(last=False)
        return image


def label_font(pixel_size: int = LABEL_PX) -> QFont:
    """A bold font that can draw Chinese (the application's font when none of the usual ones is installed)."""
    families = set(QFontDatabase.families())
    font = QFont()
    for name in _CJK:
        if name in families:
            font = QFont(name)
            break
    font.setPixelSize(pixel_size)
    font.setBold(True)
    return font


def arrow_box(width: int) -> tuple[float, float, float, float]:
    """The screen box the north arrow takes (labels keep out of it)."""
    size = 2 * (ARROW_RADIUS + ARROW_MARGIN)
    return (width - size, 0.0, float(width), float(size))


def north_arrow_painter() -> Overlay:
    """An overlay painting a compass in the top-right corner whose needle points to north on the ground."""
    cache = SpriteCache(limit=360)

    def paint(painter: QPainter, camera: OrbitCamera, width: int, height: int) -> None:
        angle = round(camera.north_angle_deg(width, height)) % 360
        image = cache.get(angle, lambda: _arrow_image(angle))
        painter.drawImage(QPointF(width - 2 * ARROW_RADIUS - ARROW_MARGIN, ARROW_MARGIN), image)

    return paint


def label_painter(
    scene_of: Callable[[], CountyScene | None],
    selected_of: Callable[[], int | None],
    taken_of: Callable[[], list[tuple[float, float, float, float]]] = list,
) -> Overlay:
    """An overlay writing the names of the nearest estates (the selected one first, in orange), clear of
    the north arrow and of the boxes ``taken_of()`` gives (the place names')."""
    font = label_font()
    cache = SpriteCache()

    def paint(painter: QPainter, camera: OrbitCamera, width: int, height: int) -> None:
        scene = scene_of()
        if scene is None or len(scene.anchors) == 0:
            return
        selected = selected_of()
        placed = place_labels(
            camera,
            width,
            height,
            scene.anchors,
            scene.names,
            first=selected,
            char_px=LABEL_PX + 1.0,
            line_px=LABEL_PX + 8.0,
            reserved=[arrow_box(width), *taken_of()],
        )
        for label in placed:
            key = (label.text, label.index == selected)
            image = cache.get(key, lambda k=key: _label_image(k[0], font, k[1]))  # type: ignore[misc]
            painter.drawImage(QPointF(label.x - image.width() / 2, label.y - image.height()), image)

    return paint


def _canvas(width: int, height: int) -> tuple[QImage, QPainter]:
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    return image, painter


def _label_image(text: str, font: QFont, emphasised: bool) -> QImage:
    path = QPainterPath()
    path.addText(0, 0, font, text)
    box = path.boundingRect().adjusted(-4, -4, 4, 4)
    image, painter = _canvas(math.ceil(box.width()), math.ceil(box.height()))
    path.translate(-box.left(), -box.top())
    halo = QPen(
        QColor(255, 255, 255, 235), 4.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
    )
    painter.strokePath(path, halo)
    painter.fillPath(path, QBrush(QColor(205, 70, 0) if emphasised else QColor(35, 35, 35)))
    painter.end()
    return image


def _arrow_image(angle_deg: float) -> QImage:
    r = ARROW_RADIUS
    image, painter = _canvas(2 * r + 2, 2 * r + 2)
    painter.translate(r + 1, r + 1)
    painter.setPen(QPen(QColor(70, 70, 70, 180), 1.2))
    painter.setBrush(QColor(255, 255, 255, 215))
    painter.drawEllipse(QPointF(0, 0), r, r)
    painter.save()
    painter.rotate(angle_deg)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(205, 40, 40))
    painter.drawPolygon(QPolygonF([QPointF(0, -12), QPointF(5, 0), QPointF(-5, 0)]))
    painter.setBrush(QColor(110, 110, 110))
    painter.drawPolygon(QPolygonF([QPointF(0, 12), QPointF(5, 0), QPointF(-5, 0)]))
    painter.restore()
    a = math.radians(angle_deg)
    at = QPointF(19 * math.sin(a), -19 * math.cos(a))
    painter.setPen(QColor(205, 40, 40))
    painter.setFont(label_font(11))
    painter.drawText(QRectF(at.x() - 8, at.y() - 8, 16, 16), Qt.AlignmentFlag.AlignCenter, "北")
    painter.end()
    return image
