"""A batch of ledger rows drafted column by column: each distinct cell of a column parsed once.

:func:`~onemap.io.ledger_rows.draft_row` walks a row cell by cell: a dispatch, a memo look-up
and three calls for each of its cells.  :func:`draft_batch` turns that around for the
columns whose cells stand alone (estate fields, coordinates, contacts, funding, items, the
notes of unknown columns): it reads a column of the batch at once, parses each distinct
value in it once, and hands the answers out row by row.  The columns whose cells depend on
each other within a row (camera links, 国标编码, logins, sensors) are read row by row as
before, in header order.

The drafts and the report are exactly :func:`draft_row`'s, row after row: each row's
reading notes, then its warnings in header order, then its camera and sensor findings
(``tests/core/test_import_batch_columns.py`` holds the two paths to that).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from itertools import compress, repeat
from operator import attrgetter, is_not, itemgetter, setitem
from typing import Any

from onemap.cameras import CameraLink, redact
from onemap.io import cells, ledger_rows
from onemap.io.cells_fast import CellReader
from onemap.io.columns import ColumnMap
from onemap.io.ledger_cameras import RowCameras, finish, link_camera, links_in
from onemap.io.ledger_rows import (
    FIELD_PARSERS,
    PLAIN_VALUES_OF,
    Draft,
    Memo,
    camera_cell,
    distinct_cell,
    draft_row,
    parse_items,
)
from onemap.io.ledger_sensors import RowSensors, add_cell
from onemap.io.ledger_sensors import finish as finish_sensors
from onemap.io.ledger_table import SourceRow
from onemap.io.report import ImportReport
from onemap.model import Camera, Funding

#: a warning held back until its row's turn: (header position, row number, column, zh, en)
Held = tuple[int, int, str | None, str, str]
_ROW_WISE = ("cameras", "gb_id", "login", "sensors")
_POSITION = itemgetter(0)
#: a link cell's links, whether one carries a login, its cameras' fields and its refusals (zh, en)
_LinkCell = tuple[Any, bool, list[dict[str, Any]], list[tuple[str, str]]]
#: a cell's (value, Cell or None, whether it warns)
Answer = tuple[Any, Any, bool]
_VALUE, _WARNS = itemgetter(0), itemgetter(2)
_VALUES, _HAS_CHILDREN = attrgetter("values"), attrgetter("has_children")
#: runs an iterator of C-level calls to its end, keeping nothing
_consume: Callable[[Iterable[Any]], None] = deque(maxlen=0).extend


class _Held:
    """Stands in for the report while a batch is drafted: each warning kept under its row."""

    __slots__ = ("_index", "by_row", "position", "rows")

    def __init__(self, rows: list[SourceRow]) -> None:
        self.by_row: dict[int, list[Held]] = {}
        self.rows = rows
        self._index: dict[int, int] | None = None  # row number -> place in the batch, made at the first warn
        self.position = 0

    def warn(self, row: int, column: str | None, zh: str, en: str) -> None:
        if self._index is None:
            self._index = {source.number: k for k, source in enumerate(self.rows)}
        self.by_row.setdefault(self._index[row], []).append((self.position, row, column, zh, en))

    def hold(self, k: int, position: int, row: int, column: str | None, zh: str, en: str) -> None:
        self.by_row.setdefault(k, []).append((position, row, column, zh, en))


def draft_batch(
    rows: list[SourceRow], mapping: ColumnMap, report: ImportReport, *, save_logins: bool, reader: CellReader
) -> list[Draft]:
    """Draft ``rows`` (data rows, in file order); reports each row's notes and warnings in row order."""
    headers = list(rows[0].cells) if rows else []
    # rows of different columns (a GeoJSON's properties), or a stand-in reader without column
    # memos (the tests' oracle): one row at a time
    if getattr(reader, "columns", None) is None or not _alike(rows, headers):
        return _row_by_row(rows, mapping, report, save_logins, reader)
    blank = Draft.blank
    drafts = [blank(row.number, row.geometry) for row in rows]
    held = _Held(rows)
    row_wise = []
    # every row holds the same columns in the same order: the batch turned into columns at once
    by_position = list(zip(*[row.cells.values() for row in rows], strict=True))
    for position, header in enumerate(headers):
        target = mapping.targets.get(header)
        if target is None:
            if mapping.is_unknown(header):
                _unknown_column(drafts, rows, header)
        elif target[0] in _ROW_WISE:
            row_wise.append((position, header, target))
        else:
            memo = reader.columns.setdefault(header, {})
            _column(drafts, list(by_position[position]), header, target, position, held, reader, memo)
    _row_wise_cells(drafts, rows, row_wise, len(headers), held, save_logins)
    for k, row in enumerate(rows):  # the drafts are complete: the report in row order
        for zh, en in row.notes:
            report.warn(row.number, None, zh, en)
        for _position, number, column, zh, en in sorted(held.by_row.get(k, ()), key=_POSITION):
            report.warn(number, column, zh, en)
    return drafts


