"""The viewer says what SQLite's errors mean, in the interface language, never "database is locked"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from onemap.gui.jobs import message_of
from onemap.store import InventoryError


def _locked_error(path: Path) -> sqlite3.Error:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program writing
    reader = sqlite3.connect(path, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError) as raised:
            reader.execute("SELECT count(*) FROM estates").fetchone()
        return raised.value
    finally:
        reader.close()
        other.execute("ROLLBACK")
        other.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_locked_file_gets_the_stores_sentence_with_its_name(demo_copy: Path, lang: str) -> None:
    error = _locked_error(demo_copy)
    assert "database is locked" in str(error)
    shown = message_of(error, lang, demo_copy)
    assert shown == InventoryError("locked", demo_copy).message(lang)
    assert demo_copy.name in shown and "database is locked" not in shown
