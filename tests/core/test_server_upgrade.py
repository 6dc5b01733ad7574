"""Numbered migrations on the server: a server made by older code upgrades; clients refuse a mismatch."""

from __future__ import annotations

import shutil
from pathlib import Path

import psycopg
import pytest

from onemap.cli import main
from onemap.paths import data_path
from onemap.store import Inventory
from onemap.store.migrations import available
from onemap.store.server.errors import ServerError
from onemap.store.server.init import init_server
from onemap.store.server.upgrade import check_version, upgrade_server
from tests.core.server_support import MIAN, new_login, url_as

LAST = available()[-1]
#: what a new migration like c15c's looks like: plain ALTER TABLE ADD COLUMN and CREATE TABLE
EXTRA = """-- a test migration: a column, a table with a key, a default and a unique field, a data change
ALTER TABLE estates ADD COLUMN heating TEXT;
ALTER TABLE checkup_findings ADD COLUMN severity INTEGER NOT NULL DEFAULT 2;
CREATE TABLE estate_visits (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  estate_code TEXT NOT NULL REFERENCES estates(code) ON UPDATE CASCADE ON DELETE CASCADE,
  visited_on DATE,
  visitor TEXT,
  ticket TEXT UNIQUE,
  geom POINT
);
CREATE INDEX estate_visits_day ON estate_visits(visited_on);
UPDATE estates SET heating = IFNULL(heating, 'district') WHERE status = 'completed';
"""


