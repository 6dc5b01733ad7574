"""Files made by an older OneMap are backed up, then migrated; newer files are not touched."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from shapely.geometry import box

from onemap.model import Contact, Estate
from onemap.store import Inventory, InventoryError, migrations
from tests.conftest import run_validators
from tests.store_access import connection


def _old_file(tmp_path: Path) -> Path:
    """An inventory as OneMap schema 1 wrote it, with one estate."""
    path = tmp_path / "旧版 清单.gpkg"
    with Inventory.create(path, county_code="610725", upto=1) as old, old.transaction():
        old.add_estate(
            Estate(
                code="6107250001",
                name="桂园小区",
                township="勉阳街道",
                location=(106.67, 33.15),
                outline=box(106.669, 33.149, 106.671, 33.151),
                contacts=[Contact("6107250001", "leader", "张伟", "局长", "13812345678")],
            )
        )
    return path


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_new_file_has_every_migration_recorded(fresh: Inventory) -> None:
    assert fresh.schema_migrations == [m.name for m in migrations.available()]
    assert migrations.pending(connection(fresh)) == []


def test_schema_one_file_lacks_what_migration_two_adds(tmp_path: Path) -> None:
    conn = sqlite3.connect(_old_file(tmp_path))
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "issues" not in tables and "estates" in tables


def test_opening_an_older_file_backs_it_up_then_migrates_it(tmp_path: Path) -> None:
    path = _old_file(tmp_path)
    before = _dump(path)
    with Inventory.open(path, user="测试员") as inventory:
        assert inventory.backup is not None and _dump(inventory.backup) == before  # SQLite's backup API: same content
        assert "0002_participation" in inventory.schema_migrations
        assert inventory.estate("6107250001").contacts[0].name == "张伟"
        assert inventory.table_count("issues") == 0
        with inventory.transaction():
            inventory.update_estate("6107250001", built_year_text="1998年")
    for result in run_validators(path):
        assert result.returncode == 0, result.stdout


def test_the_backup_is_still_the_old_schema(tmp_path: Path) -> None:
    path = _old_file(tmp_path)
    with Inventory.open(path) as inventory:
        backup = inventory.backup
    assert backup is not None
    names = [r[0] for r in sqlite3.connect(backup).execute("SELECT name FROM onemap_migrations")]
    assert names == ["0001_inventory"]


def test_reading_an_older_file_read_only_changes_nothing(tmp_path: Path) -> None:
    path = _old_file(tmp_path)
    before = path.read_bytes()
    with Inventory.open(path, readonly=True) as inventory:
        assert [e.name for e in inventory.estates()] == ["桂园小区"]
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_file_from_a_newer_onemap_is_refused_for_writing_but_readable(demo_copy: Path) -> None:
    conn = sqlite3.connect(demo_copy)
    conn.execute("INSERT INTO onemap_migrations VALUES ('0099_future', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(InventoryError) as refused:
        Inventory.open(demo_copy)
    assert refused.value.kind == "newer"
    with Inventory.open(demo_copy, readonly=True) as inventory:
        assert inventory.count() == 150


def _timeless(lines: list[str]) -> list[str]:
    """Dump lines without times, and without the style rows' ids (rewritten styles take new ids)."""
    stamp = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")
    style_id = re.compile(r'^INSERT INTO "layer_styles" VALUES\(\d+,')
    style_seq = "INSERT INTO \"sqlite_sequence\" VALUES('layer_styles',"
    return sorted(style_id.sub("<style>", stamp.sub("<time>", line)) for line in lines if style_seq not in line)


def test_a_new_file_in_one_step_equals_one_migrated_step_by_step(tmp_path: Path) -> None:
    """A new file takes every migration at once; its tables, rows, styles and triggers are an upgraded file's."""
    at_once, by_steps = tmp_path / "新 清单.gpkg", tmp_path / "升级 清单.gpkg"
    Inventory.create(at_once, county_code="610725").close()
    Inventory.create(by_steps, county_code="610725", upto=1).close()
    Inventory.open(by_steps, readonly=False).close()  # applies 0002 … one transaction each
    for backup in tmp_path.glob("*before-upgrade*"):
        backup.unlink()
    assert _timeless(_dump(at_once)) == _timeless(_dump(by_steps))
    assert sum("CREATE TRIGGER" in line for line in _dump(at_once)) > 20
    run_validators(at_once)
