"""The window's 400 ms look for other writers reads the audit trail on a worker, never on the UI thread."""

from __future__ import annotations

import sqlite3
import threading

from onemap.gui.main_window import MainWindow
from onemap.store.geometry import register_functions
from tests.gui.test_refresh_estates import assert_like_a_reread


def test_another_programs_write_is_found_by_a_worker_and_shown_by_the_ui_thread(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    refresher = window.refresher
    refresher.stop()  # the test ticks the look itself
    code = str(session.table.code[40])
    row = session.table.row_of(code)
    other = sqlite3.connect(session.path)
    register_functions(other)
    with other:
        other.execute("UPDATE estates SET name = '别处改名', households = 1234 WHERE code = ?", (code,))
    other.close()

    statements: list[str] = []
    session.inventory._conn.set_trace_callback(statements.append)  # type: ignore[attr-defined]
    try:
        assert refresher.poll()  # the file moved: a look starts
        assert not refresher.poll()  # one look at a time
        refresher.settle()
    finally:
        session.inventory._conn.set_trace_callback(None)  # type: ignore[attr-defined]
    assert not [s for s in statements if "audit_log" in s]  # the UI's connection never read the trail
    assert refresher.reader_threads and threading.get_ident() not in refresher.reader_threads
    assert refresher.job is None
    assert session.table.name[row] == "别处改名" and session.table.households[row] == 1234
    assert refresher.last is not None and refresher.last.codes == {code}
    assert_like_a_reread(window)
    assert not refresher.poll()  # seen: nothing more to look for


def test_a_look_overtaken_by_an_edit_is_dropped_and_nothing_is_lost(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    refresher = window.refresher
    refresher.stop()
    first, second = (str(session.table.code[i]) for i in (50, 51))
    other = sqlite3.connect(session.path)
    register_functions(other)
    with other:
        other.execute("UPDATE estates SET households = 777 WHERE code = ?", (first,))
    assert refresher.poll()
    with other:
        other.execute("UPDATE estates SET households = 778 WHERE code = ?", (second,))
    other.close()
    assert window.refresh_estates(())  # an edit's refresh on the UI thread takes the trail first
    refresher.settle()
    assert refresher.job is None
    assert session.table.households[session.table.row_of(first)] == 777
    assert session.table.households[session.table.row_of(second)] == 778
    assert_like_a_reread(window)
