"""``onemap list|show|export|history`` against a server answer as they do against the file it was loaded from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.store import Inventory
from tests.conftest import run_validators
from tests.core.server_support import MIAN, loaded

FILTERS = ([], ["状态=在建"], ["renewal_year>=2023", "name~园"], ["镇街=勉阳街道"], ["notes="], ["name~%"])


@pytest.fixture
def served(pg_database: str, demo_file: Path) -> str:
    return loaded(pg_database, demo_file)


def _json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> object:
    assert main(argv) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("where", FILTERS, ids=lambda w: " and ".join(w) or "all")
def test_list_from_the_server_equals_list_from_the_file(
    served: str, demo_file: Path, where: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    flags = [part for w in where for part in ("--where", w)]
    from_file = _json(["list", str(demo_file), *flags, "--json"], capsys)
    from_server = _json(["list", served, *flags, "--json"], capsys)
    assert from_server == from_file
    assert isinstance(from_file, list) and (len(from_file) > 0 or where == ["name~%"])


def test_show_from_the_server_equals_show_from_the_file(
    served: str, demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        codes = [e.code for e in inventory.estates()][::37]
    for code in codes:
        assert _json(["show", served, code, "--json"], capsys) == _json(
            ["show", str(demo_file), code, "--json"], capsys
        )


def test_an_unknown_code_on_the_server_is_one_sentence(served: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "show", served, "6107259999"]) == 1
    assert capsys.readouterr().err.strip() == "The inventory has no estate with code 6107259999."


def test_codes_within_a_box_come_from_the_gist_index_and_are_exactly_the_points_inside(
    served: str, demo_file: Path
) -> None:
    box = (106.66, 33.14, 106.69, 33.17)
    with Inventory.open(demo_file, readonly=True) as inventory:
        expected = sorted(
            e.code
            for e in inventory.estates()
            if e.location is not None and box[0] <= e.location[0] <= box[2] and box[1] <= e.location[1] <= box[3]
        )
        assert set(expected) <= set(inventory.codes_within(*box))  # the file's R-tree may round a few in
    with Inventory.open(served, readonly=True) as server:
        assert sorted(server.codes_within(*box)) == expected
        server._conn.execute("SET enable_seqscan = off")  # 150 rows: the planner would rather scan them all
        plan = server._conn.execute(  # the box query can use the GiST index
            "EXPLAIN SELECT code FROM estates "
            "WHERE ST_Intersects(geom, ST_MakeEnvelope(106.66, 33.14, 106.69, 33.17, 4326))"
        ).fetchall()
    assert expected
    assert "estates_geom_gist" in " ".join(row[0] for row in plan)


def test_export_of_a_township_from_the_server_is_a_valid_geopackage_with_the_files_estates(
    served: str, demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "勉阳街道.gpkg"
    assert main(["export", served, str(out), "--where", "镇街=勉阳街道"]) == 0
    assert all(result.returncode == 0 for result in run_validators(out)), [r.stdout for r in run_validators(out)]
    capsys.readouterr()
    expected = _json(["list", str(demo_file), "--where", "镇街=勉阳街道", "--json"], capsys)
    exported = _json(["list", str(out), "--json"], capsys)
    ignore = {"updated_at"}
    assert [{k: v for k, v in e.items() if k not in ignore} for e in exported] == [  # type: ignore[union-attr]
        {k: v for k, v in e.items() if k not in ignore}
        for e in expected  # type: ignore[union-attr]
    ]
    with Inventory.open(out, readonly=True) as copy, Inventory.open(demo_file, readonly=True) as original:
        code = copy.estates()[0].code
        mine, theirs = copy.estate(code), original.estate(code)
        assert mine.updated_at is not None  # an export stamps its rows (as a file-to-file export does)
        mine.updated_at = theirs.updated_at
        assert mine == theirs
        assert copy.meta("county_code") == MIAN


def test_history_from_the_server_shows_the_load_and_each_edit_with_its_login(
    served: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Inventory.open(served) as inventory:
        code = inventory.estates()[0].code
        inventory.update_estate(code, notes="第二次入户", version=inventory.estate_version(code))
    entries = _json(["history", served, code, "--json"], capsys)
    assert entries[0]["who"] == "onemap_test"  # type: ignore[index]
    assert (entries[0]["field"], entries[0]["new"]) == ("notes", "第二次入户")  # type: ignore[index]
    everything = _json(["history", served, "--json"], capsys)
    assert any(e["action"] == "bulk" and "载入" in e["new"] for e in everything)  # type: ignore[union-attr,index]


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".xlsx", ".kml"])
def test_the_other_export_formats_from_the_server_equal_those_from_the_file(
    served: str, demo_file: Path, tmp_path: Path, suffix: str
) -> None:
    from_server, from_file = tmp_path / f"出自服务器{suffix}", tmp_path / f"出自文件{suffix}"
    assert main(["export", served, str(from_server), "--where", "镇街=勉阳街道"]) == 0
    assert main(["export", str(demo_file), str(from_file), "--where", "镇街=勉阳街道"]) == 0
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        def cells(path: Path) -> list[list[object]]:
            book = load_workbook(path, read_only=True)
            return [[c for c in row] for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]

        assert cells(from_server) == cells(from_file)
    else:
        # the collection's name is the inventory's: the database's, the file's
        server_text = from_server.read_text("utf-8").replace(f'"{served.rsplit("/", 1)[1]}"', '"NAME"')
        file_text = from_file.read_text("utf-8").replace(f'"{demo_file.stem}"', '"NAME"')
        assert server_text == file_text
