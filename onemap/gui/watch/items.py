"""The items of the watch's layers: the devices' scatter, the alerts' badges (one item for every alert) and
the pulse of the new ones.

Both paint in device pixels over display positions (:func:`~onemap.gui.canvas.layer.device_xy`),
so a badge keeps its size at every zoom.  The pulse is a ring growing out of each ``new``
alert and fading, driven by one :class:`QTimer` that runs only while a new alert is on show;
each tick repaints only the rings' boxes, not the map.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from onemap.gui.canvas.layer import begin_device, device_xy
from onemap.gui.watch.still import StillLayers
from onemap.gui.watch.symbols import BADGE_PX, DEVICE_PX, EDGE, badge, level_colour

#: one pulse (a ring growing from the badge's rim to this many pixels out) takes this long
PULSE_PERIOD_MS = 1200
#: the pulse's frame interval: ~12 frames a second is smooth enough for a ring and cheap
PULSE_TICK_MS = 80
PULSE_REACH_PX = 18.0
#: the ring is drawn at this many moments of a pulse (one cached pixmap per level and moment)
PULSE_STEPS = PULSE_PERIOD_MS // PULSE_TICK_MS
#: past this many pulsing alerts, a tick repaints their common box rather than each ring's
_RING_RECTS = 40
#: at most this many new alerts pulse at once, the most severe and newest first: past a few dozen rings
#: the eye finds no one of them, and each costs the map's every repaint
PULSE_MAX = 48


#: the cameras' and sensors' spots: their outline a cosmetic pen (a plain QPen would scale with the symbol)
DEVICE_STYLE = {"size": DEVICE_PX, "pen": pg.mkPen(EDGE, width=1.0)}


def device_item(z: float) -> pg.ScatterPlotItem:
    """An empty scatter item for a kind of device, at depth ``z``."""
    item = pg.ScatterPlotItem(pxMode=True)
    item.setZValue(z)
    return item


class _PxItem(pg.GraphicsObject):  # type: ignore[misc]  # pyqtgraph is untyped
    """An item at display positions whose marks are a fixed number of pixels across."""

    def __init__(self, half_px: float) -> None:
        super().__init__()
        self.half_px = half_px
        self.x = self.y = np.empty(0)
        self.res = 1.0  # display metres per pixel, for the bounding box
        self._rect = QRectF()

    def place(self, x: np.ndarray, y: np.ndarray, res: float) -> None:
        """Draw at these display positions; ``res`` is the view's metres per pixel."""
        self.x, self.y, self.res = np.asarray(x, float), np.asarray(y, float), max(float(res), 1e-9)
        self.prepareGeometryChange()
        self._rect = self._box()
        self.update()

    def _box(self) -> QRectF:
        ok = ~(np.isnan(self.x) | np.isnan(self.y))
        if not ok.any():
            return QRectF()
        pad = self.half_px * self.res
        x0, x1 = float(self.x[ok].min()) - pad, float(self.x[ok].max()) + pad
        y0, y1 = float(self.y[ok].min()) - pad, float(self.y[ok].max()) + pad
        return QRectF(x0, y0, x1 - x0, y1 - y0)

    def boundingRect(self) -> QRectF:
        return self._rect


