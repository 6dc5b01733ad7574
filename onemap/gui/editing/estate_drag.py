"""移动小区: drag an estate's point across the map; the release becomes one undoable move.

While the mode is on, a press on an estate's point (the selected one first, else the
nearest shown within a few pixels) grabs it instead of panning the map; a ring follows
the cursor and the status bar shows where it would land.  The release hands the code
and the new CGCS2000 position to ``on_moved`` (the window pushes a
:class:`~onemap.edit.MoveEstate` through the history); Esc or a release where it started
leaves the estate where it was.  A press anywhere else still pans.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt

from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.editing.drag_tool import MapDragTool
from onemap.gui.i18n import tr
from onemap.gui.statusbar import MapStatusBar
from onemap.view.extent import to_lonlat
from onemap.view.session import MapSession

GRAB_PX = 10.0
#: a release closer than this to the press is a click, not a move
MIN_MOVE_PX = 3.0

Moved = Callable[[str, tuple[float, float]], None]


class EstateDragger(MapDragTool):
    """Watches the canvas viewport's mouse while :attr:`active`, and drags estate points.

    Parameters
    ----------
    canvas : MapCanvas
    status : MapStatusBar
        Shows the position while dragging.
    on_moved : callable
        ``on_moved(code, (lon, lat))`` after a drag that moved a point.
    """

    def __init__(self, canvas: MapCanvas, status: MapStatusBar, on_moved: Moved) -> None:
        super().__init__(canvas, status)
        self.on_moved = on_moved
        self.code: str | None = None
        self._start = QPointF()
        self.ring = pg.ScatterPlotItem(
            size=2 * GRAB_PX + 4,
            symbol="o",
            pen=pg.mkPen("#000000", width=2.5),
            brush=pg.mkBrush(255, 255, 255, 90),
            pxMode=True,
        )
        self.ring.setZValue(1000)
        self.ring.hide()
        canvas.vb.addItem(self.ring, ignoreBounds=True)

    def bind(self, session: MapSession | None) -> None:
        """Work on another session (a drag in progress is dropped)."""
        self.cancel()
        self.session = session

    def set_active(self, on: bool) -> None:
        """Turn the move mode on or off."""
        self.active = on
        self.cancel()
        if on:
            self.canvas.setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.canvas.unsetCursor()

    @property
    def dragging(self) -> bool:
        """Whether a point is being dragged."""
        return self.code is not None

    def cancel(self) -> None:
        """Drop a drag in progress; the estate stays where it was."""
        self.code = None
        self.ring.hide()

    def _idle_cursor(self) -> None:
        self.canvas.setCursor(Qt.CursorShape.OpenHandCursor)

    # -- events ---------------------------------------------------------------------------

    def grab_at(self, pos: QPointF) -> str | None:
        """The estate whose point is under a viewport position: the current one first."""
        assert self.session is not None
        state = self.session.state
        candidates = [state.current] if state.current else []
        candidates += state.identify(*self.canvas.to_display(pos), GRAB_PX)
        for code in candidates:
            row = state.table.row_of(code)
            if row is None or math.isnan(state.table.x[row]):
                continue
            at = self.canvas.to_widget(float(state.table.x[row]), float(state.table.y[row]))
            if math.hypot(at.x() - pos.x(), at.y() - pos.y()) <= GRAB_PX:
                return code
        return None

    def _press(self, pos: QPointF) -> bool:
        code = self.grab_at(pos)
        if code is None:
            return False  # not on a point: the map pans as usual
        assert self.session is not None
        if self.session.state.current != code:
            self.session.state.select([code])
        self.code, self._start = code, QPointF(pos)
        self.canvas.setFocus(Qt.FocusReason.MouseFocusReason)
        self.canvas.setCursor(Qt.CursorShape.ClosedHandCursor)
        self._follow(pos)
        return True

    def _follow(self, pos: QPointF) -> None:
        x, y = self.canvas.to_display(pos)
        self.ring.setData([x], [y])
        self.ring.show()
        lon, lat = to_lonlat(x, y)
        self.status.showMessage(tr("移动到 {lon:.6f}, {lat:.6f}（松开鼠标放下，Esc 取消）").format(lon=lon, lat=lat))

    def _release(self, pos: QPointF) -> None:
        code = self.code
        self.cancel()
        self.canvas.setCursor(Qt.CursorShape.OpenHandCursor)
        self.status.clearMessage()
        if code is None or math.hypot(pos.x() - self._start.x(), pos.y() - self._start.y()) < MIN_MOVE_PX:
            return
        self.on_moved(code, to_lonlat(*self.canvas.to_display(pos)))
