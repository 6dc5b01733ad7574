"""The handling cycle: every allowed move works, is timed, attributed and audited; every other is refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from onemap.store import Inventory
from onemap.watch.alerts import AlertBook, AlertRefused
from onemap.watch.cycle import ALERT_STATUSES, TRANSITIONS, refusal
from tests.core.alert_support import event, make_inventory
from tests.store_access import connection

#: how to reach each status from new, by allowed moves
PATHS = {
    "new": [],
    "dispatched": ["dispatched"],
    "accepted": ["dispatched", "accepted"],
    "handled": ["dispatched", "accepted", "handled"],
    "closed": ["closed"],
    "false_alarm": ["false_alarm"],
}
ALLOWED = [(a, b) for a, targets in TRANSITIONS.items() for b in sorted(targets)]
REFUSED = [(a, b) for a in ALERT_STATUSES for b in ALERT_STATUSES if b not in TRANSITIONS[a]]


@pytest.fixture
def inventory(tmp_path: Path) -> Iterator[Inventory]:
    with make_inventory(tmp_path / "处置 清单.gpkg") as inventory:
        yield inventory


def _alert_at(book: AlertBook, status: str) -> int:
    alert = book.record(event())
    assert alert is not None
    for step in PATHS[status]:
        book.advance(alert.id, step, "王芳", "经办")
    return alert.id


def test_the_cycle_runs_new_dispatched_accepted_handled_closed(inventory: Inventory) -> None:
    book = AlertBook(inventory)
    alert_id = _alert_at(book, "new")
    for status in ("dispatched", "accepted", "handled", "closed"):
        assert book.advance(alert_id, status, "李强", f"到{status}").status == status
    steps = inventory.alert_steps(alert_id)
    assert [(s.from_status, s.to_status) for s in steps] == [
        ("new", "dispatched"),
        ("dispatched", "accepted"),
        ("accepted", "handled"),
        ("handled", "closed"),
    ]


@pytest.mark.parametrize(("start", "target"), ALLOWED)
def test_every_allowed_move_is_stepped_timed_attributed_and_audited(
    inventory: Inventory, start: str, target: str
) -> None:
    book = AlertBook(inventory)
    alert_id = _alert_at(book, start)
    before = datetime.now(UTC) - timedelta(seconds=1)
    moved = book.advance(alert_id, target, "张伟（网格员）", "现场核实")
    assert moved.status == target
    step = inventory.alert_steps(alert_id)[-1]
    assert (step.from_status, step.to_status, step.who, step.note) == (start, target, "张伟（网格员）", "现场核实")
    assert datetime.fromisoformat(step.at.replace("Z", "+00:00")) >= before
    audit = (
        connection(inventory)
        .execute(
            "SELECT who, old_value, new_value FROM audit_log WHERE table_name = 'alerts' AND row_key = ? "
            "AND field = 'status' ORDER BY fid DESC LIMIT 1",
            (f"alerts/{alert_id}",),
        )
        .fetchone()
    )
    assert tuple(audit) == ("张伟（网格员）", start, target)


@pytest.mark.parametrize(("start", "target"), REFUSED)
def test_every_other_move_is_refused_in_chinese_and_english_and_changes_nothing(
    inventory: Inventory, start: str, target: str
) -> None:
    book = AlertBook(inventory)
    alert_id = _alert_at(book, start)
    steps = len(inventory.alert_steps(alert_id))
    with pytest.raises(AlertRefused) as refused:
        book.advance(alert_id, target, "李强", "说明")
    assert refused.value.message("zh") != refused.value.message("en")
    assert "告警" in refused.value.message("zh") and "alert" in refused.value.message("en")
    assert book.alert(alert_id).status == start and len(inventory.alert_steps(alert_id)) == steps


def test_an_unknown_status_and_an_unknown_alert_are_refused(inventory: Inventory) -> None:
    book = AlertBook(inventory)
    alert_id = _alert_at(book, "new")
    with pytest.raises(AlertRefused, match="没有“done”这个处置状态"):
        book.advance(alert_id, "done", "李强", "x")
    with pytest.raises(AlertRefused) as refused:
        book.advance(alert_id + 99, "closed", "李强", "x")
    assert refused.value.message("en") == f"There is no alert number {alert_id + 99}."


@pytest.mark.parametrize("target", ["closed", "false_alarm"])
def test_closing_or_calling_a_false_alarm_needs_a_note(inventory: Inventory, target: str) -> None:
    book = AlertBook(inventory)
    alert_id = _alert_at(book, "new")
    with pytest.raises(AlertRefused, match="须填写说明"):
        book.advance(alert_id, target, "李强", "  ")
    assert book.alert(alert_id).status == "new"


def test_a_closed_alert_no_longer_folds_new_events(inventory: Inventory) -> None:
    book = AlertBook(inventory)
    alert_id = _alert_at(book, "closed")
    again = book.record(event(seconds=5))
    assert again is not None and again.id != alert_id and again.count == 1


def test_an_accepted_alert_still_folds_the_events_that_keep_coming(inventory: Inventory) -> None:
    book = AlertBook(inventory)
    alert_id = _alert_at(book, "accepted")
    again = book.record(event(seconds=5))
    assert again is not None and again.id == alert_id and again.count == 2 and again.status == "accepted"


def test_new_alerts_and_pictures_are_in_the_audit_trail_without_their_bytes(inventory: Inventory) -> None:
    book = AlertBook(inventory)
    alert = book.record(event(pictures=(b"\xff\xd8\xff" + b"x" * 500,)))
    assert alert is not None
    rows = (
        connection(inventory)
        .execute(
            "SELECT table_name, action, new_value FROM audit_log WHERE row_key = ? ORDER BY fid",
            (f"alerts/{alert.id}",),
        )
        .fetchall()
    )
    assert [(r[0], r[1]) for r in rows] == [("alerts", "insert"), ("alert_pictures", "insert")]
    assert '"type": "intrusion"' in rows[0][2] and rows[1][2] == "503 bytes"


def test_the_refusal_sentences_name_what_is_allowed() -> None:
    said = refusal("new", "handled")
    assert said is not None and "已派遣" in said and "dispatched" in said.en
    assert refusal("new", "dispatched") is None
