"""A new inventory written by the forked helper is the file and report of the one-process import.

The one-process import (``import_forked.ENABLED`` off) is the oracle: the same ledger is
imported both ways into new files, and every table (the audit trail and R-trees included),
the triggers and the report must be equal.  A ledger whose rows update an estate falls
back to the one-process import; a cancel and a failure in the helper end as they do there.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

import onemap.io.import_forked as import_forked
import onemap.io.importer as importer
from onemap.io.importer import ImportOptions, import_ledger
from onemap.io.ledger_table import LedgerError
from onemap.store.errors import InventoryError
from tests.core.ledgers import dms_csv, excel_ledger, gb18030_csv_bd09
from tests.core.test_import_columns_path import _every_kind_ledger
from tests.core.test_import_set_based import _report, _tables, repetitive_ledger

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system: imports run in one process")


class _Helped:
    """Records the helpers that ran an import to its end (their pid and what they loaded)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.loaded: list[tuple[int, int]] = []
        real = import_forked.Helper.outcome

        def outcome(helper: import_forked.Helper) -> int:
            count = real(helper)
            self.loaded.append((helper.pid, count))
            return count

        monkeypatch.setattr(import_forked.Helper, "outcome", outcome)
        monkeypatch.setattr(import_forked, "may_fork", _may_fork_here)


def _may_fork_here(source: Path) -> bool:
    """:func:`may_fork` on the test's main thread, whatever threads pytest's plugins keep."""
    return import_forked.ENABLED and hasattr(os, "fork") and threading.current_thread() is threading.main_thread()


def _both_ways(source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **options: Any) -> list[Any]:
    """``(report, tables)`` of ``source`` imported into a new file with the helper, then without."""
    results = []
    for way, enabled in (("helped", True), ("alone", False)):
        monkeypatch.setattr(import_forked, "ENABLED", enabled)
        into = tmp_path / way / "清单.gpkg"
        into.parent.mkdir()
        results.append((_report(import_ledger(source, into, ImportOptions(**options))), _tables(into)))
    return results


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8"])
def test_a_new_file_written_by_the_helper_is_the_one_process_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    helped = _Helped(monkeypatch)
    monkeypatch.setattr(importer, "BATCH_ROWS", 40)  # several batches through the pipe
    source = repetitive_ledger(tmp_path / "台账.csv", 300, encoding)
    (new_report, new_tables), (old_report, old_tables) = _both_ways(source, tmp_path, monkeypatch, county="610725")
    assert len(helped.loaded) == 1 and helped.loaded[0][0] != os.getpid()  # a forked process wrote the file
    assert helped.loaded[0][1] == len(new_report["imported"]) > 250
    assert new_report == old_report and new_tables == old_tables
    assert new_report["skipped"] and new_report["warnings"]  # the repeated rows and bad cells were reported
    assert 0 < len(new_tables["rtree_estates_geom"]) <= len(new_tables["estates"])  # the unplaced ones have none


def test_every_kind_of_cell_through_the_helper_lands_as_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    helped = _Helped(monkeypatch)
    monkeypatch.setattr(importer, "BATCH_ROWS", 40)
    source = _every_kind_ledger(tmp_path / "台账.csv", 300)
    (new_report, new_tables), (old_report, old_tables) = _both_ways(source, tmp_path, monkeypatch, county="610725")
    assert len(helped.loaded) == 1  # no row updated another: the helper wrote it all
    assert new_report == old_report and new_tables == old_tables
    for table in ("contacts", "cameras", "funding", "renovation_items", "admin_areas"):
        assert new_tables[table], table
    assert not any("778899" in str(row) for table in new_tables.values() for row in table)  # logins kept out


