"""Estates a ledger matches, read a batch at a time: one query per table instead of seven per row.

What :func:`estates_by_code` gives is what :meth:`Inventory.estate` reads, estate by estate
(``tests/core/test_import_set_based.py`` holds the two to that); the columns of each query
are sorted out once, not looked up by name in every row.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import MISSING, fields
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from onemap.model import Estate
from onemap.store.rows import CHILD_LISTS, CHILD_TABLES, child_from_row, estate_from_row, location_of

if TYPE_CHECKING:
    from onemap.store.inventory import Inventory

_ESTATE_FIELDS = frozenset(f.name for f in fields(Estate))
#: every field with its default, in field order (the list fields get fresh lists in :func:`new_estate`)
_DEFAULTS = {f.name: None if f.default is MISSING else f.default for f in fields(Estate)}
_FACTORIES = tuple((f.name, f.default_factory) for f in fields(Estate) if f.default_factory is not MISSING)
_REQUIRED = frozenset(f.name for f in fields(Estate) if f.default is MISSING and f.default_factory is MISSING)


def new_estate(values: dict[str, Any]) -> Estate:
    """``Estate(**values)`` without the generated ``__init__``'s call per field: a third of the cost.

    The estate is equal to, and holds its attributes in the same order as, the one
    ``Estate(**values)`` makes; names that are no field (or missing required ones) go
    through ``Estate(**values)`` to be refused as it refuses them.
    """
    if not (values.keys() <= _ESTATE_FIELDS and values.keys() >= _REQUIRED):
        return Estate(**values)
    state = _DEFAULTS.copy()
    for name, factory in _FACTORIES:
        state[name] = factory()
    state.update(values)
    estate = object.__new__(Estate)
    estate.__dict__ = state
    return estate


def estates_by_code(
    inventory: Inventory, codes: Iterable[str], children: Iterable[str] = tuple(CHILD_TABLES)
) -> dict[str, Estate]:
    """Estates with outline and child rows, as :meth:`Inventory.estate` reads them, one query per table.

    ``children`` names the child tables to read (the others are left empty): an import
    that carries no buildings need not decode every footprint of the estates it matches.
    """
    wanted = json.dumps(list(dict.fromkeys(codes)), ensure_ascii=False)
    conn = inventory._conn
    picked = "IN (SELECT value FROM json_each(?))"
    found = {estate.code: estate for estate in _estates(conn, f"SELECT * FROM estates WHERE code {picked}", wanted)}
    outlines: dict[str, Any] = {}
    for code, blob in conn.execute(
        f"SELECT estate_code, geom FROM estate_areas WHERE estate_code {picked} ORDER BY fid", (wanted,)
    ):
        if code not in outlines:
            outlines[code] = inventory.readable_outline(code, blob)
    for code, estate in found.items():
        estate.outline = outlines.get(code)
    wanted_children = set(children)
    for table in (t for t in CHILD_TABLES if t in wanted_children):
        attr = CHILD_LISTS[table]
        sql = f"SELECT * FROM {table} WHERE estate_code {picked} ORDER BY fid"
        for owner_code, child in _children(conn, table, sql, wanted):
            owner = found.get(owner_code)
            if owner is not None:
                getattr(owner, attr).append(child)
    return found


def _estates(conn: sqlite3.Connection, sql: str, wanted: str) -> Iterator[Estate]:
    """Estates as :func:`~onemap.store.rows.estate_from_row` makes them, the columns sorted out once."""
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(sql, (wanted,))
    names = [d[0] for d in cursor.description]
    if "code" not in names:  # not the estates table OneMap knows: the careful way
        yield from (estate_from_row(dict(zip(names, values, strict=True))) for values in cursor)
        return
    taken = [k for k, name in enumerate(names) if name in _ESTATE_FIELDS and name != "categories"]
    keys = [names[k] for k in taken]
    get = itemgetter(*taken)
    at_categories = names.index("categories") if "categories" in names else None
    at_geom = names.index("geom") if "geom" in names else None
    for values in cursor:
        picked = get(values)
        estate = new_estate(dict(zip(keys, picked if len(taken) > 1 else (picked,), strict=True)))
        categories = None if at_categories is None else values[at_categories]
        estate.categories = categories.split(",") if categories else []
        estate.location = None if at_geom is None else location_of(values[at_geom])
        yield estate


def _children(conn: sqlite3.Connection, table: str, sql: str, wanted: str) -> Iterator[tuple[str, Any]]:
    """(owner code, child) pairs as :func:`~onemap.store.rows.child_from_row` makes the child."""
    cls, columns, geom_attr = CHILD_TABLES[table]
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(sql, (wanted,))
    names = [d[0] for d in cursor.description]
    if geom_attr == "footprint" or any(c not in names for c in columns):  # footprints: decoded one by one
        for values in cursor:
            row = dict(zip(names, values, strict=True))
            yield row["estate_code"], child_from_row(table, row)
        return
    taken = [names.index(c) for c in columns]
    at_code = names.index("estate_code")
    at_geom = names.index("geom") if geom_attr == "location" else None
    for values in cursor:
        item = cls(**{c: values[k] for c, k in zip(columns, taken, strict=True)})
        if at_geom is not None:
            item.location = location_of(values[at_geom])
        yield values[at_code], item
