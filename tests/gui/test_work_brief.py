"""File ▸ Brief: a preview of the first pages, the PDF for a filter, and Cancel leaving no PDF."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QLabel

from onemap.gui.dialogs.brief_dialog import BriefDialog
from tests.gui.work_kit import wait_for


def make_dialog(qtbot, inventory: Path, **kwargs) -> BriefDialog:  # type: ignore[no-untyped-def]
    dialog = BriefDialog(inventory, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_export_writes_the_packet_for_the_filter(qtbot, demo_file: Path, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, demo_file, where="状态=在建")
    assert dialog.selection.text() == "筛选：状态=在建，共 24 个小区"
    out = tmp_path / "简报" / "在建小区.pdf"
    out.parent.mkdir()
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=120_000) as exported:
        dialog.buttons["export"].click()
    assert exported.args == [out]
    reader = PdfReader(out)
    assert dialog.status.text().startswith(f"已导出 {len(reader.pages)} 页")
    text = reader.pages[0].extract_text()
    assert "筛选：状态=在建" in text


def test_the_selection_prints_its_sheets_only_when_asked(qtbot, demo_file: Path, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, demo_file, codes=["6107250001", "6107250002"])
    assert dialog.selection.text() == "所选 2 个小区"
    dialog.sheets_only.setChecked(True)
    dialog.path.setText(str(tmp_path / "两个小区.pdf"))
    with qtbot.waitSignal(dialog.exported, timeout=120_000):
        dialog.export()
    assert len(PdfReader(tmp_path / "两个小区.pdf").pages) == 2


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pages are drawn by poppler's pdftoppm here")
def test_the_preview_shows_the_first_pages_as_pictures(qtbot, demo_file: Path) -> None:
    dialog = make_dialog(qtbot, demo_file)
    dialog.buttons["preview"].click()
    wait_for(lambda: dialog._job is None, 120)
    pages = dialog.pages.findChildren(QLabel, "previewPage")
    assert len(pages) >= 4 and all(not page.pixmap().isNull() for page in pages)
    assert dialog.note.text().startswith("预览共")


def test_cancel_stops_the_build_and_leaves_no_pdf(qtbot, demo_file: Path, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, demo_file)
    out = tmp_path / "全县简报.pdf"
    dialog.path.setText(str(out))
    dialog.buttons["export"].click()
    wait_for(lambda: dialog.progress.value() >= 50, 120)
    assert dialog._job is not None, "the packet was finished before it could be cancelled"
    with qtbot.assertNotEmitted(dialog.exported, wait=200):
        dialog.buttons["cancel"].click()
    assert dialog.status.text() == "已取消，没有生成 PDF。"
    assert list(tmp_path.iterdir()) == []


def test_closing_the_dialog_removes_the_preview_files(qtbot, demo_file: Path) -> None:
    dialog = make_dialog(qtbot, demo_file, codes=["6107250001"])
    temp = dialog._temp
    dialog.preview()
    wait_for(lambda: dialog._job is None, 120)
    assert any(temp.rglob("*.pdf"))
    dialog.reject()
    assert not temp.exists()


def test_a_typed_name_of_an_existing_pdf_is_not_replaced_without_the_file_dialogs_question(
    qtbot, demo_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "已有简报.pdf"
    out.write_bytes(b"%PDF earlier")
    dialog = make_dialog(qtbot, demo_file, codes=["6107250001"])
    dialog.path.setText(str(out))
    dialog.buttons["export"].click()
    assert dialog._job is None and out.read_bytes() == b"%PDF earlier"
    assert "已存在" in dialog.status.text()
    dialog._confirmed = out  # what choosing it in the file dialog (which asks "replace?") records
    with qtbot.waitSignal(dialog.exported, timeout=120_000) as exported:
        dialog.buttons["export"].click()
    assert exported.args == [out] and len(PdfReader(out).pages) >= 1
    assert [p.name for p in tmp_path.iterdir()] == ["已有简报.pdf"]  # written to a temporary name, renamed


def test_the_packet_carries_the_plan_part_when_the_dialog_asks_for_it(qtbot, demo_file: Path, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, demo_file, where="township=张家河镇")
    assert not dialog.plan.isChecked()  # a packet has no plan unless asked
    dialog.plan.setChecked(True)
    dialog.plan_budget.setValue(800)
    assert dialog.request(tmp_path / "x.pdf").plan_budget_wan == 800
    out = tmp_path / "计划.pdf"
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=120_000):
        dialog.export()
    pages = [page.extract_text() or "" for page in PdfReader(out).pages]
    assert "二、年度改造计划" in pages[1] and "三、小区档案" in pages[1]
    assert any("预算 800 万元" in text for text in pages)