class AlertBadges(_PxItem):
    """Every open alert as its (type, level) badge; the most severe drawn last, on top.

    On the map's own viewport the badges are drawn once into an image of the view and that image
    is shown until the alerts or the view change: the map repaints many times between two batches
    of alerts (the pulse, a hover, other layers), and 500 badges drawn one by one from Python cost
    ~9 ms a repaint, the image ~1 ms.  Other devices (a snapshot, a PDF) get the badges drawn directly.
    """

    def __init__(self) -> None:
        super().__init__(BADGE_PX / 2.0 + 1.0)
        self.types: list[str] = []
        self.levels: list[int] = []
        self.generation = 0
        self.drawn = 0  # how many times the badges were drawn one by one (tests)
        self._cache: tuple[tuple[object, ...], QPointF, QImage] | None = None

    def set_alerts(self, x: np.ndarray, y: np.ndarray, types: list[str], levels: list[int], res: float) -> None:
        """Alerts at display positions, with their types and levels (1 most severe)."""
        order = np.argsort(-np.asarray(levels, dtype=np.int64), kind="stable") if len(levels) else np.empty(0, int)
        self.types = [types[i] for i in order]
        self.levels = [int(levels[i]) for i in order]
        self.generation += 1
        self._cache = None
        self.place(np.asarray(x, float)[order], np.asarray(y, float)[order], res)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        if not len(self.x):
            return
        transform = begin_device(painter)
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        if not isinstance(device, QWidget):
            self._draw(painter, transform, ratio)
            return
        t = transform
        key = (
            self.generation,
            t.m11(),
            t.m12(),
            t.m21(),
            t.m22(),
            t.dx(),
            t.dy(),
            device.width(),
            device.height(),
            ratio,
        )
        if self._cache is None or self._cache[0] != key:
            corner, image = self._render(transform, ratio, device.width(), device.height())
            self._cache = (key, corner, image)
        else:
            _key, corner, image = self._cache
        if not image.isNull():
            painter.drawImage(corner, image)

    def _render(self, transform: QTransform, ratio: float, width: int, height: int) -> tuple[QPointF, QImage]:
        """The badges drawn into an image of the part of the view they cover, and where it goes."""
        px, py = device_xy(transform, self.x, self.y)
        ok = ~np.isnan(px) & ~np.isnan(py)
        if not ok.any():
            return QPointF(), QImage()
        half = BADGE_PX / 2.0 + 1.0
        x0, y0 = max(0.0, math.floor(float(px[ok].min()) - half)), max(0.0, math.floor(float(py[ok].min()) - half))
        x1, y1 = (
            min(float(width), math.ceil(float(px[ok].max()) + half)),
            min(float(height), math.ceil(float(py[ok].max()) + half)),
        )
        if x1 <= x0 or y1 <= y0:
            return QPointF(), QImage()
        image = QImage(
            math.ceil((x1 - x0) * ratio), math.ceil((y1 - y0) * ratio), QImage.Format.Format_ARGB32_Premultiplied
        )
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        offscreen = QPainter(image)
        self._draw(offscreen, transform * QTransform.fromTranslate(-x0, -y0), ratio)
        offscreen.end()
        return QPointF(x0, y0), image

    def _draw(self, painter: QPainter, transform: QTransform, ratio: float) -> None:
        self.drawn += 1
        px, py = device_xy(transform, self.x, self.y)
        half = BADGE_PX / 2.0
        for kind, level, dx, dy in zip(self.types, self.levels, px.tolist(), py.tolist(), strict=True):
            if dx == dx:  # not NaN
                painter.drawPixmap(QPointF(dx - half, dy - half), badge(kind, level, ratio))


class AlertPulse(_PxItem):
    """Rings growing out of the new alerts, animated by its own timer while there are any."""

    def __init__(self) -> None:
        super().__init__(BADGE_PX / 2.0 + PULSE_REACH_PX + 3.0)
        self.levels: list[int] = []
        self.phase = 0.0
        self.ticks = 0
        self.timer = QTimer()
        self.timer.setInterval(PULSE_TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.still = StillLayers(self)  # the layers under the rings: pictures while they pulse

    def set_new(self, x: np.ndarray, y: np.ndarray, levels: list[int], res: float, running: bool) -> None:
        """The new alerts' positions and levels; ``running`` False (hidden layer, none new) stops the timer."""
        self.levels = [int(v) for v in levels]
        self.place(x, y, res)
        if running and len(self.levels):
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()
        self.still.hold(self.timer.isActive())

    def tick(self) -> None:
        """One frame: the rings grow; only their boxes are repainted."""
        self.ticks += 1
        self.phase = (self.phase + PULSE_TICK_MS / PULSE_PERIOD_MS) % 1.0
        if len(self.x) > _RING_RECTS:
            self.update()
            return
        pad = self.half_px * self.res
        for x, y in zip(self.x.tolist(), self.y.tolist(), strict=True):
            if x == x:
                self.update(QRectF(x - pad, y - pad, 2 * pad, 2 * pad))

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        if not len(self.x):
            return
        transform = begin_device(painter)
        px, py = device_xy(transform, self.x, self.y)
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        step = int(self.phase * PULSE_STEPS) % PULSE_STEPS
        half = ring_half_px()
        for level, dx, dy in zip(self.levels, px.tolist(), py.tolist(), strict=True):
            if dx == dx:  # an antialiased ring costs ~0.2 ms to draw, its cached pixmap ~2 us
                painter.drawPixmap(QPointF(dx - half, dy - half), ring(level, step, ratio))


def ring_half_px() -> float:
    """Half the side of a pulse ring's pixmap."""
    return BADGE_PX / 2.0 + PULSE_REACH_PX + 2.0


@cache
def ring(level: int, step: int, ratio: float = 1.0) -> QPixmap:
    """The pulse ring of a level at one of :data:`PULSE_STEPS` moments: growing out and fading."""
    phase = step / PULSE_STEPS
    half = ring_half_px()
    side = math.ceil(2 * half * ratio)
    pixmap = QPixmap(side, side)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(level_colour(level))
    colour.setAlpha(int(230 * (1.0 - phase)))
    painter.setPen(QPen(colour, 3.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    radius = BADGE_PX / 2.0 + PULSE_REACH_PX * phase
    painter.drawEllipse(QPointF(half, half), radius, radius)
    painter.end()
    return pixmap
