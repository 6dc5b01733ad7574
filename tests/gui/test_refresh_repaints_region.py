"""An edit of an estate repaints only the map pixels it reaches, and the map then shows what a full repaint shows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QImage, QRegion
from PySide6.QtWidgets import QApplication

from onemap.edit import MoveEstate, SetEstateFields
from onemap.gui.main_window import MainWindow
from tests.gui.guikit import settle, show_around


class Repaints(QObject):
    """The regions the map's viewport was asked to paint."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.viewport = window.canvas.viewport()
        self.region = QRegion()
        self.viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport and event.type() == QEvent.Type.Paint:
            self.region += event.region()  # type: ignore[attr-defined]
        return False

    def share(self) -> float:
        """The part of the viewport repainted."""
        area = sum(r.width() * r.height() for r in self.region)
        size = self.viewport.size()
        return area / (size.width() * size.height())


def on_screen(window: MainWindow) -> QImage:
    """What the map's viewport shows now: the window's backing store, not a fresh rendering."""
    QApplication.processEvents()
    viewport = window.canvas.viewport()
    at = viewport.mapTo(window, viewport.rect().topLeft())
    screen = window.screen()
    shot = screen.grabWindow(window.winId(), at.x(), at.y(), viewport.width(), viewport.height())
    return shot.toImage().convertToFormat(QImage.Format.Format_ARGB32)


def fully_repainted(window: MainWindow) -> QImage:
    window.canvas.viewport().update()
    settle(window)
    return on_screen(window)


def test_edits_moves_and_undos_repaint_only_their_estates_and_leave_the_map_as_a_full_repaint_draws_it(
    window: MainWindow,
) -> None:
    assert window.session is not None and window.editing.history is not None
    table, history = window.session.table, window.editing.history
    row = 40
    code = str(table.code[row])
    show_around(window, row, 600.0)
    window.session.state.select([code])
    settle(window)
    assert window.layers is not None and window.layers.estates.item.clusters is None  # zoomed in: markers
    assert on_screen(window) == fully_repainted(window)  # the comparison itself sees the map
    lon, lat = float(table.lon[row]), float(table.lat[row])
    other = "accepted" if window.session.inventory.estate(code).status == "completed" else "completed"
    changes = [
        lambda: history.push_and_apply(SetEstateFields(code, status=other)),
        lambda: history.push_and_apply(SetEstateFields(code, status="under_construction")),
        lambda: history.push_and_apply(SetEstateFields(code, households=4321)),
        lambda: history.push_and_apply(SetEstateFields(code, name="改过名的小区")),
        lambda: history.push_and_apply(MoveEstate(code, (lon + 0.0004, lat + 0.0002))),
        history.undo,
        history.undo,
    ]
    before = on_screen(window)
    for change in changes:
        repaints = Repaints(window)
        change()
        settle(window)
        shown = on_screen(window)
        assert 0 < repaints.share() < 0.25, repaints.share()
        assert shown == fully_repainted(window)
        window.canvas.viewport().removeEventFilter(repaints)
    assert before != shown  # the edits did show
