"""The looks for other writers go through one kept read-only connection, reopened when the file is another."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from onemap.gui.main_window import MainWindow
from onemap.gui.trail_reader import TrailReader
from onemap.store.geometry import register_functions
from tests.gui.test_refresh_estates import assert_like_a_reread


def _write(path: Path, sql: str, *args: object) -> None:
    other = sqlite3.connect(path)
    register_functions(other)
    with other:
        other.execute(sql, args)
    other.close()


def test_looks_after_another_programs_writes_reuse_one_connection_and_see_each_write(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    refresher = window.refresher
    refresher.stop()  # the test ticks the look itself
    for i, households in enumerate((1201, 1202, 1203)):
        code = str(session.table.code[30 + i])
        _write(session.path, "UPDATE estates SET households = ? WHERE code = ?", households, code)
        assert refresher.poll()
        refresher.settle()
        assert session.table.households[session.table.row_of(code)] == households
    assert refresher.reader.opened == 1  # before: a connection opened (and its schema read) for each look
    assert_like_a_reread(window)
    refresher.stop()  # the file closes: so does the kept connection
    assert refresher.reader._inventory is None


def test_a_file_moved_into_the_place_of_the_one_read_is_opened_anew(demo_copy: Path, tmp_path: Path) -> None:
    reader = TrailReader()
    try:
        _changes, version = reader.look(demo_copy, 0)
        high = reader.look(demo_copy, 0)[0].last_id
        other = tmp_path / "other.gpkg"
        shutil.copy(demo_copy, other)
        _write(other, "UPDATE estates SET households = 4321 WHERE fid = 1")
        os.replace(other, demo_copy)
        changes, again = reader.look(demo_copy, high)
        assert reader.opened == 2 and again == version
        assert changes.last_id > high and changes.codes  # the new file's write, not the old file's trail
    finally:
        reader.close()
