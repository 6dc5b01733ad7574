"""Repainting only the part of the map a refresh of a few estates changed.

A layer told to redraw (new marker colours, names placed anew, an outline tinted) marks its
whole item dirty, and each of these items covers the view: every edit repainted the whole
map, about a third of an edit's cost at 220,000 estates (the outlines' fills, the north
arrow, the labels).  While :func:`confined` runs, the view takes no repaint from the scene;
the caller names the estates changed and :class:`Damage` repaints the pixels they can
reach: each marker where it was and where it is (with its selection ring, badges and camera
marks), its outline, and every name that was placed, moved or dropped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRect
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QGraphicsView

from onemap.gui.canvas.labels import HALO_PX, LabelItem
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.placenames import PlaceNameItem
from onemap.view.labels import PlacedLabel

#: pixels round an estate's point that its own drawings may reach: marker (11), selection ring
#: (11 + pen), a camera-check mark, an alert badge (24) beside the marker
POINT_REACH_PX = 40
#: pixels round an outline or a name (pens and antialiasing)
EDGE_PX = 3
#: a place name's white halo (:mod:`onemap.gui.canvas.placenames`)
PLACE_HALO_PX = 2
#: a box in viewport pixels: left, top, width, height
Box = tuple[float, float, float, float]


class Damage:
    """The widget pixels to repaint, in the canvas's viewport coordinates."""

    def __init__(self, canvas: MapCanvas) -> None:
        self.canvas = canvas
        self.region = QRegion()

    def points(self, xy: Iterable[tuple[float, float]], reach_px: float = 0.0) -> None:
        """Markers (display coordinates) and what is drawn round them (``reach_px`` further)."""
        r = POINT_REACH_PX + math.ceil(reach_px)
        for x, y in xy:
            if math.isfinite(x) and math.isfinite(y):
                p = self._widget(x, y)
                self.region += QRect(round(p.x()) - r, round(p.y()) - r, 2 * r + 1, 2 * r + 1)

    def rings(self, rings: Iterable[np.ndarray]) -> None:
        """Outlines (NaN-separated display coordinates): their bounding boxes."""
        for xy in rings:
            finite = xy[np.isfinite(xy).all(axis=1)] if len(xy) else xy
            if not len(finite):
                continue
            a = self._widget(float(finite[:, 0].min()), float(finite[:, 1].max()))
            b = self._widget(float(finite[:, 0].max()), float(finite[:, 1].min()))
            self.region += _grown(a, b, EDGE_PX)

    def labels(self, item: LabelItem, before: Sequence[PlacedLabel], after: Sequence[PlacedLabel]) -> None:
        """Names that were placed, moved, dropped or rewritten: where they were and where they are."""
        old, new = set(before), set(after)
        changed = old ^ new
        if not changed:
            return
        x0, y0, res = item.origin
        origin = self._widget(x0, y0)
        k = self._widget(x0 + res, y0).x() - origin.x()  # widget pixels per label pixel
        for label in changed:
            height = max(label.height, item.metrics.height()) + 2 * HALO_PX
            left, top = origin.x() + label.left * k - HALO_PX, origin.y() + label.top * k - HALO_PX
            width = max(label.width, item.metrics.horizontalAdvance(label.text)) + 2 * HALO_PX
            self.region += _grown(QPointF(left, top), QPointF(left + width * k, top + height * k), EDGE_PX)

    def place_names(self, item: PlaceNameItem, before: Sequence[Box]) -> None:
        """Place names moved, dropped or placed since ``before`` (:func:`place_names_drawn`): they keep
        clear of the estate names, so a name placed anew may move them anywhere."""
        for x, y, w, h in set(before) ^ set(place_names_drawn(self.canvas, item)):
            self.region += _grown(QPointF(x, y), QPointF(x + w, y + h), PLACE_HALO_PX + EDGE_PX)

    def _widget(self, x: float, y: float) -> QPointF:
        return self.canvas.to_widget(x, y)


def place_names_drawn(canvas: MapCanvas, item: PlaceNameItem) -> list[Box]:
    """The place names' boxes as they are drawn now (viewport pixels), placed now if that is due."""
    if not item.isVisible():
        return []
    item.placement(item.deviceTransform(canvas.viewportTransform()), canvas.devicePixelRatioF())
    return [(box.x(), box.y(), box.width(), box.height()) for _text, box in item.drawn]


def _grown(a: QPointF, b: QPointF, by: int) -> QRect:
    left, right = sorted((a.x(), b.x()))
    top, bottom = sorted((a.y(), b.y()))
    return QRect(
        math.floor(left) - by,
        math.floor(top) - by,
        math.ceil(right - left) + 2 * by + 1,
        math.ceil(bottom - top) + 2 * by + 1,
    )


@contextmanager
def confined(canvas: MapCanvas) -> Iterator[Damage]:
    """Let layers redraw without repainting the view, then repaint only the :class:`Damage` named.

    Changes made before entering are repainted as usual first (the scene's queued look at its
    dirty items is run now); the look at what the block dirtied runs before leaving, while the
    view still ignores it.
    """
    scene = canvas.scene()
    QCoreApplication.sendPostedEvents(scene, QEvent.Type.MetaCall.value)
    mode = canvas.viewportUpdateMode()
    canvas.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.NoViewportUpdate)
    damage, whole = Damage(canvas), True
    try:
        yield damage
        QCoreApplication.sendPostedEvents(scene, QEvent.Type.MetaCall.value)
        whole = False
    finally:
        canvas.setViewportUpdateMode(mode)
        if whole:  # the block failed half way: what it drew is unknown
            canvas.viewport().update()
        elif not damage.region.isEmpty():
            canvas.viewport().update(damage.region)
