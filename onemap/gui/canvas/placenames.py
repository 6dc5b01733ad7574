"""Place names on the 2D map: county, township and other names in screen pixels above the estates.

Drawn at a fixed size (legible at every zoom) with a white halo, each name rendered once into
a cached image; placed most important first, beside the estates' own names rather than under
them, and never over another place name.  Place names win over cluster rings: the rings read
:meth:`PlaceNameItem.placement` and shrink or move out of the way
(:mod:`onemap.view.ringyield`).
"""

from __future__ import annotations

from math import ceil

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QTransform

from onemap.gui.canvas.labels import LabelItem, label_font
from onemap.gui.canvas.layer import ViewportItem, begin_device, device_xy
from onemap.view.placenames import RANKS, PlaceName

#: county names black, townships in the boundaries' violet-grey (apart from the estates' black names), others blue-grey
_NAME_COLOURS = {0: "#1c1c1c", 1: "#4f4366", 2: "#3d5f80"}
#: above estates (10), cluster rings and estate names (30)
NAMES_Z = 35.0
_HALO = 2  # pixels of white round a name
#: the same name (a street labelled along its length) is written at most once within this many pixels
REPEAT_PX = 420.0


class PlaceNameItem(ViewportItem):
    """Place names in screen pixels with a white halo, most important first, never overlapping.

    Names are placed without regard to the cluster rings: the rings make way for them
    (the estate item asks :meth:`placement` before it paints, in the same device pixels).
    """

    def __init__(self) -> None:
        super().__init__()
        self.names: list[PlaceName] = []
        self.resolution = 1.0
        #: the estate names' label item, whose boxes names keep clear of too
        self.estate_labels: LabelItem | None = None
        self.drawn: list[tuple[str, QRectF]] = []
        self._images: dict[tuple[str, int, float], QImage] = {}
        self._placed: list[tuple[PlaceName, QRectF, QImage]] = []
        self._placed_for: tuple[object, ...] = ()
        self._placed_origin = QPointF()
        self._xy = np.empty((0, 2))
        self._xy_for = 0
        self._half = np.empty((0, 2))  # each name's half width and height (device pixels), over-estimated
        self._finest = np.empty(0)
        self._half_for = 0

    def paint(self, painter: QPainter, *_args: object) -> None:
        device = begin_device(painter)
        target = painter.device()
        self.placement(device, target.devicePixelRatioF() if target is not None else 1.0)
        for _name, box, image in self._placed:
            painter.drawImage(QPointF(round(box.left() - _HALO), round(box.top() - _HALO)), image)
        painter.setTransform(device)

    def placement(self, device: QTransform, ratio: float) -> np.ndarray:
        """The names' boxes in device pixels (``(n, 4)`` x0, y0, x1, y1) for this view, placed anew if needed."""
        obstacles = _boxes(self._label_boxes(device))
        origin = device.map(QPointF(0, 0))
        view = device.mapRect(self.boundingRect())
        # Placement depends on where estate names and place names sit relative to one another
        # and to the view, not on where the view is: a pan that brings nothing in or out reuses it.
        shift = np.array([origin.x(), origin.y()] * 2)
        near = self._near_view(device, view)
        key: tuple[object, ...] = (device.m11(), device.m22(), ratio, id(self.names), self.resolution)
        key += (np.round(obstacles - shift, 1).tobytes(), near.tobytes(), view.translated(-origin).getRect())
        if key != self._placed_for:
            self._place(device, ratio, obstacles)
            self._placed_for, self._placed_origin = key, origin
        moved = origin - self._placed_origin
        if not moved.isNull():
            self.drawn = [(text, box.translated(moved)) for text, box in self.drawn]
            self._placed = [(name, box.translated(moved), image) for name, box, image in self._placed]
            self._placed_origin = origin
        return _boxes([box for _text, box in self.drawn])

    def _near_view(self, device: QTransform, view: QRectF) -> np.ndarray:
        """Which names are in or near the view (a pan that changes this places them again)."""
        if self._xy_for != id(self.names):
            self._xy = np.array([(n.x, n.y) for n in self.names], dtype=float).reshape(-1, 2)
            self._xy_for = id(self.names)
        x, y = device_xy(device, self._xy[:, 0], self._xy[:, 1])
        margin = 60.0
        return (
            (x > view.left() - margin)
            & (x < view.right() + margin)
            & (y > view.top() - margin)
            & (y < view.bottom() + margin)
        )

    def _place(self, device: QTransform, ratio: float, obstacles: np.ndarray) -> None:
        view = device.mapRect(self.boundingRect())
        taken: list[QRectF] = []
        self._placed = []
        shown: dict[str, list[QPointF]] = {}  # a street's name repeats along it, but not closer than REPEAT_PX
        for i in self._may_show(device, view):
            name = self.names[i]
            at = device.map(QPointF(name.x, name.y))
            if any((at - p).manhattanLength() < REPEAT_PX for p in shown.get(name.text, ())):
                continue
            image = self._image(name.text, name.rank, ratio)
            width, height = image.width() / ratio - 2 * _HALO, image.height() / ratio - 2 * _HALO
            box = _free_spot(at, width, height, obstacles, taken, view)
            if box is not None:
                taken.append(box.adjusted(-4, -2, 4, 2))
                self._placed.append((name, box, image))
                shown.setdefault(name.text, []).append(at)
        self.drawn = [(name.text, box) for name, box, _image in self._placed]

    def _may_show(self, device: QTransform, view: QRectF) -> np.ndarray:
        """The names (indices, in order) shown at this resolution whose box round their point may meet the view.

        :func:`_free_spot` places no name whose centred box misses the view, and a name not placed
        changes nothing for those after it; so the others (most of a county's names when zoomed in)
        are skipped with one array test instead of a Python step each (15 ms at 220,000 estates,
        each time a moved estate's name moves the obstacles).  The boxes are over-estimated by a
        few pixels: the exact test stays :func:`_free_spot`'s.
        """
        self._near_view(device, view)  # the names' coordinates, for this list of names
        if self._half_for != id(self.names):
            metrics = {rank: QFontMetricsF(label_font(size, bold)) for rank, (size, bold, _f) in RANKS.items()}
            self._half = np.array([_half_size(metrics[n.rank], n.text) for n in self.names], dtype=float)
            self._half = self._half.reshape(-1, 2)
            self._finest = np.array([RANKS[n.rank][2] for n in self.names], dtype=float)
            self._half_for = id(self.names)
        x, y = device_xy(device, self._xy[:, 0], self._xy[:, 1])
        hw, hh = self._half[:, 0], self._half[:, 1]
        keep = (self.resolution <= self._finest) & (x + hw > view.left()) & (x - hw < view.right())
        keep &= (y + hh > view.top()) & (y - hh < view.bottom())
        return np.flatnonzero(keep)

    def _image(self, text: str, rank: int, ratio: float) -> QImage:
        """A name with its halo, rendered once and cached (stroking a halo costs ~1 ms a name)."""
        key = (text, rank, ratio)
        image = self._images.get(key)
        if image is not None:
            return image
        size, bold, _finest = RANKS[rank]
        font = label_font(size, bold)
        metrics = QFontMetricsF(font)
        width, height = metrics.horizontalAdvance(text) + 2 * _HALO, metrics.height() + 2 * _HALO
        image = QImage(
            max(1, ceil(width * ratio)), max(1, ceil(height * ratio)), QImage.Format.Format_ARGB32_Premultiplied
        )
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        path = QPainterPath()
        path.addText(QPointF(_HALO, _HALO + metrics.ascent()), font, text)
        p.strokePath(path, QPen(QColor("#ffffff"), 3.5))
        p.fillPath(path, QColor(_NAME_COLOURS[rank]))
        p.end()
        if len(self._images) > 2000:
            self._images.clear()
        self._images[key] = image
        return image

    def _label_boxes(self, device: QTransform) -> list[QRectF]:
        """The estate names' boxes in device pixels (as :meth:`LabelItem.paint` puts them)."""
        labels = self.estate_labels
        if labels is None or not labels.isVisible() or not labels.placed:
            return []
        x0, y0, res = labels.origin
        (ox,), (oy,) = device_xy(device, np.array([x0]), np.array([y0]))
        k = device.m11() * res
        return [QRectF(ox + p.left * k, oy + p.top * k, p.width * k, p.height * k) for p in labels.placed]


