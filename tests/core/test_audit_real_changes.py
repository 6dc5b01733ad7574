"""The audit trail records only real changes: a re-import of the same data adds no rows."""

from __future__ import annotations

import shutil
from pathlib import Path

from shapely.geometry import box

from onemap.cli import main
from onemap.io.importer import import_ledger
from onemap.model import Contact, Estate
from onemap.store import Inventory
from tests.core.ledgers import excel_ledger
from tests.store_access import connection

CODE = "6107250003"


def _rows(path: Path) -> list[tuple]:
    with Inventory.open(path, readonly=True) as inventory:
        return (
            connection(inventory)
            .execute("SELECT action, table_name, row_key, field, old_value, new_value FROM audit_log ORDER BY fid")
            .fetchall()
        )


def test_reimporting_the_same_ledger_records_no_change_at_all(tmp_path: Path) -> None:
    into = tmp_path / "清单.gpkg"
    ledger = excel_ledger(tmp_path / "台账.xlsx")
    import_ledger(ledger, into)
    before = _rows(into)
    second = import_ledger(ledger, into)
    assert second.unchanged and not second.updated  # the estates were matched...
    new = _rows(into)[len(before) :]
    assert [r for r in new if r[0] in ("update", "insert", "delete")] == []  # ...with nothing to record


def test_reimporting_an_export_never_records_a_change_from_a_value_to_itself(demo_copy: Path, tmp_path: Path) -> None:
    csv = tmp_path / "导出.csv"
    assert main(["export", str(demo_copy), str(csv)]) == 0
    before = len(_rows(demo_copy))
    assert main(["import", str(csv), "--into", str(demo_copy)]) == 0
    new = _rows(demo_copy)[before:]
    assert [r for r in new if r[0] == "update" and r[4] == r[5]] == []
    assert not [r for r in new if r[3] == "geom"]  # the 150 points did not move


def test_a_move_to_the_same_point_an_identical_outline_and_same_child_value_are_not_changes(fresh: Inventory) -> None:
    with fresh.transaction():
        fresh.add_estate(
            Estate(
                code=CODE,
                name="桂园小区",
                location=(106.67, 33.15),
                households=120,
                outline=box(106.669, 33.149, 106.671, 33.151),
                contacts=[Contact(CODE, "grid", "王芳", phone="13812345678")],
            )
        )
    count = connection(fresh).execute("SELECT count(*) FROM audit_log").fetchone()[0]
    fid = connection(fresh).execute("SELECT fid FROM contacts").fetchone()[0]
    with fresh.transaction():
        assert fresh.move_estate(CODE, (106.67, 33.15)) is False
        assert fresh.set_outline(CODE, box(106.669, 33.149, 106.671, 33.151)) is False
        assert fresh.update_estate(CODE, households=120.0) == []
        assert fresh.update_child("contacts", fid, phone="13812345678") == []
        assert fresh.replace_children(CODE, "contacts", [Contact(CODE, "grid", "王芳", phone="13812345678")]) == 0
    assert connection(fresh).execute("SELECT count(*) FROM audit_log").fetchone()[0] == count


def test_a_real_move_is_still_recorded_once(demo_copy: Path) -> None:
    with Inventory.open(demo_copy) as inventory, inventory.transaction():
        assert inventory.move_estate(CODE, (106.7, 33.2)) is True
    assert [r[3] for r in _rows(demo_copy)[-1:]] == ["geom"]


def test_writing_an_estate_back_unchanged_records_nothing(demo_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "副本.gpkg"
    shutil.copy(demo_file, copy)
    with Inventory.open(copy) as inventory, inventory.transaction():
        estate = inventory.estate(CODE)
        inventory.update_estate(CODE, **{k: v for k, v in estate.attributes().items() if k != "updated_at"})
    assert len(_rows(copy)) == len(_rows(demo_file))
