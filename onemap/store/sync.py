"""A checked-out copy's edits sent back to where it came from: the server or another inventory file.

The copy's audit trail after ``checkout_audit_fid`` is the change log.  Each row it touched is
one change: an estate or any of its rows (outline, buildings, contacts, cameras, sensors …)
updated field by field, inserted, or deleted.  A checkout records which row of the origin each
of the copy's rows is (``checkout_fids``); a row the copy inserted is added there once the
origin committed it, and a rerun after a kill between the two finds the row it sent (same estate,
same values) instead of inserting it twice.  For each changed field three values count: at
checkout (the first edit's old value), in the copy now, in the origin now.  Origin equal to the
copy: already there.  Origin still at the checkout value: applied.  Otherwise a collision, listed
with both values, who and when, applied only when ``prefer`` is ``field``.  A row deleted on one
side and edited on the other is a collision too.  Everything lands in one transaction or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onemap.store.sync_alerts import STEPS, field_notes, send_steps
from onemap.store.sync_sides import FileSide, row_key, same
from onemap.store.triggers import readable


@dataclass
class RowChange:
    """One row the copy changed since checkout: its net action and first old value per field."""

    table: str
    code: str
    key: Any  # the copy's code (estates) or fid
    first_action: str
    who: str = ""
    at: str = ""
    at_checkout: dict[str, str | None] = field(default_factory=dict)


def row_changes(copy: FileSide, start: int) -> tuple[list[RowChange], int]:
    """The copy's changed rows since the audit entry ``start`` (in order), and how many entries cannot go back."""
    tables = {"estates", *copy.child_tables()}
    found: dict[tuple[str, str], RowChange] = {}
    others = 0
    for table, key, name, old, who, at, action in copy._conn.execute(
        "SELECT table_name, row_key, field, old_value, who, at, action FROM audit_log WHERE fid > ? ORDER BY fid",
        (start,),
    ):
        outline = table == "estate_areas" and key is not None and "/" not in key  # set_outline: the whole outline
        if outline:
            found.setdefault((table, key), RowChange(table, key, None, "outline", at_checkout={"geom": readable(old)}))
            found[(table, key)].who, found[(table, key)].at = who, at
            continue
        if table not in tables or key is None or (table != "estates" and "/" not in key):
            others += 1
            continue
        code, _, fid = key.partition("/")
        ours = code if table == "estates" else int(fid)
        change = found.setdefault((table, key), RowChange(table, code, ours, action))
        change.who, change.at = who, at
        if action == "update" and name and name not in ("updated_at", "fid"):
            change.at_checkout.setdefault(name, readable(old))
    return list(found.values()), others


