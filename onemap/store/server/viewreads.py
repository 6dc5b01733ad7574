"""The viewer's reads of a shared inventory: one county (or box) of it, and what comes into view.

The viewer's map session asks an inventory a few bulk questions (:mod:`onemap.store.reads`,
:mod:`onemap.store.changes`, :mod:`onemap.store.spatial`).  :class:`ServerView` answers them
from PostGIS for the part of the database it was opened on -- a county filter (estate codes
start with the county's 6 digits) and/or a lon/lat box -- so opening one county of the
national database reads that county's estates only.  Outlines and buildings are read by view
through the GiST index as the map pans.  Changes are found from the server's audit trail
(which every login may read); a :class:`~onemap.store.server.listen.ChangeListener` says when
to look.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from onemap.store.changes import TrailChanges, digest
from onemap.store.reads import _ESTATE_COLUMNS, AdminArea, Box, _columns
from onemap.store.rows import point_blob
from onemap.store.server.checkupreads import ServerCheckupReads
from onemap.store.server.inventory import ServerInventory
from onemap.store.server.reads import file_blob, pg_filter
from onemap.store.server.videoreads import ServerVideoReads
from onemap.store.server.watchreads import ServerWatchReads
from onemap.store.where import Filter

_POLYGONS = frozenset(("estate_areas", "buildings"))
#: the viewer's own URL parameter (``…/db?county=610725,610726``), never handed to libpq
_COUNTY = "county"


def _after(prefix: str) -> str:
    """The first text after every code starting with ``prefix`` (``610725`` -> ``610726``)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def split_view_url(url: str) -> tuple[str, tuple[str, ...]]:
    """``(connection URL, counties)`` of a viewer URL that may name counties (``?county=610725``)."""
    base, _, query = url.partition("?")
    kept, counties = [], list[str]()
    for part in filter(None, query.split("&")):
        name, _, value = part.partition("=")
        if name == _COUNTY:
            counties += [c.strip() for c in value.split(",") if c.strip()]
        else:
            kept.append(part)
    return base + ("?" + "&".join(kept) if kept else ""), tuple(counties)


def url_fields(url: str) -> dict[str, str]:
    """A viewer URL's host, port, dbname and user (for the connect dialog), counties left out."""
    from psycopg.conninfo import conninfo_to_dict

    parts = conninfo_to_dict(split_view_url(url)[0])
    return {k: str(parts[k]) for k in ("host", "port", "dbname", "user") if parts.get(k)}


def view_url(url: str, counties: Iterable[str] = ()) -> str:
    """A viewer URL naming ``counties`` (what the recent list keeps; never a password)."""
    base, _ = split_view_url(url)
    chosen = ",".join(c for c in counties if c)
    return base + (("&" if "?" in base else "?") + f"{_COUNTY}={chosen}" if chosen else "")


def open_for_viewing(url: str, box: Box | None = None) -> ServerView:
    """Open a viewer URL (counties from ``?county=``); refusals as the viewer's sentences (:mod:`.viewerrors`)."""
    from onemap.store.server.connect import connect, display_name
    from onemap.store.server.errors import ServerError
    from onemap.store.server.viewerrors import ViewError, classify

    base, counties = split_view_url(url)
    where = display_name(base)
    try:
        return ServerView.open_view(base, counties, box)
    except ServerError as error:
        if error.kind == "not_initialised":
            with connect(base, autocommit=True) as conn:
                if conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone() is None:
                    raise ViewError("no_postgis", where=where) from None
        raise classify(error, where) from None
    except Exception as error:  # e.g. a login with no role refused its first read (the schema version)
        said = classify(error, where)
        if said is error:
            raise
        raise said from None


def _polygons(table: str) -> str:
    if table not in _POLYGONS:
        raise ValueError(f"unknown polygon layer {table!r}")
    return table


