"""Tools ▸ 导入体检调查表 in the real window: a real xlsx into a copy of the demo, off the UI thread."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl

from onemap.checkup.gather import hazard_buildings, read_checkup
from onemap.store import Inventory
from tests.core.checkup_support import write_sheet
from tests.gui.guikit import settle

CODE = "6107250001"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _import(qtbot, window, sheet: Path):  # type: ignore[no-untyped-def]
    action = window.work.checkup.sheet_import
    action.choose = lambda: sheet  # the file dialog's answer; the import itself runs for real
    with qtbot.waitSignal(action.finished, timeout=30_000) as done:
        window.work.checkup.sheet.trigger()
    return action, done.args[0]


def test_the_menu_imports_a_survey_sheet_and_says_rows_findings_and_row_problems(
    qtbot, window, demo_copy: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert window.work.checkup.sheet in window.commands.tools_menu.actions()
    with Inventory.open(demo_copy, readonly=True) as inventory:
        before = len(inventory.checkup_findings([CODE]))
    rows = [
        [CODE, "1号楼", "H03", "stairwell.lighting", None, None, "李四", "2025-04-01", None],
        [CODE, None, "C05", "parking.shortage", 12, None, "李四", "2025-04-01", "示意"],
        ["0000", "1号楼", "H01", None, None, None, None, None, None],
    ]
    sheet = write_sheet(tmp_path / "体检调查表.xlsx", rows)
    action, outcome = _import(qtbot, window, sheet)
    assert outcome.ok and outcome.value.written == 2
    text = action.message.text()
    assert text.startswith("共 3 行：导入 2 条体检问题，1 行未导入。")
    assert "第 5 行 小区编码：" in text and "0000" in text  # title row 1, header row 2: the third data row is 5
    with Inventory.open(demo_copy, readonly=True) as inventory:
        found = inventory.checkup_findings([CODE])
    assert len(found) == before + 2
    assert {(f.indicator, f.problem) for f in found[-2:]} == {
        ("H03", "stairwell.lighting"),
        ("C05", "parking.shortage"),
    }


def test_the_details_dock_shows_the_imported_hazard_in_the_estates_score(
    qtbot, window, demo_copy: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with Inventory.open(demo_copy, readonly=True) as inventory:
        hazards = hazard_buildings(read_checkup(inventory))
        code, building = next((c, n) for (c, n) in sorted(inventory.building_keys()) if c not in hazards)
    window.session.state.select([code])
    settle(window)
    before = window.details.score.score_of(code)
    assert before is not None and before.parts["safety"] == 0
    sheet = write_sheet(
        tmp_path / "燃气.xlsx", [[code, building, "H02", "gas.no_alarm", None, None, "李四", None, None]]
    )
    _action, outcome = _import(qtbot, window, sheet)
    assert outcome.ok and outcome.value.written == 1
    settle(window, 300)
    after = window.details.score.score_of(code)
    assert after is not None and after.parts["safety"] > 0  # re-read from the file, not the score kept from before


def test_a_sheet_with_the_wrong_columns_leaves_the_file_unchanged_and_says_the_clis_sentence(
    qtbot, window, demo_copy: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "通讯录.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["名称", "地址", "电话"])
    book.active.append(["张三", "城关", "123"])
    book.save(sheet)
    before = _digest(demo_copy)
    action, outcome = _import(qtbot, window, sheet)
    assert outcome.error
    assert action.message.text() == outcome.error
    assert action.message.text() == (
        "通讯录.xlsx 不是城市体检调查表：缺少“小区编码”“指标编码或问题”列（表头为：名称、地址、电话），未导入任何内容。"
    )
    assert _digest(demo_copy) == before