def _alike(rows: list[SourceRow], headers: list[str]) -> bool:
    """Whether every row has the same columns in the same order, and its own row number."""
    keys = tuple(headers)
    return all(tuple(row.cells) == keys for row in rows) and len({row.number for row in rows}) == len(rows)


def _row_by_row(
    rows: list[SourceRow], mapping: ColumnMap, report: ImportReport, save_logins: bool, reader: CellReader
) -> list[Draft]:
    drafts = []
    for row in rows:
        for zh, en in row.notes:
            report.warn(row.number, None, zh, en)
        drafts.append(draft_row(row, mapping, report, save_logins=save_logins, reader=reader))
    return drafts


def _unknown_column(drafts: list[Draft], rows: list[SourceRow], header: str) -> None:
    """An unrecognised column's cells go to the notes, any login in them cut out."""
    said: dict[Any, str | None] = {}
    for draft, row in zip(drafts, rows, strict=True):
        raw = row.cells[header]
        try:
            note = said[raw]
        except KeyError:
            note = said[raw] = None if cells.blank(raw) else f"{header}：{redact(str(raw)).strip()}"
        except TypeError:  # unhashable
            note = None if cells.blank(raw) else f"{header}：{redact(str(raw)).strip()}"
        if note is not None:
            draft.extra_notes.append(note)


def _column(
    drafts: list[Draft],
    values: list[Any],
    header: str,
    target: tuple[str, ...],
    position: int,
    held: _Held,
    reader: CellReader,
    memo: Memo,
) -> None:
    """One stand-alone column of the batch into its drafts."""
    kind = target[0]
    if kind == "coord":
        name, blank = target[1], cells.blank
        for draft, raw in zip(drafts, values, strict=True):
            # text that starts with a digit is filled (blank() says so of any text with one): no call
            if (type(raw) is str and "0" <= raw[:1] <= "9") or not blank(raw):
                draft.coords[name] = raw
        return
    if kind == "items":
        for draft, raw in zip(drafts, values, strict=True):
            draft.has_children.add("items")
            draft.items += parse_items(raw)
        return
    if kind == "estate":
        parser = FIELD_PARSERS[target[1]]
    elif kind == "contact":
        parser = cells.parse_phone if target[2] == "phone" else cells.parse_text
    else:  # funding
        parser = cells.parse_float
    answers = _answers(parser, values, reader, memo)
    if kind == "estate" and target[1] != "built_year":  # the usual column: its values straight in
        _estate_column(drafts, answers, target[1], position, held, header)
        return
    if kind == "contact":  # the usual contact or funding column: its values straight in
        _contact_column(drafts, answers, target[1], target[2], position, held, header)
        return
    if kind == "funding":
        _funding_column(drafts, answers, target[1], position, held, header)
        return
    put = _PUTS[kind]
    for k, (draft, answer) in enumerate(zip(drafts, answers, strict=True)):
        value, cell, warns = answer
        if warns:
            _hold_cell(held, k, position, draft.row, header, cell)
        put(draft, target, value, cell)


def _estate_column(
    drafts: list[Draft], answers: list[tuple[Any, Any, bool]], name: str, position: int, held: _Held, header: str
) -> None:
    """:func:`_put_estate` for a whole column, no call per cell."""
    _hold_column(drafts, answers, position, held, header)
    values = list(map(_VALUE, answers))
    if list in set(map(type, values)):  # a remembered cell is shared by every row that holds it:
        values = [list(v) if isinstance(v, list) else v for v in values]  # each estate gets its own list
    # each filled cell's value set in its draft's values, at C speed
    filled = list(map(is_not, values, repeat(None)))
    _consume(map(setitem, compress(map(_VALUES, drafts), filled), repeat(name), compress(values, filled)))


def _hold_column(
    drafts: list[Draft], answers: list[tuple[Any, Any, bool]], position: int, held: _Held, header: str
) -> None:
    """The warnings of a column's cells, held under their rows."""
    if any(map(_WARNS, answers)):
        for k, (draft, (_value, cell, warns)) in enumerate(zip(drafts, answers, strict=True)):
            if warns:
                _hold_cell(held, k, position, draft.row, header, cell)


