"""Cells remembered per column while drafting: every row still gets its own value and warnings.

The importer answers a cell seen before in its column from a memo (a status, a year, a
township parsed once per import).  The oracle is the old reading, every cell parsed anew
(``_EveryCellAnew`` has no memos), as in ``test_import_set_based.py``.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

import onemap.io.importer as importer
import onemap.io.ledger_rows as ledger_rows
from onemap.io.cells_fast import CellReader
from onemap.io.columns import header_score, map_columns
from onemap.io.ledger_rows import draft_row
from onemap.io.report import ImportReport
from onemap.io.tables import read_table
from tests.core.test_import_set_based import _both, _RowByRow, repetitive_ledger


@pytest.fixture
def row_by_row() -> _RowByRow:
    return _RowByRow()


def _with_blank_rows(source: Path, every: int = 40) -> Path:
    """The ledger again with an empty row (and a row of blanks) every ``every`` rows."""
    with source.open(encoding="gb18030", newline="") as f:
        rows = list(csv.reader(f))
    out = source.with_name("空行台账.csv")
    with out.open("w", encoding="gb18030", newline="") as f:
        writer = csv.writer(f)
        for k, row in enumerate(rows):
            writer.writerow(row)
            if k and k % every == 0:
                writer.writerow([])
                writer.writerow(["", " ", "", "", "", "", "", "", "", "", "", "", "", ""])
    return out


@pytest.mark.parametrize("memo_size", [4096, 3], ids=["roomy", "full-after-three"])
def test_a_varied_ledger_with_blank_rows_imports_as_when_every_cell_was_read_anew(
    memo_size: int, tmp_path: Path, row_by_row: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger_rows, "COLUMN_MEMO", memo_size)  # a full memo reads the rest as before
    monkeypatch.setattr(importer, "BATCH_ROWS", 120)
    source = _with_blank_rows(repetitive_ledger(tmp_path / "台账.csv", 400))
    (new_reports, new_tables), (old_reports, old_tables) = _both(source, None, tmp_path, row_by_row, county="610725")
    assert new_reports == old_reports and new_tables == old_tables
    assert len(new_reports[0]["imported"]) == 395 and new_reports[0]["skipped"]


def test_a_bad_cell_repeated_down_a_column_warns_on_every_row_that_holds_it(tmp_path: Path) -> None:
    source = tmp_path / "台账.csv"
    with source.open("w", encoding="gb18030", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["小区名称", "建成年代", "户数（户）", "改造状态"])
        for k in range(6):
            writer.writerow([f"小区{k}", "19955年" if k % 2 else "约1990年", "300", "在建"])
    table = read_table(source, header_score, None)
    mapping = map_columns(table.headers)
    report, reader = ImportReport(str(source), None, False), CellReader()
    drafts = [draft_row(row, mapping, report, reader=reader) for row in table.iter_rows()]
    rows = [d.row for d in drafts]
    years = [(w.row, w.message_en) for w in report.warnings if w.field == "建成年代"]
    assert [row for row, _message in years] == rows  # each row warned, the remembered ones too
    assert [message for _row, message in years] == [years[0][1], years[1][1]] * 3 and years[0][1] != years[1][1]
    assert [d.values.get("built_year_text") for d in drafts[::2]] == ["约1990年"] * 3
    assert all(d.values["status"] == drafts[0].values["status"] for d in drafts)
    assert reader.columns["改造状态"] and len(reader.columns["建成年代"]) == 2
