"""Set-based writes for ledger imports: thousands of estates per statement.

An import writes its new estates batch by batch with what
:meth:`~onemap.store.writes.EstateWrites.bulk_load` (``each=True``) writes — the rows, one
audited insert per estate and one ``bulk`` entry per batch, the R-trees filled without
per-row trigger calls — but builds rows as tuples straight from the estates and encodes
every point's audit WKT in one vectorised call.  Camera links arrive already parsed by
the importer (:func:`onemap.cameras.parse_camera_link`: no login left in them), so they
are not parsed a second time.  Estates a ledger matches are read a batch at a time, one
query per table, instead of seven queries per row.

All of it runs inside the caller's :meth:`Inventory.transaction`.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from onemap.cameras.secrets import may_hold_secret, strip_secrets
from onemap.model import Estate
from onemap.store import gpkg
from onemap.store.audit import as_text, timestamp
from onemap.store.blockwrites import next_fid
from onemap.store.bulkindex import BulkIndex, triggers_suspended
from onemap.store.geometry import as_multipolygon, encode_many
from onemap.store.ledger_read import estates_by_code  # noqa: F401  (importers read it from here)
from onemap.store.manyrows import insert_columns, insert_rows
from onemap.store.rows import CHILD_LISTS, CHILD_TABLES, location_of, point_blob

if TYPE_CHECKING:
    from onemap.store.inventory import Inventory
    from onemap.store.ledger_window import LoadWindow

#: what :func:`json.dumps` (``ensure_ascii=False, sort_keys=True``) writes, made once
_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
#: how that encoder writes a string (the C function when there is one)
_ESCAPE = json.encoder.encode_basestring
#: what :func:`~onemap.store.rows.point_blob` writes: a 29-byte blob starting with this header
_POINT_BYTES = 29
_POINT_HEAD = bytes(point_blob((0.0, 0.0)) or b"")[:8]
_TEXT_OR_NULL = frozenset((str, type(None)))
_AUDIT_COLUMNS = ("at", "who", "action", "table_name", "row_key", "field", "old_value", "new_value")
#: the tables a load of new estates inserts into (their insert triggers suspended meanwhile)
LOADED_TABLES = ("estates", "estate_areas", *CHILD_LISTS)


def load_new_estates(
    inventory: Inventory, estates: Sequence[Estate], *, note: str, window: LoadWindow | None = None
) -> int:
    """Insert new estates with their outlines and child rows, each insert audited; returns how many.

    The file ends up as after ``inventory.bulk_load(estates, note=note, each=True)`` (once
    ``window``, when given, is closed: see :mod:`~onemap.store.ledger_window`).
    Camera links must be clean already (as :func:`~onemap.cameras.parse_camera_link` gives them).
    """
    if not estates:
        return 0
    conn = inventory._conn
    columns = inventory._estate_columns()
    with ExitStack() as held:
        index = held.enter_context(triggers_suspended(conn, LOADED_TABLES)) if window is None else window.index()
        names, rows, plain = _estate_rows(estates, columns, timestamp())
        _insert_indexed(conn, index, "estates", names, rows)
        _audit_inserts(inventory, names, rows, plain)
        outlines = [(e.code, as_multipolygon(e.outline)) for e in estates if e.outline is not None]
        blobs = encode_many([g for _c, g in outlines])
        areas = [(c, b) for (c, _g), b in zip(outlines, blobs, strict=True)]
        _insert_indexed(conn, index, "estate_areas", ["estate_code", "geom"], areas)
        for table, attr in CHILD_LISTS.items():
            _load_children(inventory, index, table, [i for e in estates for i in getattr(e, attr)])
    inventory.audit.record("bulk", "estates", None, None, None, f"{note}：{len(estates)} 个小区")
    return len(estates)


def _insert_indexed(
    conn: sqlite3.Connection, index: BulkIndex, table: str, names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Rows in, many to a statement, with the fids SQLite would give; their R-tree entries from the blobs in hand.

    A column that is NULL in every row and has no default is left out of the statement:
    SQLite stores the very same NULL without binding it row by row.
    """
    if rows:
        insert_indexed_columns(conn, index, table, names, list(zip(*rows, strict=True)))


def insert_indexed_columns(
    conn: sqlite3.Connection, index: BulkIndex, table: str, names: Sequence[str], columns: Sequence[Sequence[Any]]
) -> None:
    """:func:`_insert_indexed` of rows given as columns (each a list or tuple of one value per row).

    The columns go to SQLite as they are (:func:`~onemap.store.manyrows.insert_columns`):
    no row tuple is made, and the statements are the ones :func:`insert_rows` sends.
    """
    count = len(columns[0]) if columns else 0
    if not count:
        return
    first = next_fid(conn, table)
    empty = [k for k, values in enumerate(columns) if values.count(None) == count]
    defaults = _defaults(conn, table) if empty else {}
    keep = [k for k in range(len(names)) if k not in empty or defaults.get(names[k], True)]
    fids = range(first, first + count)
    insert_columns(conn, table, ["fid", *(names[k] for k in keep)], [fids, *(columns[k] for k in keep)])
    if "geom" in names:
        index.add_blobs(table, first, list(columns[list(names).index("geom")]))


