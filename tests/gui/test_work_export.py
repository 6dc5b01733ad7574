"""File ▸ Export: every format for the current filter, written off the UI thread."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onemap.gui.dialogs.export_dialog import FORMATS, ExportDialog
from onemap.store import Inventory
from tests.gui.work_kit import wait_for


def make_dialog(qtbot, inventory: Path, where=None) -> ExportDialog:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(inventory, where)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.parametrize("suffix", list(FORMATS))
def test_every_format_exports_the_filtered_estates(qtbot, demo_file: Path, tmp_path: Path, suffix: str) -> None:
    dialog = make_dialog(qtbot, demo_file, ["状态=在建"])
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == list(FORMATS)
    dialog.format.setCurrentIndex(dialog.format.findData(suffix))
    assert dialog.path.text().endswith(suffix)
    out = tmp_path / f"在建{suffix}"
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as exported:
        dialog.export_button.click()
    assert exported.args == [out, 24] and out.stat().st_size > 0
    if suffix == ".gpkg":
        with Inventory.open(out, readonly=True) as written:
            assert written.count() == 24
    if suffix == ".geojson":
        features = json.loads(out.read_text("utf-8"))["features"]
        assert len({f["properties"]["code"] for f in features}) == 24


def test_an_existing_file_is_not_replaced_unless_asked(qtbot, demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "已有.csv"
    out.write_text("旧内容", encoding="utf-8")
    dialog = make_dialog(qtbot, demo_file)
    dialog.format.setCurrentIndex(dialog.format.findData(".csv"))
    dialog.path.setText(str(out))
    dialog.start_export()
    assert "已存在" in dialog.status.text() and out.read_text("utf-8") == "旧内容"
    dialog.overwrite.setChecked(True)
    dialog.start_export()
    wait_for(lambda: dialog._job is None)
    assert out.read_text("utf-8-sig").startswith("小区编码")


def test_the_open_inventory_itself_is_never_the_target(qtbot, demo_copy: Path) -> None:
    dialog = make_dialog(qtbot, demo_copy)
    dialog.format.setCurrentIndex(dialog.format.findData(".gpkg"))
    dialog.path.setText(str(demo_copy))
    dialog.overwrite.setChecked(True)
    assert dialog.target() is None and "清单文件本身" in dialog.status.text()


def test_a_hard_link_to_the_open_inventory_is_refused_and_the_inventory_unchanged(
    qtbot, demo_copy: Path, tmp_path: Path
) -> None:
    import hashlib
    import os

    link = tmp_path / "另一个名字.gpkg"
    os.link(demo_copy, link)
    before = hashlib.sha256(demo_copy.read_bytes()).hexdigest()
    dialog = make_dialog(qtbot, demo_copy, ["状态=在建"])
    dialog.format.setCurrentIndex(dialog.format.findData(".gpkg"))
    dialog.path.setText(str(link))
    dialog.overwrite.setChecked(True)
    dialog.start_export()
    wait_for(lambda: dialog._job is None)
    assert "就是输入文件" in dialog.status.text() or "清单文件本身" in dialog.status.text()
    assert hashlib.sha256(demo_copy.read_bytes()).hexdigest() == before


def test_a_hard_link_to_the_inventory_is_refused_as_the_inventory_itself(
    qtbot, demo_copy: Path, tmp_path: Path
) -> None:
    link = tmp_path / "同一个文件.gpkg"
    link.hardlink_to(demo_copy)
    dialog = make_dialog(qtbot, demo_copy)
    dialog.format.setCurrentIndex(dialog.format.findData(".gpkg"))
    dialog.path.setText(str(link))
    dialog.overwrite.setChecked(True)
    assert dialog.target() is None
    with Inventory.open(demo_copy, readonly=True) as inventory:
        assert inventory.count() == 150


def test_the_dialog_offers_a_shapefile_and_writes_its_outlines_beside_it(
    qtbot, demo_file: Path, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, demo_file, ["状态=在建"])
    index = dialog.format.findData(".shp")
    assert index >= 0 and dialog.format.itemText(index) == "Shapefile（.shp）"
    dialog.format.setCurrentIndex(index)
    out = tmp_path / "在建.shp"
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as exported:
        dialog.export_button.click()
    assert exported.args == [out, 24]
    assert {p.name for p in tmp_path.iterdir()} >= {"在建.shp", "在建.dbf", "在建.prj", "在建.cpg", "在建_outlines.shp"}


def test_the_dialog_names_the_fields_a_shapefile_cut(qtbot, demo_copy: Path, tmp_path: Path) -> None:
    with Inventory.open(demo_copy) as inventory:
        inventory.update_estate("6107250003", notes="居民要求加装电梯" * 40)
    dialog = make_dialog(qtbot, demo_copy)
    dialog.format.setCurrentIndex(dialog.format.findData(".shp"))
    dialog.path.setText(str(tmp_path / "全部.shp"))
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.export_button.click()
    assert "254 字节" in dialog.status.text() and "6107250003（备注）" in dialog.status.text()
