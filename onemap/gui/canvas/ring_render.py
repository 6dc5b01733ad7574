"""Stroking boundary rings into an image of the view: at once, or a slice at a time between frames.

Stroking 577 dashed, antialiased county rings takes 90-180 ms at 220,000 estates, all of it
in Qt's rasteriser (one path per ring, or all rings in a few paths, cost the same or more).
Once a zoom rests the rings are drawn again, crisp; done in one go that was a 100-200 ms frame
after every zoom gesture.  :class:`RingRender` strokes them a slice of :data:`SLICE_S` at a time
from the event loop instead (the stretched image stays on show meanwhile, and frames, input and
timers run between slices) and hands the image over when the last ring is in.  A thread beside
the UI's was tried and is worse: Qt's stroking holds Python's lock, and every frame of the UI
thread then waits for it (frames of 60-150 ms, the image 0.2-1.8 s late).  Slices draw with
the same painter settings as :func:`draw_rings`, so the image is the same pixel for pixel.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import QObject, QRect, QRectF, QTimer
from PySide6.QtGui import QImage, QPainter, QPen, QPolygonF, QRegion, QTransform

#: the longest stretch of stroking between two turns of the event loop
SLICE_S = 0.008


def draw_rings(
    image: QImage | None,
    device: QTransform,
    view: QRect,
    rings: Sequence[QPolygonF],
    pen: QPen,
    boxes: np.ndarray,
    exposed: QRegion | None = None,
) -> tuple[QImage, QTransform]:
    """Stroke ``rings`` into an image of ``view`` (device pixels): the screen's own clip and dash phase.

    A new image is made unless ``exposed`` (image pixels) names the part of ``image`` to draw,
    over what it holds.  Returns the image and its transform from display coordinates.
    """
    image, to_image, order = _prepare(image, device, view, boxes, exposed)
    _stroke(image, to_image, pen, rings, order, exposed)
    return image, to_image


def _prepare(
    image: QImage | None, device: QTransform, view: QRect, boxes: np.ndarray, exposed: QRegion | None
) -> tuple[QImage, QTransform, list[int]]:
    """The image to draw in, its transform, and the rings (indices) that meet what is drawn."""
    to_image = device * QTransform.fromTranslate(-view.left(), -view.top())
    if exposed is None or image is None:
        image = QImage(max(view.width(), 1), max(view.height(), 1), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        covered = QRectF(image.rect())
    else:
        covered = QRectF(exposed.boundingRect())
    covered = to_image.inverted()[0].mapRect(covered)  # display coordinates
    b = boxes
    meets = (
        (b[:, 2] >= covered.left())
        & (b[:, 0] <= covered.right())
        & (b[:, 3] >= covered.top())
        & (b[:, 1] <= covered.bottom())
    )
    return image, to_image, np.flatnonzero(meets).tolist()


def _stroke(
    image: QImage,
    to_image: QTransform,
    pen: QPen,
    rings: Sequence[QPolygonF],
    order: list[int],
    exposed: QRegion | None = None,
    until: float | None = None,
) -> int:
    """Stroke ``rings[i]`` for ``i`` in ``order`` (with ``until``, a ``perf_counter`` time: stop once it
    has passed); how many were stroked."""
    p = QPainter(image)
    if exposed is not None:
        p.setClipRegion(exposed)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(pen)
    p.setTransform(to_image)
    done = 0
    for i in order:
        p.drawPolyline(rings[i])
        done += 1
        if until is not None and time.perf_counter() > until:
            break
    p.end()
    return done


class RingRender(QObject):
    """One stroke of every ring at a time, a slice per turn of the event loop; ``adopt(generation, image,
    transform)`` once the last ring is in."""

    def __init__(self, adopt: Callable[[int, QImage, QTransform], None]) -> None:
        super().__init__()
        self._adopt = adopt
        self._job: tuple[int, QImage, QTransform, Sequence[QPolygonF], QPen, list[int]] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    @property
    def busy(self) -> bool:
        """A stroke is under way."""
        return self._job is not None

    def start(
        self, generation: int, device: QTransform, view: QRect, rings: Sequence[QPolygonF], pen: QPen, boxes: np.ndarray
    ) -> None:
        """Stroke the rings for this view from the event loop (replaces a stroke under way)."""
        image, to_image, order = _prepare(None, device, view, boxes, None)
        self._job = (generation, image, to_image, rings, QPen(pen), order)
        self._timer.start()

    def cancel(self) -> None:
        """Drop the stroke under way, if any."""
        self._timer.stop()
        self._job = None

    def _slice(self) -> None:
        if self._job is None:
            self._timer.stop()
            return
        generation, image, to_image, rings, pen, order = self._job
        done = _stroke(image, to_image, pen, rings, order, until=time.perf_counter() + SLICE_S)
        del order[:done]
        if not order:
            self.cancel()
            self._adopt(generation, image, to_image)
