"""One ledger row to one draft estate: every cell parsed, every problem named by its column.

The draft keeps raw coordinates; :mod:`onemap.io.locate` converts them once the whole
ledger's coordinate system is known.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from onemap.cameras import redact
from onemap.io import cells
from onemap.io.cells_fast import PLAIN_VALUES, CellReader, plain_text_value
from onemap.io.columns import ColumnMap, Target
from onemap.io.ledger_cameras import RowCameras, add_gb_ids, add_links, add_login, finish
from onemap.io.ledger_sensors import RowSensors, add_cell
from onemap.io.ledger_sensors import finish as finish_sensors
from onemap.io.ledger_table import SourceRow
from onemap.io.report import ImportReport
from onemap.model import CATEGORIES, Camera, Contact, Estate, Funding, RenovationItem, Sensor
from onemap.store.ledger_read import new_estate

Parser = Callable[[Any], Any]


#: estate field -> cell parser
def _one_line(raw: Any) -> Any:
    """Names and addresses: a line break in the cell is only Excel's wrapping."""
    return cells.parse_text(raw, join="")


FIELD_PARSERS: dict[str, Parser] = {
    "code": _one_line,
    "name": _one_line,
    "former_name": _one_line,
    "township": _one_line,
    "community": _one_line,
    "address": _one_line,
    "kind": cells.parse_text,
    "property_type": cells.parse_text,
    "management": cells.parse_text,
    "notes": cells.parse_text,
    "coord_source": cells.parse_text,
    "built_year": cells.parse_year,
    "renewal_year": cells.parse_renewal_year,
    "buildings": cells.parse_int,
    "households": cells.parse_int,
    "floor_area_m2": cells.parse_float,
    "investment_wan": cells.parse_float,
    "progress_pct": cells.parse_percent,
    "status": cells.parse_status,
    "categories": cells.parse_categories,
    "start_date": cells.parse_date,
    "finish_date": cells.parse_date,
    "pipelines_km": cells.parse_float,
    "lifts_added": cells.parse_int,
    "parking_added": cells.parse_int,
    "chargers_added": cells.parse_int,
    "elderly_facilities_added": cells.parse_int,
    "childcare_facilities_added": cells.parse_int,
    "service_facilities_added": cells.parse_int,
}
#: parser -> the value of its plain cells (names: text with no line break to join)
_PLAIN_VALUES = {**PLAIN_VALUES, _one_line: plain_text_value}
PLAIN_VALUES_OF = _PLAIN_VALUES
_CAMERA_KINDS = ("cameras", "gb_id", "login")
_GROUPS = re.compile(r"[；;\n]+")
_ITEMS = re.compile(r"[、,，]+")
_CATEGORY_BY_LABEL = {zh: key for key, (zh, _en) in CATEGORIES.items()}


@dataclass(slots=True)
class Place:
    """A row's coordinate cells only: what the survey of a streamed ledger reads of a row."""

    row: int
    coords: dict[str, Any]
    geometry: dict[str, Any] | None = None


@dataclass
class Draft:
    """A ledger row on its way to becoming an estate."""

    row: int
    values: dict[str, Any] = field(default_factory=dict)
    contacts: dict[str, dict[str, str]] = field(default_factory=dict)
    funding: list[Funding] = field(default_factory=list)
    items: list[RenovationItem] = field(default_factory=list)
    cameras: list[Camera] = field(default_factory=list)
    sensors: list[Sensor] = field(default_factory=list)
    coords: dict[str, Any] = field(default_factory=dict)
    geometry: dict[str, Any] | None = None
    extra_notes: list[str] = field(default_factory=list)
    has_children: set[str] = field(default_factory=set)

    @classmethod
    def blank(cls, row: int, geometry: dict[str, Any] | None) -> Draft:
        """``Draft(row, geometry=geometry)`` without the generated ``__init__``'s eight factory calls."""
        draft = object.__new__(cls)
        draft.__dict__ = {
            "row": row,
            "values": {},
            "contacts": {},
            "funding": [],
            "items": [],
            "cameras": [],
            "sensors": [],
            "coords": {},
            "geometry": geometry,
            "extra_notes": [],
            "has_children": set(),
        }
        return draft

    def estate(self) -> Estate:
        """The estate this draft describes (location filled in later)."""
        known = {k: v for k, v in self.values.items() if k != "categories"}
        known.setdefault("code", "")
        known.setdefault("name", "")
        estate = new_estate(known)
        estate.categories = self.values.get("categories") or []
        notes = [estate.notes] if estate.notes else []
        estate.notes = "；".join(notes + self.extra_notes) or None
        estate.contacts = [
            Contact(estate.code, role, p.get("name"), p.get("title"), p.get("phone"))
            for role, p in self.contacts.items()
        ]
        children: list[Funding | RenovationItem | Camera | Sensor] = [
            *self.funding,
            *self.items,
            *self.cameras,
            *self.sensors,
        ]
        for child in children:
            child.estate_code = estate.code
        estate.funding, estate.items, estate.cameras = self.funding, self.items, self.cameras
        estate.sensors = self.sensors
        return estate


