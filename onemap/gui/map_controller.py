"""What mouse and keyboard on the map mean: identify, hover tips, measuring, picking a point.

A click selects the nearest estate (or the outline under the cursor); Ctrl+click adds
or removes it; a click on empty map clears the selection.  In a measure mode clicks add
vertices instead and a double click finishes; while a pick is pending (新建小区) the next
click hands its point to whoever asked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolTip

from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.measure import MeasureItem
from onemap.gui.i18n import tr
from onemap.gui.i18n.language import ui_language
from onemap.gui.statusbar import MapStatusBar
from onemap.model import status_label
from onemap.view.estate_table import STATUS_KEYS
from onemap.view.extent import to_lonlat
from onemap.view.measure import Measurement
from onemap.view.session import MapSession

HOVER_MS = 150


class MapController(QObject):
    """Connects the canvas's clicks and moves to the session, the status bar and the measure tool."""

    def __init__(self, canvas: MapCanvas, status: MapStatusBar) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.status = status
        self.session: MapSession | None = None
        self.measurement = Measurement()
        self.measure_item = MeasureItem(canvas, self.measurement)
        self.measuring = False
        self._finished = False
        self._on_pick: Callable[[float, float], None] | None = None
        self._hover: tuple[float, float] | None = None
        #: the live watch's marks answer first when one is under the cursor (a tip, or '')
        self.mark_tip: Callable[[float, float], str] | None = None
        self._hover_timer = QTimer(self)
        self._hover_timer.setSingleShot(True)
        self._hover_timer.setInterval(HOVER_MS)
        self._hover_timer.timeout.connect(self._show_tip)
        canvas.clicked.connect(self.on_click)
        canvas.double_clicked.connect(self.on_double_click)
        canvas.hovered.connect(self.on_hover)
        canvas.left.connect(self.on_leave)

    def bind(self, session: MapSession | None) -> None:
        """Work on a session (``None`` when no inventory is open)."""
        self.session = session
        self.stop_measuring()
        self.pick_point(None)

    # -- measuring ------------------------------------------------------------------------

    def start_measuring(self, mode: str) -> None:
        """Measure ``distance`` or ``area``: clicks add points, a double click finishes."""
        self.measuring = True
        self._finished = False
        self.measurement.clear(mode)
        self.canvas.setCursor(Qt.CursorShape.CrossCursor)
        self.status.showMessage(self.measurement.text(ui_language()))

    def stop_measuring(self) -> None:
        """Leave the measure mode and clear the drawing."""
        self.measuring = False
        self.measure_item.hover = None
        self.measurement.clear()
        self.canvas.unsetCursor()

    # -- picking a point -----------------------------------------------------------------

    def pick_point(self, on_pick: Callable[[float, float], None] | None) -> None:
        """Hand the next click's display point to ``on_pick`` (``None``: back to identifying)."""
        self._on_pick = on_pick
        if on_pick is not None:
            self.stop_measuring()
            self.canvas.setCursor(Qt.CursorShape.CrossCursor)
        elif not self.measuring:
            self.canvas.unsetCursor()

    # -- events ---------------------------------------------------------------------------

    def on_click(self, x: float, y: float, modifiers: Qt.KeyboardModifier) -> None:
        """Identify, or add a measure vertex."""
        if self.measuring:
            if self._finished:
                self.measurement.clear()
                self._finished = False
            self.measurement.add(*to_lonlat(x, y))
            self.status.showMessage(self.measurement.text(ui_language()))
            return
        if self._on_pick is not None:
            self._on_pick(x, y)
            return
        if self.session is None:
            return
        state = self.session.state
        aggregate = self.session.planner.cluster_at(x, y)
        if aggregate is not None and not modifiers & Qt.KeyboardModifier.ControlModifier:
            state.request_zoom(aggregate)
            return
        codes = self.session.estates_at(x, y)
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            if codes:
                state.toggle(codes[0])
        elif codes:
            state.select([codes[0]], alternatives=codes)
        else:
            state.clear_selection()

    def on_double_click(self, x: float, y: float) -> None:
        """Finish a measurement."""
        if self.measuring:
            self._finished = True
            self.measure_item.hover = None
            self.measure_item.refresh()
            self.status.showMessage(self.measurement.text(ui_language()))

    def on_hover(self, x: float, y: float) -> None:
        """Status bar position; a tooltip when the cursor rests on an estate."""
        self.status.show_cursor(x, y)
        self._hover = (x, y)
        if self.measuring and not self._finished and self.measurement.points:
            self.measure_item.hover = (x, y)
            self.measure_item.refresh()
        QToolTip.hideText()
        self._hover_timer.start()

    def on_leave(self) -> None:
        """The cursor left the map."""
        self.status.clear_cursor()
        self._hover_timer.stop()

    def tooltip_at(self, x: float, y: float) -> str:
        """名称 and 状态 of the estate under a display point ('' when none)."""
        if self.session is None:
            return ""
        mark = self.mark_tip(x, y) if self.mark_tip is not None else ""
        if mark:
            return mark
        codes = self.session.state.identify(x, y)
        if not codes:
            return ""
        table = self.session.table
        row = table.row_of(codes[0])
        assert row is not None
        status = status_label(STATUS_KEYS[table.status[row]] if table.status[row] >= 0 else None, ui_language())
        text = tr("{name}\n状态：{status}").format(name=table.name[row] or codes[0], status=status)
        if len(codes) > 1:
            text += tr("\n此处还有 {n} 个小区").format(n=len(codes) - 1)
        return text

    def _show_tip(self) -> None:
        if self._hover is None or self.measuring:
            return
        text = self.tooltip_at(*self._hover)
        if text:
            QToolTip.showText(QCursor.pos(), text, self.canvas)