def _columns(url: str) -> set[tuple[str, str, str, str | None]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_name, column_name, udt_name, column_default FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name NOT IN ('spatial_ref_sys', 'geometry_columns', "
            "'geography_columns')"
        ).fetchall()
    return {(t, c, u, d if d is None or "nextval" not in d else "serial") for t, c, u, d in rows}


def _indexes(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        return {r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")}


def _extra_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(data_path("db", "migrations"), folder)
    (folder / f"{LAST.number + 1:04d}_test_visits.sql").write_text(EXTRA, "utf-8")
    return folder


def test_a_server_made_at_an_older_schema_upgrades_to_the_same_tables_as_a_new_one(
    pg_cluster: object, demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, fresh = pg_cluster.new_database(), pg_cluster.new_database()  # type: ignore[attr-defined]
    old_url, fresh_url = pg_cluster.url(old), pg_cluster.url(fresh)  # type: ignore[attr-defined]
    init_server(old_url, [MIAN], None, upto=LAST.number - 1)
    init_server(fresh_url, [MIAN])
    assert _columns(old_url) != _columns(fresh_url)
    assert main(["--lang", "en", "server", "upgrade", old_url]) == 0
    assert LAST.name in capsys.readouterr().out
    assert _columns(old_url) == _columns(fresh_url)
    assert _indexes(old_url) == _indexes(fresh_url)
    with Inventory.open(old_url) as server:  # the client no longer refuses it
        assert server.count() == 0
    assert main(["--lang", "en", "server", "upgrade", old_url]) == 0
    assert "nothing changed" in capsys.readouterr().out


def test_a_client_refuses_a_server_older_than_itself_and_says_to_run_server_upgrade(
    pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    init_server(pg_database, [MIAN], None, upto=LAST.number - 1)
    with pytest.raises(ServerError) as refused:
        Inventory.open(pg_database)
    assert refused.value.kind == "server_older" and LAST.name in refused.value.message("en")
    assert main(["--lang", "en", "list", pg_database]) == 1
    assert "onemap server upgrade" in capsys.readouterr().err


def test_a_new_migration_file_lands_on_a_server_made_by_todays_code_with_row_versions_audit_and_policies(
    pg_database: str, demo_file: Path, tmp_path: Path
) -> None:
    init_server(pg_database, [MIAN], demo_file)
    folder = _extra_folder(tmp_path)
    with psycopg.connect(pg_database) as conn, pytest.raises(ServerError) as older:
        check_version(conn, pg_database, folder)  # an OneMap that has the new file sees an older server
    assert older.value.kind == "server_older"
    assert upgrade_server(pg_database, folder) == [f"{LAST.number + 1:04d}_test_visits"]
    with psycopg.connect(pg_database) as conn:
        completed = conn.execute("SELECT count(*) FROM estates WHERE status = 'completed'").fetchone()[0]
        heated = conn.execute("SELECT count(*) FROM estates WHERE heating = 'district'").fetchone()[0]
        bulk = conn.execute(
            "SELECT table_name, new_value FROM audit_log WHERE action = 'bulk' AND new_value LIKE 'OneMap 升级%%'"
        ).fetchall()
        per_row = conn.execute("SELECT count(*) FROM audit_log WHERE field = 'heating'").fetchone()[0]
        conn.execute("UPDATE estates SET heating = 'gas' WHERE code = (SELECT min(code) FROM estates)")
        audited_again = conn.execute("SELECT count(*) FROM audit_log WHERE field = 'heating'").fetchone()[0]
        code = conn.execute("SELECT min(code) FROM estates").fetchone()[0]
        conn.execute("INSERT INTO estate_visits (estate_code, visitor, ticket) VALUES (%s, 'x', 'T1')", (code,))
        conn.execute("UPDATE estate_visits SET visitor = 'y' WHERE ticket = 'T1'")
        version = conn.execute("SELECT row_version FROM estate_visits WHERE ticket = 'T1'").fetchone()[0]
        trail = conn.execute("SELECT count(*) FROM audit_log WHERE table_name = 'estate_visits'").fetchone()[0]
        severity = conn.execute("SELECT column_default FROM information_schema.columns WHERE column_name = 'severity'")
        default = severity.fetchone()[0]
        policies = conn.execute("SELECT count(*) FROM pg_policies WHERE tablename = 'estate_visits'").fetchone()[0]
        gist = conn.execute("SELECT count(*) FROM pg_indexes WHERE indexname = 'estate_visits_geom_gist'").fetchone()[0]
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute("INSERT INTO estate_visits (estate_code, ticket) VALUES (%s, 'T1')", (code,))
    assert completed > 0 and heated == completed
    assert bulk == [("estates", f"OneMap 升级 {LAST.number + 1:04d}_test_visits")]  # one entry, as in the file
    assert (per_row, audited_again) == (0, 1)  # and the audit trigger is back on afterwards
    assert (version, trail, default, policies, gist) == (2, 2, "2", 2, 1)
    with pytest.raises(ServerError) as newer:  # today's OneMap does not know the new migration
        Inventory.open(pg_database)
    assert newer.value.kind == "server_newer"


def test_a_county_editor_may_not_upgrade_and_nothing_changes(pg_database: str, demo_file: Path, tmp_path: Path) -> None:
    init_server(pg_database, [MIAN], demo_file)
    login, password = new_login(pg_database, "county-editor", MIAN)
    folder = _extra_folder(tmp_path)
    url = url_as(pg_database, login) + f"?passfile={_pgpass(tmp_path, pg_database, login, password)}"
    with pytest.raises(ServerError) as refused:
        upgrade_server(url, folder)
    assert refused.value.kind == "upgrade_not_owner" and login in refused.value.message("en")
    with psycopg.connect(pg_database) as conn:
        check_version(conn, pg_database)


def test_a_migration_the_server_refuses_leaves_it_as_it_was(pg_database: str, demo_file: Path, tmp_path: Path) -> None:
    init_server(pg_database, [MIAN], demo_file)
    folder = _extra_folder(tmp_path)
    (folder / f"{LAST.number + 2:04d}_bad.sql").write_text(
        "ALTER TABLE estates ADD COLUMN broken TEXT;\nUPDATE estates SET broken = no_such_function(code);\n", "utf-8"
    )
    before = _columns(pg_database)
    with pytest.raises(ServerError) as refused:
        upgrade_server(pg_database, folder)
    assert refused.value.kind == "upgrade_failed" and "_bad" in refused.value.message("en")
    assert _columns(pg_database) == before
    with psycopg.connect(pg_database) as conn:
        check_version(conn, pg_database)  # not even the good migration before it landed


def _pgpass(folder: Path, url: str, login: str, password: str) -> Path:
    from tests.core.server_support import pgpass

    return pgpass(folder, url_as(url, login), password)
