"""Opening in two reads: what the first frame draws, then the other columns; the table equals one read."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from contextlib import suppress
from pathlib import Path

import numpy as np
import pytest

from onemap.store import Inventory
from onemap.store.errors import InventoryError
from onemap.store.geometry import register_functions
from onemap.view.estate_table import COLUMN_NAMES, LATER, EstateTable
from onemap.view.session import MapSession


def same(a: EstateTable, b: EstateTable) -> None:
    for name in COLUMN_NAMES:
        left, right = getattr(a, name), getattr(b, name)
        assert left.dtype == right.dtype, name
        if left.dtype == object:
            assert left.tolist() == right.tolist(), name
        else:
            np.testing.assert_array_equal(left, right, err_msg=name)


def test_two_reads_give_the_table_one_read_gives_column_for_column(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        whole = EstateTable.load(inventory)
        first = EstateTable.load_first(inventory)
        assert not first.is_complete
        assert set(LATER).isdisjoint(vars(first))  # not read yet: not merely blank
        assert first.code.tolist() == whole.code.tolist() and first.name.tolist() == whole.name.tolist()
        first.load_rest(inventory)
        assert first.is_complete and not inventory._conn.in_transaction
    same(first, whole)
    assert first.cameras.sum() > 0 and first.row_of(str(whole.code[9])) == 9


def test_a_later_column_read_before_it_is_in_waits_for_it(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        whole = EstateTable.load(inventory)
        first = EstateTable.load_first(inventory)
        reader = threading.Thread(target=lambda: (time.sleep(0.3), first.load_rest(inventory)))
        reader.start()
        assert first.township.tolist() == whole.township.tolist()  # waited, did not see a blank
        reader.join()


def test_another_programs_commit_between_the_reads_cannot_split_the_table(demo_copy: Path) -> None:
    # the two reads share one read transaction: the writer waits (rollback journal) or commits
    # after the snapshot (WAL); either way the second read sees the file as the first did
    with Inventory.open(demo_copy, readonly=True) as inventory:
        before = EstateTable.load(inventory)
        first = EstateTable.load_first(inventory)
        other = sqlite3.connect(demo_copy, timeout=0.2)
        register_functions(other)
        with suppress(sqlite3.OperationalError), other:  # database is locked
            other.execute("UPDATE estates SET township = '新镇' WHERE fid = (SELECT min(fid) FROM estates)")
            other.execute("DELETE FROM estates WHERE fid = (SELECT max(fid) FROM estates)")
        first.load_rest(inventory)
        other.close()
    same(first, before)


def test_a_failed_second_read_is_raised_to_whoever_reads_a_later_column(demo_copy: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.gpkg"
    shutil.copy(demo_copy, copy)
    inventory = Inventory.open(copy, readonly=True)
    first = EstateTable.load_first(inventory)
    inventory.close()  # the file closed before the rest was read
    first.load_rest(inventory)  # never raises in the reading thread
    with pytest.raises(InventoryError):  # the closed connection's error, as the store words it
        _ = first.township
    assert first.name.tolist()  # the first columns stay readable


def test_a_session_opened_rest_later_is_not_polled_until_its_columns_are_in(demo_copy: Path) -> None:
    session = MapSession.open(demo_copy, rest_later=True)
    try:
        assert not session.changed_since_seen()
        session.read_rest()
        whole = MapSession.open(demo_copy)
        same(session.table, whole.table)
        whole.close()
        other = sqlite3.connect(demo_copy)
        register_functions(other)
        with other:
            other.execute("UPDATE estates SET households = 7 WHERE fid = (SELECT min(fid) FROM estates)")
        other.close()
        assert session.changed_since_seen()
    finally:
        session.close()
