"""The new estates of a batch as columns: what the store loads without an ``Estate`` per row.

:meth:`Draft.estate` builds an estate object from each draft, and the store reads each
attribute back out of it.  For the estates a batch adds (the common case) that round trip
is skipped: :func:`fresh_columns` gathers each field's values across the batch's drafts,
the contacts as row tuples and the other children with their estate codes set, and
:func:`~onemap.store.ledger_columns_load.load_estate_columns` writes them.  The values are
exactly the ones :meth:`Draft.estate` would give each estate
(``tests/core/test_import_columns_path.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter
from typing import Any

from onemap.io.ledger_rows import Draft
from onemap.store.rows import CHILD_TABLES

#: the drafts' child lists that go in as objects or tuples (contacts are dicts per role)
_CHILD_ATTRS = (("cameras", "cameras"), ("funding", "funding"), ("renovation_items", "items"), ("sensors", "sensors"))
#: values kept out of the ``estates`` columns (geometry goes its own way)
_SHAPES = frozenset(("location", "outline"))
_EXTRA_NOTES = attrgetter("extra_notes")


@dataclass(slots=True)
class RowKey:
    """What matching reads of a row: its code (``""`` until given one), name and township."""

    code: str
    name: str
    township: str | None

    @classmethod
    def of(cls, draft: Draft) -> RowKey:
        """The key :meth:`Draft.estate` would give the row's estate."""
        values = draft.values
        return cls(values.get("code") or "", values.get("name") or "", values.get("township"))


def fresh_columns(
    fresh: list[tuple[str, Draft]],
) -> tuple[dict[str, list[Any]], list[Any], list[Any], dict[str, list[Any]]]:
    """``(values, locations, outlines, children)`` of new estates ``(code, draft)``, in their order."""
    codes = [code for code, _draft in fresh]
    drafts = [draft for _code, draft in fresh]
    rows = [draft.values for draft in drafts]
    fields = set().union(*rows) - _SHAPES
    columns: dict[str, list[Any]] = {name: list(map(dict.get, rows, repeat(name))) for name in fields}
    columns["code"] = codes
    if any(map(_EXTRA_NOTES, drafts)):
        columns["notes"] = [_notes(values.get("notes"), draft) for values, draft in zip(rows, drafts, strict=True)]
    else:  # no unknown column's cells to add: each estate's own notes (blank as none)
        notes = columns.get("notes")
        columns["notes"] = [None] * len(rows) if notes is None else [n or None for n in notes]
    locations = list(map(dict.get, rows, repeat("location")))
    outlines = list(map(dict.get, rows, repeat("outline")))
    children: dict[str, list[Any]] = {
        "contacts": [
            (code, role, person.get("name"), person.get("title"), person.get("phone"))
            for code, draft in fresh
            for role, person in draft.contacts.items()
        ]
    }
    for table, attr in _CHILD_ATTRS:
        items = []
        # a table no row fills (most ledgers have no sensors or items) is not walked row by row
        for code, draft in fresh if any(map(attrgetter(attr), drafts)) else ():
            for item in getattr(draft, attr):
                item.estate_code = code
                items.append(item)
        if CHILD_TABLES[table][2] is None:  # no geometry: plain tuples in the table's column order
            get = attrgetter(*CHILD_TABLES[table][1])
            children[table] = [get(item) for item in items]
        else:
            children[table] = items
    return columns, locations, outlines, children


def _notes(notes: Any, draft: Draft) -> str | None:
    """The estate's notes with the unknown columns' cells after them, as :meth:`Draft.estate` joins them."""
    return "；".join(([notes] if notes else []) + draft.extra_notes) or None
