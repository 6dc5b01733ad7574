"""An edit, an undo or another program's write refreshes only what it changed, and the window ends as a reread would."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
from PySide6.QtCore import Qt

from onemap.edit import DeleteEstate, SetEstateFields
from onemap.gui.docks.table_model import EstateTableModel
from onemap.gui.main_window import MainWindow
from onemap.view.estate_table import COLUMN_NAMES, EstateTable
from onemap.view.filters import EstateFilter
from onemap.view.state import ViewState
from tests.gui.guikit import settle


def fresh_state(window: MainWindow) -> ViewState:
    """The state a fresh read of the file would give, with the window's filter and symbology."""
    assert window.session is not None
    state = window.session.state
    again = ViewState(EstateTable.load(window.session.inventory))
    again.set_symbology(state.symbology.kind)
    again.set_filter(state.filter)
    return again


def assert_like_a_reread(window: MainWindow) -> None:
    """Table, classes, filter, table rows in their sorted order, legend and counts: as a reread gives them."""
    assert window.session is not None and window.table.model is not None
    state, again = window.session.state, fresh_state(window)
    for name in COLUMN_NAMES:
        mine, theirs = getattr(state.table, name), getattr(again.table, name)
        if mine.dtype.kind == "f":
            assert np.array_equal(mine, theirs, equal_nan=True), name
        else:
            assert mine.tolist() == theirs.tolist(), name
    assert state.classes.tolist() == again.classes.tolist() and state.mask.tolist() == again.mask.tolist()
    model = window.table.model
    reread = EstateTableModel(again.table)
    if model._sort is not None:
        reread.sort(*model._sort)
    reread.set_rows(again.filtered_rows)
    assert model.order.tolist() == reread.order.tolist()
    assert model.rowCount() == reread.rowCount()
    assert [model.code_at(i) for i in range(min(5, model.rowCount()))] == [
        reread.code_at(i) for i in range(min(5, reread.rowCount()))
    ]
    assert window.legend.rows()[0][2] == f"{again.class_counts()[int(window.legend.rows()[0][0][6:])]:,}"


def resets(window: MainWindow) -> list[int]:
    """Counts the table model's resets from now on."""
    assert window.table.model is not None
    seen: list[int] = []
    window.table.model.modelReset.connect(lambda: seen.append(1))
    return seen


def test_an_edit_refreshes_the_open_session_in_place_without_rereading_it(window: MainWindow) -> None:
    assert window.session is not None and window.editing.history is not None
    session, reset = window.session, resets(window)
    code = str(session.table.code[8])
    session.state.select([code])
    window.editing.history.push_and_apply(SetEstateFields(code, name="改名小区", status="completed"))
    settle(window)
    assert window.session is session  # not reopened
    assert not reset  # the table model was not reset: one row changed
    assert window.details.details is not None and window.details.details.title.startswith("改名小区")
    assert_like_a_reread(window)
    window.editing.history.undo()
    settle(window)
    assert window.session is session and not reset
    assert_like_a_reread(window)


def test_a_sorted_filtered_table_keeps_its_order_through_edits_deletes_and_undos(window: MainWindow) -> None:
    assert window.session is not None and window.editing.history is not None and window.table.model is not None
    state = window.session.state
    state.set_filter(EstateFilter(statuses=frozenset({"completed", "planned", "designing"})))
    window.table.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by name, in pinyin order
    reset = resets(window)
    history = window.editing.history
    shown = [str(state.table.code[r]) for r in state.filtered_rows[:3]]
    history.push_and_apply(SetEstateFields(shown[0], name="阿尔法小区"))  # moves within the sort
    history.push_and_apply(SetEstateFields(shown[1], status="accepted"))  # leaves the filter
    history.push_and_apply(DeleteEstate(shown[2]))
    settle(window)
    assert not reset
    assert_like_a_reread(window)
    for _ in range(3):
        history.undo()
    settle(window)
    assert not reset
    assert_like_a_reread(window)


def test_text_sort_ranks_follow_renames_and_added_namesakes_without_ranking_every_row_again(window: MainWindow) -> None:
    assert window.session is not None and window.editing.history is not None and window.table.model is not None
    import copy

    from onemap.edit import AddEstate

    table, history, model = window.session.table, window.editing.history, window.table.model
    window.table.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    ranked = model._ranked[1]
    history.push_and_apply(SetEstateFields(str(table.code[5]), name="啊啊小区"))  # first in pinyin order
    history.push_and_apply(SetEstateFields(str(table.code[6]), name="左左小区"))  # near the end
    twin = copy.deepcopy(window.session.inventory.estate(str(table.code[7])))
    twin.code = history.inventory.next_code()
    history.push_and_apply(AddEstate(twin))  # the same name as row 7: after it, by file order
    settle(window)
    assert model._ranked[1] is not ranked and len(model._ranked[1]) == len(table)
    assert model.code_at(0) == str(table.code[5])
    assert_like_a_reread(window)


def test_another_program_writing_the_open_file_is_shown_without_the_user_doing_anything(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None
    session = window.session
    code = str(session.table.code[30])
    session.state.select([code])
    other = textwrap.dedent(
        """
        import sqlite3, sys
        from onemap.store.geometry import register_functions
        conn = sqlite3.connect(sys.argv[1])
        register_functions(conn)
        with conn:
            conn.execute("UPDATE estates SET name = '外部改名', households = 4321 WHERE code = ?", (sys.argv[2],))
        conn.close()
        """
    )
    subprocess.run([sys.executable, "-c", other, str(session.path), code], check=True, timeout=120)
    row = session.table.row_of(code)
    qtbot.waitUntil(lambda: session.table.name[row] == "外部改名", timeout=10_000)
    assert window.session is session
    assert session.table.households[row] == 4321
    qtbot.waitUntil(lambda: window.details.details is not None and window.details.details.title.startswith("外部改名"))
    assert_like_a_reread(window)


def test_a_change_the_trail_cannot_attribute_reads_the_whole_file_again(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None
    before = window.session
    other = textwrap.dedent(
        """
        import sqlite3, sys
        conn = sqlite3.connect(sys.argv[1])
        with conn:
            conn.execute("CREATE TABLE notes_by_qgis (id INTEGER PRIMARY KEY)")
        conn.close()
        """
    )
    subprocess.run([sys.executable, "-c", other, str(before.path)], check=True, timeout=120)
    qtbot.waitUntil(lambda: window.session is not before, timeout=10_000)
    assert window.session is not None and len(window.session.table) == len(before.table)


def test_the_statistics_dock_computes_once_for_a_burst_of_edits(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None and window.editing.history is not None
    dock = window.work.statistics
    dock.show()
    dock.raise_()
    settle(window)
    computed: list[int] = []
    original = dock._show
    dock._show = lambda stats: (computed.append(1), original(stats))  # type: ignore[method-assign]
    table = window.session.table
    for row in (1, 2, 3):
        window.editing.history.push_and_apply(SetEstateFields(str(table.code[row]), households=1000 + row))
    qtbot.waitUntil(lambda: len(computed) >= 1, timeout=5000)
    settle(window, 600)
    assert len(computed) == 1
    assert dock.statistics is not None
