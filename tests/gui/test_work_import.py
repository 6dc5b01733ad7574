"""File ▸ Import through the dialog: the dry-run report first, then the import; Cancel midway changes nothing."""

from __future__ import annotations

import csv
import threading
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import onemap.io.importer as importer
from onemap.gui.dialogs.import_dialog import ImportDialog
from onemap.io.report import ImportReport
from onemap.store import Inventory
from tests.core.ledgers import PASSWORD, excel_ledger
from tests.gui.work_kit import file_digest, table_counts, wait_for


def big_ledger(path: Path, rows: int) -> Path:
    """A long township ledger (UTF-8 CSV), long enough to cancel while it is being written."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["小区名称", "所在镇（街道）", "户数（户）", "改造年度", "包抓负责人", "联系电话"])
        for number in range(rows):
            households = str(40 + number % 300)
            writer.writerow([f"测试小区{number:05d}", "勉阳街道", households, "2025", "赵敏", "13700001111"])
    return path


def make_dialog(qtbot, inventory: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(inventory, user="测试员")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def run(dialog: ImportDialog, button: str) -> None:
    dialog.buttons[button].click()
    wait_for(lambda: dialog._job is None, 120)


def test_the_dry_run_report_shows_rows_mapping_warnings_and_changes_and_writes_nothing(
    qtbot, demo_copy: Path, tmp_path: Path
) -> None:
    before = file_digest(demo_copy)
    dialog = make_dialog(qtbot, demo_copy)
    assert not dialog.buttons["dryRun"].isEnabled() and not dialog.buttons["import"].isEnabled()
    dialog.set_source(excel_ledger(tmp_path / "勉县台账.xlsx"))
    assert [dialog.sheet.itemText(i) for i in range(dialog.sheet.count())] == ["（自动选择）", "填表说明", "台账"]
    run(dialog, "dryRun")
    assert file_digest(demo_copy) == before
    report = dialog.report
    assert report is not None and report.dry_run
    assert dialog.summary.text().startswith(
        "试运行结果（清单未改动）：将新增 3 个、更新 1 个小区，无变化 0 个，跳过 1 行，提示 2 条。"
    )
    problems = [[dialog.problems.item(r, c).text() for c in range(4)] for r in range(dialog.problems.rowCount())]
    assert ["10", "", "合计行，不导入", "跳过"] in problems
    assert any(row[1] == "建成年代" and "1995" in row[2] and row[3] == "提示" for row in problems)
    table = dialog.mapping
    mapping = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert mapping["户数（户）"] == "户数" and mapping["责任人/联系电话"] == "包抓负责人·联系电话"
    assert mapping["楼长"] == "未识别（已保存到备注）"
    changes = [[dialog.changes.item(r, c).text() for c in range(3)] for r in range(dialog.changes.rowCount())]
    assert [row[1] for row in changes].count("新增") == 3 and [row[1] for row in changes].count("更新") == 1
    shown = " ".join(row[2] for row in problems) + dialog.summary.text()
    assert PASSWORD not in shown and "pa@ss" not in shown
    assert dialog.buttons["import"].isEnabled() and dialog.buttons["import"].text() == "导入 4 个小区"


def test_the_report_saves_as_an_excel_workbook_for_the_township(qtbot, demo_copy: Path, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, demo_copy)
    dialog.set_source(excel_ledger(tmp_path / "勉县台账.xlsx"))
    run(dialog, "dryRun")
    saved = dialog.save_report(tmp_path / "导入报告.xlsx")
    assert saved is not None
    book = openpyxl.load_workbook(saved)
    assert book.sheetnames == ["概况", "问题"]
    assert [c.value for c in book["问题"][1]] == ["行号", "列", "问题", "类别"]
    assert book["问题"].max_row == 4


def test_import_after_the_dry_run_writes_the_estates_and_says_so(qtbot, demo_copy: Path, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, demo_copy)
    dialog.set_source(excel_ledger(tmp_path / "勉县台账.xlsx"))
    run(dialog, "dryRun")
    with qtbot.waitSignal(dialog.imported, timeout=60_000) as imported:
        dialog.buttons["import"].click()
    report: ImportReport = imported.args[0]
    assert not report.dry_run and len(report.imported) == 3 and len(report.updated) == 1
    assert dialog.summary.text().startswith("已导入：新增 3 个、更新 1 个小区")
    assert not dialog.buttons["import"].isEnabled()  # a second import needs a new dry run
    with Inventory.open(demo_copy, readonly=True) as inventory:
        assert inventory.count() == 153
        assert inventory.history(report.imported[0])[0].who == "测试员"


def test_a_second_dry_run_of_the_same_ledger_counts_the_estates_that_need_no_change(
    qtbot, demo_copy: Path, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, demo_copy)
    dialog.set_source(excel_ledger(tmp_path / "勉县台账.xlsx"))
    run(dialog, "dryRun")
    with qtbot.waitSignal(dialog.imported, timeout=60_000):
        dialog.buttons["import"].click()
    run(dialog, "dryRun")
    report = dialog.report
    assert report is not None and report.unchanged and not report.updated
    assert f"更新 0 个小区，无变化 {len(report.unchanged)} 个，" in dialog.summary.text()


def test_changing_an_option_after_the_dry_run_asks_for_a_new_one(qtbot, demo_copy: Path, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, demo_copy)
    dialog.set_source(excel_ledger(tmp_path / "勉县台账.xlsx"))
    run(dialog, "dryRun")
    dialog.crs.setCurrentIndex(dialog.crs.findData("bd09"))
    assert not dialog.buttons["import"].isEnabled()
    assert dialog.options(dry_run=False).crs == "bd09"


def test_cancel_midway_through_the_import_leaves_the_inventory_unchanged(
    qtbot, demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = make_dialog(qtbot, demo_copy)
    dialog.set_source(big_ledger(tmp_path / "长台账.csv", 8000))
    run(dialog, "dryRun")
    assert dialog.report is not None and len(dialog.report.imported) == 8000
    before, counts = file_digest(demo_copy), table_counts(demo_copy)
    clicked, ended = _pace_the_import(monkeypatch)
    dialog.buttons["import"].click()
    wait_for(lambda: dialog.progress.maximum() == 1000 and dialog.progress.value() >= 20, 120)
    assert dialog._job is not None, "the import finished before it could be cancelled"
    dialog.buttons["cancel"].click()
    clicked.set()
    assert dialog.summary.text() == "已取消，清单没有改动。"
    assert ended.wait(120)  # the importer saw the cancel, rolled back and returned
    assert file_digest(demo_copy) == before and table_counts(demo_copy) == counts
    assert dialog.buttons["close"].isEnabled() and dialog.buttons["dryRun"].isEnabled()


def _pace_the_import(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """The real import, whose worker waits, once it has reported 2 %, for the test's Cancel click
    (``clicked``): an import fast enough to end between two looks at the progress bar stays
    cancellable midway.  ``ended`` is set when the import has returned or raised."""
    clicked, ended = threading.Event(), threading.Event()
    real = importer.import_ledger

    def paced(*args: Any, progress: Any = None, **kwargs: Any) -> Any:
        def held(fraction: float, message: str) -> None:
            progress(fraction, message)
            if fraction >= 0.02 and not clicked.is_set():
                clicked.wait(120)

        try:
            return real(*args, progress=held, **kwargs)
        finally:
            ended.set()

    monkeypatch.setattr(importer, "import_ledger", paced)
    return clicked, ended


def test_a_file_that_is_not_a_ledger_is_refused_in_a_sentence(qtbot, demo_copy: Path, tmp_path: Path) -> None:
    bad = tmp_path / "照片.xlsx"
    bad.write_bytes(b"\x89PNG not a workbook" * 20)
    dialog = make_dialog(qtbot, demo_copy)
    dialog.set_source(bad)
    run(dialog, "dryRun")
    assert dialog.summary.text() and dialog.report is None
    assert not dialog.buttons["import"].isEnabled()


@pytest.mark.parametrize("name", ["台账.docx", "没有这个文件.xlsx"])
def test_only_an_existing_ledger_file_can_be_checked(qtbot, demo_copy: Path, tmp_path: Path, name: str) -> None:
    dialog = make_dialog(qtbot, demo_copy)
    path = tmp_path / name
    if name.endswith(".docx"):
        path.write_text("x")
    dialog.set_source(path)
    assert not dialog.buttons["dryRun"].isEnabled()


def test_the_report_never_replaces_an_existing_file_without_confirmation_nor_the_ledger(
    qtbot, demo_copy: Path, tmp_path: Path
) -> None:
    ledger = excel_ledger(tmp_path / "勉县台账.xlsx")
    ledger_bytes = ledger.read_bytes()
    dialog = make_dialog(qtbot, demo_copy)
    dialog.set_source(ledger)
    run(dialog, "dryRun")
    earlier = tmp_path / "导入报告.xlsx"
    earlier.write_bytes(b"earlier report")
    assert dialog.save_report(earlier) is None
    assert earlier.read_bytes() == b"earlier report" and "已存在" in dialog.summary.text()
    assert dialog.save_report(ledger, overwrite=True) is None  # the ledger itself, even when confirmed
    assert ledger.read_bytes() == ledger_bytes and "就是输入文件" in dialog.summary.text()
    assert dialog.save_report(earlier, overwrite=True) == earlier
    assert openpyxl.load_workbook(earlier).sheetnames == ["概况", "问题"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []  # no temporary left