def _contact_column(
    drafts: list[Draft],
    answers: list[tuple[Any, Any, bool]],
    role: str,
    part: str,
    position: int,
    held: _Held,
    header: str,
) -> None:
    """:func:`_put_contact` for a whole column: only the filled cells are visited."""
    _hold_column(drafts, answers, position, held, header)
    _consume(map(set.add, map(_HAS_CHILDREN, drafts), repeat("contacts")))
    for draft, (value, _cell, _warns) in zip(drafts, answers, strict=True):
        if value is not None:
            draft.contacts.setdefault(role, {})[part] = value


def _funding_column(
    drafts: list[Draft], answers: list[tuple[Any, Any, bool]], source: str, position: int, held: _Held, header: str
) -> None:
    """:func:`_put_funding` for a whole column (each share made without the dataclass ``__init__``)."""
    _hold_column(drafts, answers, position, held, header)
    _consume(map(set.add, map(_HAS_CHILDREN, drafts), repeat("funding")))
    new = object.__new__
    for draft, (value, _cell, _warns) in zip(drafts, answers, strict=True):
        if value is not None:
            share = new(Funding)
            share.__dict__ = {"estate_code": "", "source": source, "amount_wan": value}
            draft.funding.append(share)


def _answers(parser: Any, values: list[Any], reader: CellReader, memo: Memo) -> list[tuple[Any, Any, bool]]:
    """Each cell's (value, Cell or None, whether it warns), every distinct cell worked out once."""
    if values and type(values[0]) is str and len(set(map(type, values))) == 1:  # a CSV's column: all text
        # the distinct cells in order of first sight (as the loop below meets them), then one C-level look-up each
        texts = _distinct_texts(parser, dict.fromkeys(values), reader, memo)
        return list(map(texts.__getitem__, values))
    batch: dict[tuple[type, Any], tuple[Any, Any, bool]] = {}
    answers = []
    for raw in values:
        key = (type(raw), raw)
        try:
            answer = batch.get(key)
        except TypeError:  # an unhashable cell: read it as it is
            answers.append(distinct_cell(parser, raw, reader.read, None, None))
            continue
        if answer is None:
            answer = batch[key] = distinct_cell(parser, raw, reader.read, memo, key)
        answers.append(answer)
    return answers


def _distinct_texts(parser: Any, texts: Iterable[str], reader: CellReader, memo: Memo) -> dict[str, Answer]:
    """:func:`distinct_cell` of each distinct text of a column, its steps inlined (a call per text saved)."""
    plain = PLAIN_VALUES_OF.get(parser)
    read, get, room = reader.read, memo.get, ledger_rows.COLUMN_MEMO - len(memo)
    found: dict[str, Answer] = {}
    for raw in texts:
        key = (str, raw)
        answer = get(key)
        if answer is None:
            if plain is not None and (value := plain(raw)) is not None:
                answer = (value, None, False)
            else:
                cell = read(parser, raw)
                answer = (cell.value, cell, bool(cell.reason_zh or cell.note_zh))
            if room > 0:
                memo[key] = answer
                room -= 1
        found[raw] = answer
    return found


def _hold_cell(held: _Held, k: int, position: int, row: int, header: str, cell: Any) -> None:
    if cell.reason_zh:
        held.hold(k, position, row, header, f"{cell.reason_zh}（已留空）", f"{cell.reason_en} (left blank)")
    elif cell.note_zh:
        held.hold(k, position, row, header, cell.note_zh, cell.note_en or cell.note_zh)


def _put_estate(draft: Draft, target: tuple[str, ...], value: Any, cell: Any) -> None:
    if value is None:
        return
    name = target[1]
    # a remembered cell is shared by every row that holds it: each estate gets its own list
    draft.values[name] = list(value) if isinstance(value, list) else value
    if name == "built_year" and cell is not None and cell.original:
        draft.values["built_year_text"] = cell.original


def _put_contact(draft: Draft, target: tuple[str, ...], value: Any, _cell: Any) -> None:
    draft.has_children.add("contacts")
    if value is not None:
        draft.contacts.setdefault(target[1], {})[target[2]] = value


def _put_funding(draft: Draft, target: tuple[str, ...], value: Any, _cell: Any) -> None:
    draft.has_children.add("funding")
    if value is not None:
        draft.funding.append(Funding("", target[1], value))


