"""The viewer's 片区 and facility edits on a shared inventory (PostGIS on a throwaway cluster), as real logins.

Each do and undo is one transaction the database audits as the login; a deleted facility comes back
with its fid; a county editor is refused another county's facility and nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pytest

from onemap.edit import EditHistory
from onemap.edit.districts import AssignDistrict
from onemap.edit.facility_edits import AddFacility, ChangeFacility, DeleteFacility
from onemap.store import Inventory
from onemap.store.facilities import Facility
from onemap.store.server.errors import ServerError
from tests.core.server_support import MIAN, loaded, new_login, remember, url_as
from tests.keyring_kit import MemoryKeyring

OTHER = "610726"  # 宁强县: an outline put west of 勉县's


@pytest.fixture
def city(pg_database: str, demo_file: Path, memory_keyring: MemoryKeyring) -> dict[str, Any]:
    """A Mian county editor (URL), a point inside 勉县 and one inside 宁强县, and a facility standing there."""
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
        other = conn.execute(
            "INSERT INTO facilities (name, kind, geom) VALUES ('宁强公交站', 'bus_stop', "
            "ST_SetSRID(ST_MakePoint(%s, %s), 4326)) RETURNING fid",
            theirs,
        ).fetchone()[0]
    login, password = new_login(pg_database, "county-editor", MIAN)
    url = url_as(pg_database, login)
    remember(memory_keyring, url, password)
    return {"admin": pg_database, "url": url, "ours": tuple(ours), "theirs": theirs, "other": other}


def _audit(admin: str, table: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(admin) as conn:
        return conn.execute(
            "SELECT who, action, row_key, field FROM audit_log WHERE table_name = %s ORDER BY fid", (table,)
        ).fetchall()


def _facilities(admin: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(admin) as conn:
        return conn.execute("SELECT fid, name, kind, notes, ST_AsText(geom) FROM facilities ORDER BY fid").fetchall()


def test_a_facility_added_moved_retyped_and_deleted_on_the_server_is_audited_as_the_login_and_undone(
    city: dict[str, Any],
) -> None:
    with Inventory.open(city["url"]) as server:
        history = EditHistory(server)
        add = AddFacility(Facility("新公交站", "bus_stop", city["ours"], source="地图上添加"))
        assert history.push_and_apply(add)
        fid = add.fid
        assert fid is not None and server.facility(fid).location == city["ours"]
        moved = (city["ours"][0] + 0.001, city["ours"][1])
        assert history.push_and_apply(ChangeFacility(fid, location=moved))
        assert history.push_and_apply(ChangeFacility(fid, kind="kindergarten"))
        assert (server.facility(fid).location, server.facility(fid).kind) == (moved, "kindergarten")
        assert history.push_and_apply(DeleteFacility(fid))
        assert server.facility(fid) is None
        history.undo()  # the delete: back with the same fid
        back = server.facility(fid)
        assert back is not None and (back.name, back.kind, back.location) == ("新公交站", "kindergarten", moved)
        history.undo()  # the retype
        history.undo()  # the move
        assert (server.facility(fid).kind, server.facility(fid).location) == ("bus_stop", city["ours"])
        history.undo()  # the add
        assert server.facility(fid) is None
        login = server.login
    entries = _audit(city["admin"], "facilities")
    mine = [e for e in entries if e[2] == f"facilities/{fid}"]
    assert {e[0] for e in mine} == {login}
    assert [e[1] for e in mine] == ["insert", "update", "update", "delete", "insert", "update", "update", "delete"]
    assert [e[3] for e in mine if e[1] == "update"] == ["geom", "kind", "kind", "geom"]


def test_putting_estates_into_a_district_on_the_server_is_one_audited_step_and_undo_restores_it(
    city: dict[str, Any],
) -> None:
    with Inventory.open(city["url"]) as server:
        codes = [e.code for e in server.estates()[:3]]
        server.set_districts({codes[0]: "老片区"})
        history = EditHistory(server)
        assert history.push_and_apply(AssignDistrict(codes, "一片区"))
        assert {c: server.district_map().get(c) for c in codes} == dict.fromkeys(codes, "一片区")
        history.undo()
        assert {c: server.district_map().get(c) for c in codes} == {codes[0]: "老片区", codes[1]: None, codes[2]: None}
        history.redo()
        assert server.district_map()[codes[2]] == "一片区"
        login = server.login
    entries = _audit(city["admin"], "district_members")
    assert entries and {e[0] for e in entries} == {login}
    assert {e[2].split("/")[0] for e in entries} == set(codes)


def test_a_county_editor_is_refused_another_countys_facility_and_nothing_is_written(city: dict[str, Any]) -> None:
    before, audited = _facilities(city["admin"]), _audit(city["admin"], "facilities")
    with Inventory.open(city["url"]) as server:
        history = EditHistory(server)
        for command in (
            ChangeFacility(city["other"], notes="越界修改"),
            DeleteFacility(city["other"]),
            AddFacility(Facility("越界公交站", "bus_stop", city["theirs"])),
        ):
            with pytest.raises(ServerError) as refused:
                history.push_and_apply(command)
            assert refused.value.kind == "denied" and server.login in refused.value.message("zh")
        with pytest.raises(ServerError):  # nor may they move one of theirs out of their county
            fid = server.add_facility(Facility("勉县公交站", "bus_stop", city["ours"]))
            server.update_facility(fid, location=city["theirs"])
        assert server.facility(fid).location == city["ours"]
        server.delete_facility(fid)
    assert _facilities(city["admin"]) == before
    assert [e for e in _audit(city["admin"], "facilities") if e[2] != f"facilities/{fid}"] == audited