class ServerView(ServerCheckupReads, ServerVideoReads, ServerWatchReads, ServerInventory):
    """A shared inventory opened for viewing: the estates of ``counties`` (all when empty) within ``box``.

    Open with :meth:`open_view`.  Read-only: the map session never writes.
    """

    counties: tuple[str, ...] = ()
    box: Box | None = None

    @classmethod
    def open_view(cls, url: str, counties: Iterable[str] = (), box: Box | None = None) -> ServerView:
        """Connect read-only and keep to ``counties`` (6-digit codes) and ``box`` (lon/lat)."""
        view = cls.open(url, readonly=True)
        assert isinstance(view, ServerView)
        view.counties = tuple(c.strip() for c in counties if c.strip())
        view.box = box
        return view

    # -- the part of the database on show --------------------------------------------------

    def _scope(self, code_column: str = "code", geom: str | None = "geom") -> tuple[str, list[Any]]:
        """SQL (and parameters) keeping rows to the counties and the box."""
        parts, params = ["TRUE"], list[Any]()
        if self.counties:  # a range of codes, not starts_with(): the btree index on the code answers it
            parts.append(
                "(" + " OR ".join(f"({code_column} >= %s AND {code_column} < %s)" for _ in self.counties) + ")"
            )
            params += [bound for county in self.counties for bound in (county, _after(county))]
        if self.box is not None and geom is not None:
            parts.append(f"{geom} && ST_MakeEnvelope(%s, %s, %s, %s, 4326)")  # the GiST index
            params += list(self.box)
        return " AND ".join(parts), params

    def _estate_rows(self, columns: Sequence[str], where: str, params: list[Any]) -> list[tuple[Any, ...]]:
        chosen = _columns(columns, _ESTATE_COLUMNS)
        if "geom" in columns:  # the point as two numbers, made into the file's blob here
            chosen = chosen.replace('"geom"', "ST_X(geom), ST_Y(geom)")
        scope, scoped = self._scope()
        rows = self._conn.execute(
            f"SELECT {chosen} FROM estates WHERE {scope} AND {where} ORDER BY fid", [*scoped, *params]
        ).fetchall()
        if "geom" not in columns:
            return [tuple(r) for r in rows]
        at = list(columns).index("geom")
        return [(*r[:at], None if r[at] is None else point_blob((r[at], r[at + 1])), *r[at + 2 :]) for r in rows]

    def begin_reading(self) -> None:
        """Nothing to begin: each read is one statement on a connection no one writes through."""

    def end_reading(self) -> None:
        """Nothing to end (see :meth:`begin_reading`)."""

    def estate_columns(
        self, columns: Sequence[str], where: Filter | str | list[str] | None = None
    ) -> list[tuple[Any, ...]]:
        """Some columns of the estates on show (matching ``where``), by fid, as the file gives them."""
        text, params = pg_filter(where)
        return self._estate_rows(columns, text, params)

    def estate_column_batches(
        self, columns: Sequence[str], where: Filter | str | list[str] | None = None, size: int = 20_000
    ) -> Iterator[list[tuple[Any, ...]]]:
        """:meth:`estate_columns` ``size`` rows at a time (what the viewer's table reads, as from a file)."""
        rows = self.estate_columns(columns, where)
        for start in range(0, len(rows), size):
            yield rows[start : start + size]

    def estate_columns_of(self, columns: Sequence[str], codes: Iterable[str]) -> list[tuple[Any, ...]]:
        """Some columns of the estates with these codes that are on show, by fid."""
        return self._estate_rows(columns, "code = ANY(%s)", [sorted(set(codes))])

    def camera_counts(self) -> dict[str, int]:
        """Estate code -> cameras, for the estates on show that have any."""
        scope, params = self._scope("estate_code", None)
        rows = self._conn.execute(f"SELECT estate_code, count(*) FROM cameras WHERE {scope} GROUP BY 1", params)
        return {str(code): int(n) for code, n in rows}

    def camera_counts_of(self, codes: Iterable[str]) -> dict[str, int]:
        """Estate code -> cameras, for these codes."""
        rows = self._conn.execute(
            "SELECT estate_code, count(*) FROM cameras WHERE estate_code = ANY(%s) GROUP BY 1", (sorted(set(codes)),)
        )
        return {str(code): int(n) for code, n in rows}

    def admin_areas(self, levels: list[str] | None = None, *, code: str | None = None) -> list[AdminArea]:
        """The administrative areas of the counties on show (all of them without a county filter)."""
        if not self.counties:
            return super().admin_areas(levels, code=code)
        scope, params = self._scope("code", None)  # only these counties' outlines are decoded
        query = f"SELECT code, name, level, ST_AsBinary(geom) FROM admin_areas WHERE {scope}"
        if levels is not None:
            query += " AND level = ANY(%s)"
            params.append(list(levels))
        if code is not None:
            query += " AND code = %s"
            params.append(code)
        rows = self._conn.execute(query + " ORDER BY fid", params).fetchall()
        return [AdminArea(c, n, lv, file_blob(wkb, False)) for c, n, lv, wkb in rows]

    # -- what changed (the audit trail) ------------------------------------------------------

    def data_version(self) -> int:
        """Constant: the server is not polled; a change listener says when to look (:meth:`trail_changes`)."""
        return 0

    def schema_version(self) -> int:
        """Constant: the server's schema is upgraded by ``onemap server``, not while viewing."""
        return 0

    def audit_high_water(self) -> int:
        """The newest ``audit_log`` row id (0 for an empty trail)."""
        return int(self._conn.execute("SELECT coalesce(max(fid), 0) FROM audit_log").fetchone()[0])

    def trail_changes(self, after: int, limit: int = 50_000) -> TrailChanges:
        """The estates and tables the audit rows after row ``after`` touched (as the file's answer)."""
        rows = self._conn.execute(
            "SELECT fid, action, table_name, row_key, field, old_value, new_value FROM audit_log "
            "WHERE fid > %s ORDER BY fid LIMIT %s",
            (after, limit + 1),
        ).fetchall()
        changes = digest(rows[:limit], after)
        changes.whole |= len(rows) > limit
        return changes

    def who_changed(self, after: int, codes: Iterable[str]) -> list[tuple[str, str, str, str | None]]:
        """``(who, estate code, table, field)`` of the audit rows after ``after`` about these estates, oldest first."""
        wanted = sorted(set(codes))
        rows = self._conn.execute(
            "SELECT who, split_part(row_key, '/', 1), table_name, field FROM audit_log "
            "WHERE fid > %s AND split_part(row_key, '/', 1) = ANY(%s) AND coalesce(field, '') <> 'updated_at' "
            "ORDER BY fid LIMIT 200",
            (after, wanted),
        )
        return [(str(w), str(c), str(t), f) for w, c, t, f in rows]

    # -- polygons by view, through the GiST index ------------------------------------------

    def fids_within(self, table: str, box: Box, limit: int) -> list[int]:
        """Row ids of ``table`` on show whose box meets ``box`` (at most ``limit``)."""
        scope, params = self._scope("estate_code", None)
        rows = self._conn.execute(
            f'SELECT fid FROM "{_polygons(table)}" WHERE geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326) '
            f"AND {scope} LIMIT %s",
            (*box, *params, limit),
        )
        return [int(r[0]) for r in rows]

    def features(self, table: str, fids: Sequence[int]) -> list[tuple[int, str, bytes | None]]:
        """``(fid, estate_code, geom blob)`` of the given rows of ``table``."""
        rows = self._conn.execute(
            f'SELECT fid, estate_code, ST_AsBinary(geom) FROM "{_polygons(table)}" WHERE fid = ANY(%s)', (list(fids),)
        )
        return [(int(fid), str(code), file_blob(wkb, False)) for fid, code, wkb in rows]

    def features_at(self, table: str, lon: float, lat: float) -> list[tuple[str, bytes | None]]:
        """``(estate_code, geom blob)`` of the rows of ``table`` whose box holds the point."""
        scope, params = self._scope("estate_code", None)
        rows = self._conn.execute(
            f'SELECT estate_code, ST_AsBinary(geom) FROM "{_polygons(table)}" '
            f"WHERE geom && ST_SetSRID(ST_MakePoint(%s, %s), 4326) AND {scope}",
            (lon, lat, *params),
        )
        return [(str(code), file_blob(wkb, False)) for code, wkb in rows]

    def estate_count(self) -> int:
        """How many estates are on show."""
        scope, params = self._scope()
        return int(self._conn.execute(f"SELECT count(*) FROM estates WHERE {scope}", params).fetchone()[0])

    def cancel_reading(self) -> None:
        """Ask the server to stop the statement this connection runs now (a view read no longer wanted)."""
        self._conn.cancel_safe(timeout=2.0)
