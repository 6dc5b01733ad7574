"""File ▸ 交回外业数据…: a field copy's collisions listed, and settled row by row as chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox

from onemap.cli import main
from onemap.gui.server.checkin_dialog import FIELD, CheckinDialog
from onemap.store import Inventory
from tests.core.server_support import loaded

TOWNSHIP = "镇街=勉阳街道"


@pytest.fixture
def field_copy(pg_database: str, demo_file: Path, tmp_path: Path) -> tuple[str, Path, list[str]]:
    """A server, a checked-out township, and three of its estate codes."""
    loaded(pg_database, demo_file)
    out = tmp_path / "外业.gpkg"
    assert main(["checkout", pg_database, "--where", TOWNSHIP, "-o", str(out)]) == 0
    with Inventory.open(out, readonly=True) as copy:
        codes = [e.code for e in copy.estates()][:3]
    return pg_database, out, codes


def test_the_checkin_dialog_lists_collisions_and_applies_the_choice_made_per_row(
    qtbot, field_copy: tuple[str, Path, list[str]]
) -> None:
    server, out, (first, second, third) = field_copy
    with Inventory.open(out) as laptop, laptop.transaction():
        laptop.update_estate(first, notes="外业：已入户")
        laptop.update_estate(second, notes="外业：脚手架已拆")
        laptop.update_estate(third, notes="外业：无冲突")
    with Inventory.open(server) as office:
        office.update_estate(first, notes="办公室：等待验收")
        office.update_estate(second, notes="办公室：资料不全")
    dialog = CheckinDialog(None, out)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.start().done, timeout=60_000):
        pass
    table = dialog.table
    assert table.rowCount() == 2 and dialog.apply_button.isEnabled()
    rows = {table.item(r, 0).text(): r for r in range(2)}
    assert "办公室：等待验收" in table.item(rows[first], 2).text()
    assert "外业：已入户" in table.item(rows[first], 3).text()
    combo = table.cellWidget(rows[first], 4)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(FIELD))  # first: the field's value; second: left as the server's
    with qtbot.waitSignal(dialog.apply().done, timeout=60_000):
        pass
    with Inventory.open(server, readonly=True) as office:
        assert office.estate(first).notes == "外业：已入户"
        assert office.estate(second).notes == "办公室：资料不全"
        assert office.estate(third).notes == "外业：无冲突"
    assert table.rowCount() == 0 and "0" in dialog.summary.text()
