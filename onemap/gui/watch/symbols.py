"""How the live watch's marks look: colours by alert level and device state, and a symbol per alert type.

Levels take the colours of China's four warning levels (突发事件预警级别: 一级红色, 二级橙色,
三级黄色, 四级蓝色), the order GB/T 28181's AlarmPriority counts in (1 most severe).  An alert
is a round badge in its level's colour with a white rim and a dark edge (it stands out on the
light basemap and on the estate colours alike) holding a white glyph of its type (dark on
yellow); every badge of a (type, level) pair is one cached pixmap, so 200 alerts are 200
pixmap blits.  Cameras are small camera bodies and sensors small hexagons, coloured by state.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)

from onemap.view.watch_marks import CAMERA_STATES, SENSOR_STATES, WatchMarks

#: level (1 most severe) -> colour
LEVEL_COLOURS: dict[int, str] = {1: "#d7191c", 2: "#f07c00", 3: "#f2c200", 4: "#1f6fd1"}
#: camera state (:data:`onemap.view.watch_marks.CAMERA_STATES`) -> fill colour; ``alerting`` takes
#: the colour of its worst alert's level instead
CAMERA_COLOURS: dict[str, str] = {"unknown": "#f4f4f4", "online": "#1b7f3b", "offline": "#8a8a8a"}
#: sensor state (:data:`onemap.view.watch_marks.SENSOR_STATES`) -> fill colour
SENSOR_COLOURS: dict[str, str] = {"normal": "#2e9d8f", "alarming": LEVEL_COLOURS[1], "offline": "#8a8a8a"}
EDGE = "#202020"
BADGE_PX = 24
DEVICE_PX = 15
ALERT_TYPES = (
    "smoke_fire",
    "intrusion",
    "illegal_parking",
    "absent_post",
    "gas_leak",
    "device_fault",
    "device_offline",
    "other",
)


def _stroked(path: QPainterPath, width: float) -> QPainterPath:
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return stroker.createStroke(path)


def _polygon(*points: tuple[float, float]) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
    path.closeSubpath()
    return path


def _flame() -> QPainterPath:
    path = QPainterPath(QPointF(0.0, 0.42))
    path.cubicTo(-0.36, 0.42, -0.42, 0.05, -0.16, -0.2)
    path.cubicTo(-0.1, -0.05, -0.04, -0.02, -0.02, 0.02)
    path.cubicTo(-0.06, -0.25, 0.05, -0.38, 0.06, -0.46)
    path.cubicTo(0.3, -0.28, 0.42, 0.05, 0.3, 0.25)
    path.cubicTo(0.24, 0.37, 0.12, 0.42, 0.0, 0.42)
    return path


def _person() -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(QPointF(0.0, -0.27), 0.13, 0.13)
    body = _polygon((-0.2, -0.1), (0.2, -0.1), (0.27, 0.42), (0.06, 0.42), (0.0, 0.12), (-0.06, 0.42), (-0.27, 0.42))
    path.addPath(body)
    return path.simplified()


def _text(text: str, size: float) -> QPainterPath:
    font = QFont()
    font.setBold(True)
    font.setPixelSize(100)
    path = QPainterPath()
    path.addText(0.0, 0.0, font, text)
    box = path.boundingRect()
    scale = size / max(box.height(), 1e-6)
    moved = QPainterPath()
    moved.addPath(path)
    moved.translate(-box.center().x(), -box.center().y())
    return QTransform.fromScale(scale, scale).map(moved)


def _fumes() -> QPainterPath:
    path = QPainterPath()
    for dx in (-0.24, 0.0, 0.24):
        wave = QPainterPath(QPointF(dx, 0.4))
        wave.cubicTo(dx - 0.14, 0.2, dx + 0.14, 0.0, dx, -0.15)
        wave.cubicTo(dx - 0.14, -0.28, dx + 0.08, -0.38, dx, -0.42)
        path.addPath(_stroked(wave, 0.1))
    return path.simplified()


def _bolt() -> QPainterPath:
    return _polygon((0.08, -0.46), (-0.26, 0.06), (-0.02, 0.06), (-0.1, 0.46), (0.26, -0.08), (0.02, -0.08))


def _cross() -> QPainterPath:
    path = QPainterPath(QPointF(-0.28, -0.28))
    path.lineTo(0.28, 0.28)
    path.moveTo(0.28, -0.28)
    path.lineTo(-0.28, 0.28)
    return _stroked(path, 0.16)


def _bang() -> QPainterPath:
    path = _polygon((-0.07, -0.42), (0.07, -0.42), (0.045, 0.14), (-0.045, 0.14))
    path.addEllipse(QPointF(0.0, 0.32), 0.085, 0.085)
    return path


@cache
def glyph(alert_type: str) -> QPainterPath:
    """The type's glyph in a unit box centred on 0 (y down, as the pixmap draws it)."""
    makers = {
        "smoke_fire": _flame,
        "intrusion": _person,
        "illegal_parking": lambda: _text("P", 0.7),
        "absent_post": lambda: _text("Zz", 0.55),
        "gas_leak": _fumes,
        "device_fault": _bolt,
        "device_offline": _cross,
    }
    return makers.get(alert_type, _bang)()


