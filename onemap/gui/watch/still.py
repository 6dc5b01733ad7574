"""The map's other layers held as pictures while the alerts' pulse animates.

A pulse frame repaints only the rings' boxes (:meth:`AlertPulse.tick`), but Qt repaints every item
under a repainted box, and the map's layers (estates, labels, outlines, tiles…) draw all they hold
whatever the box: a frame every 80 ms cost ~3 ms of the UI thread, about what a whole repaint does.
While the pulse runs, the items under it are cached by Qt in device pixels
(:attr:`QGraphicsItem.CacheMode.DeviceCoordinateCache`): a frame copies their pictures back, and an
item that changes (or a pan or zoom) is drawn again once.  The cache costs one view-sized picture an
item, so it is held only while a new alert pulses, and Qt's picture cache is enlarged to fit them
for that time (it evicts past its limit, and an evicted picture is drawn again in full each frame).

Only the layers whose picture composes to the very pixels they draw directly are held
(:func:`exact_kinds`): a translucent or antialiased fill drawn into a transparent picture and
then laid on the map rounds differently by a level on some pixels, so such layers keep drawing
directly.
"""

from __future__ import annotations

from contextlib import suppress
from functools import cache

from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QGraphicsItem

_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
_NONE = QGraphicsItem.CacheMode.NoCache


@cache
def exact_kinds() -> frozenset[type]:
    """The item classes held (exactly these, not subclasses): tiles, boundary lines, names, the selection.

    Tested pixel for pixel at estate, town and county zoom (tests/gui/test_pulse_still_layers.py).
    Left out as they came out a level off on some pixels: the estates' aggregates (antialiased
    rings), the buildings' translucent fill, the devices' scatter, the coverage tool's facilities.
    """
    from onemap.gui.canvas.basemap import TileItem
    from onemap.gui.canvas.boundaries import BoundaryItem
    from onemap.gui.canvas.labels import LabelItem
    from onemap.gui.canvas.placenames import PlaceNameItem
    from onemap.gui.canvas.selection import SelectionItem

    return frozenset((TileItem, BoundaryItem, LabelItem, PlaceNameItem, SelectionItem))


class StillLayers:
    """Holds the items under ``pulse`` (its siblings drawn below it) as pictures while :meth:`hold` is on."""

    def __init__(self, pulse: QGraphicsItem) -> None:
        self.pulse = pulse
        self.held: list[QGraphicsItem] = []
        self._limit: int | None = None  # Qt's picture cache limit before holding (KB)

    def hold(self, on: bool) -> None:
        """Cache the layers under the pulse (on) or let them draw directly again (off)."""
        if on and not self.held:
            parent = self.pulse.parentItem()
            if parent is None:
                return
            z = self.pulse.zValue()
            self.held = [
                item
                for item in parent.childItems()
                if type(item) in exact_kinds() and item.zValue() < z and item.cacheMode() == _NONE
            ]
            for item in self.held:
                item.setCacheMode(_CACHE)
            self._enlarge(len(self.held))
        elif not on and self.held:
            for item in self.held:
                with suppress(RuntimeError):  # a layer closed meanwhile is gone
                    item.setCacheMode(_NONE)  # frees its picture
            self.held = []
            if self._limit is not None:
                QPixmapCache.setCacheLimit(self._limit)
                self._limit = None

    def _enlarge(self, items: int) -> None:
        views = self.pulse.scene().views() if self.pulse.scene() is not None else []
        if not views:
            return
        viewport = views[0].viewport()
        ratio = viewport.devicePixelRatioF()
        needed_kb = int(viewport.width() * viewport.height() * ratio * ratio * 4 * items / 1024)
        self._limit = QPixmapCache.cacheLimit()
        QPixmapCache.setCacheLimit(self._limit + needed_kb)
