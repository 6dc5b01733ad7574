"""Rows by code: a sorted order of the codes (12 bytes a row), not a dict of every code (~60)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from onemap.store import Inventory
from onemap.view.estate_table import EstateTable
from tests.core.test_view_search import table_of


def _oracle(codes: list[str | None]) -> dict[str | None, int]:
    """The old index: code -> row, the last row of equal codes."""
    return {code: i for i, code in enumerate(codes)}


def test_rows_by_code_are_those_the_old_dict_gave_without_holding_a_dict(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        table = EstateTable.load(inventory)
    codes = table.code.tolist()
    old = _oracle(codes)
    assert all(table.row_of(code) == row for code, row in old.items())
    asked = [codes[5], "no-such-code", codes[0], codes[-1], "", codes[5]]
    assert table.rows_of(asked).tolist() == [old[c] for c in asked if c in old]
    assert table.row_of("no-such-code") is None and table.rows_of([]).tolist() == []
    held = [v for v in vars(table).values() if isinstance(v, dict) and len(v) >= len(table)]
    assert not held  # the 220,000-estate viewer held 14 MB of it
    assert table._order is not None and table._order.dtype == np.int32


def test_duplicate_and_blank_codes_and_a_patch_find_rows_as_before() -> None:
    codes: list[str | None] = ["b", "a", None, "c", "a", "长沙-01", "b", "a9", "a"]
    n = len(codes)
    table = table_of([None] * n, codes=codes)
    old = _oracle(codes)
    for code in ["a", "b", "c", "a9", "长沙-01", "z", "", "a0"]:
        assert table.row_of(code) == old.get(code), code
    assert table.rows_of(["a", "zz", "b", "长沙-01"]).tolist() == [old["a"], old["b"], old["长沙-01"]]
    assert table.code.tolist() == codes  # the blank stays blank
    table.code = np.array(["x", "y", "z", "c", "a", "w", "b", "q", "r"], dtype=object)  # as a patch does
    table.reindex()
    assert table.row_of("a") == 4 and table.row_of("b") == 6 and table.row_of("a9") is None
