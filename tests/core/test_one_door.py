"""One door to the file: only the store speaks SQL, and what comes out of it is OneMap's own."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

import onemap
from onemap.store import Inventory, InventoryError
from onemap.store.reads import AdminArea
from tests.store_access import connection

PACKAGE = Path(onemap.__file__).parent
_SQL = re.compile(r"^\s*import sqlite3|^\s*from sqlite3 |\.execute(many)?\(|\binventory\.conn\b|\.conn\.execute", re.M)


def _outside_the_store() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if (PACKAGE / "store") not in p.parents]


def test_no_module_outside_the_store_speaks_sql_or_holds_the_connection() -> None:
    files = _outside_the_store()
    assert len(files) > 100  # the walk found the package
    speaking = [str(p.relative_to(PACKAGE)) for p in files if _SQL.search(p.read_text(encoding="utf-8"))]
    assert speaking == []


def test_the_inventory_offers_no_public_connection(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        assert not hasattr(inventory, "conn")
        assert isinstance(connection(inventory), sqlite3.Connection)  # the tests' documented way in


def test_the_stores_answers_are_plain_python_never_sqlite_rows(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        code, status = inventory.estate_columns(("code", "status"))[0]
        fid = inventory.child_fids("buildings", code)[0]
        answers = [
            inventory.estate_row(code),
            inventory.child_row("buildings", fid),
            *inventory.estate_columns(("code", "name")),
            *inventory.admin_areas(),
            *inventory.features("buildings", [fid]),
            *inventory.building_rows()[:3],
            *inventory.estate_groups("status"),
            inventory.estate_totals(),
        ]
        assert isinstance(inventory.estate_row(code), dict) and isinstance(inventory.child_row("buildings", fid), dict)
        assert not any(isinstance(answer, sqlite3.Row) for answer in answers)
        assert all(isinstance(area, AdminArea) for area in inventory.admin_areas())
        assert inventory.estate_row("no-such-code") is None


def test_admin_areas_answer_by_level_and_by_code_in_file_order(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        every = inventory.admin_areas()
        counties = inventory.admin_areas(("county",))
        assert counties == [a for a in every if a.level == "county"] and counties
        assert inventory.admin_areas(code=counties[0].code) == [counties[0]]
        assert inventory.admin_areas(code="no-such-area") == []


def test_a_read_while_another_program_holds_the_file_says_locked_in_onemaps_words(demo_copy: Path) -> None:
    with Inventory.open(demo_copy, readonly=True) as inventory:
        connection(inventory).execute("PRAGMA busy_timeout = 0")  # refuse at once instead of waiting
        other = sqlite3.connect(demo_copy, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # another program writing
        try:
            for read in (
                lambda: inventory.admin_areas(),
                lambda: inventory.estate_columns(("code",)),
                lambda: inventory.building_rows(),
                lambda: inventory.estate_totals(),
            ):
                with pytest.raises(InventoryError) as refused:
                    read()
                assert refused.value.kind == "locked" and "database is locked" not in refused.value.message("en")
        finally:
            other.execute("ROLLBACK")
            other.close()


def test_an_unknown_column_or_layer_is_refused_before_any_sql(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        with pytest.raises(ValueError):
            inventory.estate_columns(("code; DROP TABLE estates",))
        with pytest.raises(ValueError):
            inventory.fids_within("audit_log", (0.0, 0.0, 1.0, 1.0), 10)
        with pytest.raises(ValueError):
            inventory.estate_groups("name", total="code")
