"""Checkin sends every row a field copy changed: points, outlines and each kind of child row, with the field rules."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import psycopg
import pytest
from shapely.geometry import box

from onemap.cli import main
from onemap.model import Camera, Contact
from onemap.store import Inventory
from tests.core.server_support import MIAN, loaded, new_login, remember, url_as
from tests.keyring_kit import MemoryKeyring as Keyring

TOWNSHIP = "镇街=勉阳街道"
KINDS = ("buildings", "contacts", "cameras", "funding", "renovation_items", "sensors")


@pytest.fixture
def field_copy(pg_database: str, demo_file: Path, tmp_path: Path) -> tuple[str, Path]:
    loaded(pg_database, demo_file)
    out = tmp_path / "外业.gpkg"
    assert main(["checkout", pg_database, "--where", TOWNSHIP, "-o", str(out)]) == 0
    return pg_database, out


def _fids(out: Path, table: str) -> list[tuple[int, str]]:
    """(fid, estate code) of the copy's rows of ``table``."""
    with sqlite3.connect(out) as conn:
        return conn.execute(f"SELECT fid, estate_code FROM {table} ORDER BY fid").fetchall()


def _server_fid(out: Path, table: str, fid: int) -> int:
    with Inventory.open(out, readonly=True) as copy:
        return int(json.loads(copy.meta("checkout_fids") or "{}")[table][str(fid)])


