"""A facility of no estate (a school, a bus stop) is keyed by where it stands: a county editor writes those inside
their county's outline and the database refuses the rest; a township editor, those of their township."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg
import pytest

from onemap.cli import main
from onemap.store import Inventory
from onemap.store.server.upgrade import upgrade_server
from tests.core.server_support import MIAN, loaded, new_login, remember, url_as
from tests.keyring_kit import MemoryKeyring as Keyring

OTHER = "610726"  # 宁强县: its outline put beside 勉县's
INSERT = (
    "INSERT INTO facilities (name, kind, township, geom) VALUES (%s, 'bus_stop', %s, ST_SetSRID(ST_MakePoint(%s, %s), "
    "4326)) RETURNING fid"
)


@pytest.fixture
def city(pg_database: str, demo_file: Path) -> dict[str, Any]:
    """The demo county and a second county's outline west of it; a point inside each, and a facility of each."""
    loaded(pg_database, demo_file, (MIAN, OTHER))
    with psycopg.connect(pg_database) as conn:
        xmin, ymin, ymax = conn.execute(
            "SELECT ST_XMin(geom), ST_YMin(geom), ST_YMax(geom) FROM admin_areas WHERE code = %s", (MIAN,)
        ).fetchone()
        conn.execute(
            "INSERT INTO admin_areas (code, name, level, geom) VALUES (%s, '宁强县', 'county', "
            "ST_Multi(ST_MakeEnvelope(%s, %s, %s, %s, 4326)))",
            (OTHER, xmin - 1.0, ymin, xmin - 0.2, ymax),
        )
        ours = conn.execute(
            "SELECT ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) FROM admin_areas WHERE code = %s",
            (MIAN,),
        ).fetchone()
        theirs = (xmin - 0.6, (ymin + ymax) / 2)
        mine = conn.execute(INSERT, ("勉阳公交站", "勉阳街道", *ours)).fetchone()[0]
        township = conn.execute(INSERT, ("武侯公交站", "武侯镇", *ours)).fetchone()[0]
        other = conn.execute(INSERT, ("宁强公交站", "汉源街道", *theirs)).fetchone()[0]
    return {"url": pg_database, "ours": ours, "theirs": theirs, "mine": mine, "township": township, "other": other}


def _as(url: str, role: str, county: str | None = None, township: str | None = None) -> psycopg.Connection:
    login, password = new_login(url, role, county, township)
    return psycopg.connect(url_as(url, login), password=password, autocommit=True)


def _updated(conn: psycopg.Connection, fid: int, notes: str) -> int:
    return conn.execute("UPDATE facilities SET notes = %s WHERE fid = %s", (notes, fid)).rowcount


def test_a_county_editor_adds_changes_and_deletes_stand_alone_facilities_inside_their_county(
    city: dict[str, Any],
) -> None:
    with _as(city["url"], "county-editor", MIAN) as editor:
        added = editor.execute(INSERT, ("新公交站", "勉阳街道", *city["ours"])).fetchone()[0]
        assert _updated(editor, city["mine"], "站牌已换") == 1
        assert editor.execute("DELETE FROM facilities WHERE fid = %s", (added,)).rowcount == 1


def test_the_database_refuses_a_county_editor_facilities_of_another_county_or_of_no_place(
    city: dict[str, Any],
) -> None:
    with _as(city["url"], "county-editor", MIAN) as editor:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            editor.execute(INSERT, ("越界公交站", "汉源街道", *city["theirs"]))
        assert _updated(editor, city["other"], "越界修改") == 0  # not theirs: no row to change
        assert editor.execute("DELETE FROM facilities WHERE fid = %s", (city["other"],)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor may they move one out of their county
            editor.execute(
                "UPDATE facilities SET geom = ST_SetSRID(ST_MakePoint(%s, %s), 4326) WHERE fid = %s",
                (*city["theirs"], city["mine"]),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a facility of no place stays the administrator's
            editor.execute("INSERT INTO facilities (name, kind) VALUES ('无坐标食堂', 'canteen')")
    with _as(city["url"], "county-editor", OTHER) as neighbour:
        assert _updated(neighbour, city["mine"], "越界修改") == 0
        assert _updated(neighbour, city["other"], "宁强：站牌已换") == 1
    with psycopg.connect(city["url"]) as office:
        notes = dict(office.execute("SELECT name, notes FROM facilities WHERE notes IS NOT NULL").fetchall())
    assert notes == {"宁强公交站": "宁强：站牌已换"}


def test_a_township_editor_writes_the_stand_alone_facilities_of_their_township_only(city: dict[str, Any]) -> None:
    with _as(city["url"], "township-editor", MIAN, "勉阳街道") as editor:
        assert _updated(editor, city["mine"], "站牌已换") == 1
        assert _updated(editor, city["township"], "越界修改") == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            editor.execute(INSERT, ("武侯新站", "武侯镇", *city["ours"]))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # their township's name, another county's place
            editor.execute(INSERT, ("越界公交站", "勉阳街道", *city["theirs"]))


def test_a_county_editor_checks_in_a_stand_alone_facility_edited_in_the_field(
    city: dict[str, Any], tmp_path: Path, memory_keyring: Keyring, capsys: pytest.CaptureFixture[str]
) -> None:
    login, password = new_login(city["url"], "county-editor", MIAN)
    editor = url_as(city["url"], login)
    remember(memory_keyring, editor, password)
    out = tmp_path / "外业.gpkg"
    assert main(["checkout", editor, "--where", "镇街=勉阳街道", "-o", str(out)]) == 0
    with Inventory.open(out) as laptop, laptop.transaction():
        alone = next(f for f in laptop.facilities() if f.estate_code is None)  # a demo facility of the area
        laptop.update_facility(alone.fid, notes="外业：站牌已换")  # type: ignore[arg-type]
    capsys.readouterr()
    assert main(["checkin", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["collisions"] == []
    with psycopg.connect(city["url"]) as office:
        assert office.execute("SELECT notes, changed_by FROM facilities WHERE fid = %s", (alone.fid,)).fetchone() == (
            "外业：站牌已换",
            login,
        )


def test_server_upgrade_gives_a_server_made_by_an_older_onemap_the_facility_policy(city: dict[str, Any]) -> None:
    with psycopg.connect(city["url"]) as owner:  # the policy as an older OneMap made it: no estate, no editor
        owner.execute("DROP POLICY onemap_write ON facilities")
        owner.execute(
            "CREATE POLICY onemap_write ON facilities FOR ALL TO onemap_township_editor, onemap_county_editor, "
            "onemap_admin USING (onemap_may_write(estate_code, NULL)) WITH CHECK (onemap_may_write(estate_code, NULL))"
        )
    with _as(city["url"], "county-editor", MIAN) as editor:
        assert _updated(editor, city["mine"], "升级前") == 0
        assert upgrade_server(city["url"]) == []  # no migration pending, the policies made anew all the same
        assert _updated(editor, city["mine"], "升级后") == 1