def coords_of(source: SourceRow, mapping: ColumnMap) -> Place:
    """Only the coordinate cells of a row: what the survey of a streamed ledger needs."""
    found = {
        target: source.cells[h] for h, target in mapping.coordinate_columns() if not cells.blank(source.cells.get(h))
    }
    return Place(source.number, found, source.geometry)


def draft_row(
    source: SourceRow,
    mapping: ColumnMap,
    report: ImportReport,
    *,
    save_logins: bool = True,
    reader: CellReader | None = None,
) -> Draft:
    """Parse every mapped cell of one row; unknown columns go to notes, camera logins to the keyring.

    ``reader`` is the import's :class:`~onemap.io.cells_fast.CellReader` (each distinct cell
    parsed once); without one every cell is parsed anew.
    """
    draft = Draft(source.number, geometry=source.geometry)
    reader = reader or CellReader()
    read = reader.read
    # the import's per-column memos (a stand-in reader without them: every cell read anew)
    memos: dict[str, Memo] | None = getattr(reader, "columns", None)
    found, sensors = RowCameras(save_logins=save_logins), RowSensors()
    for header, raw in source.cells.items():
        target = mapping.targets.get(header)
        if target is None:
            if mapping.is_unknown(header) and not cells.blank(raw):
                draft.extra_notes.append(f"{header}：{redact(str(raw)).strip()}")
            continue
        memo = None if memos is None else memos.setdefault(header, {})
        if target[0] == "estate":  # most cells: straight to their field
            _estate_field(draft, header, target[1], raw, report, read, memo)
        elif target[0] in _CAMERA_KINDS:
            camera_cell(found, draft, header, target, raw, report)
        elif target[0] == "sensors":  # onemap/io/ledger_sensors.py
            draft.has_children.add("sensors")
            add_cell(sensors, header, target[1], raw)
        else:
            _apply(draft, header, target, raw, report, read, memo)
    draft.cameras = finish(found, draft.row, report)
    draft.sensors = finish_sensors(sensors, draft.row, report)
    return draft


def camera_cell(found: RowCameras, draft: Draft, header: str, target: Target, raw: Any, report: ImportReport) -> None:
    if target[0] == "login":
        add_login(found, header, target[1], raw)
        return
    draft.has_children.add("cameras")
    if target[0] == "cameras":
        add_links(found, draft.row, header, raw, report)
    else:
        add_gb_ids(found, draft.row, header, raw, report)


Read = Callable[..., Any]
#: one column's distinct cells: (type, raw) -> (value, Cell or None, whether it warns)
Memo = dict[tuple[type, Any], tuple[Any, Any, bool]]
#: distinct cells remembered per column; a column of unique cells (names, phones) fills it and
#: is then read as before, while the repetitive ones (status, years, townships) stay small
COLUMN_MEMO = 4096


