"""Writes by other programs (GDAL's ogr tools, a plain sqlite3 connection) land in the audit trail."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.store import Inventory
from onemap.store.check import check_inventory
from onemap.store.geometry import register_functions
from onemap.store.triggers import AUDITED, OUTSIDE
from tests.conftest import run_validators
from tests.store_access import connection

CODE = "6107250003"
pytestmark = pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL's ogrinfo is not installed")


def _ogrinfo_sql(path: Path, sql: str) -> None:
    done = subprocess.run(["ogrinfo", "-q", str(path), "-sql", sql], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def _gpkg_client(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the ST_* functions every GeoPackage client provides, nothing else."""
    conn = sqlite3.connect(path)
    register_functions(conn)
    return conn


def _history(path: Path, *args: str, capsys) -> list[dict]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["history", str(path), *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_an_ogrinfo_sql_update_shows_in_history_as_made_outside_onemap(demo_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _ogrinfo_sql(demo_copy, f"UPDATE estates SET households = 999, name = '外改小区' WHERE code = '{CODE}'")
    entries = _history(demo_copy, CODE, capsys=capsys)
    changes = {e["field"]: (e["old"], e["new"]) for e in entries if e["outside_onemap"]}
    assert changes == {"households": ("108", "999"), "name": ("菜园片区", "外改小区")}
    assert all(e["who"] == OUTSIDE for e in entries[:2])


def test_an_ogrinfo_delete_of_a_child_row_is_recorded_under_its_estate(demo_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _ogrinfo_sql(demo_copy, f"DELETE FROM contacts WHERE estate_code = '{CODE}'")
    deleted = [e for e in _history(demo_copy, CODE, capsys=capsys) if e["action"] == "delete"]
    assert deleted and all(e["outside_onemap"] and e["key"].startswith(CODE + "/") for e in deleted)
    assert {"name", "phone"} <= {e["field"] for e in deleted} and all(e["new"] is None for e in deleted)


def test_a_plain_sqlite3_update_is_recorded_and_stamps_updated_at(demo_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with _gpkg_client(demo_copy) as conn:
        before = conn.execute("SELECT updated_at FROM estates WHERE code = ?", (CODE,)).fetchone()[0]
        conn.execute("UPDATE estates SET status = '在建' WHERE code = ?", (CODE,))
    conn.close()
    entry = _history(demo_copy, CODE, capsys=capsys)[0]
    assert (entry["who"], entry["field"], entry["new"]) == (OUTSIDE, "status", "在建")
    with _gpkg_client(demo_copy) as conn:
        assert conn.execute("SELECT updated_at FROM estates WHERE code = ?", (CODE,)).fetchone()[0] > before
    conn.close()


def test_an_outside_move_reads_as_wkt_in_history(demo_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _ogrinfo_sql(
        demo_copy,
        f"UPDATE estates SET geom = (SELECT geom FROM estates WHERE code = '6107250001') WHERE code = '{CODE}'",
    )
    entry = _history(demo_copy, CODE, capsys=capsys)[0]
    assert entry["field"] == "geom" and entry["old"].startswith("POINT (") and entry["new"].startswith("POINT (")
    capsys.readouterr()
    assert main(["--lang", "en", "history", str(demo_copy), CODE, "--limit", "1"]) == 0
    assert "outside OneMap  changed  estates 6107250003  geom: POINT (" in capsys.readouterr().out


def test_the_triggers_need_no_function_a_client_may_lack(demo_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(demo_copy)  # no ST_* functions at all: drop the R-tree triggers that need them
    sql = [row[0] for row in conn.execute("SELECT sql FROM sqlite_master WHERE name LIKE 'onemap_audit_%'")]
    assert len(sql) == 3 * len(AUDITED) and not any("ST_" in s or "json" in s.lower() for s in sql)
    rtree = conn.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE 'rtree_%'").fetchall()
    for (name,) in rtree:
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("PRAGMA recursive_triggers = ON")  # the estate's updated_at stamp must not loop
    conn.execute("UPDATE estates SET households = households + 1 WHERE code = ?", (CODE,))
    conn.commit()
    conn.close()
    assert _history(demo_copy, CODE, capsys=capsys)[0]["field"] == "households"


def test_onemap_own_edits_are_recorded_once_not_doubled_by_the_triggers(demo_copy: Path) -> None:
    with Inventory.open(demo_copy, user="张伟") as inventory:
        with inventory.transaction():
            inventory.update_estate(CODE, households=77)
        rows = connection(inventory).execute("SELECT who, field FROM audit_log WHERE row_key = ?", (CODE,)).fetchall()
        assert [tuple(r) for r in rows] == [("张伟", "households")]
        assert connection(inventory).execute("SELECT count(*) FROM onemap_writer").fetchone()[0] == 0


def test_the_onemap_marker_is_never_committed_so_others_stay_audited(demo_copy: Path) -> None:
    with Inventory.open(demo_copy) as inventory:
        with pytest.raises(RuntimeError), inventory.transaction():
            inventory.update_estate(CODE, households=1)
            raise RuntimeError("interrupted")
        with inventory.transaction():
            inventory.update_estate(CODE, households=2)
    with _gpkg_client(demo_copy) as conn:
        assert conn.execute("SELECT count(*) FROM onemap_writer").fetchone()[0] == 0
        conn.execute("UPDATE estates SET households = 3 WHERE code = ?", (CODE,))
        assert conn.execute("SELECT who FROM audit_log ORDER BY fid DESC LIMIT 1").fetchone()[0] == OUTSIDE
    conn.close()


def test_validate_flags_edits_made_outside_onemap_since_its_last_write(demo_copy: Path) -> None:
    assert not [f for f in check_inventory(demo_copy).findings if f.where == "audit_log"]
    _ogrinfo_sql(demo_copy, f"UPDATE estates SET households = 5 WHERE code = '{CODE}'")
    flagged = [f for f in check_inventory(demo_copy).findings if f.where == "audit_log"]
    assert len(flagged) == 1 and "其他程序" in flagged[0].message and "onemap history" in flagged[0].message_en
    with Inventory.open(demo_copy) as inventory, inventory.transaction():
        inventory.update_estate(CODE, households=6)  # OneMap wrote since: nothing unreviewed left
    assert not [f for f in check_inventory(demo_copy).findings if f.where == "audit_log"]


def test_validate_flags_a_committed_marker_that_silences_the_triggers(demo_copy: Path) -> None:
    with _gpkg_client(demo_copy) as conn:
        conn.execute("INSERT INTO onemap_writer VALUES ('someone', '2026-01-01')")
    conn.close()
    assert any("onemap_writer" in f.message for f in check_inventory(demo_copy).findings)


def test_an_older_file_gets_the_triggers_when_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "旧清单.gpkg"
    Inventory.create(path, county_code="610725", upto=2).close()
    with Inventory.open(path) as inventory:
        count = connection(inventory).execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'onemap_audit_%'")
        assert count.fetchone()[0] == 3 * len(AUDITED)


def test_the_file_stays_a_valid_geopackage_after_outside_edits(demo_copy: Path) -> None:
    _ogrinfo_sql(demo_copy, f"UPDATE estates SET households = 5 WHERE code = '{CODE}'")
    for done in run_validators(demo_copy):
        assert done.returncode == 0, done.stdout + done.stderr
