"""County and township boundaries: drawn once per view into an image that pans move and zooms stretch.

Stroking hundreds of dashed, antialiased county rings is the dearest thing on the map
(577 counties: most of a whole-country zoom step).  So the rings are drawn into an image
of the view, pixel for pixel what drawing them on the map gives (the same clip, so the same
dash phase).  A pan by whole pixels moves the image and draws only the uncovered strips (as
Qt's device cache did before); a zoom step (or a pan by part of a pixel) shows the last
image stretched for as long as the view keeps changing, and once the view rests for
:data:`SETTLE_MS` the rings are drawn again, crisp, a slice at a time between
frames (:mod:`onemap.gui.canvas.ring_render`): the resting map is the same as before, and the
frame after a zoom no longer waits 100-200 ms for 577 rings to be stroked.
"""

from __future__ import annotations

from typing import cast

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRect, QTimer
from PySide6.QtGui import QImage, QPainter, QPen, QPolygonF, QRegion, QTransform

from onemap.gui.canvas.layer import MapLayer, ViewportItem, begin_device
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.markers import area_pen
from onemap.gui.canvas.polygons import polylines_of
from onemap.gui.canvas.ring_render import RingRender, draw_rings
from onemap.view.extent import Extent
from onemap.view.session import MapSession

#: the view must rest this long after a zoom before the boundaries are drawn again
SETTLE_MS = 60
_SAME_SCALE = 1e-9