def test_the_file_the_helper_wrote_passes_the_validators(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import run_validators

    helped = _Helped(monkeypatch)
    into = tmp_path / "清单.gpkg"
    import_ledger(_every_kind_ledger(tmp_path / "台账.csv", 120), into, ImportOptions(county="610725"))
    assert len(helped.loaded) == 1
    for result in run_validators(into):
        assert result.returncode == 0, result.stdout + result.stderr
    conn = sqlite3.connect(into)
    try:
        assert conn.execute("SELECT rtreecheck('rtree_estates_geom')").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def _updating_ledger(path: Path) -> Path:
    """Row 3 names row 1's estate without its code: an update of an estate this file made."""
    rows = [
        ["序号", "小区编码", "所在镇（街道）", "小区名称", "户数（户）", "经度", "纬度"],
        [1, "610725009001", "武侯镇", "甲小区", "120", "106.65", "33.12"],
        [2, "", "武侯镇", "乙小区", "80", "106.66", "33.13"],
        [3, "", "武侯镇", "甲小区", "150", "106.65", "33.12"],
        *[[k, "", "勉阳街道", f"丙{k}小区", "60", "106.67", "33.14"] for k in range(4, 60)],
    ]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_a_row_that_updates_an_estate_of_the_file_falls_back_to_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    helped = _Helped(monkeypatch)
    monkeypatch.setattr(importer, "BATCH_ROWS", 2)  # row 3 updates an estate of the first batch, already sent
    source = _updating_ledger(tmp_path / "台账.csv")
    (new_report, new_tables), (old_report, old_tables) = _both_ways(source, tmp_path, monkeypatch)
    assert helped.loaded == []  # the helper gave up and the import ran again in one process
    assert new_report == old_report and new_tables == old_tables
    assert len(new_report["imported"]) == 58 and len(new_report["updated"]) == 1


def test_a_cancelled_import_leaves_what_the_one_process_import_leaves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _Helped(monkeypatch)
    monkeypatch.setattr(importer, "BATCH_ROWS", 40)
    source = repetitive_ledger(tmp_path / "台账.csv", 200)
    left = []
    for enabled in (True, False):
        monkeypatch.setattr(import_forked, "ENABLED", enabled)
        asked: list[int] = []
        into = tmp_path / str(enabled) / "清单.gpkg"
        into.parent.mkdir()

        def cancel(asked: list[int] = asked) -> bool:
            asked.append(1)
            return len(asked) > 2  # after two batches were written

        with pytest.raises(InterruptedError):
            import_ledger(source, into, ImportOptions(county="610725"), cancel=cancel)
        tables = _tables(into)
        assert tables["estates"] == [] and not into.with_name(into.name + "-journal").exists()
        left.append(tables)
    assert left[0] == left[1]


def test_a_failure_in_the_helper_reaches_the_importer_as_the_same_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    helped = _Helped(monkeypatch)
    source = repetitive_ledger(tmp_path / "台账.csv", 100)
    errors = []
    for enabled in (True, False):
        monkeypatch.setattr(import_forked, "ENABLED", enabled)
        into = tmp_path / f"不存在的文件夹{enabled}" / "清单.gpkg"  # the folder is missing: nothing can be created
        with pytest.raises(InventoryError) as raised:
            import_ledger(source, into, ImportOptions(county="610725"))
        errors.append((type(raised.value), raised.value.kind, raised.value.message("en").replace(str(enabled), "")))
    assert errors[0] == errors[1] and helped.loaded == []


def test_no_helper_beside_another_thread_on_a_busy_machine_or_for_a_short_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    short, long = tmp_path / "short.csv", tmp_path / "long.csv"
    short.write_bytes(b"x" * (import_forked.FORK_MIN_BYTES - 1))
    long.write_bytes(b"x" * import_forked.FORK_MIN_BYTES)
    assert not import_forked.may_fork(short)
    monkeypatch.setattr(import_forked, "SPARE_LOAD", 1e9)  # no load is low enough
    assert not import_forked.may_fork(long)
    monkeypatch.setattr(import_forked, "SPARE_LOAD", -1e9)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not import_forked.may_fork(long)  # a fork would copy this thread alone
    finally:
        release.set()
        other.join()


def test_a_ledger_the_first_pass_refuses_leaves_no_file_with_a_helper_either(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    helped = _Helped(monkeypatch)
    source = repetitive_ledger(tmp_path / "台账.csv", 100)
    with source.open("a", encoding="gb18030", newline="") as f:
        f.write('101,武侯镇,"坏小区,1990年\n')  # a quote never closed: the whole file is refused
    refusals = []
    for enabled in (True, False):
        monkeypatch.setattr(import_forked, "ENABLED", enabled)
        into = tmp_path / str(enabled) / "清单.gpkg"
        into.parent.mkdir()
        with pytest.raises(LedgerError) as raised:
            import_ledger(source, into, ImportOptions(county="610725"))
        refusals.append(str(raised.value))
        assert list(into.parent.iterdir()) == []  # the inventory was never touched
    assert refusals[0] == refusals[1] and helped.loaded == []


@pytest.mark.parametrize(
    "make",
    [excel_ledger, gb18030_csv_bd09, lambda p: dms_csv(p, swapped_row=2, far_row=4)],
    ids=["xlsx", "bd09-gb18030", "dms-swapped-far"],
)
def test_other_ledgers_through_the_helper_land_as_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: Any
) -> None:
    helped = _Helped(monkeypatch)
    source = make(tmp_path / ("台账.xlsx" if make is excel_ledger else "台账.csv"))
    (new_report, new_tables), (old_report, old_tables) = _both_ways(source, tmp_path, monkeypatch, county="610725")
    assert len(helped.loaded) == 1 and helped.loaded[0][1] == len(new_report["imported"]) > 0
    assert new_report == old_report and new_tables == old_tables
