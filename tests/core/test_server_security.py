"""Who may do what on the server is the database's decision, as the login itself, never the client's."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from onemap.store import Inventory
from onemap.store.server.errors import ServerError
from tests.core.server_support import MIAN, loaded, new_login, remember, url_as
from tests.keyring_kit import MemoryKeyring as Keyring

OTHER = "610726"  # 宁强县, a second county in the same database


@pytest.fixture
def city(pg_database: str, demo_file: Path) -> str:
    """The demo county plus one estate of a second county, on the server."""
    loaded(pg_database, demo_file, (MIAN, OTHER))
    with psycopg.connect(pg_database) as conn:
        conn.execute(
            "INSERT INTO estates (code, name, township, status) VALUES (%s, '汉源小区', '汉源街道', 'planned')",
            (OTHER + "0001",),
        )
    return pg_database


def _first(url: str, township: str | None = None) -> tuple[str, str]:
    query = "SELECT code, township FROM estates WHERE left(code, 6) = %s"
    params: list[str] = [MIAN]
    if township is not None:
        query += " AND township = %s"
        params.append(township)
    with psycopg.connect(url) as conn:
        return conn.execute(query + " ORDER BY code LIMIT 1", params).fetchone()  # type: ignore[return-value]


def _as(city: str, keyring: Keyring, role: str, county: str | None = None, township: str | None = None) -> str:
    login, password = new_login(city, role, county, township)
    url = url_as(city, login)
    remember(keyring, url, password)
    return url


def test_a_county_editor_changes_their_county_and_the_database_refuses_another_county(
    city: str, memory_keyring: Keyring
) -> None:
    url = _as(city, memory_keyring, "county-editor", MIAN)
    own, _ = _first(city)
    with Inventory.open(url) as inventory:
        assert inventory.update_estate(own, status="completed") == ["status"]
        with pytest.raises(ServerError) as refused:
            inventory.update_estate(OTHER + "0001", status="completed")
        assert refused.value.kind == "denied"
        assert inventory.estate(OTHER + "0001").status == "planned"  # readable, not writable


def test_the_database_itself_refuses_a_county_editor_moving_an_estate_into_another_county(
    city: str, memory_keyring: Keyring
) -> None:
    url = _as(city, memory_keyring, "county-editor", MIAN)
    own, _ = _first(city)
    login = url.split("//")[1].split("@")[0]
    password = memory_keyring.secrets[next(iter(memory_keyring.secrets))]
    with psycopg.connect(url, password=password) as conn:  # straight SQL, no OneMap in between
        done = conn.execute("UPDATE estates SET status = 'accepted' WHERE code = %s", (OTHER + "0001",))
        assert done.rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE estates SET code = %s WHERE code = %s", (OTHER + "9999", own))
    with psycopg.connect(url, password=password) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("DELETE FROM audit_log")
    with psycopg.connect(url, password=password) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(
            "INSERT INTO audit_log (at, who, action, table_name) VALUES ('x', 'someone_else', 'update', 'estates')"
        )
    assert login.startswith("clerk_")


def test_a_township_editor_writes_only_their_township(city: str, memory_keyring: Keyring) -> None:
    own, township = _first(city)
    with psycopg.connect(city) as conn:
        elsewhere = conn.execute(
            "SELECT code FROM estates WHERE left(code, 6) = %s AND township <> %s LIMIT 1", (MIAN, township)
        ).fetchone()[0]
    url = _as(city, memory_keyring, "township-editor", MIAN, township)
    with Inventory.open(url) as inventory:
        assert inventory.update_estate(own, notes="镇街核查") == ["notes"]
        with pytest.raises(ServerError, match="拒绝"):
            inventory.update_estate(elsewhere, notes="镇街核查")
        with pytest.raises(ServerError):
            inventory.update_estate(own, township="别的镇")  # moving it out is writing elsewhere


def test_a_viewer_reads_everything_and_writes_nothing(city: str, memory_keyring: Keyring) -> None:
    url = _as(city, memory_keyring, "viewer")
    own, _ = _first(city)
    with Inventory.open(url) as inventory:
        assert inventory.count() == 151
        with pytest.raises(ServerError) as refused:
            inventory.update_estate(own, notes="看看")
    assert refused.value.kind == "denied"
    assert "may only change estates" in refused.value.message("en")


def test_the_audit_trail_names_the_database_login_not_the_name_the_client_claims(
    city: str, memory_keyring: Keyring
) -> None:
    url = _as(city, memory_keyring, "county-editor", MIAN)
    own, _ = _first(city)
    with Inventory.open(url, user="冒名者") as inventory:
        inventory.update_estate(own, notes="已入户核查")
        latest = inventory.history(own, 1)[0]
    assert latest.who == url.split("//")[1].split("@")[0]
    assert (latest.field, latest.new_value) == ("notes", "已入户核查")


def test_a_crafted_filter_or_code_reaches_the_database_only_as_a_value(city: str, memory_keyring: Keyring) -> None:
    url = _as(city, memory_keyring, "county-editor", MIAN)
    with Inventory.open(url) as inventory:
        assert inventory.count("name=x' OR '1'='1") == 0
        assert inventory.count("name~%'; DROP TABLE estates; --") == 0
        with pytest.raises(Exception, match="没有编码为"):
            inventory.update_estate("x' OR '1'='1", notes="n")
        assert inventory.count() == 151
