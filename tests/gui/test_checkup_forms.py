"""The survey form and the live re-ranking dialog, as real widgets over a real inventory."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from onemap.checkup.weights import default_weights
from onemap.gui.checkup.score_dialog import ScoreDialog
from onemap.gui.checkup.survey_form import SurveyForm
from onemap.store import Inventory
from onemap.store.checkup import CheckupFinding, Readiness
from tests.core.checkup_support import write_photo

CODE = "6107250001"


def _pick(combo, data: object) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(data))


def test_the_survey_form_writes_a_building_finding_with_its_photo_and_lists_it(qtbot, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    with Inventory.open(demo_copy) as inventory:
        buildings = {fid: name for (code, name), fid in inventory.building_keys().items() if code == CODE}
        before = len(inventory.checkup_findings([CODE]))

        def save(finding: CheckupFinding, picture: bytes | None) -> None:
            with inventory.transaction():
                inventory.add_findings([finding], {0: picture} if picture else None)

        form = SurveyForm(CODE, "示意小区", buildings, inventory.checkup_findings([CODE]), save, surveyor="调查员甲")
        qtbot.addWidget(form)
        rows_before = form.table.rowCount()
        _pick(form.indicator, "C05")  # an estate indicator: the building is the whole estate
        assert not form.building.isEnabled() and form.building.currentData() is None
        assert [form.problem.itemData(i) for i in range(form.problem.count())] == [
            None,
            "parking.shortage",
            "parking.disorder",
        ]
        _pick(form.indicator, "H02")
        two = next(fid for fid, name in buildings.items() if name == "2号楼")
        assert form.building.isEnabled()
        _pick(form.building, two)
        _pick(form.problem, "gas.no_alarm")
        photo = write_photo(demo_copy.parent / "现场" / "2号楼燃气.jpg")
        form.photo.setText(str(photo))
        with qtbot.waitSignal(form.saved):
            qtbot.mouseClick(form.add, Qt.MouseButton.LeftButton)
        found = inventory.checkup_findings([CODE])
        kept = inventory.finding_photos([found[-1].fid or 0])
    assert kept == {found[-1].fid: (str(photo), photo.read_bytes())}
    assert len(found) == before + 1
    new = found[-1]
    assert (new.indicator, new.version, new.building_fid, new.problem) == ("H02", "2024", two, "gas.no_alarm")
    assert (new.photo, new.surveyor, new.value) == (str(photo), "调查员甲", None)
    assert form.table.rowCount() == rows_before + 1
    last = form.table.rowCount() - 1
    assert [form.table.item(last, c).text() for c in range(3)] == [
        "2号楼",
        "存在燃气安全隐患的住宅数量",
        "未安装燃气报警器",
    ]


def test_turning_a_weight_re_ranks_at_once_and_counts_who_moved(qtbot, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    from onemap.checkup.gather import estate_facts, read_checkup

    with Inventory.open(demo_copy) as inventory:
        codes = [str(r[0]) for r in inventory.estate_columns(["code"])]
        with inventory.transaction():
            for code in codes:
                inventory.set_readiness(Readiness(code, 80.0, 80.0))
        facts = estate_facts(inventory, read_checkup(inventory))
    dialog = ScoreDialog(facts, default_weights(), 2025)
    qtbot.addWidget(dialog)
    assert dialog.moved.text() == "与打开时相比，0 个小区名次变化"
    youngest_eligible = max(
        (f for f in facts if f.built_year and f.built_year <= 2000), key=lambda f: (f.built_year, f.code)
    )
    before = dialog.rank_of(youngest_eligible.code)
    for criterion, spin in dialog.spins.items():
        spin.setValue(100.0 if criterion == "households" else 0.0)
    # households alone: the table is in household order among the eligible (full marks from 500)
    shown = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
    households = {f.code: min(f.households or 0, 500) for f in facts}
    eligible = [c for c in shown if dialog.table.item(shown.index(c), 5).text() == "是"]
    assert [households[c] for c in eligible] == sorted((households[c] for c in eligible), reverse=True)
    assert dialog.rank_of(youngest_eligible.code) != before or households[youngest_eligible.code] == 0
    assert dialog.moved.text() != "与打开时相比，0 个小区名次变化"
    assert any(dialog.table.item(r, 1).text().startswith(("▲", "▼")) for r in range(dialog.table.rowCount()))


def test_the_tools_menu_opens_the_survey_of_the_selected_estate_and_writes_through_the_window(window) -> None:  # type: ignore[no-untyped-def]
    actions = window.work.checkup
    assert (
        actions.survey in window.commands.tools_menu.actions() and actions.score in window.commands.tools_menu.actions()
    )
    assert actions.open_survey() is None  # nothing selected yet: the status bar says so
    window.session.state.select([CODE])
    form = actions.open_survey()
    assert isinstance(form, SurveyForm) and CODE in form.windowTitle()
    _pick(form.indicator, "C10")
    _pick(form.problem, "waste.no_sorting")
    form.add.click()
    assert window.editing.inventory.checkup_findings([CODE])[-1].problem == "waste.no_sorting"
    score = actions.open_score()
    assert isinstance(score, ScoreDialog) and score.table.rowCount() == 150


def test_the_details_dock_shows_the_selected_estates_score_and_each_criterions_points(window) -> None:  # type: ignore[no-untyped-def]
    window.session.state.select([CODE])
    panel = window.details.score
    found = panel.score_of(CODE)
    assert panel.isVisibleTo(window.details) and found is not None
    texts = [panel.form.itemAt(i).widget().text() for i in range(panel.form.count()) if panel.form.itemAt(i).widget()]
    assert "得分" in texts and f"{found.score:g}" in texts and "安全隐患" in texts and "片区协同" in texts
    assert f"第 {found.rank} 名（共 150 个）" in texts
    window.session.state.select([])
    assert not panel.isVisibleTo(window.details)
