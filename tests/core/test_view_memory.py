"""The viewer's columns held compactly: read a batch at a time, each repeated text one object, pypinyin let go."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from onemap.store import Inventory
from onemap.store import watch_marks as store_marks
from onemap.view import estate_table
from onemap.view.estate_table import COLUMN_NAMES, EstateTable
from onemap.view.search import SearchIndex


def same(a: np.ndarray, b: np.ndarray) -> bool:
    if a.dtype.kind == "f":
        return bool(np.array_equal(a, b, equal_nan=True))
    return a.dtype == b.dtype and a.tolist() == b.tolist()


def test_a_table_read_in_small_batches_equals_the_rows_read_at_once(demo_file: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(estate_table, "BATCH_ROWS", 7)  # 150 estates: 22 batches, the last one short
    with Inventory.open(demo_file, readonly=True) as inventory:
        batched = EstateTable.load(inventory)
        at_once = EstateTable.from_rows(inventory.estate_columns(estate_table._COLUMNS), inventory.camera_counts())
    assert len(batched) == 150
    for name in COLUMN_NAMES:
        assert same(getattr(batched, name), getattr(at_once, name)), name


def test_a_township_repeated_down_the_table_is_held_once(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        table = EstateTable.load(inventory)
    townships = [t for t in table.township.tolist() if t is not None]
    assert len(set(townships)) < len(townships)  # the demo's townships repeat
    assert len({id(t) for t in townships}) == len(set(townships))


def test_a_table_read_in_two_steps_and_in_batches_equals_one_read(demo_file: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(estate_table, "BATCH_ROWS", 11)
    with Inventory.open(demo_file, readonly=True) as inventory:
        later = EstateTable.load_first(inventory)
        later.load_rest(inventory)
        at_once = EstateTable.from_rows(inventory.estate_columns(estate_table._COLUMNS), inventory.camera_counts())
    for name in COLUMN_NAMES:
        assert same(getattr(later, name), getattr(at_once, name)), name


def test_cameras_read_in_batches_equal_one_read_and_share_their_repeated_texts(demo_file: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with Inventory.open(demo_file, readonly=True) as inventory:
        whole, sensors = inventory.camera_marks(), inventory.sensor_marks()
        monkeypatch.setattr(store_marks, "_ROWS_AT_ONCE", 5)
        batched = inventory.camera_marks()
    assert len(whole["fid"]) == 383
    assert whole.keys() == batched.keys()
    for name in whole:
        assert same(whole[name], batched[name]), name
    kinds = batched["kind"].tolist()
    assert len({id(k) for k in kinds}) == len(set(kinds)) < len(kinds)
    codes = sensors["estate_code"].tolist()
    assert len({id(c) for c in codes}) == len(set(codes))


def test_an_empty_table_of_marks_still_has_every_column(demo_copy: Path) -> None:
    with Inventory.open(demo_copy, readonly=True) as inventory:
        alerts = inventory.open_alert_marks()
    assert set(alerts) == {*store_marks.ALERT_FIELDS, "geom"}
    assert all(len(column) == 0 for column in alerts.values())


def test_pypinyin_is_let_go_once_every_names_pinyin_is_known(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        index = SearchIndex(EstateTable.load(inventory))
    assert index.prepare()
    assert "pypinyin" not in sys.modules
    name = str(index._table.name[0])
    from onemap.view.search import pinyin_keys

    initials = pinyin_keys(name)[0]  # loads it again, for this check only
    assert index.matches(initials)[0]


@pytest.mark.parametrize("values", [["a", "b", "a", "a"] * 3, [f"{i}" for i in range(10)]])
def test_a_text_column_keeps_its_values_whether_or_not_they_repeat(values: list[str]) -> None:
    from onemap.view import column_values as cv

    out = cv.objects(values, cv.text_pool(values))
    assert out.tolist() == values
