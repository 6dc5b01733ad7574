"""The viewer's reads of a shared inventory: one county, the same rows as the file, polygons by box, clear refusals."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from onemap.store import Inventory
from onemap.store.server.connect import hold_password
from onemap.store.server.viewerrors import ViewError
from onemap.store.server.viewreads import open_for_viewing, split_view_url, view_url
from onemap.view.estate_table import _COLUMNS
from onemap.view.session import MapSession
from tests.core.pg_cluster import Cluster
from tests.core.server_support import MIAN, loaded, new_login, remember, url_as
from tests.keyring_kit import MemoryKeyring


@pytest.fixture
def viewer_url(pg_database: str, demo_file: Path, memory_keyring: MemoryKeyring) -> str:
    """A viewer login's URL (password in the keyring) on the demo loaded into the server."""
    loaded(pg_database, demo_file)
    login, password = new_login(pg_database, "viewer")
    url = url_as(pg_database, login)
    remember(memory_keyring, url, password)
    return url


def test_a_viewer_url_names_its_counties_apart_from_the_connection() -> None:
    url = view_url("postgresql://wang@db.city:5432/onemap", ["610725", "610726"])
    assert url == "postgresql://wang@db.city:5432/onemap?county=610725,610726"
    assert split_view_url(url) == ("postgresql://wang@db.city:5432/onemap", ("610725", "610726"))
    assert split_view_url("postgresql://h/db?sslmode=require&county=610725") == (
        "postgresql://h/db?sslmode=require",
        ("610725",),
    )


def test_one_county_of_the_server_reads_the_same_estate_rows_as_the_file(viewer_url: str, demo_file: Path) -> None:
    with open_for_viewing(view_url(viewer_url, [MIAN])) as view, Inventory.open(demo_file, readonly=True) as file:
        served = view.estate_columns(_COLUMNS)
        assert served == file.estate_columns(_COLUMNS) and len(served) == 150
        codes = [r[1] for r in served[:5]]
        assert view.estate_columns_of(_COLUMNS, codes) == file.estate_columns_of(_COLUMNS, codes)
        assert view.camera_counts() == file.camera_counts()
    with open_for_viewing(view_url(viewer_url, ["610726"])) as other:
        assert other.estate_columns(_COLUMNS) == [] and other.admin_areas() == []


def test_polygons_come_by_box_through_the_index_as_the_files_r_tree_gives_them(
    viewer_url: str, demo_file: Path
) -> None:
    with open_for_viewing(view_url(viewer_url, [MIAN])) as view, Inventory.open(demo_file, readonly=True) as file:
        session = MapSession(view)
        box = session.state.home.lonlat_bounds()  # type: ignore[union-attr]
        for table in ("estate_areas", "buildings"):
            assert sorted(view.fids_within(table, box, 100_000)) == sorted(file.fids_within(table, box, 100_000))
        fids = sorted(view.fids_within("estate_areas", box, 5))
        assert [(f, c) for f, c, _g in view.features("estate_areas", fids)] == [
            (f, c) for f, c, _g in file.features("estate_areas", fids)
        ]
        west, south, east, north = box
        tiny = (west, south, west + (east - west) / 10, south + (north - south) / 10)
        assert set(view.fids_within("buildings", tiny, 100_000)) < set(view.fids_within("buildings", box, 100_000))
        assert len(session.outlines.within(session.state.home)) > 0  # type: ignore[arg-type]


def test_the_trail_says_which_estates_another_login_changed_and_who(
    viewer_url: str, pg_database: str, memory_keyring: MemoryKeyring
) -> None:
    login, password = new_login(pg_database, "county-editor", MIAN)
    editor = url_as(pg_database, login)
    remember(memory_keyring, editor, password)
    with open_for_viewing(view_url(viewer_url, [MIAN])) as view:
        seen = view.audit_high_water()
        code = view.estate_columns(["code"])[7][0]
        with Inventory.open(editor) as other:
            other.update_estate(code, households=4321)
        changes = view.trail_changes(seen)
        assert changes.codes == {code} and changes.tables == {"estates"} and not changes.whole
        assert (login, code, "estates", "households") in view.who_changed(seen, [code])


def test_each_way_a_server_refuses_the_viewer_gets_its_own_sentence(
    pg_cluster: Cluster, pg_database: str, demo_file: Path, memory_keyring: MemoryKeyring
) -> None:
    loaded(pg_database, demo_file)
    login, password = new_login(pg_database, "viewer")
    url = url_as(pg_database, login)

    def kind(target: str) -> str:
        with pytest.raises(ViewError) as refused:
            open_for_viewing(target).close()
        assert password not in refused.value.message("zh") + refused.value.message("en")
        return refused.value.kind

    assert kind(url) == "needs_password"
    hold_password(url, "not-" + password)
    assert kind(url) == "wrong_password"
    hold_password(url, None)
    remember(memory_keyring, url, password)
    closed = url.replace(f":{pg_cluster.port}/", ":1/")
    assert kind(closed) == "server_down"
    plain = "plain_" + pg_database.rsplit("/", 1)[1]
    with psycopg.connect(pg_cluster.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{plain}" TEMPLATE template0')
        conn.execute(f'GRANT CONNECT ON DATABASE "{plain}" TO "{login}"')
    try:
        bare = url.rsplit("/", 1)[0] + "/" + plain
        remember(memory_keyring, bare, password)
        assert kind(bare) == "no_postgis"
    finally:
        pg_cluster.drop_database(plain)
    message = ViewError("wrong_password", where="wang@db:5432/onemap")
    assert "用户名或密码不正确" in message.message("zh") and "password is wrong" in message.message("en")
