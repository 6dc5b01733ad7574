"""A ledger row that names, by name and without a code, an estate an earlier row of the same
batch makes: an update of that new estate, as when the two rows fall in different batches.

The import writes a batch's updates before its new estates, so the update looked for an
estate not yet in the file and the whole import stopped with "清单中没有编码为 … 的小区".
The oracle is the same ledger imported with one row per batch, where the new estate is
in the file before the row that updates it is written: the same estates, children, R-trees
and report.  Only the audit trail differs by design (a batch's new estates share one
``bulk`` entry), so it is checked for the order of what happened to the updated estate.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import onemap.io.import_forked as import_forked
import onemap.io.importer as importer
from onemap.io.importer import ImportOptions, import_ledger
from onemap.store import Inventory
from tests.core.test_import_set_based import _report, _tables


def _ledger(path: Path, encoding: str) -> Path:
    """Row 3 names coded row 1's estate again (another household count): an update; row 7 repeats
    uncoded row 2 (a repeat, imported once); row 6 is another township's 乙小区, a new estate."""
    rows = [
        ["序号", "小区编码", "所在镇（街道）", "小区名称", "户数（户）", "经度", "纬度"],
        [1, "610725009001", "武侯镇", "甲小区", "120", "106.65", "33.12"],
        [2, "", "武侯镇", "乙小区", "80", "106.66", "33.13"],
        [3, "", "武侯镇", "甲小区", "150", "106.65", "33.12"],
        [4, "", "勉阳街道", "丙小区", "60", "106.67", "33.14"],
        [5, "", "勉阳街道", "丁小区", "70", "106.68", "33.15"],
        [6, "", "勉阳街道", "乙小区", "", "106.66", "33.13"],
        [7, "", "武侯镇", "乙小区", "90", "", ""],
    ]
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8"])
def test_a_row_updating_a_new_estate_of_its_own_batch_is_imported_as_across_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    monkeypatch.setattr(import_forked, "ENABLED", False)  # the one-process path, where batches are written
    source = _ledger(tmp_path / "台账 甲.csv", encoding)
    results = []
    for way, rows in (("one batch", importer.BATCH_ROWS), ("a batch a row", 1)):
        monkeypatch.setattr(importer, "BATCH_ROWS", rows)
        into = tmp_path / way / "清单.gpkg"
        into.parent.mkdir()
        report = import_ledger(source, into, ImportOptions(county="610725"))
        results.append((_report(report), _tables(into), into))
    (one, one_tables, into), (oracle, oracle_tables, _) = results
    assert one == oracle
    journal = ("audit_log", "sqlite_sequence")  # one bulk entry per batch: more batches, more entries
    assert {t: r for t, r in one_tables.items() if t not in journal} == {
        t: r for t, r in oracle_tables.items() if t not in journal
    }
    trail = one_tables["audit_log"]
    history = [(op, field) for _id, _who, op, _table, code, field, *_ in trail if code == "610725009001"]
    assert history == [("insert", None), ("update", "households")]
    assert len(one["imported"]) == 5 and one["updated"] == ["610725009001"]
    assert [s["row"] for s in one["skipped"]] == [8]  # the file's line 8: ledger row 7
    with Inventory.open(into, readonly=True) as inventory:
        assert inventory.estate("610725009001").households == 150  # row 3's count, written after row 1's
        second = inventory.estate(one["imported"][1])
        assert (second.name, second.households) == ("乙小区", 80)