def _defaults(conn: sqlite3.Connection, table: str) -> dict[str, bool]:
    """Whether leaving each column out of an INSERT would store something other than NULL."""
    return {row[1]: row[4] is not None for row in conn.execute(f'PRAGMA table_info("{table}")')}


def refresh_extents(inventory: Inventory) -> None:
    """The layers' bounding boxes from their R-trees, once after a whole import."""
    gpkg.update_extents(inventory._conn)


def _estate_rows(
    estates: Sequence[Estate], columns: tuple[str, ...], now: str
) -> tuple[list[str], list[tuple[Any, ...]], list[bool]]:
    """The ``estates`` rows as tuples, values as :func:`~onemap.store.values.storable` leaves them.

    Also whether each row's texts were looked at in one go and held nothing secret-like
    (most rows): their audit entry then needs no second look either.
    """
    names = [*columns, "geom"]
    if "updated_at" not in columns:
        names.append("updated_at")
    stamp_at = names.index("updated_at")
    rows, plain = [], []
    get = attrgetter(*columns)  # a row's values in one call, not a getattr per column
    every = [list(get(estate)) for estate in estates]
    listed = [k for k, name in enumerate(columns) if name == "categories"]  # the one list field
    for values in every:
        for k in listed:  # category lists joined in place
            values[k] = _joined(values[k])
        if list in map(type, values):  # any other list (none in practice), as storable joins it
            values[:] = [_joined(v) for v in values]
    batch_clean = _all_clean(every)
    for estate, values in zip(estates, every, strict=True):
        # the texts apart by a NUL as before (the non-texts' empty pieces changed no word search)
        clean = batch_clean or not may_hold_secret("\x00".join([v for v in values if isinstance(v, str)]))
        if not clean:
            values = [_stored(v) for v in values]
        values.append(point_blob(estate.location))
        if stamp_at == len(values):
            values.append(now)
        else:
            values[stamp_at] = now
        rows.append(tuple(values))
        plain.append(clean)
    return names, rows, plain


def _all_clean(rows: Iterable[Sequence[Any]]) -> bool:
    """Whether no text of any row is secret-like: one look at the whole batch.

    The texts are joined by NULs, which no secret word holds, and case folding goes
    character by character: the batch passes exactly when each of its rows would.
    """
    return columns_clean(list(zip(*rows, strict=True)))


def columns_clean(columns: Iterable[Sequence[Any]]) -> bool:
    """:func:`_all_clean` of rows given as columns: each distinct text of a column looked at once.

    Which text sits beside which, and how often, does not matter to a substring search that
    no NUL is part of, so the all-NULL columns are skipped at C speed and a column's repeats
    (townships, statuses, years) are joined once.
    """
    texts: list[str] = []
    for column in columns:
        if column.count(None) == len(column):
            continue
        try:
            distinct: Iterable[Any] = dict.fromkeys(column)
        except TypeError:  # an unhashable value: the column as it is
            distinct = column
        if set(map(type, distinct)) <= _TEXT_OR_NULL:  # texts and NULLs: joined at C speed
            texts.append("\x00".join(filter(None, distinct)))
        else:
            texts += [v for v in distinct if isinstance(v, str)]
    return not may_hold_secret("\x00".join(texts))


def _joined(value: Any) -> Any:
    """A category list as the file stores it: comma-joined keys, ``None`` for none."""
    if isinstance(value, list):
        return ",".join(value) if value else None
    return value


def _stored(value: Any) -> Any:
    """A value as :func:`~onemap.store.values.storable` stores it (category lists comma-joined)."""
    value = _joined(value)
    if isinstance(value, str) and value:
        return strip_secrets(value) or None
    return value


def _audit_inserts(inventory: Inventory, names: list[str], rows: list[tuple[Any, ...]], plain: list[bool]) -> None:
    """One ``insert`` entry per estate, its values as JSON, as :meth:`AuditTrail.record_rows` writes it."""
    geom_at = names.index("geom")
    _audit_entries(inventory, names, rows, plain, _point_wkts([row[geom_at] for row in rows]))


def _audit_entries(
    inventory: Inventory, names: list[str], rows: list[tuple[Any, ...]], plain: list[bool], wkts: list[str | None]
) -> None:
    """The ``insert`` entries of :func:`_audit_inserts`, each point's WKT given."""
    geom_at, code_at = names.index("geom"), names.index("code")
    now, who = timestamp(), inventory.audit.who
    texts = _plain_json(names, [row for row, clean in zip(rows, plain, strict=True) if clean], wkts, plain)
    entries = []
    for row, wkt, clean in zip(rows, wkts, plain, strict=True):
        if clean:  # texts already known secret-free: as_text would give each back unchanged
            text = next(texts)
        else:
            pairs = zip(names, row, strict=True)
            values = {n: as_text(v) for n, v in pairs if v is not None and n != "geom"}
            if row[geom_at] is not None:
                values["geom"] = wkt
            text = _JSON.encode(values)
        entries.append((now, who, "insert", "estates", str(row[code_at]), None, None, text))
    insert_rows(inventory._conn, "audit_log", _AUDIT_COLUMNS, entries)


