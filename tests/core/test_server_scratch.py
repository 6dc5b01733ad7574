"""A server's scratch copy for ``brief``/``snapshot``/``import`` holds only the counties the command needs.

The server here holds two counties: the demo's 勉县 (610725) and a second one (610726) made from
it in SQL, one degree further east, with its own townships (so no name of one matches the other).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import psycopg
import pytest

from onemap.cli import main
from onemap.store import Inventory
from onemap.store.server.scratch import Scope, counties_of, ledger_estates, make_scratch
from tests.core.ledgers import excel_ledger
from tests.core.server_support import MIAN, loaded
from tests.core.test_server_commands import _pdf_text

OTHER = "610726"
#: the tables the second county gets (the estates' own rows; not check-up findings, which name buildings)
COPIED = ("estate_areas", "buildings", "contacts", "funding", "renovation_items", "cameras")
IN_MIAN = ["--where", f"编码>={MIAN}0000", "--where", f"编码<{OTHER}0000"]


def two_counties(url: str, source: Path) -> str:
    """The server loaded from ``source`` (勉县), plus a copy of its estates as county 610726 one degree east."""
    loaded(url, source, (MIAN, OTHER))
    with psycopg.connect(url) as conn:
        _shifted(conn, "estates", "code", {"township": "'乙' || township"})
        for table in COPIED:
            _shifted(conn, table, "estate_code")
        _shifted(conn, "facilities", None)
    return url


def _shifted(conn: psycopg.Connection, table: str, key: str | None, also: dict[str, str] | None = None) -> None:
    columns = conn.execute(
        "SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = 'public' "
        "AND table_name = %s AND column_name NOT IN ('fid', 'row_version', 'changed_by', 'changed_at') "
        "ORDER BY ordinal_position",
        (table,),
    ).fetchall()
    shown = {name: f'ST_Translate("{name}", 1, 0)' if kind == "geometry" else f'"{name}"' for name, kind in columns}
    if key is not None:
        shown[key] = f"'{OTHER}' || substr({key}, 7)"
    shown.update(also or {})
    where = f"left({key}, 6) = '{MIAN}'" if key else "estate_code IS NULL"
    names = ", ".join(f'"{name}"' for name in shown)
    conn.execute(f'INSERT INTO "{table}" ({names}) SELECT {", ".join(shown.values())} FROM "{table}" WHERE {where}')


def _counts(path: Path, tables: tuple[str, ...]) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_a_scratch_copy_of_one_county_holds_that_countys_estates_with_their_rows_and_nothing_of_the_other(
    pg_database: str, demo_file: Path, tmp_path: Path
) -> None:
    two_counties(pg_database, demo_file)
    with Inventory.open(pg_database, readonly=True) as server:
        assert server.count() == 300
        counties = counties_of(server, [f"编码>={MIAN}0000", f"编码<{OTHER}0000"])
        copied = make_scratch(server, tmp_path / "scratch.gpkg", Scope(counties))  # type: ignore[arg-type]
    assert counties == [MIAN]
    tables = ("estates", *COPIED, "facilities", "checkup_findings", "sensors", "admin_areas")
    held, filed = _counts(tmp_path / "scratch.gpkg", tables), _counts(demo_file, tables)
    assert held == filed and copied["estates"] == 150  # the whole of 勉县 and its rows, nothing of 610726
    with sqlite3.connect(tmp_path / "scratch.gpkg") as conn:
        assert {r[0] for r in conn.execute("SELECT DISTINCT substr(code, 1, 6) FROM estates")} == {MIAN}
        meta = dict(conn.execute("SELECT key, value FROM onemap_meta").fetchall())
    assert meta["county_code"] == MIAN and meta["checkout_server"].endswith(pg_database.rsplit("/", 1)[1])
    with Inventory.open(tmp_path / "scratch.gpkg", readonly=True) as copy, Inventory.open(demo_file) as file:
        code = file.estates()[0].code
        assert copy.estate(code) == file.estate(code)  # every field and child row as the file has it


def test_brief_of_one_county_of_a_two_county_server_reads_as_the_countys_own_file(
    pg_database: str, demo_file: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    two_counties(pg_database, demo_file)
    caplog.set_level(logging.INFO, logger="onemap.server")
    for source, name in ((pg_database, "server"), (str(demo_file), "file")):
        assert main(["brief", source, *IN_MIAN, "-o", str(tmp_path / f"{name}.pdf")]) == 0
    texts = [_pdf_text(tmp_path / f"{name}.pdf") for name in ("server", "file")]
    assert "勉县" in texts[0] and "等 2 个县" not in texts[0]
    assert texts[0] == texts[1]
    (record,) = [r for r in caplog.records if "scratch copy" in r.getMessage()]
    assert record.args[2] == [MIAN] and record.args[3]["estates"] == 150  # type: ignore[index]


def test_import_into_a_two_county_server_copies_one_county_gives_the_whole_copys_result_and_touches_only_it(
    pg_database: str,
    demo_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    from onemap.io.export import export_gpkg
    from onemap.io.importer import ImportOptions, import_ledger

    two_counties(pg_database, demo_file)
    ledger = excel_ledger(tmp_path / "台账.xlsx")
    whole = tmp_path / "whole.gpkg"  # what the import ran on before: the whole server exported
    with Inventory.open(pg_database, readonly=True) as server:
        export_gpkg(server, whole)
    before = import_ledger(ledger, whole, ImportOptions()).as_dict()
    with psycopg.connect(pg_database) as conn:
        other = conn.execute(f"SELECT * FROM estates WHERE left(code, 6) = '{OTHER}' ORDER BY code").fetchall()
        last = conn.execute("SELECT max(fid) FROM audit_log").fetchone()[0]
    caplog.set_level(logging.INFO, logger="onemap.server")
    capsys.readouterr()
    assert main(["import", str(ledger), "--into", pg_database, "--json"]) == 0
    sent = json.loads(capsys.readouterr().out)
    for part in ("imported", "updated", "unchanged", "skipped", "warnings"):
        assert sent[part] == before[part], part
    assert sent["imported"] and sent["server"]["estates"] == len(sent["imported"])
    (record,) = [r for r in caplog.records if "scratch copy" in r.getMessage()]
    assert record.args[1] == [MIAN] and record.args[2]["estates"] == 150 and record.args[2]["listed"] == 150  # type: ignore[index]
    with psycopg.connect(pg_database) as conn:
        assert conn.execute(f"SELECT * FROM estates WHERE left(code, 6) = '{OTHER}' ORDER BY code").fetchall() == other
        keys = [r[0] for r in conn.execute("SELECT row_key FROM audit_log WHERE fid > %s", (last,))]
    assert keys and all(k is None or k.startswith(MIAN) for k in keys)


def test_an_estate_of_another_county_a_ledger_names_by_name_and_township_is_in_the_imports_copy(
    pg_database: str, demo_file: Path
) -> None:
    two_counties(pg_database, demo_file)
    with Inventory.open(pg_database, readonly=True) as server:
        name, township = server._conn.execute(  # type: ignore[attr-defined]
            f"SELECT name, township FROM estates WHERE left(code, 6) = '{OTHER}' ORDER BY code LIMIT 1"
        ).fetchone()
        named = [e.code for e in server.estates([f"名称={name}", f"镇街={township}"])]
        assert ledger_estates(server, [(name, township), ("没有这个小区", "")], []) == sorted(named)
    assert named and all(code.startswith(OTHER) for code in named)
