"""A ledger as read, whatever its format: rows, headers, the limits, the one error a clerk sees.

The readers (:mod:`onemap.io.tables_xlsx`, ``tables_csv``, ``tables_geojson``, ``tables_shp``)
build a :class:`Table` with these helpers; :func:`onemap.io.tables.read_table` picks the reader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import dropwhile, islice
from operator import itemgetter
from pathlib import Path
from typing import Any

from onemap.io.export_cells import restore  # our exports' formula guard comes off again

HEADER_SCAN_ROWS = 15
TOTAL_WORDS = ("合计", "小计", "总计", "共计")
#: Excel's own limits: no ledger saved by Excel has wider rows or longer cells
MAX_COLUMNS = 16_384
MAX_CELL_CHARS = 32_767


class LedgerError(Exception):
    """A ledger file that cannot be read at all, with a sentence for the clerk."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_zh)
        self.message_zh = message_zh
        self.message_en = message_en


@dataclass
class SourceRow:
    """One data row: its number as the user sees it (Excel row, CSV line) and raw cells.

    ``skip`` names why the row is not imported (a totals row), ``None`` for a data row;
    ``notes`` are what reading found wrong in it (a geometry left out, say), for the report.
    """

    number: int
    cells: dict[str, Any]
    geometry: dict[str, Any] | None = None
    skip: str | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)  # (zh, en) findings from reading

    @classmethod
    def plain(cls, number: int, cells: dict[str, Any], skip: str | None) -> SourceRow:
        """``SourceRow(number, cells, skip=skip)`` without the generated ``__init__`` (a CSV makes one per line)."""
        row = object.__new__(cls)
        row.__dict__ = {"number": number, "cells": cells, "geometry": None, "skip": skip, "notes": []}
        return row


@dataclass
class Table:
    """A ledger read from a file: where it came from, its headers and its rows.

    Small formats hold their ``rows``; a CSV is read as a ``stream`` instead, opened anew
    on every :meth:`iter_rows`, so a 100 MB ledger never sits in memory.
    """

    source: str
    sheet: str | None
    headers: list[str]
    rows: list[SourceRow] = field(default_factory=list)
    crs: str | None = None
    stream: Callable[[], Iterator[SourceRow]] | None = None

    def iter_rows(self) -> Iterator[SourceRow]:
        """Every row in file order (totals rows included, marked by ``skip``)."""
        return iter(self.rows) if self.stream is None else self.stream()


HeaderScore = Callable[[list[str]], int]
#: (row number as the clerk sees it, cells)
NumberedRow = tuple[int, list[Any]]


def pick_header(grid: list[list[Any]], score: HeaderScore) -> int:
    """Index of the row (among the first few) that looks most like the ledger's header."""
    best, best_score = 0, -1
    for index, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        value = score([_text(c) for c in row])
        if value > best_score:
            best, best_score = index, value
    return best


def table_from_rows(
    source: str, sheet: str | None, numbered: list[NumberedRow], score: HeaderScore, header_rows: int | None = None
) -> Table:
    """Turn numbered rows into a Table: find the header, name columns, keep data rows (blank rows left out)."""
    headers, after = find_header(source, numbered[: HEADER_SCAN_ROWS + 1], score, header_rows)
    rows = list(data_rows(headers, (r for r in numbered if r[0] > after)))
    return Table(source, sheet, headers, rows)


def find_header(
    source: str, head: list[NumberedRow], score: HeaderScore, header_rows: int | None = None
) -> tuple[list[str], int]:
    """The column names from the first rows, and the number of the header's last row."""
    grid = [row for _n, row in head]
    if not grid:
        return [], 0
    top = pick_header(grid, score)
    depth = header_rows or (2 if _second_header_row(grid, top, score) else 1)
    headers = _combine_headers(grid[top : top + depth])
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        name = Path(source).name
        raise LedgerError(
            f"{name} 的表头有 {len(headers)} 列，超过 Excel 的上限 {MAX_COLUMNS} 列，不是台账，未导入。",
            f"{name} has {len(headers)} header columns, more than Excel's {MAX_COLUMNS}; "
            "it is not a ledger and was not imported.",
        )
    return headers, head[min(top + depth, len(head)) - 1][0]


def data_rows(headers: list[str], rows: Iterable[NumberedRow], *, texts: bool = False) -> Iterator[SourceRow]:
    """Data rows as SourceRows; work per row is bounded by the named columns, not the row's width.

    ``texts``: every cell is a ``str`` (a CSV's rows), which lets a whole row be looked at in one go.
    """
    named = [(i, h) for i, h in enumerate(headers) if h]
    last = max((i for i, _h in named), default=-1)
    if texts and len(named) >= 2:
        return _text_rows(named, last, rows)
    return _data_rows(named, last, rows)


