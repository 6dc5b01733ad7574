"""The details dock brought up to date in place, when the estate on show was refreshed.

Rebuilding the dock makes some fifty labels and lays them out again (about 0.15 s, and a
storm of layout events); after an edit of one field only a value or two and the newest
history line differ.  So the sections that did not change are left alone and the value
labels of those that did get their new text, unless the rows themselves differ.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QBoxLayout, QFormLayout, QGroupBox, QLabel, QLayout, QScrollArea, QWidget

from onemap.model import BLANK_EN, BLANK_ZH
from onemap.view.details import EstateDetails

_BLANKS = (BLANK_ZH, BLANK_EN)


def set_value(label: QLabel, text: str) -> bool:
    """A value label's new text; False when its look (blank or not) would change, so it must be remade."""
    if label.text() == text:
        return True
    if (text in _BLANKS) != (label.objectName() == "blankValue"):
        return False
    label.setText(text)
    return True


def hold_heights(scroll: QWidget, grows: bool) -> list[tuple[QWidget, int]]:
    """Keep each section of a scroll area's panel at least as tall as it is, until :func:`fit_height`
    (nothing when no section ``grows``: each hold and let-go costs a layout pass).

    A section that grows (a new history line) is otherwise laid out first inside the panel's old
    height, squeezing the sections above it -- every label in them laid out and painted again --
    and only then is the panel made taller (and everything laid out once more).
    """
    panel = scroll.widget() if isinstance(scroll, QScrollArea) and grows else None
    held: list[tuple[QWidget, int]] = [
        (box, box.minimumHeight()) for box in (panel.findChildren(QGroupBox) if panel is not None else [])
    ]
    for box, _ in held:
        box.setMinimumHeight(box.height())
    return held


def fit_height(scroll: QWidget, held: list[tuple[QWidget, int]]) -> None:
    """Give a resizable scroll area's panel its new height at once (as the scroll area would later), then
    let go of the sections held by :func:`hold_heights`."""
    panel = scroll.widget() if isinstance(scroll, QScrollArea) and scroll.widgetResizable() and held else None
    if panel is not None and isinstance(scroll, QScrollArea) and panel.hasHeightForWidth():
        view = scroll.viewport().size()
        height = max(view.height(), panel.heightForWidth(view.width()))
        if panel.height() != height:
            panel.resize(panel.width(), height)
    for box, minimum in held:
        box.setMinimumHeight(minimum)


@contextmanager
def layouts_paused(section: QWidget | None) -> Iterator[None]:
    """Labels shown in ``section`` meanwhile do not lay out the dock.

    ``QWidget.show`` lays out every parent that has a layout at once (the section, the dock's body,
    its panel: some fifty wrapping labels measured), for each label shown and at the panel's old
    height; a disabled layout skips that.  They are laid out once afterwards, bottom up, as for one
    label shown.
    """
    paused: list[QLayout] = []
    widget = section
    while widget is not None and (layout := widget.layout()) is not None and layout.isEnabled():
        layout.setEnabled(False)
        paused.append(layout)
        widget = widget.parentWidget()
    try:
        yield
    finally:
        for layout in paused:  # bottom up, as one show would: the panel's height is known (fit_height)
            layout.setEnabled(True)
            layout.activate()


def show_now(layout: QBoxLayout) -> None:
    """Show a rebuilt section's labels now, not at the layout's queued show, so that :func:`fit_height`
    measures them: hidden, they count for nothing, the panel keeps its old height, and the section's
    growth squeezes every section above it first (each of their labels laid out and painted twice)."""
    with layouts_paused(layout.parentWidget()):
        for i in range(layout.count()):
            item = layout.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None and widget.isHidden():
                widget.show()


def update_fields(layout: QFormLayout, old: EstateDetails, new: EstateDetails) -> bool:
    """The 基本信息 values in place; False when the rows themselves differ."""
    if [label for label, _ in old.fields] != [label for label, _ in new.fields]:
        return False
    if layout.rowCount() != len(new.fields):
        return False
    role = QFormLayout.ItemRole.FieldRole
    for i, (_label, value) in enumerate(new.fields):
        item = layout.itemAt(i, role)
        widget = item.widget() if item is not None else None
        if not isinstance(widget, QLabel) or not set_value(widget, value):
            return False
    return True


def update_history(layout: QBoxLayout, old: EstateDetails, new: EstateDetails, make: Callable[[str], QLabel]) -> bool:
    """The latest-changes lines in place (a when · who line, then a what line, each).

    New lines go on top in the labels of the oldest lines beyond the limit (moved up, their
    text changed), the rest are left as they are: no label is made or deleted once the list
    is full, so the section keeps its height and nothing above it is laid out again.  False
    when the lines differ otherwise.
    """
    if not old.history or layout.count() != 2 * len(old.history):
        return False
    fresh = next(
        (k for k in range(len(new.history) + 1) if new.history[k:] == old.history[: len(new.history) - k]), None
    )
    if fresh is None or len(new.history) - fresh > len(old.history):
        return False
    spare = [_take_last(layout) for _ in range(2 * (len(old.history) - (len(new.history) - fresh)))]
    metas = [label for label in spare if label.objectName() == "historyMeta"]
    texts = [label for label in spare if label.objectName() == ""]
    shown: list[QLabel] = []
    for when, who, what in reversed(new.history[:fresh]):
        meta, text = _relabel(metas, f"{when} · {who}", make), _relabel(texts, what, make)
        meta.setObjectName("historyMeta")
        layout.insertWidget(0, text)
        layout.insertWidget(0, meta)
        shown += (meta, text)
    with layouts_paused(layout.parentWidget()):
        for label in shown:
            label.show()  # now, not at the layout's queued show: the new height is known at once (fit_height)
    for label in (*metas, *texts, *(label for label in spare if label.objectName() == "blankValue")):
        label.deleteLater()  # fewer lines than before, or a blank's look
    return True


def _take_last(layout: QBoxLayout) -> QLabel:
    item = layout.takeAt(layout.count() - 1)
    widget = item.widget() if item is not None else None
    assert isinstance(widget, QLabel)
    return widget


def _relabel(spare: list[QLabel], text: str, make: Callable[[str], QLabel]) -> QLabel:
    """A spare label of the same kind (its style is kept: an object name is styled once) with ``text``,
    else a new one; a blank value always gets a new one (grey)."""
    if spare and text not in _BLANKS:
        label = spare.pop()
        label.setText(text)
        return label
    return make(text)
