"""片区 on the map and the score colouring, as real widgets over a real inventory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.gui.checkup.districts_panel import DistrictPanel
from onemap.store import Inventory
from onemap.style import SCORE_BANDS
from tests.conftest import run_validators

CODES = ["6107250001", "6107250002", "6107250003"]


def test_the_district_panel_assigns_the_selection_draws_its_outline_undoes_and_keeps_a_valid_file(  # type: ignore[no-untyped-def]
    window, demo_copy: Path
) -> None:
    panel = window.work.checkup.open_districts()
    assert isinstance(panel, DistrictPanel) and window.work.checkup.districts in window.commands.tools_menu.actions()
    assert not panel.assign.isEnabled()  # nothing selected
    window.session.state.select(CODES)
    assert panel.assign.isEnabled() and panel.chosen.text() == "已选中 3 个小区"
    panel.names.setEditText("示意片区")
    panel.assign.click()
    assert {d.name: d.estates for d in panel.layer.drawn}["示意片区"] == tuple(CODES)
    assert panel.names.findText("示意片区") >= 0 and len(panel.layer.items) == 2 * len(panel.layer.drawn)
    window.session.state.select(CODES[2:])
    panel.remove.click()
    assert {d.name: d.estates for d in panel.layer.drawn}["示意片区"] == tuple(CODES[:2])
    with Inventory.open(demo_copy, readonly=True) as inventory:
        trail = inventory.audit.entries("district_members", None, limit=10)
    assert [e.action for e in trail].count("insert") >= 3 and "delete" in {e.action for e in trail}
    panel.undo.click()  # the removal taken back
    assert {d.name: d.estates for d in panel.layer.drawn}["示意片区"] == tuple(CODES)
    panel.close()
    assert not panel.layer.items  # closing takes the outlines off the map
    window.editing.close_file()
    for result in run_validators(demo_copy):
        assert result.returncode == 0, result.stdout + result.stderr


def test_colouring_by_score_puts_each_estate_in_its_band_and_the_legend_lists_the_bands(  # type: ignore[no-untyped-def]
    window, demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    combo = window.commands.symbology
    combo.setCurrentIndex(combo.findData("score"))
    state = window.session.state
    assert state.symbology.kind == "score" and window.legend.title.text() == "着色：按评分"
    labels = [label for kind, label, _n in window.legend.rows() if kind.startswith("class:")]
    bands = [zh for _lo, zh, _en in SCORE_BANDS] + ["不符合条件", "未评分"]
    assert [c.label for c in state.symbology.classes] == bands
    counts = state.class_counts()
    assert labels == [label for label, n in zip(bands, counts, strict=True) if n]  # the legend lists the bands in use
    assert "不符合条件" in labels and len(labels) >= 3
    assert main(["score", str(demo_copy), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    for item in scores:
        row = state.table.row_of(item["estate"])
        expected = (
            next(i for i, (lo, _zh, _en) in enumerate(SCORE_BANDS) if item["score"] >= lo)
            if item["eligible"]
            else len(SCORE_BANDS)
        )
        assert state.classes[row] == expected, item
    colours = {b.color().name() for b in window.layers.estates.item.data["brush"]}
    assert len(colours) > 1 and colours <= {c.color for c in state.symbology.classes}
