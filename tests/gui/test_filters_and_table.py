"""Search, filters and the attribute table: map, table, legend and counts always agree."""

from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import QItemSelectionModel, Qt

from onemap.gui.main_window import MainWindow
from onemap.view.extent import Extent
from onemap.view.search import pinyin_keys
from tests.gui.guikit import screen_pos, settle


def drawn_estates(window: MainWindow) -> int:
    """Estates the map draws at Home: single markers plus the counts in the aggregate rings."""
    window.canvas.home()
    settle(window)
    plan = window.layers.estates.plan
    item = window.layers.estates.item
    assert plan is not None
    assert len(item.data) == plan.rows.size
    rings = int(item.clusters.count.sum()) if item.clusters is not None else 0
    return plan.rows.size + rings


def status_count(window: MainWindow) -> tuple[int, int]:
    shown, total = re.fullmatch(r"显示 ([\d,]+) / 共 ([\d,]+) 个小区", window.status.counts.text()).groups()
    return int(shown.replace(",", "")), int(total.replace(",", ""))


def legend_total(window: MainWindow) -> int:
    return sum(int(count.replace(",", "")) for kind, _label, count in window.legend.rows() if kind.startswith("class:"))


def test_typing_a_search_and_a_filter_makes_map_table_legend_and_counts_agree(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    state = window.session.state
    assert drawn_estates(window) == window.table.model.rowCount() == legend_total(window) == 150
    qtbot.keyClicks(window.commands.search, "gy")
    qtbot.waitUntil(lambda: state.filter.text == "gy", timeout=3000)
    after_search = state.shown_count
    assert 0 < after_search < 150
    names = [state.table.name[r] for r in state.filtered_rows]
    assert any("园" in n or "苑" in n or "公寓" in n for n in names)
    window.filters.statuses["completed"].setChecked(True)
    settle(window)
    n = state.shown_count
    assert 0 < n < after_search
    assert window.table.model.rowCount() == n
    assert status_count(window) == (n, 150)
    assert legend_total(window) == n
    assert drawn_estates(window) == n
    assert window.filters.summary.text().startswith(f"{n} / 150 个小区：搜索“gy”，完工")
    assert all(state.table.status[r] == 4 for r in window.table.model.order)


def test_pinyin_initials_find_桂园(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    state = window.session.state
    guiyuan = {str(n) for n in state.table.name if str(n).startswith("桂园")}
    assert guiyuan  # the demo has 桂园苑 and friends
    window.commands.search.setText("gy")
    window.apply_search()
    found = {str(state.table.name[r]) for r in state.filtered_rows}
    assert guiyuan <= found
    assert all("g" in pinyin_keys(name)[0] for name in found)


def test_pressing_enter_on_a_unique_match_selects_and_shows_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    state = window.session.state
    code = str(state.table.code[40])
    window.commands.search.setText(code)
    qtbot.keyClick(window.commands.search, Qt.Key.Key_Return)
    settle(window)
    assert state.selection == (code,)
    assert state.extent.width < 5000
    assert state.extent.minx < state.table.x[40] < state.extent.maxx


def test_the_filter_controls_follow_a_reset(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    f = window.filters
    f.township.setCurrentIndex(1)
    f.categories["safety"].setChecked(True)
    f.year_from.setValue(2023)
    f.cameras.setCurrentIndex(1)
    state = window.session.state
    assert state.filter.township == f.township.itemData(1) == "褒城镇"  # pinyin order: b before m
    assert state.filter.year_min == 2023 and state.filter.has_cameras
    rows = state.filtered_rows
    assert (state.table.renewal_year[rows] >= 2023).all() and (state.table.cameras[rows] > 0).all()
    qtbot.mouseClick(f.reset, Qt.MouseButton.LeftButton)
    assert state.filter.is_empty
    assert f.township.currentIndex() == 0 and not f.categories["safety"].isChecked()
    assert f.year_from.text() == "不限" and f.cameras.currentIndex() == 0
    assert window.table.model.rowCount() == 150


def test_selecting_a_table_row_highlights_the_estate_on_the_map(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    state = window.session.state
    view = window.table.view
    model = window.table.model
    index = model.index(5, 1)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    code = model.code_at(5)
    assert state.selection == (code,)
    row = state.table.row_of(code)
    t = state.table
    window.canvas.show_extent(Extent(t.x[row] - 800, t.y[row] - 500, t.x[row] + 800, t.y[row] + 500))
    settle(window)
    ring = window.layers.selection.item
    assert (ring.x.tolist(), ring.y.tolist()) == ([t.x[row]], [t.y[row]])
    image = window.canvas.grab().toImage()
    center = screen_pos(window, row)
    ratio = image.devicePixelRatio()
    ring_px = [
        image.pixelColor(round((center.x() + dx) * ratio), round((center.y() + dy) * ratio)).lightness()
        for dx in (10, 11, 12)
        for dy in (-1, 0, 1)
    ]
    assert min(ring_px) < 40  # the black ring is drawn round the estate
    assert window.details.title.text() == t.name[row]


def test_selecting_on_the_map_selects_and_reveals_the_table_row(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    state = window.session.state
    code = str(state.table.code[149])
    state.select([code])
    selected = window.table.view.selectionModel().selectedRows()
    assert [window.table.model.code_at(i.row()) for i in selected] == [code]
    assert window.table.view.visualRect(selected[0]).isValid()


def test_selecting_several_rows_selects_several_estates(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    model, selection = window.table.model, window.table.view.selectionModel()
    for r in (2, 3, 7):
        selection.select(
            model.index(r, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    assert set(window.session.state.selection) == {model.code_at(r) for r in (2, 3, 7)}
    assert len(window.layers.selection.item.x) == 3


def test_sorting_a_column_orders_the_rows_with_blanks_last(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    model, t = window.table.model, window.session.table
    window.table.view.sortByColumn(7, Qt.SortOrder.DescendingOrder)  # 户数
    households = t.households[model.order]
    assert (np.diff(households) <= 0).all()
    window.table.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # 小区名称, in pinyin order
    initials = [pinyin_keys(str(model.data(model.index(r, 1))))[1][0] for r in range(model.rowCount())]
    in_order = sum(a <= b for a, b in zip(initials, initials[1:], strict=False))
    assert in_order >= 0.95 * (len(initials) - 1)  # polyphonic 长/重 may collate by another reading
    assert initials[0] == "a" and initials[-1] == "z"


def test_double_clicking_a_row_zooms_to_the_estate(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view, model = window.table.view, window.table.model
    where = view.visualRect(model.index(9, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double click starts with a press
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    settle(window)
    state = window.session.state
    row = state.table.row_of(model.code_at(9))
    assert state.extent.width < 3000
    assert state.extent.minx < state.table.x[row] < state.extent.maxx
