"""Camera check results as a map symbol: one item, a mark at each checked estate, gone when the file closes."""

from __future__ import annotations

import pytest

from onemap.gui.cameras.marks import OFFLINE_COLOR, ONLINE_COLOR
from onemap.gui.main_window import MainWindow
from tests.gui.guikit import settle
from tests.gui.work_kit import CODE

OTHER = "6107250002"


def marks(window: MainWindow) -> dict[str, tuple[float, float, str, str]]:
    """Each mark by estate code: its display position, symbol and pen colour."""
    item = window.camera_marks.item
    if not item.isVisible():
        return {}
    return {
        str(spot["data"]): (float(spot["x"]), float(spot["y"]), spot["symbol"], spot["pen"].color().name())
        for spot in item.data
    }


def display_of(window: MainWindow, code: str) -> tuple[float, float]:
    table = window.session.table  # type: ignore[union-attr]
    row = table.row_of(code)
    assert row is not None
    return float(table.x[row]), float(table.y[row])


def test_a_check_with_an_offline_camera_puts_a_red_cross_on_the_estate(window: MainWindow) -> None:
    panel = window.details.camera_panel
    assert marks(window) == {}
    panel.check_finished.emit(CODE, [True, False])
    settle(window)
    x, y, symbol, colour = marks(window)[CODE]
    assert (x, y) == pytest.approx(display_of(window, CODE))
    assert (symbol, colour) != ("o", ONLINE_COLOR) and symbol == "x"
    assert window.camera_marks.item.data[0]["brush"].color().name() == OFFLINE_COLOR

    panel.check_finished.emit(OTHER, [True, True])
    settle(window)
    shown = marks(window)
    assert set(shown) == {CODE, OTHER} and shown[OTHER][2:] == ("o", ONLINE_COLOR)
    assert shown[OTHER][:2] == pytest.approx(display_of(window, OTHER))

    panel.status_changed.emit(OTHER, 1, False)  # a recheck's answer, as it arrives
    settle(window)
    assert marks(window)[OTHER][2] == "x"


def test_the_marks_follow_an_edit_and_go_when_the_inventory_closes(window: MainWindow) -> None:
    window.details.camera_panel.check_finished.emit(CODE, [False])
    assert window.editing.move_estate(CODE, (106.68, 33.15))
    settle(window)
    assert marks(window)[CODE][:2] == pytest.approx(display_of(window, CODE))
    window.close_session()
    assert marks(window) == {} and window.camera_marks.results == {}
