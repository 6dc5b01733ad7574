"""What a checkout copies beyond the estates' own records: everything else attached to them.

An export carries each estate with its outline, buildings, contacts, cameras, funding, items and
sensors.  A field laptop needs the rest too: the check-up findings, residents' consent and 片区
(``checkup_findings``, ``renewal_readiness``, ``district_members``), photos, resident issues,
alerts with their handling steps, and the service facilities of the area (those of the estates, and the stand-alone ones
inside the estates' bounding box).  These rows keep their origin fid in the copy, so the copy's
row *is* the origin's row by number; a reference to a row the export renumbered (a finding's
``building_fid``) is translated both ways (:func:`to_copy` here, :func:`to_origin` at checkin).
"""

from __future__ import annotations

import json
from typing import Any

from onemap.store.sync_sides import FileSide, ServerSide, _blob, _wkt

#: filled by the export itself: never copied a second time
EXPORTED = ("estate_areas", "buildings", "contacts", "cameras", "funding", "renovation_items", "sensors")


def copy_attached(
    origin: FileSide, copy: FileSide, codes: list[str], fids: dict[str, dict[str, int]]
) -> dict[str, int]:
    """Copy every attached row of ``codes`` from the origin into the copy (inside its transaction).

    ``fids`` (table -> copy fid -> origin fid) gains the copied rows; returns rows copied per table.
    """
    counted: dict[str, int] = {}
    box = _bounds(copy)
    for table in copy.child_tables():
        if table in EXPORTED or not origin.columns(table):
            continue
        rows = origin_rows(origin, table, codes)
        if table == "facilities" and box is not None:
            rows += standalone_facilities(origin, box)
        for row in rows:
            values = to_copy(copy, table, row, fids)
            _insert(copy, table, values)
            fids.setdefault(table, {})[str(row["fid"])] = row["fid"]
        counted[table] = len(rows)
    from onemap.store.sync_alerts import STEPS, copy_steps

    counted[STEPS] = copy_steps(origin, copy, fids)  # the copied alerts' handling steps, notes and all
    return counted


def origin_rows(side: FileSide, table: str, codes: list[str]) -> list[dict[str, Any]]:
    """The table's rows of those estates, fid included, geometry as WKT."""
    if isinstance(side, ServerSide):
        return _server_rows(side, table, "estate_code = ANY(%s)", [codes])
    return _file_rows(side, table, "estate_code IN (SELECT value FROM json_each(?))", [json.dumps(codes)])


def standalone_facilities(side: FileSide, box: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    """Facilities of no estate whose point lies in the box (a school, a bus stop of the area)."""
    if isinstance(side, ServerSide):
        return _server_rows(
            side, "facilities", "estate_code IS NULL AND geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326)", list(box)
        )
    rows = _file_rows(side, "facilities", "estate_code IS NULL AND geom IS NOT NULL", [])
    from shapely import wkt

    minx, miny, maxx, maxy = box
    inside = []
    for row in rows:
        x, y = wkt.loads(row["geom"]).coords[0]
        if minx <= x <= maxx and miny <= y <= maxy:
            inside.append(row)
    return inside


def _server_rows(side: FileSide, table: str, where: str, params: list[Any]) -> list[dict[str, Any]]:
    from psycopg.rows import dict_row

    geometry = [k for k, g in side.columns(table).items() if g]
    extra = "".join(f', ST_AsText("{g}") AS "{g}__wkt"' for g in geometry)
    with side._conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(f'SELECT *{extra} FROM "{table}" WHERE {where} ORDER BY fid', params).fetchall()
    for row in rows:
        for g in geometry:
            row[g] = row.pop(f"{g}__wkt")
    return [dict(r) for r in rows]


def _file_rows(side: FileSide, table: str, where: str, params: list[Any]) -> list[dict[str, Any]]:
    columns = side.columns(table)
    cur = side._conn.execute(f'SELECT * FROM "{table}" WHERE {where} ORDER BY fid', params)
    names = [d[0] for d in cur.description]
    return [{k: _wkt(v) if columns.get(k) else v for k, v in zip(names, row, strict=True)} for row in cur.fetchall()]


def _bounds(copy: FileSide) -> tuple[float, float, float, float] | None:
    """The checked-out estates' bounding box (points and outlines)."""
    found = copy._conn.execute(
        "SELECT min(minx), min(miny), max(maxx), max(maxy) FROM (SELECT minx, miny, maxx, maxy FROM rtree_estates_geom "
        "UNION ALL SELECT minx, miny, maxx, maxy FROM rtree_estate_areas_geom)"
    ).fetchone()
    return None if found is None or found[0] is None else (found[0], found[1], found[2], found[3])


def references(side: FileSide, table: str) -> dict[str, str]:
    """Column -> parent table, for the table's references to rows by fid (not to estates by code)."""
    return {
        r[3]: r[2]
        for r in side._conn.execute(f'PRAGMA foreign_key_list("{table}")')
        if r[2] != "estates" and (r[4] or "fid") == "fid"
    }


def to_copy(copy: FileSide, table: str, row: dict[str, Any], fids: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An origin row with its references renumbered to the copy's rows (``None`` when not copied)."""
    values = {k: v for k, v in row.items() if k in copy.columns(table) and k not in ("row_version", "changed_by")}
    for column, parent in references(copy, table).items():
        if values.get(column) is not None:
            back = {origin: int(ours) for ours, origin in fids.get(parent, {}).items()}
            values[column] = back.get(values[column])
    return values


def to_origin(copy: FileSide, table: str, values: dict[str, Any], fids: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A copy row's references renumbered to the origin's rows (checkin)."""
    refs = references(copy, table)
    if not refs:
        return values
    out = dict(values)
    for column, parent in refs.items():
        if out.get(column) is not None:
            out[column] = fids.get(parent, {}).get(str(out[column]), out[column])
    return out


def _insert(copy: FileSide, table: str, values: dict[str, Any]) -> None:
    geometry = copy.columns(table)
    names = ", ".join(f'"{k}"' for k in values)
    marks = ", ".join("?" for _ in values)
    params = [_blob(v) if geometry.get(k) else v for k, v in values.items()]
    copy._conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', params)
