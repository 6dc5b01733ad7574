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
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from onemap.gui.i18n import keep_tr, tr
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
        self.sensors_box, self.sensors = self._group("sensorsGroup", QT_TRANSLATE_NOOP("", "传感器"))
        self.alerts_box, self.alerts = self._group("alertsGroup", QT_TRANSLATE_NOOP("", "近30天告警"))
        outer.addWidget(self.sensors_box)
        outer.addWidget(self.alerts_box)
        self.shown: tuple[tuple[Line, ...], tuple[Line, ...]] | None = None
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
        return _texts(self.alerts)

    def sensor_texts(self) -> list[list[str]]:
        """The sensor lines as shown."""
        return _texts(self.sensors)

    def _fill_sensors(self, lines: tuple[Line, ...]) -> None:
        _clear(self.sensors)
        for row, line in enumerate(lines):
            for column, text in enumerate(line):
                self.sensors.addWidget(_label(text, "sensorName" if column == 0 else None), row, column)
        self.sensors.setColumnStretch(1, 1)

    def _fill_alerts(self, lines: tuple[Line, ...]) -> None:
        _clear(self.alerts)
        if not lines:
            self.alerts.addWidget(_label(tr("近30天无告警"), "blankValue"), 0, 0, 1, 5)
            return
        for row, (level, colour, *rest) in enumerate(lines):
            chip = _label(level, "alertLevel")
            chip.setStyleSheet(f"background: {colour}; color: {_ink(colour)}; border-radius: 3px; padding: 0 4px;")
            self.alerts.addWidget(chip, row, 0)
            for column, text in enumerate(rest, start=1):
                self.alerts.addWidget(_label(text), row, column)
        self.alerts.setColumnStretch(2, 1)


def _label(text: str, name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def _ink(colour: str) -> str:
    """Black or white text, whichever reads on ``colour`` (yellow needs black)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#ffffff"


def _clear(layout: QGridLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def _texts(layout: QGridLayout) -> list[list[str]]:
    rows: dict[int, list[str]] = {}
    for index in range(layout.count()):
        row, _column, _rs, _cs = layout.getItemPosition(index)
        widget = layout.itemAt(index).widget()
        if isinstance(widget, QLabel):
            rows.setdefault(row, []).append(widget.text())
    return [rows[r] for r in sorted(rows)]