def _checkin(out: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    capsys.readouterr()
    code = main(["checkin", str(out), "--json", *flags])
    return code, json.loads(capsys.readouterr().out)


def _trail(url: str) -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def test_every_child_kind_a_moved_point_and_a_redrawn_outline_reach_the_server_and_a_rerun_changes_nothing(
    field_copy: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    server, out = field_copy
    touched = set()
    with Inventory.open(out) as laptop, laptop.transaction():
        edits = {
            "buildings": {"floors": 11},
            "contacts": {"phone": "13900000001"},
            "cameras": {"name": "外业：东门"},
            "funding": {"amount_wan": 123.5},
            "renovation_items": {"item": "外业：屋面防水"},
        }
        for table, change in edits.items():
            fid, code = _fids(out, table)[0]
            laptop.update_child(table, fid, **change)
            touched.add(code)
        fid, code = _fids(out, "sensors")[0]
        laptop.update_sensor(fid, status="离线")
        touched.add(code)
        code = laptop.estates()[0].code
        laptop.move_estate(code, (106.75, 33.15))
        laptop.set_outline(code, box(106.749, 33.149, 106.751, 33.151))
        laptop.add_child("contacts", Contact(code, "外业联系人", name="王芳", phone="13900000002"))
        laptop.add_child("cameras", Camera(code, name="外业新装", kind="ipc"))
        laptop.delete_child("contacts", next(f for f, c in _fids(out, "contacts") if c == code))
        touched.add(code)
    code_, report = _checkin(out, capsys)
    assert code_ == 0 and report["collisions"] == [], report
    assert {a["table"] for a in report["applied"]} >= {*KINDS, "estates", "estate_areas"}
    with Inventory.open(out, readonly=True) as copy, Inventory.open(server, readonly=True) as served:
        for code in touched:
            mine, theirs = copy.estate(code), served.estate(code)
            assert mine.location == pytest.approx(theirs.location)
            assert mine.outline is not None and mine.outline.equals_exact(theirs.outline, 1e-9)
            for attribute in ("building_list", "contacts", "cameras", "funding", "items", "sensors"):
                assert _plain(getattr(mine, attribute)) == _plain(getattr(theirs, attribute)), attribute
    trail = _trail(server)
    code_, again = _checkin(out, capsys)
    assert (code_, again["applied"], again["collisions"]) == (0, [], [])
    assert _trail(server) == trail  # nothing doubled: the new contact and camera were not sent twice


def _plain(rows: list) -> list:  # type: ignore[type-arg]
    """Rows without their fids (the file's and the server's differ), geometry as WKT."""
    out = []
    for row in rows:
        values = {k: v for k, v in vars(row).items() if k != "fid"}
        out.append({k: (v.wkt if hasattr(v, "wkt") else v) for k, v in values.items()})
    return out


def test_a_child_field_changed_on_both_sides_is_a_collision_prefer_settles_it(
    field_copy: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    server, out = field_copy
    fid, _code = _fids(out, "buildings")[0]
    with Inventory.open(out) as laptop, laptop.transaction():
        laptop.update_child("buildings", fid, floors=9)
    with psycopg.connect(server) as office:
        office.execute("UPDATE buildings SET floors = 12 WHERE fid = %s", (_server_fid(out, "buildings", fid),))
    code, report = _checkin(out, capsys)
    assert code == 1
    [collision] = report["collisions"]
    assert (collision["table"], collision["field"]) == ("buildings", "floors")
    assert collision["server"]["value"] == 12 and collision["server"]["who"] == "onemap_test"
    assert collision["field_copy"]["value"] == 9
    assert _checkin(out, capsys, "--prefer", "field")[0] == 0
    with psycopg.connect(server) as office:
        floors = office.execute(
            "SELECT floors FROM buildings WHERE fid = %s", (_server_fid(out, "buildings", fid),)
        ).fetchone()[0]
    assert floors == 9


def test_a_row_deleted_on_one_side_and_edited_on_the_other_is_a_collision(
    field_copy: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    server, out = field_copy
    (contact, _c), (camera, _d) = _fids(out, "contacts")[0], _fids(out, "cameras")[0]
    with Inventory.open(out) as laptop, laptop.transaction():
        laptop.delete_child("contacts", contact)  # deleted in the field …
        laptop.update_child("cameras", camera, name="外业：改名")  # … edited in the field
    with psycopg.connect(server) as office:
        office.execute(
            "UPDATE contacts SET phone = '13811112222' WHERE fid = %s", (_server_fid(out, "contacts", contact),)
        )
        office.execute("DELETE FROM cameras WHERE fid = %s", (_server_fid(out, "cameras", camera),))
    code, report = _checkin(out, capsys)
    assert code == 1
    by_table = {c["table"]: c for c in report["collisions"]}
    assert by_table["contacts"]["field_copy"]["deleted"] and by_table["contacts"]["server"]["edited"]
    assert by_table["cameras"]["server"]["deleted"] and by_table["cameras"]["server"]["who"] == "onemap_test"
    with psycopg.connect(server) as office:  # waiting: nothing of either was done
        assert office.execute(
            "SELECT phone FROM contacts WHERE fid = %s", (_server_fid(out, "contacts", contact),)
        ).fetchone() == ("13811112222",)
    capsys.readouterr()
    assert main(["--lang", "en", "checkin", str(out)]) == 1
    said = capsys.readouterr().out
    assert "server 'edited' (onemap_test" in said and "field 'deleted'" in said  # and the camera the other way
    assert "server 'deleted'" in said and "2 collisions waiting" in said
    assert _checkin(out, capsys, "--prefer", "server")[0] == 0
    with psycopg.connect(server) as office:
        assert office.execute(
            "SELECT count(*) FROM contacts WHERE fid = %s", (_server_fid(out, "contacts", contact),)
        ).fetchone() == (1,)


def test_a_township_editor_checks_in_child_rows_under_row_level_security_and_a_viewer_is_refused(
    pg_database: str, demo_file: Path, tmp_path: Path, memory_keyring: Keyring, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded(pg_database, demo_file)
    editor, viewer = (
        _login(pg_database, memory_keyring, "township-editor", MIAN, "勉阳街道"),
        _login(pg_database, memory_keyring, "viewer"),
    )
    out = tmp_path / "外业.gpkg"
    assert main(["checkout", editor, "--where", TOWNSHIP, "-o", str(out)]) == 0
    (fid, code), (contact, _c) = _fids(out, "buildings")[0], _fids(out, "contacts")[0]
    with Inventory.open(out) as laptop, laptop.transaction():
        laptop.update_child("buildings", fid, floors=8)
        laptop.add_child("contacts", Contact(code, "外业联系人", name="王芳"))
        laptop.delete_child("contacts", contact)
    assert main(["--lang", "en", "checkin", str(out), "--server", viewer]) == 1
    assert "database refused this change" in capsys.readouterr().err
    with psycopg.connect(pg_database) as office:  # the viewer's attempt left nothing
        assert office.execute("SELECT count(*) FROM contacts WHERE name = '王芳'").fetchone() == (0,)
    code_, report = _checkin(out, capsys)
    assert code_ == 0 and report["collisions"] == []
    with psycopg.connect(pg_database) as office:
        assert office.execute("SELECT count(*) FROM contacts WHERE name = '王芳'").fetchone() == (1,)
        assert office.execute(
            "SELECT floors, changed_by FROM buildings WHERE fid = %s", (_server_fid(out, "buildings", fid),)
        ).fetchone() == (8, editor.split("//")[1].split("@")[0])


def _login(url: str, keyring: Keyring, role: str, county: str | None = None, township: str | None = None) -> str:
    login, password = new_login(url, role, county, township)
    own = url_as(url, login)
    remember(keyring, own, password)
    return own