def _text_rows(named: list[tuple[int, str]], last: int, rows: Iterable[NumberedRow]) -> Iterator[SourceRow]:
    """:func:`_data_rows` for rows of text: a full-width row with no cell starting with the
    formula guard ``'`` is read with C-level calls; any other row as :func:`_data_rows` reads it."""
    pick = itemgetter(*(i for i, _h in named))
    names = [h for _i, h in named]
    new = object.__new__
    for number, row in rows:
        if len(row) <= last:
            yield from _data_rows(named, last, [(number, row)])
            continue
        values = pick(row)
        joined = "\x00".join(values)
        if joined[:1] == "'" or "\x00'" in joined:  # a guarded cell to restore
            yield from _data_rows(named, last, [(number, row)])
            continue
        if not any(map(str.strip, values)):  # a blank row
            continue
        cells = dict(zip(names, values, strict=True))
        if len(joined) > MAX_CELL_CHARS:
            _check_lengths(number, cells)
        # SourceRow.plain inlined; every totals word holds 计 (the row's cells are all text)
        source = new(SourceRow)
        source.__dict__ = {
            "number": number,
            "cells": cells,
            "geometry": None,
            "skip": "合计行" if "计" in "".join(row[:3]) and is_totals_row(row) else None,
            "notes": [],
        }
        yield source


def _data_rows(named: list[tuple[int, str]], last: int, rows: Iterable[NumberedRow]) -> Iterator[SourceRow]:
    for number, row in rows:
        if len(row) > last:  # the usual row: as wide as the header (the apostrophe test inlined: 14 cells a row)
            cells = {h: restore(v) if isinstance(v := row[i], str) and v[:1] == "'" else v for i, h in named}
        else:
            width = len(row)
            cells = {h: _restored(row[i]) if i < width else None for i, h in named}
        if not any(v is not None and str(v).strip() for v in cells.values()):  # a blank row
            continue
        if any(type(v) is str and len(v) > MAX_CELL_CHARS for v in cells.values()):
            _check_lengths(number, cells)
        yield SourceRow(number, cells, skip="合计行" if _may_total(row) and is_totals_row(row) else None)


def _restored(value: Any) -> Any:
    """:func:`restore`, asked only of text that starts with its guard."""
    return restore(value) if isinstance(value, str) and value[:1] == "'" else value


def _may_total(row: list[Any]) -> bool:
    """Every totals word (合计, 小计, 总计, 共计) holds 计: a cheap look before the real one."""
    return any(c is not None and "计" in str(c) for c in row[:3])


def _check_lengths(number: int, cells: dict[str, Any]) -> None:
    for header, value in cells.items():
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise LedgerError(
                f"第 {number} 行“{header}”列的单元格有 {len(value)} 个字符，超过 Excel 单元格的上限 "
                f"{MAX_CELL_CHARS}（多半是引号不成对），未导入。",
                f"row {number}, column {header!r}: the cell has {len(value)} characters, more than "
                f"Excel's limit of {MAX_CELL_CHARS} (probably an unbalanced quote); nothing imported.",
            )


def stream_table(
    source: str, sheet: str | None, records: Callable[[], Iterator[NumberedRow]], score: HeaderScore
) -> Table:
    """A Table whose rows are read from ``records()`` on every pass (header read once now)."""
    head_records = records()
    head = list(islice(head_records, HEADER_SCAN_ROWS + 1))
    close = getattr(head_records, "close", None)
    if close is not None:
        close()
    headers, after = find_header(source, head, score)

    def stream() -> Iterator[SourceRow]:
        # the records come numbered in order: the header's are dropped, the rest pass at C speed
        return data_rows(headers, dropwhile(lambda r: r[0] <= after, records()), texts=True)

    return Table(source, sheet, headers, stream=stream)


def _second_header_row(grid: list[list[Any]], top: int, score: HeaderScore) -> bool:
    """The row under the header is a sub-header when it names columns rather than holding data."""
    if top + 1 >= len(grid):
        return False
    below = [_text(c) for c in grid[top + 1]]
    header = [_text(c) for c in grid[top]]
    named_below = sum(1 for c in below if c)
    sub_words = ("姓名", "职务", "电话", "联系电话", "手机", "经度", "纬度", "名称", "金额", "职务（职称）")
    looks_like_sub = sum(1 for c in below if c in sub_words) >= 2
    repeated_above = any(header[i] and i + 1 < len(header) and header[i] == header[i + 1] for i in range(len(header)))
    return named_below > 0 and looks_like_sub and (repeated_above or score(below) < score(header))


def _combine_headers(rows: list[list[Any]]) -> list[str]:
    """One name per column: ``上/下`` for two-row headers, the single name otherwise."""
    width = max((len(r) for r in rows), default=0)
    names = []
    for i in range(width):
        parts = [_text(r[i]) if i < len(r) else "" for r in rows]
        parts = [p for k, p in enumerate(parts) if p and (k == 0 or p != parts[k - 1])]
        names.append("/".join(parts))
    return _unique(names)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for name in names:
        if name and name in seen:
            seen[name] += 1
            name = f"{name}#{seen[name]}"
        else:
            seen[name] = 1
        result.append(name)
    return result


def is_totals_row(row: list[Any]) -> bool:
    """A 合计/小计/总计 row (in one of its first three cells)."""
    return any(any(word in _text(c).replace(" ", "") for word in TOTAL_WORDS) for c in row[:3])


def _text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())
