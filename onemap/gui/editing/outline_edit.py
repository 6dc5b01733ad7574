"""改范围面: drag a vertex of the selected estate's outline; the release becomes one undoable reshape.

While the mode is on, the current estate's outline vertices show as small square handles
(one scatter item).  A press on a handle grabs that vertex instead of panning the map; the
outline follows the cursor as a dashed preview and the status bar shows where the vertex
would land.  The release builds the new MultiPolygon (every other vertex keeps its stored
CGCS2000 position exactly) and hands it to ``on_reshaped`` (the window pushes a
:class:`~onemap.edit.SetOutline` through the history).  A move that would make the outline
invalid (self-intersecting, a hole outside its shell) is refused with a status-bar message
and the outline stays as it was.  Esc or a release where it started drops the drag; a
press anywhere else still pans.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.editing.drag_tool import MapDragTool
from onemap.gui.i18n import tr
from onemap.gui.statusbar import MapStatusBar
from onemap.view.extent import to_display, to_lonlat
from onemap.view.session import MapSession

GRAB_PX = 7.0
#: a release closer than this to the press is a click, not a move
MIN_MOVE_PX = 3.0
HANDLE_PX = 9
#: how long the hint and a refusal stay in the status bar
REFUSED_MS = 8000

ReadOutline = Callable[[str], "BaseGeometry | None"]
Reshaped = Callable[[str, MultiPolygon], bool]


@dataclass
class _Ring:
    """One ring of the outline: which polygon, 0 for the shell or 1+ for a hole, its open lon/lat vertices."""

    polygon: int
    ring: int
    lonlat: np.ndarray  # (n, 2), the closing vertex left off


def rings_of(outline: BaseGeometry) -> list[_Ring]:
    """The rings of a (Multi)Polygon, each without its repeated closing vertex."""
    polygons = list(outline.geoms) if isinstance(outline, MultiPolygon) else [outline]
    rings: list[_Ring] = []
    for p, polygon in enumerate(polygons):
        if not isinstance(polygon, Polygon) or polygon.is_empty:
            continue
        for r, ring in enumerate([polygon.exterior, *polygon.interiors]):
            xy = np.asarray(ring.coords, dtype=np.float64)[:, :2]
            if len(xy) > 1 and np.array_equal(xy[0], xy[-1]):
                xy = xy[:-1]
            rings.append(_Ring(p, r, xy))
    return rings


def outline_of(rings: list[_Ring]) -> MultiPolygon:
    """The MultiPolygon back from its rings (closed again)."""
    polygons: dict[int, list[list[tuple[float, float]]]] = {}
    for ring in rings:
        polygons.setdefault(ring.polygon, []).append([(float(x), float(y)) for x, y in ring.lonlat])
    return MultiPolygon([Polygon(parts[0], parts[1:]) for _p, parts in sorted(polygons.items())])


class OutlineEditor(MapDragTool):
    """Watches the canvas viewport's mouse while :attr:`active`, and drags outline vertices.

    Parameters
    ----------
    canvas : MapCanvas
    status : MapStatusBar
        Shows the position while dragging, and why a move was refused.
    read_outline : callable
        ``read_outline(code)``: the estate's stored outline (CGCS2000) or None.
    on_reshaped : callable
        ``on_reshaped(code, multipolygon)`` after a drag that moved a vertex to a valid shape.
    """

    def __init__(
        self, canvas: MapCanvas, status: MapStatusBar, read_outline: ReadOutline, on_reshaped: Reshaped
    ) -> None:
        super().__init__(canvas, status)
        self.read_outline, self.on_reshaped = read_outline, on_reshaped
        #: the estate whose handles are shown, its rings and their display coordinates
        self.code: str | None = None
        self.shown: BaseGeometry | None = None
        self.rings: list[_Ring] = []
        self.display: list[np.ndarray] = []
        #: the grabbed vertex: (ring index, vertex index), or None
        self.grabbed: tuple[int, int] | None = None
        self._start = QPointF()
        self.handles = pg.ScatterPlotItem(
            size=HANDLE_PX, symbol="s", pen=pg.mkPen("#1f1f1f", width=1.2), brush=pg.mkBrush("#ffffff"), pxMode=True
        )
        self.handles.setZValue(1001)
        self.preview = pg.PlotCurveItem(pen=pg.mkPen("#d81b60", width=2, style=Qt.PenStyle.DashLine), connect="finite")
        self.preview.setZValue(1000)
        for item in (self.handles, self.preview):
            item.hide()
            canvas.vb.addItem(item, ignoreBounds=True)

    # -- following the session ----------------------------------------------------------------

    def bind(self, session: MapSession | None) -> None:
        """Work on another session (a drag in progress is dropped); follows its current estate."""
        if self.session is not None:
            self.session.state.selection_changed.disconnect(self.refresh)
        self.session = session
        if session is not None:
            session.state.selection_changed.connect(self.refresh)
        self.refresh()

    def set_active(self, on: bool) -> None:
        """Turn the reshape mode on or off."""
        self.active = on
        self.refresh()
        if on:
            self.status.showMessage(tr("按住所选小区范围面的顶点拖到新位置后松开（Esc 取消）"), REFUSED_MS)

    def refresh(self) -> None:
        """Show the handles of the current estate's outline (none when off, or nothing is selected)."""
        self.grabbed = None
        self.preview.hide()
        code = self.session.state.current if self.active and self.session is not None else None
        outline = self.read_outline(code) if code is not None else None
        self.code = code if outline is not None else None
        #: the outline as read when the handles were drawn: a reshape is refused if the file's changed since
        self.shown = outline
        self.rings = rings_of(outline) if outline is not None else []
        self.display = [np.column_stack(to_display(r.lonlat[:, 0], r.lonlat[:, 1])) for r in self.rings]
        self._draw_handles()

    def cancel(self) -> None:
        """Drop a drag in progress; the outline stays as it was."""
        self.grabbed = None
        self.preview.hide()
        self._draw_handles()

    @property
    def dragging(self) -> bool:
        """Whether a vertex is being dragged."""
        return self.grabbed is not None

    def close(self) -> None:
        """Stop watching the canvas (the window closes)."""
        self.bind(None)
        super().close()

    def _draw_handles(self, rings: list[np.ndarray] | None = None) -> None:
        rings = self.display if rings is None else rings
        if not rings:
            self.handles.clear()
            self.handles.hide()
            return
        xy = np.concatenate(rings)
        self.handles.setData(xy[:, 0], xy[:, 1])
        self.handles.show()

    # -- events ---------------------------------------------------------------------------------

    def vertex_at(self, pos: QPointF) -> tuple[int, int] | None:
        """The handle under a viewport position: (ring index, vertex index), the nearest within reach."""
        best, best_d = None, GRAB_PX
        for i, ring in enumerate(self.display):
            for j, (x, y) in enumerate(ring):
                at = self.canvas.to_widget(float(x), float(y))
                d = math.hypot(at.x() - pos.x(), at.y() - pos.y())
                if d <= best_d:
                    best, best_d = (i, j), d
        return best

    def _press(self, pos: QPointF) -> bool:
        vertex = self.vertex_at(pos) if self.code is not None else None
        if vertex is None:
            return False  # not on a handle: the map pans as usual
        self.grabbed, self._start = vertex, QPointF(pos)
        self.canvas.setFocus(Qt.FocusReason.MouseFocusReason)
        self.canvas.setCursor(Qt.CursorShape.ClosedHandCursor)
        self._follow(pos)
        return True

    def _moved_display(self, x: float, y: float) -> list[np.ndarray]:
        assert self.grabbed is not None
        i, j = self.grabbed
        rings = [ring.copy() for ring in self.display]
        rings[i][j] = (x, y)
        return rings

    def _follow(self, pos: QPointF) -> None:
        x, y = self.canvas.to_display(pos)
        rings = self._moved_display(x, y)
        closed = [np.vstack([ring, ring[:1], [[np.nan, np.nan]]]) for ring in rings]
        xy = np.concatenate(closed)
        self.preview.setData(xy[:, 0], xy[:, 1], connect="finite")
        self.preview.show()
        self._draw_handles(rings)
        lon, lat = to_lonlat(x, y)
        self.status.showMessage(tr("顶点移到 {lon:.6f}, {lat:.6f}（松开鼠标放下，Esc 取消）").format(lon=lon, lat=lat))

    def _release(self, pos: QPointF) -> None:
        code, vertex = self.code, self.grabbed
        self.cancel()
        self.canvas.unsetCursor()
        self.status.clearMessage()
        if code is None or vertex is None:
            return
        if math.hypot(pos.x() - self._start.x(), pos.y() - self._start.y()) < MIN_MOVE_PX:
            return
        outline = self.reshaped(vertex, to_lonlat(*self.canvas.to_display(pos)))
        if outline is None:
            self.status.showMessage(tr("范围面无效（边界自相交或洞在外面），未修改"), REFUSED_MS)
            return
        self.on_reshaped(code, outline)

    def reshaped(self, vertex: tuple[int, int], lonlat_4490: tuple[float, float]) -> MultiPolygon | None:
        """The outline with one vertex moved to a CGCS2000 position; None when that shape is invalid."""
        i, j = vertex
        rings = [_Ring(r.polygon, r.ring, r.lonlat.copy()) for r in self.rings]
        rings[i].lonlat[j] = lonlat_4490
        try:
            outline = outline_of(rings)
        except ValueError:  # shapely refuses rings of fewer than 3 distinct points
            return None
        return outline if outline.is_valid and not outline.is_empty else None
