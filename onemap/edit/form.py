"""The estate form's data: an editable copy of one estate, and the one undo step Save makes.

The GUI binds its widgets to :attr:`EstateForm.estate` and its child tables to the lists
on it; :meth:`EstateForm.save_command` compares with what the file holds and returns the
edits as one :class:`~onemap.edit.command.EditCommand` (or ``None`` when nothing changed).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from onemap.edit.children import AddChild, DeleteChild, UpdateChild, child_row
from onemap.edit.command import EditCommand, EditGroup, EditRefused
from onemap.edit.estate_edits import MoveEstate, SetEstateFields, SetOutline, estate_row
from onemap.edit.form_check import FormCheck, check_form, coerced, coerced_estate
from onemap.edit.labels import CHILD_NOUNS, estate_phrase
from onemap.edit.lifecycle import AddEstate, child_fids
from onemap.model import Estate
from onemap.store import Inventory
from onemap.store.errors import ConflictError
from onemap.store.rows import CHILD_LISTS, CHILD_TABLES

Fid = int | None


@dataclass
class EstateForm:
    """An estate being edited, with the ``fid`` of each child row (``None`` for a new row).

    Attributes
    ----------
    estate : Estate
        The copy the widgets edit; fields may hold typed text until Save.
    fids : dict of str to list of (int or None)
        Child table -> the ``fid`` of each row of the matching list on ``estate``.
    original_code : str or None
        The code in the file, or None for an estate not yet added.
    read : dict
        The rows as they were when the form was loaded: ``"estates"`` -> its row, and
        each child table -> fid -> row.  Save refuses (ConflictError) to write a row
        another program changed since, instead of writing half of each.
    """

    estate: Estate
    fids: dict[str, list[Fid]] = field(default_factory=dict)
    original_code: str | None = None
    read: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, inventory: Inventory, code: str) -> EstateForm:
        """The form for an estate in the file."""
        fids: dict[str, list[Fid]] = {t: list(f) for t, f in child_fids(inventory, code).items()}
        read: dict[str, Any] = {"estates": estate_row(inventory, code)}
        for table, table_fids in fids.items():
            read[table] = {fid: dict(child_row(inventory, table, fid)) for fid in table_fids if fid is not None}
        return cls(inventory.estate(code), fids, code, read)

    @classmethod
    def new(cls, code: str, name: str = "", location: tuple[float, float] | None = None) -> EstateForm:
        """The form for a new estate (a click on the map gives ``location``)."""
        return cls(Estate(code=code, name=name, location=location), {t: [] for t in CHILD_TABLES})

    def add_row(self, table: str, item: Any) -> None:
        """Append a new child row (a Contact, Camera, Funding, RenovationItem or Building)."""
        getattr(self.estate, CHILD_LISTS[table]).append(item)
        self.fids.setdefault(table, []).append(None)

    def remove_row(self, table: str, index: int) -> None:
        """Remove the child row at ``index`` of ``table``'s list."""
        del getattr(self.estate, CHILD_LISTS[table])[index]
        del self.fids[table][index]

    def check(self, today: date | None = None) -> FormCheck:
        """The problems to show beside the fields; Save only when ``can_save``."""
        return check_form(self.estate, today=today)

    def save_command(self, inventory: Inventory, today: date | None = None) -> EditCommand | None:
        """The edit that makes the file say what the form says; None when nothing differs.

        Raises
        ------
        EditRefused
            While the form has errors (the first one is named).
        """
        problems = self.check(today).errors
        if problems:
            first = problems[0]
            raise EditRefused(f"请先改正：{first.message_zh}", f"fix this first: {first.message_en}")
        after = coerced_estate(self.estate)
        if self.original_code is None:
            return AddEstate(after)
        current = EstateForm.load(inventory, self.original_code)
        commands = _diff(current, after, self.fids, self.read or current.read)
        if len(commands) <= 1:
            return commands[0] if commands else None
        return EditGroup(commands, estate_phrase("edit", after.name), estate_phrase("edit", after.name, "en"))


def _diff(before: EstateForm, after: Estate, fids: dict[str, list[Fid]], read: dict[str, Any]) -> list[EditCommand]:
    code = before.estate.code
    row_edits: list[EditCommand] = []
    old, new = before.estate.attributes(), after.attributes()
    changes = {k: v for k, v in new.items() if k != "updated_at" and v != old[k]}
    if changes:
        row_edits.append(SetEstateFields(code, **changes))
    if after.location != before.estate.location:
        row_edits.append(MoveEstate(code, after.location))
    if not _same_outline(after.outline, before.estate.outline):
        row_edits.append(SetOutline(code, after.outline))
    if row_edits:
        # the first write checks the whole row; the rest run in the same transaction after it
        row_edits[0].expected = read["estates"]  # type: ignore[attr-defined]
    commands: list[EditCommand] = []
    for table in CHILD_TABLES:
        commands += _child_edits(
            table, before, getattr(after, CHILD_LISTS[table]), fids.get(table, []), read.get(table, {})
        )
    return row_edits + commands


def _child_edits(
    table: str, before: EstateForm, rows: list[Any], fids: list[Fid], read: dict[int, dict[str, Any]]
) -> list[EditCommand]:
    stored = {
        fid: row
        for fid, row in zip(before.fids.get(table, []), getattr(before.estate, CHILD_LISTS[table]), strict=True)
        if fid is not None
    }
    kept = {fid for fid in fids if fid is not None}
    # a row another program added since the form was loaded is not the user's to delete
    edits: list[EditCommand] = [
        DeleteChild(table, fid, expected=read.get(fid)) for fid in stored if fid not in kept and fid in read
    ]
    columns = [c for c in CHILD_TABLES[table][1] if c != "estate_code"] + [CHILD_TABLES[table][2] or ""]
    for fid, row in zip(fids, rows, strict=True):
        item = coerced(row)
        if fid is not None and fid in read and fid not in stored:  # deleted by another program meanwhile
            raise ConflictError(None, f"{before.estate.code}/{fid}", {CHILD_NOUNS[table][0]: "已删除"}, table)
        if fid is None or fid not in stored:
            item = copy.copy(item)
            item.estate_code = before.estate.code
            edits.append(AddChild(table, item))
            continue
        changes = {c: getattr(item, c) for c in columns if c and getattr(item, c) != getattr(stored[fid], c)}
        if changes:
            edits.append(UpdateChild(table, fid, expected=read.get(fid), **changes))
    return edits


def _same_outline(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return bool(a.equals_exact(b, 0.0)) if a.geom_type == b.geom_type else bool(a.equals(b))
