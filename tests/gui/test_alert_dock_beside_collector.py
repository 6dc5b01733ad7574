"""A viewer that opened the file read-only because ``onemap watch`` runs on it still handles its alerts: the dock's
cycle buttons write each step on a short connection beside the collector; a writer that shares nothing refuses."""

from __future__ import annotations

from pathlib import Path

from onemap.gui.editing.session import audit_user
from onemap.gui.settings import Settings
from onemap.store import Inventory
from onemap.store.audit import default_user
from tests.core.collector_process import holding_editor, running_collector
from tests.gui.alert_kit import CAMERA_1, demo_event, record
from tests.gui.guikit import make_window, settle


def test_the_cycle_buttons_act_while_a_collector_holds_the_file(qtbot, settings: Settings, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    (alert,) = record(demo_copy, demo_event(CAMERA_1))
    with running_collector(demo_copy):
        window = make_window(qtbot, settings, demo_copy)
        settle(window)
        assert window.editing.inventory is None and window.editing.readonly_reason  # read-only: the collector has it
        dock, actions = window.alert_dock, window.alert_dock.cycle
        dock.view.clicked.emit(dock.model.index(dock.model.row_of_id(alert.id), 0))
        actions.buttons["accepted"].click()
        assert actions.message.text() == "告警已改为“已签收”。"
        actions.note.setText("物业已到场")
        actions.buttons["closed"].click()
        assert dock.model.rows[dock.model.row_of_id(alert.id)].status == "closed"
        who = audit_user(window) or default_user()
        window.close()
    with Inventory.open(demo_copy, readonly=True) as inventory:
        steps = inventory.alert_steps(alert.id)
    assert [(s.from_status, s.to_status, s.who) for s in steps] == [
        ("new", "accepted", who),
        ("accepted", "closed", who),
    ]


def test_a_writer_that_shares_nothing_is_named_and_the_alert_stays_as_it_was(
    qtbot, settings: Settings, demo_copy: Path
) -> None:  # type: ignore[no-untyped-def]
    (alert,) = record(demo_copy, demo_event(CAMERA_1))
    with holding_editor(demo_copy, "张伟"):
        window = make_window(qtbot, settings, demo_copy)
        settle(window)
        dock, actions = window.alert_dock, window.alert_dock.cycle
        dock.view.clicked.emit(dock.model.index(dock.model.row_of_id(alert.id), 0))
        actions.buttons["accepted"].click()
        assert actions.message.text().startswith("无法改变告警状态：") and "张伟" in actions.message.text()
        assert dock.model.rows[dock.model.row_of_id(alert.id)].status == "new"
        window.close()
