"""One bar chart of the statistics dock (pyqtgraph): labelled bars, values at their ends, clickable.

One ``BarGraphItem`` for all bars; a click anywhere in a bar's band (not only on the bar,
so a short bar is as easy to hit as a long one) emits :attr:`BarChart.bar_clicked`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

CLICKABLE = QColor("#0072b2")
PLAIN = QColor("#8a9199")
ROW_PX = 24
BAND = 0.7


def number_text(value: float) -> str:
    """12,345 for counts, 1,234.5 for money (2 decimals at most, no trailing zeros)."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _bar_color(index: int, clickable: bool, colors: Sequence[str] | None) -> QColor:
    if colors is not None:
        return QColor(colors[index])
    return CLICKABLE if clickable else PLAIN


class BarChart(pg.PlotWidget):
    """Bars with their labels on the category axis.

    Parameters
    ----------
    horizontal : bool
        Bars grow to the right with labels on the left (long labels: townships,
        statuses, funding sources); otherwise they grow up (years).

    Signals
    -------
    bar_clicked(index)
        The index of the clicked bar in the last :meth:`set_bars` call.
    """

    bar_clicked = Signal(int)

    def __init__(self, horizontal: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.horizontal = horizontal
        self.count = 0
        #: what the bars show now (labels and values, in order)
        self.labels: list[str] = []
        self.values: list[float] = []
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.showGrid(x=horizontal, y=not horizontal, alpha=0.15)
        plot.getViewBox().setMouseEnabled(False, False)
        plot.getViewBox().invertY(horizontal)
        self._bars = pg.BarGraphItem(x=[], height=[], width=BAND)
        self._labels: list[pg.TextItem] = []
        plot.addItem(self._bars)
        self.scene().sigMouseClicked.connect(self._on_click)
        self.setMinimumHeight(150)

    def set_bars(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        clickable: Sequence[bool],
        colors: Sequence[str] | None = None,
    ) -> None:
        """Show one bar per label; bars that can filter are blue, the others grey.

        ``colors`` (``#rrggbb`` per bar, e.g. the style table's status colours) overrides the blue.
        """
        plot = self.getPlotItem()
        for text in self._labels:
            plot.removeItem(text)
        self._labels = []
        self.count = len(values)
        self.labels, self.values = list(labels), [float(v) for v in values]
        places = list(range(self.count))
        # pyqtgraph 0.14 fails on empty brush/pen lists: one shared pen, brushes only for bars
        paint = {
            "pen": pg.mkPen(None),
            "pens": None,
            "brush": pg.mkBrush(PLAIN),
            "brushes": [pg.mkBrush(_bar_color(i, c, colors)) for i, c in enumerate(clickable)] or None,
        }
        top = max([float(v) for v in values] + [1.0])
        if self.horizontal:
            self._bars.setOpts(x0=[0] * self.count, y=places, height=BAND, width=list(values), x=None, **paint)
            plot.getAxis("left").setTicks([list(zip(places, labels, strict=True))])
            plot.getAxis("bottom").setTicks(None)
            self.setFixedHeight(max(ROW_PX * self.count + 64, 120))
        else:
            self._bars.setOpts(x=places, y0=0, height=list(values), width=BAND, **paint)
            plot.getAxis("bottom").setTicks([list(zip(places, labels, strict=True))])
            plot.getAxis("left").setTicks(None)
            self.setFixedHeight(210)
        self._value_labels(values)
        self._fit(top)

    def _value_labels(self, values: Sequence[float]) -> None:
        plot = self.getPlotItem()
        for index, value in enumerate(values):
            anchor = (0, 0.5) if self.horizontal else (0.5, 1)
            text = pg.TextItem(number_text(value), color="#333", anchor=anchor)
            text.setPos(*((float(value), index) if self.horizontal else (index, float(value))))
            plot.addItem(text)
            self._labels.append(text)

    def _fit(self, top: float) -> None:
        box = self.getPlotItem().getViewBox()
        low, high = -0.6, max(self.count, 1) - 0.4
        if self.horizontal:
            box.setRange(xRange=(0, top * 1.25), yRange=(low, high), padding=0)
        else:
            box.setRange(xRange=(low, high), yRange=(0, top * 1.2), padding=0)

    def bar_at(self, scene_pos: QPointF) -> int | None:
        """The bar whose band holds a scene point, or None."""
        box = self.getPlotItem().getViewBox()
        if not box.sceneBoundingRect().contains(scene_pos):
            return None
        point = box.mapSceneToView(scene_pos)
        place = point.y() if self.horizontal else point.x()
        index = round(place)
        return index if 0 <= index < self.count and abs(place - index) <= BAND / 2 + 0.1 else None

    def scene_point_of(self, index: int) -> QPointF:
        """The middle of a bar's band, in scene coordinates (where a click selects it)."""
        box = self.getPlotItem().getViewBox()
        x_range, y_range = box.viewRange()
        if self.horizontal:
            return box.mapViewToScene(QPointF(sum(x_range) / 2, index))
        return box.mapViewToScene(QPointF(index, sum(y_range) / 2))

    def _on_click(self, event) -> None:  # type: ignore[no-untyped-def]
        index = self.bar_at(event.scenePos())
        if index is not None:
            self.bar_clicked.emit(index)
