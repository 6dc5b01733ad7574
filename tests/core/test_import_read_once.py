"""A short CSV ledger is read from the file once; a long one twice, with the same result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import onemap.io.importer as importer
import onemap.io.ledger_table as ledger_table
from onemap.io.importer import ImportOptions, import_ledger
from tests.core.test_import_set_based import _report, _tables, repetitive_ledger


def _import_counting_passes(source: Path, into: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], int]:
    passes = []
    data_rows = ledger_table.data_rows

    def counted(*args: Any, **kwargs: Any) -> Any:
        passes.append(1)
        return data_rows(*args, **kwargs)

    monkeypatch.setattr(ledger_table, "data_rows", counted)
    report = _report(import_ledger(source, into, ImportOptions(county="610725")))
    monkeypatch.setattr(ledger_table, "data_rows", data_rows)
    return report, len(passes)


def test_a_short_csv_is_read_once_and_a_long_one_twice_into_the_same_inventory_and_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = repetitive_ledger(tmp_path / "台账.csv", 300)
    short_report, short_passes = _import_counting_passes(source, tmp_path / "short.gpkg", monkeypatch)
    monkeypatch.setattr(importer, "KEEP_ROWS", 50)  # the same ledger, now "long"
    long_report, long_passes = _import_counting_passes(source, tmp_path / "long.gpkg", monkeypatch)
    assert (short_passes, long_passes) == (1, 2)
    assert short_report == long_report and short_report["warnings"] and len(short_report["imported"]) == 295
    assert _tables(tmp_path / "short.gpkg") == _tables(tmp_path / "long.gpkg")


def test_csv_rows_read_as_text_give_the_rows_read_cell_by_cell() -> None:
    from onemap.io.ledger_table import data_rows

    headers = ["序号", "小区名称", "", "户数", "备注"]
    records = [
        (2, ["1", "桂园小区", "x", "120", ""]),
        (3, ["2", "'=SUM(A1)", "", "'0012", "注"]),  # our exports' formula guard, first and later cells
        (4, ["", " ", "note", "", "\u3000"]),  # blank in every named column
        (5, ["3", "汉江花园"]),  # shorter than the header
        (6, ["合计", "", "", "9999", ""]),
        (7, ["4", "小区'甲", "", "12", "'"]),
        (8, []),
    ]
    assert list(data_rows(headers, records, texts=True)) == list(data_rows(headers, records))
    assert [r.number for r in data_rows(headers, records, texts=True)] == [2, 3, 5, 6, 7]


def test_an_overlong_csv_cell_is_refused_alike_read_as_text_or_cell_by_cell() -> None:
    from onemap.io.ledger_table import LedgerError, data_rows

    records = [(2, ["1", "小区", "x" * 40_000])]
    messages = []
    for texts in (True, False):
        with pytest.raises(LedgerError) as refused:
            list(data_rows(["序号", "小区名称", "备注"], records, texts=texts))
        messages.append(refused.value.message_en)
    assert messages[0] == messages[1] and "row 2" in messages[0]


def test_a_csv_ledger_imported_in_batches_passes_the_geopackage_validators(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import run_validators

    monkeypatch.setattr(importer, "BATCH_ROWS", 64)  # several batches: R-tree entries added batch by batch
    into = tmp_path / "清单.gpkg"
    import_ledger(repetitive_ledger(tmp_path / "台账.csv", 300), into, ImportOptions(county="610725"))
    for result in run_validators(into):
        assert result.returncode == 0, result.stdout + result.stderr
