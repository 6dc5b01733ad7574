"""A batch of live alerts refreshes what alerts touch (marks, the details' alerts, the dock), not the estates' rows."""

from __future__ import annotations

from pathlib import Path

from onemap.gui.main_window import MainWindow
from onemap.view.rowchange import RowChange
from onemap.watch.relay import alert_payload
from tests.gui.alert_kit import CAMERA_2, demo_event, record
from tests.gui.guikit import settle

TOPIC = "onemap/alerts/610725"  # the demo inventory's county
CODE = "6107250002"  # CAMERA_2's estate


def _estate_reads(statements: list[str]) -> list[str]:
    """The session's re-reads of estate rows (``estate_columns_of`` and its camera counts)."""
    return [s for s in statements if "FROM estates WHERE code IN" in s or "FROM cameras WHERE estate_code IN" in s]


def test_an_alert_batch_reads_no_estate_row_yet_the_mark_the_dock_and_the_details_follow(
    window: MainWindow, demo_copy: Path
) -> None:
    session = window.session
    assert session is not None
    window.details.show()
    session.state.select([CODE])
    settle(window)
    assert window.details.watch.alert_texts() == [["近30天无告警"]]
    event = demo_event(CAMERA_2)
    (alert,) = record(demo_copy, event)  # a collector's write, on its own connection
    changes: list[RowChange] = []
    session.state.rows_changed.connect(changes.append)
    statements: list[str] = []
    session.inventory._conn.set_trace_callback(statements.append)  # type: ignore[attr-defined]
    try:
        window.feed.on_message(TOPIC, alert_payload(alert, event))
        shown = window.feed.drain()
        settle(window)
    finally:
        session.inventory._conn.set_trace_callback(None)  # type: ignore[attr-defined]
    assert [a.id for a in shown] == [alert.id]
    assert _estate_reads(statements) == [] and changes == []
    assert CODE in set(window.watch_marks.model.alerts["estate_code"].tolist())
    assert window.alert_dock.model.row_of_id(alert.id) == 0
    assert [row[2] for row in window.details.watch.alert_texts()] == ["区域入侵"]


def test_an_alert_batch_beside_an_estate_edit_still_reads_the_edited_rows(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    changes: list[RowChange] = []
    session.state.rows_changed.connect(changes.append)
    window.refresh_estates([CODE], ["alerts", "contacts"])
    settle(window)
    assert len(changes) == 1 and CODE in changes[0].codes
