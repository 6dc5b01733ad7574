"""The 3D view's place names: the 2D map's county, township and reference-layer names on the ground.

Set from the same list the 2D map draws (:func:`onemap.view.placenames.place_names`) and painted
as an overlay before the estate names, which keep out of the boxes the place names took.
County and township names are larger and darker than estate names, with a white halo, so they read
over any basemap.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen

from onemap.gui.scene3d.overlay import SpriteCache, arrow_box, label_font
from onemap.scene.camera import OrbitCamera
from onemap.scene.placelabels import GroundNames, ground_names, place_ground_names
from onemap.scene.scene import CountyScene
from onemap.view.placenames import RANKS, PlaceName

#: rank -> text colour (county, township, street/river)
_INK = {0: QColor(40, 36, 30), 1: QColor(70, 62, 52), 2: QColor(70, 90, 120)}


class PlaceNames3D:
    """The names to write and the overlay writing them (``boxes``: the screen boxes taken last frame)."""

    def __init__(self, scene_of: Callable[[], CountyScene | None]) -> None:
        self.scene_of = scene_of
        self.names: list[PlaceName] = []
        #: where the names come from instead of ``names`` (the viewer: its 2D map's current list)
        self.names_of: Callable[[], list[PlaceName]] | None = None
        self.boxes: list[tuple[float, float, float, float]] = []
        self._ground: tuple[tuple[int, int, int], GroundNames] | None = None
        self._sprites = SpriteCache(limit=256)

    def set_names(self, names: Sequence[PlaceName]) -> None:
        """The place names to show (the 2D map's list)."""
        self.names = list(names)
        self._ground = None

    def ground(self) -> GroundNames | None:
        """The names on the current scene's ground (recomputed when the scene or its terrain changes)."""
        scene = self.scene_of()
        names = self.names_of() if self.names_of is not None else self.names
        if scene is None or not names:
            return None
        key = (id(scene), id(scene.terrain), id(names))
        if self._ground is None or self._ground[0] != key:
            self._ground = (key, ground_names(names, scene.frame, scene.terrain))
        return self._ground[1]

    def paint(self, painter: QPainter, camera: OrbitCamera, width: int, height: int) -> None:
        """The overlay: each placed name as a cached sprite, its bottom centre on the name's point."""
        names = self.ground()
        self.boxes = []
        if names is None:
            return
        for name in place_ground_names(camera, width, height, names, reserved=[arrow_box(width)]):
            image = self._sprites.get((name.text, name.rank), lambda n=name: _sprite(n.text, n.rank))  # type: ignore[misc]
            left, top = name.x - image.width() / 2, name.y - image.height()
            painter.drawImage(QPointF(left, top), image)
            self.boxes.append((left, top, left + image.width(), top + image.height()))


def _sprite(text: str, rank: int) -> QImage:
    size, bold, _finest = RANKS.get(rank, RANKS[2])
    font = label_font(size + 2)
    font.setBold(bold or rank == 1)
    font.setLetterSpacing(font.SpacingType.AbsoluteSpacing, 1.5 if rank < 2 else 0.0)
    path = QPainterPath()
    path.addText(0, 0, font, text)
    box = path.boundingRect().adjusted(-4, -4, 4, 4)
    image = QImage(math.ceil(box.width()), math.ceil(box.height()), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path.translate(-box.left(), -box.top())
    halo = QPen(QColor(255, 255, 255, 230), 4.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.strokePath(path, halo)
    painter.fillPath(path, QBrush(_INK.get(rank, _INK[2])))
    painter.end()
    return image
