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

    def counted(*args: Any) -> Any:
        passes.append(1)
        return data_rows(*args)

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