_PUTS: dict[str, Callable[[Draft, tuple[str, ...], Any, Any], None]] = {
    "estate": _put_estate,
    "contact": _put_contact,
    "funding": _put_funding,
}


def _row_wise_cells(
    drafts: list[Draft],
    rows: list[SourceRow],
    columns: list[tuple[int, str, tuple[str, ...]]],
    end: int,
    held: _Held,
    save_logins: bool,
) -> None:
    """Camera and sensor cells row by row (they depend on each other), then each row's finish.

    A ledger with neither kind of column is left alone: finishing an empty row finds nothing.
    """
    if not columns:
        return
    if all(target[0] == "cameras" for _p, _h, target in columns):  # link columns alone (most ledgers)
        _links_alone(drafts, rows, columns, end, held, save_logins)
        return
    # without sensor columns a row's sensors finish empty: the draft's own empty list stands
    with_sensors = any(target[0] == "sensors" for _p, _h, target in columns)
    for draft, row in zip(drafts, rows, strict=True):
        _row_cameras(draft, row, columns, end, held, save_logins, with_sensors)


def _row_cameras(
    draft: Draft,
    row: SourceRow,
    columns: list[tuple[int, str, tuple[str, ...]]],
    end: int,
    held: _Held,
    save_logins: bool,
    with_sensors: bool,
) -> None:
    """One row's camera and sensor cells, in header order, then the row's finish."""
    found, sensors = RowCameras(save_logins=save_logins), RowSensors() if with_sensors else None
    for position, header, target in columns:
        held.position = position
        raw = row.cells[header]
        if sensors is not None and target[0] == "sensors":
            draft.has_children.add("sensors")
            add_cell(sensors, header, target[1], raw)
        else:
            camera_cell(found, draft, header, target, raw, held)  # type: ignore[arg-type]
    held.position = end
    # links alone (no 国标编码, no login column in the row): finishing adds nothing to them
    done = not found.gb_ids and not found.login
    draft.cameras = found.cameras if done else finish(found, draft.row, held)  # type: ignore[arg-type]
    if sensors is not None:
        draft.sensors = finish_sensors(sensors, draft.row, held)  # type: ignore[arg-type]


def _links_alone(
    drafts: list[Draft],
    rows: list[SourceRow],
    columns: list[tuple[int, str, tuple[str, ...]]],
    end: int,
    held: _Held,
    save_logins: bool,
) -> None:
    """:func:`_row_cameras` for camera columns that are all link columns: no finish, no keyring.

    A row whose links carry no login gets its cameras straight from its cells' parsed links
    (each cell parsed once, :func:`~onemap.io.ledger_cameras.links_in`, and each parsed cell's
    cameras and refusals worked out once a batch); a row with a login in a link is read the
    full way, its login sent to the keyring and reported.
    """
    made: dict[int, _LinkCell] = {}

    def cell_of(raw: Any) -> _LinkCell:
        links = links_in(raw)
        seen = made.get(id(links))
        if seen is None:  # the links themselves held in the entry: their id stays theirs
            seen = made[id(links)] = (links, *_link_cell(links))
        return seen

    new = object.__new__
    for k, (draft, row) in enumerate(zip(drafts, rows, strict=True)):
        found = [(position, header, cell_of(row.cells[header])) for position, header, _target in columns]
        if any(seen[1] for _p, _h, seen in found):
            _row_cameras(draft, row, columns, end, held, save_logins, False)
            continue
        draft.has_children.add("cameras")
        cameras = draft.cameras
        for position, header, (_links, _login, shapes, refusals) in found:
            for shape in shapes:  # numbered as a row's first camera cell numbers them
                camera = new(Camera)
                camera.__dict__ = {**shape, "name": f"摄像头{len(cameras) + 1}"} if cameras else shape.copy()
                cameras.append(camera)
            for zh, en in refusals:
                held.hold(k, position, draft.row, header, zh, en)


def _link_cell(links: tuple[Any, ...]) -> tuple[bool, list[dict[str, Any]], list[tuple[str, str]]]:
    """Whether a cell's links carry a login, the fields of its cameras, and its refusals (zh, en)."""
    login = any(getattr(link, "credential", None) is not None for link in links)
    shapes: list[dict[str, Any]] = []
    refusals: list[tuple[str, str]] = []
    for j, link in enumerate(links, start=1):
        if isinstance(link, CameraLink):
            shapes.append(link_camera(link, len(shapes) + 1).__dict__)
        else:
            refusals.append((f"第 {j} 个链接未导入：{link.reason_zh}", f"link {j} refused: {link.reason_en}"))
    return login, shapes, refusals
