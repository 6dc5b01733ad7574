"""The search's folded text (30 MB at 220,000 estates) is built when the search box first gets the focus,
not at opening; searching finds the same estates as before."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from onemap.gui.main_window import MainWindow
from onemap.view.search import normalize_query


def test_opening_and_warming_pinyin_leave_the_search_text_unbuilt(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    search = window.session.state.search
    search.prepare()  # what the opening's warm-up job does
    assert search.pinyin_ready
    assert not search.text_ready


def test_focusing_the_search_box_builds_the_text_in_a_job(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    state = window.session.state
    box = window.commands.search
    QApplication.sendEvent(box, QFocusEvent(QEvent.Type.FocusIn))  # offscreen windows are never active
    jobs = [job for job in window.jobs if job.objectName() == "search text"]
    assert len(jobs) == 1
    qtbot.waitUntil(lambda: state.search.text_ready, timeout=5000)
    QApplication.sendEvent(box, QFocusEvent(QEvent.Type.FocusIn))
    assert len([job for job in window.jobs if job.objectName() == "search text"]) == 1  # built: not again
    code = str(state.table.code[40])
    box.setText(code[-6:])
    window.apply_search()
    expected = {r for r in range(len(state.table)) if normalize_query(code[-6:]) in str(state.table.code[r])}
    assert set(state.filtered_rows.tolist()) >= expected and 40 in expected
