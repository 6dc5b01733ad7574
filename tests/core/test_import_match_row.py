"""Matching a ledger row: the short way for a named row without a code (``Matcher.uncoded``, one
key made) gives what the general way (a ``RowKey`` and ``_match``) gives, in a new file and in
a filled one (where such a row updates the estate of its name).

The oracle is the general way for every row: the same ledgers imported both ways, and every
table of the two files (audit trail and R-trees included) and the two reports must be equal.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest

import onemap.io.import_batch as import_batch
import onemap.io.import_forked as import_forked
from onemap.io.import_fresh import RowKey
from onemap.io.importer import ImportOptions, import_ledger
from tests.core.test_import_columns_path import _every_kind_ledger
from tests.core.test_import_set_based import _report, _tables, repetitive_ledger


def _general_way(draft: Any, matcher: Any, report: Any) -> tuple[str, bool] | None:
    """The matching of every row before the short way: its ``RowKey``, then ``_match``."""
    key = RowKey.of(draft)
    code = import_batch._match(draft, key, matcher, report)
    if code is None:
        return None
    return (key.code, True) if code == "" else (code, False)


def _names_of_the_demo(path: Path, demo: Path) -> Path:
    """Rows naming demo estates by name and township (updates), repeated, and new ones."""
    from onemap.store import Inventory

    with Inventory.open(demo, readonly=True) as inventory:
        rows = inventory.estate_columns(("code", "name", "township"))[:30]
    with path.open("w", encoding="gb18030", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["小区名称", "所在镇（街道）", "户数（户）", "小区编码"])
        for k, (_code, name, township) in enumerate(rows):
            writer.writerow([name, township, 500 + k, ""])
            writer.writerow([f"新小区{k}", township, 60 + k, ""])
        writer.writerow([rows[0][1], rows[0][2], 999, ""])  # a repeat of the first row
        writer.writerow([rows[1][1], rows[1][2], 700, rows[1][0]])  # by its code
    return path


@pytest.mark.parametrize("ledger", ["repetitive", "every kind", "demo names"])
@pytest.mark.parametrize("into_demo", [False, True])
def test_the_short_way_matches_rows_as_the_general_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo_file: Path, ledger: str, into_demo: bool
) -> None:
    monkeypatch.setattr(import_forked, "ENABLED", False)  # one process: the batch writer's matching
    source = {
        "repetitive": lambda: repetitive_ledger(tmp_path / "台账.csv", 300),
        "every kind": lambda: _every_kind_ledger(tmp_path / "台账.csv", 120),
        "demo names": lambda: _names_of_the_demo(tmp_path / "台账.csv", demo_file),
    }[ledger]()
    results = []
    for way in ("short", "general"):
        if way == "general":
            monkeypatch.setattr(import_batch, "match_row", _general_way)
        into = tmp_path / way / "清单.gpkg"
        into.parent.mkdir()
        if into_demo:
            shutil.copy(demo_file, into)
        report = import_ledger(source, into, ImportOptions(county="610725"))
        results.append((_report(report), _tables(into)))
    (short, short_tables), (general, general_tables) = results
    assert short == general and short_tables == general_tables
    assert short["imported"]  # every ledger makes new estates; the demo's names update too
    if ledger == "demo names" and into_demo:
        assert short["updated"] and 62 in [s["row"] for s in short["skipped"]]  # the repeat, imported once
