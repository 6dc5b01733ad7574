"""Survey sheets from Excel: every row imported or reported with its row, field and reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.store import Inventory
from tests.core.checkup_support import clear_survey, write_photo, write_sheet

CODE = "6107250001"


def test_each_row_of_a_survey_sheet_is_imported_or_reported_with_row_field_and_reason(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clear_survey(demo_copy)
    rows = [
        [CODE, "1号楼", "", "未安装燃气报警器", None, "照片/1.jpg", "李四", "2025-03-01", '=HYPERLINK("http://x")'],
        [CODE, "1号楼", "H01", "structure.cracks", None, None, "李四", "2025/3/1", None],
        [CODE, None, "C05", None, 35, None, "李四", "2025-03-02", None],
        ["9999", "1号楼", "H01", None, None, None, "王五", "2025-03-02", None],
        [CODE, "99号楼", "H01", None, None, None, "王五", "2025-03-02", None],
        [CODE, None, "H02", None, None, None, "王五", "2025-03-02", None],
        [CODE, None, "C01", None, None, None, "王五", "2025-03-02", None],
        [CODE, None, "C05", None, "很多", None, "王五", "2025-03-02", None],
        [CODE, None, None, "不是选项", None, None, "王五", "2025-03-02", None],
    ]
    sheet = write_sheet(tmp_path / "体检调查表.xlsx", rows)
    write_photo(tmp_path / "照片" / "1.jpg")  # beside the sheet, as the sheet names it
    assert main(["checkup", str(demo_copy), "import", str(sheet), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["rows"], result["imported"]) == (9, 3)
    reported = [(r["row"], r["field"]) for r in result["reported"]]
    # the title row is row 1, the header row 2: data starts on row 3
    assert reported == [(6, "小区编码"), (7, "楼栋"), (8, "楼栋"), (9, "指标编码"), (10, "数值"), (11, "问题")]
    assert "9999" in result["reported"][0]["reason"]
    with Inventory.open(demo_copy, readonly=True) as inventory:
        found = inventory.checkup_findings([CODE])
        building = inventory.building_keys()[(CODE, "1号楼")]
    assert [(f.indicator, f.building_fid, f.problem, f.value, f.surveyed_on) for f in found] == [
        ("H02", building, "gas.no_alarm", None, "2025-03-01"),
        ("H01", building, "structure.cracks", None, "2025-03-01"),
        ("C05", None, None, 35.0, "2025-03-02"),
    ]
    assert found[0].note == '=HYPERLINK("http://x")' and found[0].photo == "照片/1.jpg"


def test_a_dry_run_reports_and_writes_nothing(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clear_survey(demo_copy)
    sheet = write_sheet(
        tmp_path / "s.xlsx", [[CODE, "1号楼", "H03", "stairwell.lighting", None, None, "李四", None, None]]
    )
    assert main(["checkup", str(demo_copy), "import", str(sheet), "--dry-run", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["imported"], result["would_import"]) == (0, 1)
    with Inventory.open(demo_copy, readonly=True) as inventory:
        assert inventory.checkup_findings() == []


def test_a_sheet_with_nothing_importable_exits_1_in_english(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clear_survey(demo_copy)
    sheet = write_sheet(tmp_path / "s.xlsx", [["0000", "1号楼", "H01", None, None, None, None, None, None]], title=None)
    assert main(["--lang", "en", "checkup", str(demo_copy), "import", str(sheet)]) == 1
    captured = capsys.readouterr()
    assert "row 2 小区编码: estate code '0000' is not in the inventory" in captured.err
    assert "1 rows: 0 imported, 1 reported" in captured.out
