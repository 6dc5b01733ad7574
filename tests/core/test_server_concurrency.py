"""Two editors on one server: the same field changed by both is refused and reported, never overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from onemap.store import Inventory
from onemap.store.server.errors import ServerError
from tests.core.server_support import MIAN, loaded, new_login, remember, url_as
from tests.keyring_kit import MemoryKeyring


@pytest.fixture
def two_editors(pg_database: str, demo_file: Path, memory_keyring: MemoryKeyring) -> tuple[str, str, str]:
    """Two county editors' URLs (passwords in the keyring) and an estate code."""
    loaded(pg_database, demo_file)
    urls = []
    for _ in range(2):
        login, password = new_login(pg_database, "county-editor", MIAN)
        urls.append(url_as(pg_database, login))
        remember(memory_keyring, urls[-1], password)
    with Inventory.open(pg_database, readonly=True) as inventory:
        code = inventory.estates()[3].code
    return urls[0], urls[1], code


def test_the_same_field_changed_by_two_editors_is_refused_with_the_others_name_and_value(
    two_editors: tuple[str, str, str],
) -> None:
    first, second, code = two_editors
    with Inventory.open(first) as wang, Inventory.open(second) as li:
        read_by_wang, read_by_li = wang.estate_version(code), li.estate_version(code)
        wang.update_estate(code, status="completed", version=read_by_wang)
        with pytest.raises(ServerError) as refused:
            li.update_estate(code, status="designing", version=read_by_li)
        assert li.estate(code).status == "completed"
    said = refused.value.message("en")
    assert refused.value.kind == "changed_by"
    assert wang.login in said and "status=completed" in said and "not saved" in said
    assert wang.login in refused.value.message("zh")


def test_different_fields_of_one_estate_changed_by_two_editors_are_both_kept(
    two_editors: tuple[str, str, str],
) -> None:
    first, second, code = two_editors
    with Inventory.open(first) as wang, Inventory.open(second) as li:
        read_by_wang, read_by_li = wang.estate_version(code), li.estate_version(code)
        assert wang.update_estate(code, notes="王：已核查", version=read_by_wang) == ["notes"]
        assert li.update_estate(code, management="物业公司", version=read_by_li) == ["management"]
        estate = wang.estate(code)
        who = {entry.field: entry.who for entry in wang.history(code, 2)}
    assert (estate.notes, estate.management) == ("王：已核查", "物业公司")
    assert who == {"notes": wang.login, "management": li.login}


def test_two_editors_on_two_estates_both_land(two_editors: tuple[str, str, str]) -> None:
    first, second, code = two_editors
    with Inventory.open(first) as wang, Inventory.open(second) as li:
        other = wang.estates()[4].code
        wang.update_estate(code, progress_pct=61.5, version=wang.estate_version(code))
        li.update_estate(other, progress_pct=62.5, version=li.estate_version(other))
        assert (wang.estate(code).progress_pct, wang.estate(other).progress_pct) == (61.5, 62.5)


def test_an_edit_after_rereading_goes_through(two_editors: tuple[str, str, str]) -> None:
    first, second, code = two_editors
    with Inventory.open(first) as wang, Inventory.open(second) as li:
        stale = li.estate_version(code)
        wang.update_estate(code, status="completed", version=wang.estate_version(code))
        with pytest.raises(ServerError):
            li.update_estate(code, status="accepted", version=stale)
        assert li.update_estate(code, status="accepted", version=li.estate_version(code)) == ["status"]
