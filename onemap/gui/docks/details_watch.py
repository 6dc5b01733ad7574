"""The details dock's live-watch groups: the estate's sensors (with status) and its alerts of the last 30 days.

Alerts come newest first, one line each: when (Beijing time), the level as a coloured chip
(China's red, orange, yellow, blue warning colours), the type, how many events folded into
it and its handling status, all in the interface's language; ``近30天无告警`` when there are
none.  Sensors are the estate's own rows (read with the estate), so the only query the panel
adds is one :meth:`~onemap.store.alerts.AlertStore.alert_rows` per estate shown, and none
while the dock is hidden (the owner asks again when it is shown).  A refresh that changes
nothing shown keeps the widgets: no relayout.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from onemap.gui.i18n import keep_tr
from onemap.gui.i18n.language import ui_language
from onemap.model import Estate, Sensor
from onemap.store.alerts import AlertRow
from onemap.view.estate_watch import ALERT_ROWS, Line, alert_line, sensor_line, since_text


class EstateWatchPanel(QWidget):
    """The 传感器 and 近30天告警 groups; filled by :meth:`show_lines`, emptied by :meth:`clear`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("estateWatchPanel")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.sensors_box, self.sensors = self._group("sensorsGroup", str(QT_TRANSLATE_NOOP("", "传感器")))
        self.alerts_box, self.alerts = self._group("alertsGroup", str(QT_TRANSLATE_NOOP("", "近30天告警")))
        outer.addWidget(self.sensors_box)
        outer.addWidget(self.alerts_box)
        self.shown: tuple[tuple[Line, ...], tuple[Line, ...]] | None = None
        self.sensor_rows = LabelRows(self.sensors, 4, names=("sensorName",))
        self.none = _label("", "blankValue")
        keep_tr(self.none, "setText", str(QT_TRANSLATE_NOOP("", "近30天无告警")))
        self.alerts.addWidget(self.none, 0, 0, 1, 5)
        self.alert_rows = LabelRows(self.alerts, 5, first=1, names=("alertLevel",))
        self.sensors.setColumnStretch(1, 1)
        self.alerts.setColumnStretch(2, 1)
        #: what is shown (sensors, alerts) and the estate whose alerts a hidden dock has yet to read
        self.source: tuple[list[Sensor], list[AlertRow]] | None = None
        self.pending: tuple[Any, Estate] | None = None

    def _group(self, name: str, title: str) -> tuple[QGroupBox, QGridLayout]:
        box = QGroupBox()
        box.setObjectName(name)
        keep_tr(box, "setTitle", title)
        return box, QGridLayout(box)

    def clear(self) -> None:
        """Nothing shown (no estate)."""
        self.source = self.pending = None
        self.show_lines((), ())

    def follow(self, inventory: Any, estate: Estate, visible: bool) -> None:
        """Show ``estate`` (read with its sensors): one alert query, or none until the dock is visible."""
        self.pending = (inventory, estate)
        if visible:
            self.catch_up()

    def catch_up(self) -> None:
        """Make the query a hidden dock put off (called when it is shown)."""
        if self.pending is None:
            return
        inventory, estate = self.pending
        self.pending = None
        alerts = inventory.alert_rows(since=since_text(), estate=estate.code, limit=ALERT_ROWS)
        self.source = (list(estate.sensors), alerts)
        self.show_estate(*self.source)

    def relabel(self) -> None:
        """The same lines in the interface's new language (no query)."""
        if self.source is not None:
            self.show_estate(*self.source)

    def show_estate(self, sensors: Sequence[Sensor], alerts: Sequence[AlertRow]) -> None:
        """Show an estate's sensors and alerts (alerts newest first, as the store gives them)."""
        lang = ui_language()
        self.show_lines(tuple(sensor_line(s, lang) for s in sensors), tuple(alert_line(a, lang) for a in alerts))

    def show_lines(self, sensors: tuple[Line, ...], alerts: tuple[Line, ...]) -> None:
        """Fill both groups; lines equal to those on show are left alone (no relayout)."""
        if self.shown is not None and self.shown == (sensors, alerts):
            return
        if self.shown is None or self.shown[0] != sensors:
            self._fill_sensors(sensors)
        if self.shown is None or self.shown[1] != alerts:
            self._fill_alerts(alerts)
        self.shown = (sensors, alerts)
        self.sensors_box.setVisible(bool(sensors))  # most estates have none: no empty group

    def alert_texts(self) -> list[list[str]]:
        """The alert lines as shown (tests and the screenshot script read them)."""
        if self.none.isVisibleTo(self.alerts_box):
            return [[self.none.text()]]
        return [[w.text() for w in row] for row in self.alert_rows.rows]

    def sensor_texts(self) -> list[list[str]]:
        """The sensor lines as shown."""
        return [[w.text() for w in row] for row in self.sensor_rows.rows]

    def _fill_sensors(self, lines: tuple[Line, ...]) -> None:
        self.sensor_rows.show(lines)

    def _fill_alerts(self, lines: tuple[Line, ...]) -> None:
        self.none.setVisible(not lines)
        self.alert_rows.show(tuple((level, *rest) for level, _colour, *rest in lines))
        for row, (_level, colour, *_rest) in zip(self.alert_rows.rows, lines, strict=True):
            _paint_chip(row[0], colour)


class LabelRows:
    """Rows of plain-text labels in a grid, reused: showing another estate changes texts, not widgets.

    Making and deleting a hundred labels and laying them out again is what a details-dock
    refresh must not cost; rows are only added or removed when the number of lines changes.
    """

    def __init__(self, grid: QGridLayout, columns: int, first: int = 0, names: tuple[str | None, ...] = ()) -> None:
        self.grid, self.columns, self.first, self.names = grid, columns, first, names
        self.rows: list[list[QLabel]] = []

    def show(self, lines: tuple[Line, ...]) -> None:
        """Show ``lines`` (each of ``columns`` texts), one row each."""
        while len(self.rows) < len(lines):
            row = [_label("", self.names[c] if c < len(self.names) else None) for c in range(self.columns)]
            for column, label in enumerate(row):
                self.grid.addWidget(label, self.first + len(self.rows), column)
            self.rows.append(row)
        while len(self.rows) > len(lines):
            for label in self.rows.pop():
                self.grid.removeWidget(label)
                label.deleteLater()
        for row, line in zip(self.rows, lines, strict=True):
            for label, text in zip(row, line, strict=True):
                if label.text() != text:
                    label.setText(text)


def _label(text: str, name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def _paint_chip(chip: QLabel, colour: str) -> None:
    """The level chip in its warning colour (a palette, not a style sheet: no style recomputed per label)."""
    if chip.property("levelColour") == colour:
        return
    chip.setProperty("levelColour", colour)
    palette = chip.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(colour))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(_ink(colour)))
    chip.setPalette(palette)
    chip.setAutoFillBackground(True)
    chip.setContentsMargins(4, 0, 4, 0)


def _ink(colour: str) -> str:
    """Black or white text, whichever reads on ``colour`` (yellow needs black)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#ffffff"