@dataclass
class Sync:
    """One checkin: ``copy`` (the field file) into ``origin``, with the collision rule ``prefer``."""

    copy: FileSide
    origin: FileSide
    fids: dict[str, dict[str, Any]]  # table -> copy fid (text) -> origin fid (checkout_fids)
    prefer: str | None
    report: Any

    def run(self, changes: list[RowChange]) -> dict[str, dict[str, Any]]:
        """Apply every change (estates first for inserts and updates, their rows first for deletes);
        the origin fids of the rows inserted, to remember in the copy once the origin committed."""
        order = sorted(changes, key=lambda c: c.table != "estates")
        inserted: dict[str, dict[str, Any]] = {}
        # rows deleted first: a row replaced by a new one (an estate's 片区, its consent) frees its unique key
        self._deletes([c for c in reversed(order) if c.table != "estates"])
        for change in order:
            if change.first_action == "outline":
                self._outline(change)
                continue
            now = self.copy.row(change.table, change.key)
            if now is not None:
                self._send(change, self._origin_values(change.table, now, inserted), inserted)
        self._deletes([c for c in reversed(order) if c.table == "estates"])
        return inserted

    def _deletes(self, changes: list[RowChange]) -> None:
        for change in changes:
            if change.first_action in ("insert", "outline"):
                continue
            if self.copy.row(change.table, change.key) is None:
                self._delete(change)

    def _target(self, change: RowChange, inserted: dict[str, dict[str, Any]]) -> Any:
        if change.table == "estates":
            return change.key
        key = str(change.key)
        return self.fids.get(change.table, {}).get(key, inserted.get(change.table, {}).get(key))

    def _origin_values(self, table: str, values: dict[str, Any], inserted: dict[str, dict[str, Any]]) -> dict[str, Any]:
        """The copy's references to renumbered rows (a finding's building) as the origin's fids."""
        from onemap.store.sync_attached import to_origin

        both = {t: {**self.fids.get(t, {}), **inserted.get(t, {})} for t in {*self.fids, *inserted}}
        return to_origin(self.copy, table, values, both)

    def _claimed(self, table: str, inserted: dict[str, dict[str, Any]]) -> set[Any]:
        return {*self.fids.get(table, {}).values(), *inserted.get(table, {}).values()}

    def _send(self, change: RowChange, now: dict[str, Any], inserted: dict[str, dict[str, Any]]) -> None:
        target = self._target(change, inserted)
        there = None if target is None else self.origin.row(change.table, target)
        if there is None and change.first_action == "insert" and (target is None or change.table == "estates"):
            self._insert(change, now, inserted)
            if change.table == "alerts":  # an alert raised in the field: its steps follow it
                send_steps(self, change, inserted[change.table][str(change.key)], inserted)
            return
        if there is None:  # deleted at the origin, edited in the copy
            self._collide(change, target, None, {"value": None, "deleted": True}, {"value": None, "edited": True})
            if self.prefer == "field":
                self._insert(change, now, inserted)
            return
        read = self._origin_values(change.table, change.at_checkout, inserted)
        fields = read if change.first_action != "insert" else dict.fromkeys(now)
        settled, waiting = {}, set()
        for name, at_checkout in fields.items():
            if name not in there or name not in now or same(there[name], now[name]):
                self.report.unchanged += int(name in there)
                continue
            if change.first_action != "insert" and not same(there[name], at_checkout):
                here = {"value": now[name], **self._field_extra(change, name, inserted)}
                self._collide(change, target, name, {"value": there[name]}, here, at_checkout)
                if self.prefer != "field":
                    waiting.add(name)
                    continue
            settled[name] = now[name]
        if settled:
            self.origin.update(change.table, target, settled, change.who, change.code)
            self.report.applied += [_applied(change, k, v) for k, v in settled.items()]
        if change.table == "alerts" and "status" not in waiting:  # its steps go (or wait) with its status
            send_steps(self, change, target, inserted)

    def _field_extra(self, change: RowChange, name: str, inserted: dict[str, dict[str, Any]]) -> dict[str, Any]:
        """What a collision shows beside the field's value: an alert's waiting steps and their notes."""
        if change.table != "alerts" or name != "status":
            return {}
        sent = {**self.fids.get(STEPS, {}), **inserted.get(STEPS, {})}
        return {"steps": field_notes(self.copy, change.key, sent)}

    def _outline(self, change: RowChange) -> None:
        """A redrawn (or removed) outline: the estate's area as one shape, with the field rule."""
        here, there = self.copy.outline(change.code), self.origin.outline(change.code)
        if same(here, there):
            self.report.unchanged += 1
            return
        if not same(there, change.at_checkout["geom"]):
            self._collide(change, change.code, "geom", {"value": there}, {"value": here}, change.at_checkout["geom"])
            if self.prefer != "field":
                return
        self.origin.set_outline(change.code, here, change.who)
        self.report.applied.append(_applied(change, "geom", here))

    def _insert(self, change: RowChange, now: dict[str, Any], inserted: dict[str, dict[str, Any]]) -> None:
        # a checkin killed after the origin's commit, before the copy noted the new fids: find the row sent then
        key = self.origin.same_row(change.table, change.code, now, self._claimed(change.table, inserted))
        if key is not None:
            inserted.setdefault(change.table, {})[str(change.key)] = key
            self.report.unchanged += 1
            return
        key = self.origin.insert(change.table, now, change.who, change.code)
        if change.table != "estates":
            inserted.setdefault(change.table, {})[str(change.key)] = key
        self.report.applied.append(_applied(change, None, "inserted"))

    def _delete(self, change: RowChange) -> None:
        target = self._target(change, {})
        if target is None or self.origin.row(change.table, target) is None:
            self.report.unchanged += 1
            return
        since = self.report.checkout_at or ""
        if self.origin.last_change(change.table, row_key(change.table, change.code, target), None, since):
            self._collide(change, target, None, {"value": None, "edited": True}, {"value": None, "deleted": True})
            if self.prefer != "field":
                return
        self.origin.delete(change.table, target, change.who, change.code)
        self.report.applied.append(_applied(change, None, "deleted"))

    def _collide(
        self,
        change: RowChange,
        target: Any,
        name: str | None,
        there: dict[str, Any],
        here: dict[str, Any],
        old: Any = None,
    ) -> None:
        key = row_key(change.table, change.code, target if target is not None else change.key)
        last = self.origin.last_change(change.table, key, name) or self.origin.last_change(change.table, key, None)
        self.report.collisions.append(
            {
                "table": change.table,
                "row": key,
                "code": self._estate_of(change),
                "field": name,
                "at_checkout": old,
                "server": {**there, "who": last[0] if last else None, "at": last[1] if last else None},
                "field_copy": {**here, "who": change.who, "at": change.at},
                "kept": self.prefer or "undecided",
            }
        )

    def _estate_of(self, change: RowChange) -> str:
        """The estate a collision names: an alert's or a facility's own (their audit key names their table)."""
        if change.code != change.table:
            return change.code
        row = self.copy.row(change.table, change.key) or {}
        return str(row.get("estate_code") or change.code)


def _applied(change: RowChange, name: str | None, value: Any) -> dict[str, Any]:
    return {"table": change.table, "code": change.code, "row": change.key, "field": name, "value": value}
