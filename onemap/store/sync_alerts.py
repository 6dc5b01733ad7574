"""An alert's handling steps made in the field, sent back with its status (checkout, checkin).

A field laptop moves alerts through their cycle (签收, 派发, 办结 … with a note): each move
changes ``alerts.status`` (audited, so the checkin's change log sees it and the field rule of
:mod:`onemap.store.sync` settles it, collisions included) and adds an ``alert_steps`` row,
which holds the note, who and when.  The steps are not audited rows of their own, so they
travel with the status: a checkout copies each alert's steps keeping their origin fid (listed
in ``checkout_fids``), every other step of the copy was made in the field, and it goes back
when the alert's status does (applied, or already there, or kept by ``--prefer field``); while
the status waits in a collision the steps wait with it, and the collision shows their notes.
A step the origin already holds (a checkin killed after the origin's commit, before the copy
noted what it sent) is found by its values and not added twice.
"""

from __future__ import annotations

from typing import Any

from onemap.store.sync_attached import _file_rows, _server_rows, to_copy
from onemap.store.sync_sides import FileSide, ServerSide, same

STEPS = "alert_steps"
#: what makes two steps the same step
_SAME = ("from_status", "to_status", "who", "at", "note")


def steps_of(side: FileSide, alert_fids: list[int]) -> list[dict[str, Any]]:
    """The steps of those alerts, in fid order (empty when the side has no steps table)."""
    if not alert_fids or not side.columns(STEPS):
        return []
    if isinstance(side, ServerSide):
        return _server_rows(side, STEPS, "alert_id = ANY(%s)", [alert_fids])
    import json

    return _file_rows(side, STEPS, "alert_id IN (SELECT value FROM json_each(?))", [json.dumps(alert_fids)])


def copy_steps(origin: FileSide, copy: FileSide, fids: dict[str, dict[str, Any]]) -> int:
    """Copy the steps of the alerts a checkout copied (their fids kept, listed in ``fids``); how many."""
    alerts = [int(f) for f in fids.get("alerts", {}).values()]
    rows = steps_of(origin, alerts)
    if not copy.columns(STEPS):
        return 0
    from onemap.store.sync_attached import _insert

    for row in rows:
        _insert(copy, STEPS, to_copy(copy, STEPS, row, fids))
        fids.setdefault(STEPS, {})[str(row["fid"])] = row["fid"]
    return len(rows)


def field_steps(copy: FileSide, alert: Any, sent: dict[str, Any]) -> list[dict[str, Any]]:
    """The copy's steps of its alert ``alert`` made in the field and not yet sent (``sent``: copy fid -> origin fid)."""
    return [s for s in steps_of(copy, [int(alert)]) if str(s["fid"]) not in sent]


def field_notes(copy: FileSide, alert: Any, sent: dict[str, Any]) -> list[dict[str, Any]]:
    """The field's waiting steps as a collision shows them: from, to, who, when, note."""
    return [{k: s[k] for k in _SAME} for s in field_steps(copy, alert, sent)]


def send_steps(sync: Any, change: Any, target: Any, inserted: dict[str, dict[str, Any]]) -> None:
    """Add the field's new steps of one alert to the origin's alert ``target``; note what was sent."""
    sent = {**sync.fids.get(STEPS, {}), **inserted.get(STEPS, {})}
    steps = field_steps(sync.copy, change.key, sent)
    if not steps:
        return
    claimed = set(sent.values())
    there = [s for s in steps_of(sync.origin, [target]) if s["fid"] not in claimed]
    for step in steps:
        values = {**{k: v for k, v in step.items() if k != "fid"}, "alert_id": target}  # the origin's alert
        found = next((s for s in there if all(same(s.get(k), values.get(k)) for k in _SAME)), None)
        if found is not None:  # sent by a checkin killed before the copy noted it
            there.remove(found)
            inserted.setdefault(STEPS, {})[str(step["fid"])] = found["fid"]
            sync.report.unchanged += 1
            continue
        key = sync.origin.insert(STEPS, values, step["who"] or change.who, STEPS)
        inserted.setdefault(STEPS, {})[str(step["fid"])] = key
        sync.report.applied.append(
            {"table": STEPS, "code": change.code, "row": step["fid"], "field": "note", "value": step["note"]}
        )