def _plain_json(
    names: list[str], rows: list[tuple[Any, ...]], wkts: list[str | None], plain: list[bool]
) -> Iterator[str]:
    """The JSON of secret-free rows, built column by column: what ``_JSON`` writes of each row's dict.

    That dict holds each non-NULL value as text (the point as WKT) under its column's name,
    keys sorted; so each piece ``"name": "value"`` is escaped once per column, not per key.
    """
    if not rows:
        return iter(())
    clean_wkts = [w for w, clean in zip(wkts, plain, strict=True) if clean]
    return plain_json_columns(names, list(zip(*rows, strict=True)), clean_wkts)


def plain_json_columns(names: list[str], columns: Sequence[Sequence[Any]], wkts: list[str | None]) -> Iterator[str]:
    """:func:`_plain_json` of secret-free rows given as columns (``wkts``: each row's point as WKT)."""
    geom_at = names.index("geom")
    count = len(columns[0]) if columns else 0
    if not count:
        return iter(())
    columns = list(columns)
    columns[geom_at] = tuple(
        None if blob is None else _value_json(wkt) for blob, wkt in zip(columns[geom_at], wkts, strict=True)
    )
    pieces = []
    for k in sorted(range(len(names)), key=names.__getitem__):
        column = columns[k]
        if column.count(None) == count:  # most ledgers fill a dozen of the columns
            continue
        head = ", " + _ESCAPE(names[k]) + ": "
        if k == geom_at:
            pieces.append(["" if v is None else head + v for v in column])
        elif set(map(type, column)) <= _TEXT_OR_NULL:  # each distinct text escaped once (townships, statuses…)
            said = {v: "" if v is None else head + _ESCAPE(v) for v in dict.fromkeys(column)}
            pieces.append(list(map(said.__getitem__, column)))
        else:
            pieces.append(["" if v is None else head + _ESCAPE(v if isinstance(v, str) else str(v)) for v in column])
    if not pieces:  # no value at all in any row: each an empty object
        return iter(["{}"] * count)
    # each piece carries its own leading ", " (a NULL none): a row is one C-level join, its first
    # separator cut off
    joined = map("".join, zip(*pieces, strict=True))
    return ("{" + text[2:] + "}" for text in joined)


def _value_json(value: str | None) -> str:
    return "null" if value is None else _ESCAPE(value)


def _point_wkts(blobs: list[bytes | None]) -> list[str | None]:
    """WKT of point blobs, as :func:`as_text` gives it: OneMap's own points in one vectorised call."""
    found: list[str | None] = [None] * len(blobs)
    at, xy = [], []
    for k, blob in enumerate(blobs):
        if blob is None:
            continue
        point = location_of(blob) if len(blob) == _POINT_BYTES and blob[:8] == _POINT_HEAD else None
        if point is not None and math.isfinite(point[0]) and math.isfinite(point[1]):
            at.append(k)
            xy.append(point)
        else:
            found[k] = as_text(blob)  # anything unusual is read the slow way
    if at:
        texts = shapely.to_wkt(shapely.points(np.array(xy, dtype=np.float64)), rounding_precision=-1)
        for k, text in zip(at, texts.tolist(), strict=True):
            found[k] = text
    return found


def _load_children(inventory: Inventory, index: BulkIndex, table: str, items: list[Any]) -> None:
    """Child rows as :func:`~onemap.store.values.storable` leaves them, geometries encoded together.

    Read column by column (one C-level ``map`` per attribute, no list per row) and sent to
    SQLite as columns, unless some text is secret-like: then each row is looked at (and
    cleaned) alone, as before.
    """
    if not items:
        return
    _cls, columns, geom_attr = CHILD_TABLES[table]
    values = [list(map(attrgetter(name), items)) for name in columns]
    names = list(columns)
    if geom_attr is not None:
        names.append("geom")
        values.append(_child_blobs(list(map(attrgetter(geom_attr), items)), geom_attr))
    if columns_clean(values[: len(columns)]):
        insert_indexed_columns(inventory._conn, index, table, names, values)
        return
    rows = [_child_row(list(row)) for row in zip(*values[: len(columns)], strict=True)]
    if geom_attr is not None:
        for row, blob in zip(rows, values[-1], strict=True):
            row.append(blob)
    _insert_indexed(inventory._conn, index, table, names, rows)


def _child_blobs(shapes: list[Any], geom_attr: str) -> list[bytes | None]:
    """The blobs of the children's footprints or points."""
    if geom_attr == "footprint":
        return encode_many([as_multipolygon(shape) for shape in shapes])
    if shapes.count(None) == len(shapes):  # cameras and sensors of a ledger: placed by their estate
        return [None] * len(shapes)
    return [point_blob(shape) for shape in shapes]


def _child_row(values: list[Any]) -> list[Any]:
    if may_hold_secret("\x00".join(v for v in values if isinstance(v, str))):
        return [_stored(v) for v in values]
    return values  # nothing secret-like: storable() would leave every value as it is
