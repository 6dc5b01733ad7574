"""``onemap import LEDGER --into URL``: the file's ledger engine, one transaction, row-level security kept."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import psycopg
import pytest

from onemap.cli import main
from tests.core.ledgers import excel_ledger
from tests.core.server_support import MIAN, loaded, new_login, pgpass, url_as

ATTACHED = ("estate_areas", "buildings", "contacts", "cameras", "funding")


def _listed(capsys: pytest.CaptureFixture[str], inventory: str) -> dict[str, tuple]:  # type: ignore[type-arg]
    capsys.readouterr()
    assert main(["list", inventory, "--json"]) == 0
    return {
        e["code"]: (e["name"], e["township"], e["households"], round(e["lon"] or 0, 7), round(e["lat"] or 0, 7))
        for e in json.loads(capsys.readouterr().out)
    }


def _as(pg_database: str, tmp_path: Path, role: str, county: str) -> str:
    login, password = new_login(pg_database, role, county)
    url = url_as(pg_database, login)
    return f"{url}?passfile={pgpass(tmp_path, url, password)}"


def test_a_ledger_imported_into_the_server_gives_the_same_estates_as_into_the_file(
    pg_database: str, demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded(pg_database, demo_copy)
    ledger = excel_ledger(tmp_path / "台账.xlsx")
    editor = _as(pg_database, tmp_path, "county-editor", MIAN)
    assert main(["import", str(ledger), "--into", editor, "--json"]) == 0
    sent = json.loads(capsys.readouterr().out)
    assert main(["import", str(ledger), "--into", str(demo_copy), "--json"]) == 0
    on_file = json.loads(capsys.readouterr().out)
    assert len(sent["imported"]) == len(on_file["imported"]) > 0
    assert sent["server"]["estates"] == len(sent["imported"])
    assert _listed(capsys, pg_database) == _listed(capsys, str(demo_copy))
    with psycopg.connect(pg_database) as conn:
        who = {
            r[0] for r in conn.execute("SELECT who FROM audit_log WHERE action = 'insert' AND table_name = 'estates'")
        }
        served = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ATTACHED}
    with sqlite3.connect(demo_copy) as conn:
        kept = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ATTACHED}
    assert served == kept  # outlines, contacts and cameras of the new estates came along
    assert who == {editor.split("//")[1].split("@")[0]}  # audited as the database login
    with psycopg.connect(pg_database) as conn:
        again_before = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert main(["import", str(ledger), "--into", editor, "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    with psycopg.connect(pg_database) as conn:
        again_after = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert again["imported"] == [] and again["server"] == {} and again_after == again_before


def test_a_county_editor_importing_another_countys_estates_is_refused_with_their_codes_and_nothing_lands(
    pg_database: str, demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded(pg_database, demo_copy)
    ledger = excel_ledger(tmp_path / "台账.xlsx")
    stranger = _as(pg_database, tmp_path, "county-editor", "610102")
    with psycopg.connect(pg_database) as conn:
        before = conn.execute("SELECT count(*), (SELECT count(*) FROM audit_log) FROM estates").fetchone()
    capsys.readouterr()
    assert main(["--lang", "en", "import", str(ledger), "--into", stranger]) == 1
    said = capsys.readouterr().err
    assert "may not write" in said and "nothing on the server was changed" in said
    assert MIAN in said  # the refused estates are named by code
    with psycopg.connect(pg_database) as conn:
        assert conn.execute("SELECT count(*), (SELECT count(*) FROM audit_log) FROM estates").fetchone() == before


def test_a_dry_run_into_the_server_reports_and_writes_nothing(
    pg_database: str, demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded(pg_database, demo_copy)
    ledger = excel_ledger(tmp_path / "台账.xlsx")
    with psycopg.connect(pg_database) as conn:
        before = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert main(["import", str(ledger), "--into", pg_database, "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["dry_run"] and report["imported"]
    with psycopg.connect(pg_database) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
