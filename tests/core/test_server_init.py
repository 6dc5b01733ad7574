"""``onemap server init``: the file's schema in PostGIS, its rows loaded set-based, the audit trail by trigger."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from onemap.cli import main
from onemap.store import Inventory
from tests.core.server_support import MIAN


def test_init_loads_every_table_of_the_file_with_geometry_in_4326_and_gist_indexes(
    pg_database: str, demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["server", "init", pg_database, "--county", MIAN, "--from", str(demo_file), "--json"]) == 0
    loaded = json.loads(capsys.readouterr().out)["loaded"]
    with Inventory.open(demo_file, readonly=True) as inventory:
        expected = {table: inventory.table_count(table) for table in ("estates", "buildings", "contacts", "cameras")}
    assert {table: loaded[table] for table in expected} == expected
    with psycopg.connect(pg_database) as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in expected}
        types = dict(conn.execute("SELECT f_table_name, type FROM geometry_columns WHERE srid = 4326").fetchall())
        gist = {r[0] for r in conn.execute("SELECT tablename FROM pg_indexes WHERE indexdef LIKE '%USING gist%'")}
    assert counts == expected
    assert types["estates"] == "POINT" and types["buildings"] == "MULTIPOLYGON"
    assert {"estates", "estate_areas", "buildings", "cameras", "sensors"} <= gist


def test_init_keeps_every_estate_point_to_the_last_digit(pg_database: str, demo_file: Path) -> None:
    assert main(["server", "init", pg_database, "--county", MIAN, "--from", str(demo_file)]) == 0
    with Inventory.open(demo_file, readonly=True) as inventory:
        points = {e.code: e.location for e in inventory.estates()}
    with psycopg.connect(pg_database) as conn:
        served = {code: (x, y) for code, x, y in conn.execute("SELECT code, ST_X(geom), ST_Y(geom) FROM estates")}
    assert served == points


def test_a_second_init_is_refused_and_changes_nothing(
    pg_database: str, demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["server", "init", pg_database, "--county", MIAN, "--from", str(demo_file)]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "server", "init", pg_database, "--county", MIAN, "--from", str(demo_file)]) == 1
    assert "already holds a OneMap inventory" in capsys.readouterr().err


def test_an_edit_on_the_server_is_audited_with_the_database_login_and_bumps_the_row_version(
    pg_database: str, demo_file: Path
) -> None:
    assert main(["server", "init", pg_database, "--county", MIAN, "--from", str(demo_file)]) == 0
    with psycopg.connect(pg_database) as conn:
        code = conn.execute("SELECT min(code) FROM estates").fetchone()[0]
        conn.execute("UPDATE estates SET status = 'completed', progress_pct = 100 WHERE code = %s", (code,))
        version = conn.execute("SELECT row_version, changed_by FROM estates WHERE code = %s", (code,)).fetchone()
        trail = conn.execute(
            "SELECT who, field, new_value FROM audit_log WHERE row_key = %s AND action = 'update' ORDER BY field",
            (code,),
        ).fetchall()
    assert version == (2, "onemap_test")
    assert trail == [("onemap_test", "progress_pct", "100"), ("onemap_test", "status", "completed")]
