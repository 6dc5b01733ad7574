"""The details dock's latest changes, updated in place edit after edit, read as a freshly filled dock does."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QGroupBox, QLabel, QWidget

from onemap.edit import SetEstateFields
from onemap.gui.docks.details import HISTORY_ROWS, DetailsDock
from onemap.gui.main_window import MainWindow
from onemap.view.details import estate_details
from tests.gui.guikit import settle


def history_lines(dock: DetailsDock) -> list[tuple[str, str]]:
    """Each label of the history section, top down: its object name (its look) and text."""
    layout = dock.history
    labels = [layout.itemAt(i).widget() for i in range(layout.count())]
    assert all(isinstance(label, QLabel) and label.isVisibleTo(dock) for label in labels)
    return [(label.objectName(), label.text()) for label in labels]  # type: ignore[union-attr]


def test_history_lines_after_many_edits_match_a_dock_filled_afresh(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None and window.editing.history is not None
    code = str(window.session.table.code[4])
    window.session.state.select([code])
    settle(window)
    made: list[QLabel] = []
    for i in range(HISTORY_ROWS + 4):  # past the limit: the oldest lines drop off
        changes = {"households": 300 + i} if i % 3 else {"name": f"第{i}次改名小区"}
        window.editing.history.push_and_apply(SetEstateFields(code, **changes))
        settle(window)
        if i == HISTORY_ROWS:  # the list is full: from here on no label is made
            made = [window.details.history.itemAt(k).widget() for k in range(window.details.history.count())]
    shown = history_lines(window.details)
    inventory = window.session.inventory
    again = DetailsDock()
    qtbot.addWidget(again)
    again.show_details(estate_details(inventory.estate(code), inventory.history(code, HISTORY_ROWS)))
    assert shown == history_lines(again) and len(shown) == 2 * HISTORY_ROWS
    assert shown[0][0] == "historyMeta" and shown[1][0] == ""
    now = {id(window.details.history.itemAt(k).widget()) for k in range(window.details.history.count())}
    assert now == {id(label) for label in made}  # the same labels, moved up with new text


class Resizes(QObject):
    """Counts the resize events of one widget."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.seen = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen += event.type() == QEvent.Type.Resize
        return False


def test_a_new_history_line_leaves_the_sections_above_it_alone(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None and window.editing.history is not None
    code = str(window.session.table.code[6])
    window.session.state.select([code])
    settle(window)
    window.editing.history.push_and_apply(SetEstateFields(code, households=321))  # the history has lines now
    settle(window)
    fields = window.findChild(QGroupBox, "fieldsGroup")
    before, resizes = fields.geometry(), Resizes(fields)
    lines = window.details.history.count()
    window.editing.history.push_and_apply(SetEstateFields(code, households=322))
    settle(window)
    assert window.details.history.count() == lines + 2  # the section grew by a line...
    assert resizes.seen == 0 and fields.geometry() == before  # ...and the one above was never squeezed
    scroll = window.details.widget()
    panel = scroll.widget()
    # the panel holds it all at its own width (the sensors and alerts rows may make it wider than the view)
    assert panel.height() >= panel.heightForWidth(max(panel.width(), scroll.viewport().width()))
    assert fields.minimumHeight() == 0  # let go after the update


def test_an_estates_first_change_leaves_the_sections_above_its_history_alone(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None and window.editing.history is not None
    code = str(window.session.table.code[9])
    assert not window.session.inventory.history(code, HISTORY_ROWS)  # never changed: "无修改记录" on show
    window.session.state.select([code])
    settle(window)
    fields = window.findChild(QGroupBox, "fieldsGroup")
    before, resizes = fields.geometry(), Resizes(fields)
    window.editing.history.push_and_apply(SetEstateFields(code, households=654))
    settle(window)
    assert [name for name, _text in history_lines(window.details)] == ["historyMeta", ""]  # its first line
    # the rebuilt section's lines are shown at once, so the panel grows before it is laid out: the
    # fields were squeezed by the new line's height, then laid out and painted again (every label twice)
    assert resizes.seen == 0 and fields.geometry() == before