def level_colour(level: int) -> str:
    """The colour of an alert level (an unknown one as the mildest)."""
    return LEVEL_COLOURS.get(int(level), LEVEL_COLOURS[4])


@cache
def badge(alert_type: str, level: int, ratio: float = 1.0) -> QPixmap:
    """The pixmap of an alert of this type and level, :data:`BADGE_PX` across (times the screen's ratio)."""
    side = math.ceil(BADGE_PX * ratio)
    pixmap = QPixmap(side, side)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    r = BADGE_PX / 2.0
    painter.translate(r, r)
    painter.setPen(QPen(QColor(EDGE), 1.2))
    painter.setBrush(QBrush(QColor("#ffffff")))
    painter.drawEllipse(QRectF(-r + 0.7, -r + 0.7, 2 * r - 1.4, 2 * r - 1.4))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(level_colour(level))))
    inner = r - 3.0
    painter.drawEllipse(QRectF(-inner, -inner, 2 * inner, 2 * inner))
    painter.scale(inner * 1.45, inner * 1.45)
    painter.setBrush(QBrush(QColor("#202020" if int(level) == 3 else "#ffffff")))
    painter.drawPath(glyph(alert_type))
    painter.end()
    return pixmap


@cache
def camera_symbol() -> QPainterPath:
    """A camera body with its lens to the right, in pyqtgraph's unit symbol box."""
    path = QPainterPath()
    path.addRoundedRect(QRectF(-0.5, -0.3, 0.68, 0.6), 0.1, 0.1)
    path.addPath(_polygon((0.18, -0.05), (0.5, -0.3), (0.5, 0.3), (0.18, 0.05)))
    return path.simplified()


@cache
def sensor_symbol() -> QPainterPath:
    """A hexagon with a round hole (a detector on the wall: never mistaken for an estate's filled
    marker), in pyqtgraph's unit symbol box."""
    step = math.pi / 3
    path = _polygon(*[(0.5 * math.cos(step * k + step / 2), 0.5 * math.sin(step * k + step / 2)) for k in range(6)])
    path.addEllipse(QPointF(0.0, 0.0), 0.17, 0.17)  # odd-even fill: a hole
    return path


def device_colours(model: WatchMarks, kind: str, checks: Mapping[str, Mapping[int, bool]]) -> np.ndarray:
    """Each camera's or sensor's fill colour by its state; an alerting camera takes its worst alert's level colour."""
    if kind == "sensors":
        return np.array([SENSOR_COLOURS[s] for s in SENSOR_STATES], dtype=object)[model.sensor_states()]
    states = model.camera_states(checks)
    colours = np.array([CAMERA_COLOURS.get(s, "") for s in CAMERA_STATES], dtype=object)[states]
    worst = model.worst_level("camera")
    for row in np.flatnonzero(states == CAMERA_STATES.index("alerting")):
        colours[row] = level_colour(worst.get(int(model.cameras["fid"][row]), 1))
    return colours