class BoundaryItem(ViewportItem):
    """Rings drawn with one pen through a view-sized image (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.rings: list[QPolygonF] = []
        self.boxes = np.empty((0, 4))
        self.pen = QPen()
        self.image: QImage | None = None
        #: display coordinates -> image pixels of :attr:`image`
        self.image_transform = QTransform()
        self.stale = False
        self.renders = 0
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.setInterval(SETTLE_MS)
        self.timer.timeout.connect(self._on_settled)
        #: bumped whenever the image wanted changes (new rings, a synchronous redraw): older strokes are dropped
        self.generation = 0
        #: the view rested: a crisp image is wanted from :attr:`worker` (asked for at the next paint)
        self.wanted = False
        self.worker = RingRender(self._adopt)

    def set_rings(self, rings: list[QPolygonF], pen: QPen) -> None:
        """Replace the rings; the image shown so far stands in until the view rests."""
        self.rings, self.pen = rings, pen
        self.generation += 1
        self.worker.cancel()  # a stroke of the old rings
        rects = [r.boundingRect() for r in rings]
        self.boxes = np.array([[r.left(), r.top(), r.right(), r.bottom()] for r in rects]).reshape(-1, 4)
        self._outdate()

    def clear(self) -> None:
        """Draw nothing."""
        self.set_rings([], QPen())
        self.image = None

    def settle(self) -> None:
        """Draw crisp now, on this thread, if a redraw is pending (snapshots and tests)."""
        if self.stale or self.wanted or self.worker.busy:
            self.timer.stop()
            self.worker.cancel()
            self.generation += 1
            self.wanted = False
            self.image = None  # the next paint draws it
            self.stale = False
            self.update()

    def close(self) -> None:
        """Stop the timer and the stroke under way."""
        self.timer.stop()
        self.worker.cancel()

    def _outdate(self) -> None:
        self.stale = True
        self.timer.start()
        self.update()

    def _on_settled(self) -> None:
        if self.image is None:  # nothing to stretch meanwhile: the next paint draws it
            self.stale = False
        else:
            self.wanted = True
        self.update()

    def _adopt(self, generation: int, image: QImage, to_image: QTransform) -> None:
        """A stroke of :attr:`worker` is done; shown unless the rings changed since."""
        if generation != self.generation:
            if self.wanted:
                self.update()  # the next paint asks for the stroke of today's rings
            return
        self.image, self.image_transform = image, to_image
        self.stale = self.wanted = False
        self.renders += 1
        self.update()

    def paint(self, painter: QPainter, *_args: object) -> None:
        if not self.rings:
            return
        device = begin_device(painter)
        view = device.mapRect(self.boundingRect()).toAlignedRect()
        if self.image is None:
            self._render(device, view)
        assert self.image is not None
        to_device = self.image_transform.inverted()[0] * device  # image pixels -> device pixels
        same_scale = abs(to_device.m11() - 1) < _SAME_SCALE and abs(to_device.m22() - 1) < _SAME_SCALE
        whole_px = max(abs(v - round(v)) for v in (to_device.dx(), to_device.dy())) < 1e-6
        if same_scale and whole_px and not self.stale:
            if round(to_device.dx()) or round(to_device.dy()) or self.image.size() != view.size():
                self._scroll(device, view, QPoint(round(to_device.dx()), round(to_device.dy())))
            painter.drawImage(view.topLeft(), self.image)
        else:  # zooming, a pan by part of a pixel or new rings: the last image, stretched, until the view rests
            if self.wanted and not self.worker.busy:
                self.generation += 1
                self.worker.start(self.generation, device, view, self.rings, self.pen, self.boxes)
            elif not (self.timer.isActive() or self.wanted or self.worker.busy):
                self.stale = True
                self.timer.start()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)  # for a few frames: fast
            painter.setTransform(to_device)
            painter.drawImage(QPointF(0, 0), self.image)
        painter.setTransform(device)

    def _render(self, device: QTransform, view: QRect, exposed: QRegion | None = None) -> None:
        """Draw the rings into a new image of ``view`` (device pixels) on this thread; with ``exposed``
        (image pixels) only that part, over what :attr:`image` holds."""
        self.image, self.image_transform = draw_rings(
            self.image, device, view, self.rings, self.pen, self.boxes, exposed
        )
        self.stale = False
        self.renders += 1

    def _scroll(self, device: QTransform, view: QRect, offset: QPoint) -> None:
        """A pan by whole pixels: keep what is still in view, draw only the strips it uncovered."""
        old = self.image
        assert old is not None
        self.image = QImage(max(view.width(), 1), max(view.height(), 1), QImage.Format.Format_ARGB32_Premultiplied)
        self.image.fill(0)
        kept = QRect(offset - view.topLeft(), old.size()).intersected(self.image.rect())
        p = QPainter(self.image)
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        p.drawImage(offset - view.topLeft(), old)
        p.end()
        exposed = QRegion(self.image.rect()).subtracted(QRegion(kept))
        if not exposed.isEmpty():
            self._render(device, view, exposed)
        else:
            self.image_transform = device * QTransform.fromTranslate(-view.left(), -view.top())


class AdminLayer(MapLayer):
    """County and township boundaries, simplified to about one pixel."""

    name = "admin"
    z = -50.0

    def __init__(self, canvas: MapCanvas, session: MapSession) -> None:
        self._lod: tuple[float, Extent] | None = None
        super().__init__(canvas, session, BoundaryItem())

    @property
    def lines(self) -> BoundaryItem:
        """The painting item."""
        return cast(BoundaryItem, self.item)

    def close(self) -> None:
        self.lines.close()
        super().close()

    def refresh(self) -> None:
        self._lod = None
        self._on_extent_change()

    def settle(self) -> None:
        """Finish a pending redraw now."""
        self.lines.settle()

    def _on_extent_change(self) -> None:
        self.lines.set_rect(self.canvas.view_rect())
        if not self.visible or not len(self.session.admin):
            return
        res, extent = self.state.resolution, self.state.extent
        if self._lod is not None and self._lod[1].contains(extent) and self._lod[0] / 1.5 < res < self._lod[0] * 1.5:
            return
        region = extent.expanded(0.5)
        self._lod = (res, region)
        self.lines.set_rings(polylines_of(self.session.admin.lines(region, res)), area_pen("admin_areas"))
