"""While ``onemap watch`` holds the file, people still move its alerts through the handling cycle: a short
transaction beside the collector, attributed and audited; a writer that shares nothing still refuses, naming who."""

from __future__ import annotations

from pathlib import Path

import pytest

from onemap.cli import main
from onemap.store import Inventory
from onemap.store.alert_steps import alert_step_writer, shares_alert_steps
from onemap.store.errors import InventoryError
from onemap.watch.alerts import AlertBook
from tests.core.alert_support import event, make_inventory
from tests.core.collector_process import holding_editor, running_collector


def one_alert(path: Path) -> int:
    with make_inventory(path) as inventory:
        alert = AlertBook(inventory).record(event())
    assert alert is not None
    return alert.id


def test_onemap_alerts_closes_an_alert_while_a_collector_runs_on_the_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "值班.gpkg"
    alert_id = one_alert(path)
    with running_collector(path):
        assert shares_alert_steps(path)
        with pytest.raises(InventoryError) as refused:  # editing estates is still the collector's to refuse
            Inventory.open(path, user="编辑员")
        assert refused.value.kind == "edited_by"
        argv = ["alerts", str(path), "--close", str(alert_id), "--note", "现场已处置", "--who", "值班员"]
        assert main(argv) == 0
    assert f"告警 {alert_id} 已改为“已办结”" in capsys.readouterr().out
    with Inventory.open(path, readonly=True) as inventory:
        steps = inventory.alert_steps(alert_id)
        audited = inventory.audit.entries("alerts", f"alerts/{alert_id}")
        assert inventory.alert_row(alert_id).status == "closed"  # type: ignore[union-attr]
    assert [(s.from_status, s.to_status, s.who, s.note) for s in steps] == [("new", "closed", "值班员", "现场已处置")]
    assert ("值班员", "status", "new", "closed") in [(e.who, e.field, e.old_value, e.new_value) for e in audited]


def test_a_writer_that_shares_nothing_still_refuses_alert_steps_naming_who_holds_the_file(tmp_path: Path) -> None:
    path = tmp_path / "编辑中.gpkg"
    alert_id = one_alert(path)
    with holding_editor(path, "张伟"):
        assert not shares_alert_steps(path)
        with pytest.raises(InventoryError) as refused, alert_step_writer(path, "值班员") as inventory:
            AlertBook(inventory).advance(alert_id, "accepted", "值班员")
    assert refused.value.kind == "edited_by" and "张伟" in refused.value.message("zh")
    with Inventory.open(path, readonly=True) as inventory:
        assert inventory.alert_row(alert_id).status == "new"  # type: ignore[union-attr]


def test_with_nobody_else_on_the_file_a_step_opens_it_the_ordinary_way(tmp_path: Path) -> None:
    path = tmp_path / "空闲.gpkg"
    alert_id = one_alert(path)
    with alert_step_writer(path, "值班员") as inventory:
        moved = AlertBook(inventory).advance(alert_id, "accepted", "值班员")
    assert moved.status == "accepted" and not (tmp_path / "空闲.gpkg.onemap-lock").exists()
