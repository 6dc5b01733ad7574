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


def record(at: float, channel: str, kind: str, outgoing: Outgoing, attempt: int, result: SendResult) -> SendRecord:
    """The record of ``result`` for ``outgoing``'s ``attempt``-th send at ``at`` (epoch seconds)."""
    alert_ids = tuple(dict.fromkeys(m.alert_id for m in outgoing.messages))
    return SendRecord(
        iso_utc(at), alert_ids, channel, kind, masked(outgoing), attempt,
        result.status, result.code, result.provider_id, outgoing.key, result.detail,
    )  # fmt: skip
