"""Every change to an inventory: one method each, each recorded in the audit trail.

Methods must run inside :meth:`Inventory.transaction`; they never commit themselves,
so a caller's batch of edits lands or fails as a whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from shapely.geometry.base import BaseGeometry

from onemap.model import ESTATE_COLUMNS, Estate
from onemap.store import gpkg
from onemap.store.audit import AuditTrail, timestamp
from onemap.store.blocks import EstateBlock
from onemap.store.blockwrites import write_block
from onemap.store.bulkindex import BulkIndex, triggers_suspended
from onemap.store.errors import ConflictError, InventoryError
from onemap.store.geometry import as_multipolygon, encode, encode_many
from onemap.store.rows import CHILD_LISTS, CHILD_TABLES, child_values, estate_values, location_of, point_blob
from onemap.store.rtreebuild import PARALLEL_FROM
from onemap.store.scratch import ScratchBlock, copy_scratch, detach_all
from onemap.store.values import NOT_COMPARED, differs, same_geometry, shown, storable

if TYPE_CHECKING:
    from pathlib import Path

Progress = Callable[[float, str], None]
Expected = Mapping[str, Any] | None


class EstateWrites:
    """The write half of :class:`~onemap.store.inventory.Inventory`."""

    _conn: sqlite3.Connection
    audit: AuditTrail
    path: Path

    def _insert(self, table: str, values: dict[str, Any]) -> int:
        values.update(storable(table, values, links_parsed=True))  # callers audit what was stored
        names = ", ".join(f'"{k}"' for k in values)
        marks = ", ".join("?" for _ in values)
        cursor = self._conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(values.values()))
        return int(cursor.lastrowid or 0)

    def add_estate(self, estate: Estate) -> int:
        """Insert an estate with its outline and child rows; returns its fid."""
        if self._conn.execute("SELECT 1 FROM estates WHERE code = ?", (estate.code,)).fetchone():
            raise InventoryError("duplicate_code", self.path, detail=estate.code)
        values = estate_values(estate, self._estate_columns())
        values["updated_at"] = timestamp()
        fid = self._insert("estates", values)
        self.audit.record_row("insert", "estates", estate.code, values)
        if estate.outline is not None:
            self.set_outline(estate.code, estate.outline)
        for table, attr in CHILD_LISTS.items():
            for item in getattr(estate, attr):
                item.estate_code = estate.code
                self.add_child(table, item)
        return fid

    def update_estate(self, code: str, /, *, expected: Expected = None, **changes: Any) -> list[str]:
        """Change estate fields; returns the fields that really changed (each audited).

        Parameters
        ----------
        code : str
            The estate.
        expected : mapping, optional
            Column -> the value OneMap read before the user edited (the whole row, or
            part of it).  When the file holds something else now, another program wrote
            the row meanwhile and :class:`ConflictError` is raised; nothing is written.
        **changes
            Column -> new value.  Text loses any credential; a value equal to the stored
            one is no change and is not audited.
        """
        unknown = set(changes) - set(self._estate_columns())
        if unknown:
            raise ValueError(f"not estate fields: {sorted(unknown)}")
        old = self._estate_row(code)
        self._expect(old, expected, code)
        new = storable("estates", {k: _stored(v) for k, v in changes.items()})
        changed = [k for k, v in new.items() if differs(old[k], v)]
        if not changed:
            return []
        assignments = ", ".join(f'"{k}" = ?' for k in changed)
        self._conn.execute(
            f"UPDATE estates SET {assignments}, updated_at = ? WHERE code = ?",
            [*(new[k] for k in changed), timestamp(), code],
        )
        key = new.get("code", code)
        for name in changed:
            self.audit.record("update", "estates", key, name, old[name], new[name])
        return changed

    def move_estate(self, code: str, location: tuple[float, float] | None, *, expected: Expected = None) -> bool:
        """Set (or clear, with ``None``) the estate's point, in EPSG:4490 lon/lat.

        Returns False, writing and auditing nothing, when the point is already there;
        ``expected`` as for :meth:`update_estate`.
        """
        row = self._estate_row(code)
        self._expect(row, expected, code)
        old = row["geom"]
        if location_of(old) == (None if location is None else (float(location[0]), float(location[1]))):
            return False
        new = point_blob(location)
        self._conn.execute("UPDATE estates SET geom = ?, updated_at = ? WHERE code = ?", (new, timestamp(), code))
        self.audit.record("update", "estates", code, "geom", old, new)
        return True

    def set_outline(self, code: str, outline: BaseGeometry | None, *, expected: Expected = None) -> bool:
        """Replace the estate's outline (范围面); ``None`` removes it.

        Returns False, writing and auditing nothing, when the file already holds exactly
        that outline; ``expected`` checks the estate's row as for :meth:`update_estate`.
        """
        self._expect(self._estate_row(code), expected, code)
        olds = [r[0] for r in self._conn.execute("SELECT geom FROM estate_areas WHERE estate_code = ?", (code,))]
        new = None if outline is None else encode(as_multipolygon(outline))
        if (new is None and not olds) or (new is not None and len(olds) == 1 and same_geometry(olds[0], new)):
            return False
        self._conn.execute("DELETE FROM estate_areas WHERE estate_code = ?", (code,))
        if new is not None:
            self._conn.execute("INSERT INTO estate_areas (estate_code, geom) VALUES (?, ?)", (code, new))
        self.audit.record("update", "estate_areas", code, "geom", olds[0] if olds else None, new)
        return True

    def delete_estate(self, code: str, *, expected: Expected = None) -> None:
        """Delete an estate and everything that hangs off it (audited with its old values)."""
        row = self._estate_row(code)
        self._expect(row, expected, code)
        old = dict(row)
        self._conn.execute("DELETE FROM estates WHERE code = ?", (code,))
        self.audit.record_row("delete", "estates", code, old)

    def add_child(self, table: str, item: Any) -> int:
        """Insert a Building, Contact, Camera, Funding or RenovationItem; returns its fid."""
        values = child_values(table, item)
        fid = self._insert(table, values)
        self.audit.record_row("insert", table, f"{item.estate_code}/{fid}", values)
        return fid

    def update_child(self, table: str, fid: int, *, expected: Expected = None, **changes: Any) -> list[str]:
        """Change fields of one child row; returns the fields that really changed.

        Text loses any credential (a camera link's login goes to the keyring);
        ``expected`` is the row as OneMap read it, as for :meth:`update_estate`.
        """
        columns = CHILD_TABLES[table][1]
        if set(changes) - set(columns) - {"geom"}:
            raise ValueError(f"not {table} fields: {sorted(set(changes) - set(columns))}")
        old = self._child_row(table, fid)
        self._expect(old, expected, f"{old['estate_code']}/{fid}", table)
        new = storable(table, changes)
        changed = [k for k, v in new.items() if differs(old[k], v)]
        for name in changed:
            self._conn.execute(f'UPDATE {table} SET "{name}" = ? WHERE fid = ?', (new[name], fid))
            self.audit.record("update", table, f"{old['estate_code']}/{fid}", name, old[name], new[name])
        return changed

    def replace_children(self, code: str, table: str, items: Iterable[Any]) -> int:
        """Make the estate's rows of ``table`` be ``items``; rows already there are kept untouched.

        Returns how many rows were deleted or added (0 when the file already says the
        same), so a re-import audits only what really changed.
        """
        kept = {
            row["fid"]: row
            for row in self._conn.execute(f'SELECT * FROM "{table}" WHERE estate_code = ? ORDER BY fid', (code,))
        }
        added = 0
        for item in items:
            item.estate_code = code
            values = storable(table, child_values(table, item), links_parsed=True)
            same = next(
                (fid for fid, row in kept.items() if not any(differs(row[k], v) for k, v in values.items())), None
            )
            if same is not None:
                del kept[same]
                continue
            self.add_child(table, item)
            added += 1
        for fid in kept:
            self.delete_child(table, fid)
        return added + len(kept)

    def delete_child(self, table: str, fid: int, *, expected: Expected = None) -> None:
        """Delete one child row (audited with its old values)."""
        old = self._child_row(table, fid)
        self._expect(old, expected, f"{old['estate_code']}/{fid}", table)
        self._conn.execute(f"DELETE FROM {table} WHERE fid = ?", (fid,))
        self.audit.record_row("delete", table, f"{old['estate_code']}/{fid}", dict(old))

    def add_admin_area(self, code: str | None, name: str | None, level: str | None, geom: BaseGeometry) -> int:
        """Add a county or township outline (EPSG:4490)."""
        values = {"code": code, "name": name, "level": level, "geom": encode(as_multipolygon(geom))}
        fid = self._insert("admin_areas", values)
        self.audit.record_row("insert", "admin_areas", code, {k: v for k, v in values.items() if k != "geom"})
        return fid

    def bulk_load(
        self,
        estates: Iterable[Estate | EstateBlock | ScratchBlock],
        *,
        note: str,
        progress: Progress | None = None,
        total: int | None = None,
        cancel: Callable[[], bool] | None = None,
        each: bool = False,
    ) -> int:
        """Insert many new estates fast (batched), audited as one ``bulk`` entry.

        Used by the demo generator and by importers; must run inside a transaction so a
        cancel (``cancel()`` returning True raises :class:`InterruptedError`) rolls back.
        ``estates`` may mix :class:`Estate` objects and whole :class:`EstateBlock` column
        sets (written as they come, in order), or :class:`~onemap.store.scratch.ScratchBlock` s
        (the same, written ahead into a scratch file: :meth:`detach_scratch` after the commit).
        ``each`` also records every estate's insert (an import: each estate's history then
        starts with the ledger it came from).  A
        ``total`` of ``rtreebuild.PARALLEL_FROM`` estates or more also packs empty R-trees and
        builds empty tables' indexes once, at the end (:mod:`~onemap.store.bulkindex`).
        """
        columns = self._estate_columns()
        loaded, batch = 0, list[Any]()
        # no trigger runs per row: the R-trees are filled set-based (see bulkindex)
        tables, parallel = ["estates", "estate_areas", *CHILD_LISTS], (total or 0) >= PARALLEL_FROM
        with triggers_suspended(self._conn, tables, parallel=parallel) as index:
            for item in estates:
                if isinstance(item, EstateBlock):
                    loaded += self._load_batch(batch, columns, each) + self._load_block(item, index, each)
                    batch = []
                elif isinstance(item, ScratchBlock):  # written by a helper process (see scratch)
                    if each:
                        raise ValueError("a scratch block's estates are not audited one by one")
                    loaded += self._load_batch(batch, columns) + copy_scratch(self._conn, item, index, timestamp())
                    batch = []
                else:
                    batch.append(item)
                    if len(batch) < 2000:
                        continue
                    loaded += self._load_batch(batch, columns, each)
                    batch = []
                if progress is not None:
                    progress(loaded / total if total else 0.0, f"已写入 {loaded} 个小区")
                if cancel is not None and cancel():
                    raise InterruptedError("cancelled")
            loaded += self._load_batch(batch, columns, each)
        self.audit.record("bulk", "estates", None, None, None, f"{note}：{loaded} 个小区")
        gpkg.update_extents(self._conn)
        return loaded

    def detach_scratch(self) -> None:
        """Let go of the scratch files a bulk load attached (after its transaction ended)."""
        detach_all(self._conn)

    def _load_block(self, block: EstateBlock, index: BulkIndex, each: bool) -> int:
        stored = write_block(self._conn, block, index, timestamp())
        if each and stored:
            rows = [dict(zip(stored, row, strict=True)) for row in zip(*stored.values(), strict=True)]
            self.audit.record_rows("insert", "estates", [(str(row["code"]), row) for row in rows])
        return len(block)

    def _load_batch(self, batch: list[Estate], columns: tuple[str, ...], each: bool = False) -> int:
        if not batch:
            return 0
        now = timestamp()
        rows = [storable("estates", {**estate_values(e, columns), "updated_at": now}) for e in batch]
        names = list(rows[0])
        self._conn.executemany(
            f"INSERT INTO estates ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [[r[n] for n in names] for r in rows],
        )
        if each:
            self.audit.record_rows("insert", "estates", [(str(r["code"]), r) for r in rows])
        outlines = [(e.code, as_multipolygon(e.outline)) for e in batch if e.outline is not None]
        blobs = encode_many([g for _c, g in outlines])
        self._conn.executemany(
            "INSERT INTO estate_areas (estate_code, geom) VALUES (?, ?)",
            [(c, b) for (c, _g), b in zip(outlines, blobs, strict=True)],
        )
        for table, attr in CHILD_LISTS.items():
            self._load_children(table, [i for e in batch for i in getattr(e, attr)])
        return len(batch)

    def _load_children(self, table: str, items: list[Any]) -> None:
        if not items:
            return
        rows = [storable(table, child_values(table, item, geometry=False), links_parsed=True) for item in items]
        geom_attr = CHILD_TABLES[table][2]
        if geom_attr is not None:  # encoded together: one vectorised WKB and bounds pass per table
            shapes = [getattr(item, geom_attr) for item in items]
            if geom_attr == "footprint":
                blobs = encode_many([as_multipolygon(shape) for shape in shapes])
            else:
                blobs = [point_blob(shape) for shape in shapes]
            for row, blob in zip(rows, blobs, strict=True):
                row["geom"] = blob
        names = list(rows[0])
        self._conn.executemany(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [[r[n] for n in names] for r in rows],
        )

    def _child_row(self, table: str, fid: int) -> sqlite3.Row:
        if table not in CHILD_TABLES:
            raise ValueError(f"unknown child table {table!r}")
        row = self._conn.execute(f'SELECT * FROM "{table}" WHERE fid = ?', (fid,)).fetchone()
        if row is None:
            raise InventoryError("no_estate", self.path, detail=f"{table}/{fid}")
        return row  # type: ignore[no-any-return]

    def _expect(self, row: sqlite3.Row, expected: Expected, key: str, table: str = "estates") -> None:
        """Refuse (ConflictError) when the row no longer holds what OneMap read."""
        if not expected:
            return
        columns = set(row.keys())  # ``name in row`` would search the values
        changed = {
            name: shown(row[name])
            for name, value in expected.items()
            if name not in NOT_COMPARED and name in columns and differs(row[name], _stored(value))
        }
        if changed:
            raise ConflictError(self.path, key, changed, table)

    def _estate_row(self, code: str) -> sqlite3.Row:
        row = self._conn.execute("SELECT * FROM estates WHERE code = ?", (code,)).fetchone()
        if row is None:
            raise InventoryError("no_estate", self.path, detail=code)
        return row  # type: ignore[no-any-return]

    def _estate_columns(self) -> tuple[str, ...]:
        # the schema only changes by migration, which happens before an Inventory exists
        cached: tuple[str, ...] | None = getattr(self, "_columns", None)
        if cached is None:
            present = {row[1] for row in self._conn.execute("PRAGMA table_info(estates)")}
            cached = self._columns = tuple(c for c in ESTATE_COLUMNS if c in present)
        return cached


def _stored(value: Any) -> Any:
    """A field value as the file stores it (category lists as comma-joined keys)."""
    if isinstance(value, list | tuple):
        return ",".join(value) if value else None
    return value