def _half_size(metrics: QFontMetricsF, text: str) -> tuple[float, float]:
    """Half a name's box (its image less the halo, :meth:`PlaceNameItem._image`), a few pixels over."""
    return metrics.horizontalAdvance(text) / 2 + 4, metrics.height() / 2 + 4


def _offsets(reach: float, width: float, height: float) -> list[tuple[float, float]]:
    """Where a name may go round its point: on it, then below, above, beside, further out."""
    out = [(0.0, 0.0)]
    for step in (1.0, 1.8, 2.6):
        below, side = step * (reach + height / 2), step * (reach + width / 2)
        out += [
            (0.0, below),
            (0.0, -below),
            (side, 0.0),
            (-side, 0.0),
            (side, below),
            (-side, below),
            (side, -below),
            (-side, -below),
        ]
    return out


def _boxes(rects: list[QRectF]) -> np.ndarray:
    """QRectFs as an ``(n, 4)`` array of x0, y0, x1, y1."""
    return np.array([(r.left(), r.top(), r.right(), r.bottom()) for r in rects], dtype=float).reshape(-1, 4)


def _meets(box: QRectF, boxes: np.ndarray) -> np.ndarray:
    """Which of ``boxes`` overlap ``box`` (with some area, as QRectF.intersects)."""
    x0, y0, x1, y1 = box.left(), box.top(), box.right(), box.bottom()
    return (boxes[:, 0] < x1) & (x0 < boxes[:, 2]) & (boxes[:, 1] < y1) & (y0 < boxes[:, 3])


def _free_spot(
    at: QPointF, width: float, height: float, obstacles: np.ndarray, taken: list[QRectF], view: QRectF
) -> QRectF | None:
    """The first box for a name round ``at`` that meets no estate name or place name.

    Centred over an estate name when no spot round it is free: the place name wins.  ``None`` when the
    name is off the view or every spot is taken by a place name already drawn.
    """
    centred = QRectF(at.x() - width / 2, at.y() - height / 2, width, height)
    if not view.intersects(centred):
        return None
    near_box = centred.adjusted(-3 * width, -6 * height, 3 * width, 6 * height)
    near = [QRectF(QPointF(a, b), QPointF(c, d)) for a, b, c, d in obstacles[_meets(near_box, obstacles)].tolist()]
    reach = max([r.height() / 2 for r in near if r.intersects(centred)], default=0.0) + 3
    blocking = near + [t for t in taken if t.intersects(near_box)]
    for dx, dy in _offsets(reach, width, height):
        box = centred.translated(dx, dy)
        if view.contains(box) and not any(box.intersects(r) for r in blocking):
            return box
    if any(centred.intersects(t) for t in taken) or not view.contains(centred):
        return None
    return centred  # over an estate name: the place name wins
