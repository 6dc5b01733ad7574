"""A new line in the details dock's latest changes lays the dock out once, not once per label shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QGroupBox, QWidget

from onemap.edit import SetEstateFields
from onemap.gui.main_window import MainWindow
from tests.gui.guikit import settle


class Resizes(QObject):
    """Counts the resize events of one widget."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.seen = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen += event.type() == QEvent.Type.Resize
        return False


def test_a_new_history_line_resizes_its_section_once(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None and window.editing.history is not None
    code = str(window.session.table.code[7])
    window.session.state.select([code])
    settle(window)
    window.editing.history.push_and_apply(SetEstateFields(code, households=411))  # the history has lines now
    settle(window)
    section = window.findChild(QGroupBox, "historyGroup")
    lines, height, resizes = window.details.history.count(), section.height(), Resizes(section)
    window.editing.history.push_and_apply(SetEstateFields(code, households=412))
    settle(window)
    assert window.details.history.count() == lines + 2 and section.height() > height  # a line more...
    # ...laid out once at its new height: each label's show used to lay out the section (and the dock) first
    assert resizes.seen == 1
