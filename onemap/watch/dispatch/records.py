"""Every send, as the alerts store will keep it: when, which channel, to whom (masked), how it ended."""

from __future__ import annotations

from dataclasses import dataclass

from onemap.watch.dispatch.channels.base import Outgoing, SendResult, masked
from onemap.watch.dispatch.clock import iso_utc


@dataclass(frozen=True)
class SendRecord:
    """One attempt on one channel; recipients are masked (``138****5678``), never whole."""

    time: str
    alert_ids: tuple[str, ...]
    channel: str
    kind: str
    recipients: str
    attempt: int
    status: str
    code: str
    provider_id: str
    key: str
    detail: str
    #: (alert id, escalation step) of every alert in the send, in message order (a merged robot
    #: message carries several)
    parts: tuple[tuple[str, int], ...] = ()
    #: when a retry is due (ISO UTC), or "" when none will be made
    retry_at: str = ""


def step_of(key: str) -> int:
    """The escalation step in a de-duplication key ``<code>-<step>-<channel>`` (0 if it has none)."""
    pieces = key.split("-", 2)
    return int(pieces[1]) if len(pieces) == 3 and pieces[1].isdigit() else 0


def record(
    at: float,
    channel: str,
    kind: str,
    outgoing: Outgoing,
    attempt: int,
    result: SendResult,
    retry_at: float | None = None,
) -> SendRecord:
    """The record of ``result`` for ``outgoing``'s ``attempt``-th send at ``at`` (epoch seconds)."""
    alert_ids = tuple(dict.fromkeys(m.alert_id for m in outgoing.messages))
    keys = outgoing.key.split("+")
    steps = [step_of(k) for k in keys] if len(keys) == len(outgoing.messages) else [step_of(keys[0])] * len(keys)
    parts = tuple(zip((m.alert_id for m in outgoing.messages), steps, strict=False))
    return SendRecord(
        iso_utc(at), alert_ids, channel, kind, masked(outgoing), attempt,
        result.status, result.code, result.provider_id, outgoing.key, result.detail,
        parts, "" if retry_at is None else iso_utc(retry_at),
    )  # fmt: skip