def _apply(
    draft: Draft, header: str, target: Target, raw: Any, report: ImportReport, read: Read, memo: Memo | None
) -> None:
    kind = target[0]
    if kind == "estate":
        _estate_field(draft, header, target[1], raw, report, read, memo)
    elif kind == "coord":
        if not cells.blank(raw):
            draft.coords[target[1]] = raw
    elif kind == "contact":
        _contact_part(draft, header, target[1], target[2], raw, report, read, memo)
    elif kind == "funding":
        _funding(draft, header, target[1], raw, report, read, memo)
    elif kind == "items":
        draft.has_children.add("items")
        draft.items += parse_items(raw)


def _estate_field(
    draft: Draft, header: str, name: str, raw: Any, report: ImportReport, read: Read, memo: Memo | None = None
) -> None:
    value, cell = _value(FIELD_PARSERS[name], raw, draft.row, header, report, read, memo)
    if value is None:
        return
    # a remembered cell is shared by every row that holds it: each estate gets its own list
    draft.values[name] = list(value) if isinstance(value, list) else value
    if name == "built_year" and cell is not None and cell.original:
        draft.values["built_year_text"] = cell.original


def _value(
    parser: Parser, raw: Any, row: int, header: str, report: ImportReport, read: Read, memo: Memo | None = None
) -> tuple[Any, Any]:
    """A cell's value and its Cell (``None`` for a plain cell, read without one); warnings reported.

    ``memo`` is the column's: a cell seen before in the column is answered from it (its
    warnings reported again, for this row), so a repeated status, year or township costs
    one look-up.
    """
    key = None if memo is None else (type(raw), raw)
    value, cell, warns = distinct_cell(parser, raw, read, memo, key)
    if warns:
        _report_cell(row, header, cell, report)
    return value, cell


def distinct_cell(
    parser: Parser, raw: Any, read: Read, memo: Memo | None, key: tuple[type, Any] | None
) -> tuple[Any, Any, bool]:
    """A cell's (value, Cell or None, whether it warns): from the column's ``memo`` when seen before."""
    if memo is not None and key is not None:
        try:
            seen = memo.get(key)
        except TypeError:  # an unhashable cell (a GeoJSON list): read it as it is
            seen, key = None, None
        if seen is not None:
            return seen
    plain = _PLAIN_VALUES.get(parser)
    if plain is not None and (value := plain(raw)) is not None:
        answer: tuple[Any, Any, bool] = (value, None, False)
    else:
        cell = read(parser, raw)
        answer = (cell.value, cell, bool(cell.reason_zh or cell.note_zh))
    if memo is not None and key is not None and len(memo) < COLUMN_MEMO:
        memo[key] = answer
    return answer


def _report_cell(row: int, header: str, cell: Any, report: ImportReport) -> None:
    if cell.reason_zh:
        report.warn(row, header, f"{cell.reason_zh}（已留空）", f"{cell.reason_en} (left blank)")
    elif cell.note_zh:
        report.warn(row, header, cell.note_zh, cell.note_en or cell.note_zh)


def _contact_part(
    draft: Draft, header: str, role: str, part: str, raw: Any, report: ImportReport, read: Read, memo: Memo | None
) -> None:
    parser = cells.parse_phone if part == "phone" else cells.parse_text
    value, _cell = _value(parser, raw, draft.row, header, report, read, memo)
    draft.has_children.add("contacts")
    if value is not None:
        draft.contacts.setdefault(role, {})[part] = value


def _funding(
    draft: Draft, header: str, source: str, raw: Any, report: ImportReport, read: Read, memo: Memo | None
) -> None:
    value, _cell = _value(cells.parse_float, raw, draft.row, header, report, read, memo)
    draft.has_children.add("funding")
    if value is not None:
        draft.funding.append(Funding("", source, value))


def parse_items(raw: Any) -> list[RenovationItem]:
    """``基础类：屋面防水、外墙保温；完善类：加装电梯`` (a bare list counts as 基础类)."""
    if cells.blank(raw):
        return []
    items = []
    for group in _GROUPS.split(str(raw)):
        label, _sep, rest = group.replace(":", "：").partition("：")
        category = _CATEGORY_BY_LABEL.get(label.strip()) if rest else None
        for item in _ITEMS.split(rest if category else group):
            if item.strip():
                items.append(RenovationItem("", category or "basic", item.strip()))
    return items
