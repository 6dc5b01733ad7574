"""A viewer hears which estates other editors changed (LISTEN/NOTIFY), without reloading everything."""

from __future__ import annotations

from pathlib import Path

from onemap.store import Inventory
from onemap.store.server.listen import ChangeListener
from tests.core.server_support import MIAN, loaded, new_login, remember, url_as
from tests.keyring_kit import MemoryKeyring


def test_a_listener_hears_the_estates_another_login_changed_once_committed(
    pg_database: str, demo_file: Path, memory_keyring: MemoryKeyring
) -> None:
    loaded(pg_database, demo_file)
    login, password = new_login(pg_database, "county-editor", MIAN)
    editor = url_as(pg_database, login)
    remember(memory_keyring, editor, password)
    with ChangeListener(pg_database) as listener, Inventory.open(editor) as inventory:
        assert listener.poll(0.1) == []
        first, second = (e.code for e in inventory.estates()[:2])
        inventory.update_estate(first, notes="远程修改")
        assert inventory.update_estate(second, notes="又一处远程修改") == ["notes"]
        heard = listener.changed_estates(5.0)
        assert listener.poll(0.1) == []  # each change is told once
    assert heard == {first: {"estates"}, second: {"estates"}}
