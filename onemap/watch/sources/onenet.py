"""China Mobile OneNET data push (数据推送): URL verification, signature check, replay guard.

- Verification: ``GET url?msg=…&nonce=…&signature=…``; answer the ``msg`` text when
  ``signature == base64(MD5(token + nonce + msg))``.
- Push: ``POST {"msg": …, "msg_signature": …, "nonce": …}`` (OneNET Studio names it
  ``signature`` and adds ``time`` in ms).  The signature covers ``msg`` exactly as sent, so it is
  checked against the raw text of the member, not a re-serialisation.  ``msg`` is one object or a
  list: ``type`` 1 is a datapoint (``dev_id``, ``ds_id``, ``value``, ``at`` ms), ``type`` 2 an
  online/offline change (``status`` 1/0).
- Replays: a nonce seen within the window, or a ``time`` outside it, is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from onemap.watch.event import SHANGHAI, DeviceKey, Event, State, from_epoch
from onemap.watch.mapping import classify
from onemap.watch.rejection import Rejection
from onemap.watch.sources import Parsed
from onemap.watch.sources.gas import gas_events

SOURCE = "onenet"


def signature(token: str, nonce: str, msg: str) -> str:
    """``base64(MD5(token + nonce + msg))``, OneNET's signature."""
    return base64.b64encode(hashlib.md5((token + nonce + msg).encode("utf-8")).digest()).decode("ascii")


def signed(token: str, nonce: str, msg: str, given: str) -> bool:
    """Whether ``given`` is the signature (constant-time; a ``+`` turned to space by a URL is forgiven)."""
    expected = signature(token, nonce, msg).encode("ascii")
    return any(hmac.compare_digest(expected, g.encode("utf-8")) for g in {given, given.replace(" ", "+")})


class NonceGuard:
    """Remembers nonces for ``window`` seconds; refuses a repeat or a ``time`` outside the window."""

    def __init__(self, window: float = 300.0, clock: Callable[[], float] = time.time) -> None:
        self.window, self._clock = window, clock
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def check(self, nonce: str, sent_ms: Any = None) -> Rejection | None:
        """None when the push is fresh (and remember its nonce), else why not."""
        now = self._clock()
        if sent_ms is not None:
            try:
                skew = abs(now - float(sent_ms) / 1000)
            except (TypeError, ValueError):
                return Rejection("missing_field", "time")
            if not skew <= self.window:
                return Rejection("stale", f"±{int(self.window)} s")
        with self._lock:
            if len(self._seen) > 10_000:
                self._seen = {n: t for n, t in self._seen.items() if now - t <= self.window}
            seen_at = self._seen.get(nonce)
            if seen_at is not None and now - seen_at <= self.window:
                return Rejection("replayed")
            self._seen[nonce] = now
        return None


def verify_url(query: dict[str, str], token: str) -> str | Rejection:
    """The text to answer OneNET's URL check with (its ``msg``), or why not."""
    msg, nonce, given = query.get("msg"), query.get("nonce"), query.get("signature")
    if msg is None or not nonce or not given or not token:
        return Rejection("unsigned")
    return msg if signed(token, nonce, msg, given) else Rejection("bad_signature")


def parse(body: bytes, token: str, guard: NonceGuard, received: datetime | None = None) -> Parsed:
    """The events of one signed push; unsigned, forged and replayed pushes are refused."""
    try:
        text = body.decode("utf-8")
        data = json.loads(text)
        raw_msg = raw_member(text, "msg")
    except ValueError as error:
        return Rejection("malformed_json", str(error)[:80])
    if not isinstance(data, dict) or raw_msg is None:
        return Rejection("missing_field", "msg")
    nonce, given = data.get("nonce"), data.get("msg_signature", data.get("signature"))
    if not token or not isinstance(nonce, str) or not isinstance(given, str) or not nonce or not given:
        return Rejection("unsigned")
    msg_text = data["msg"] if isinstance(data["msg"], str) else raw_msg
    if not signed(token, nonce, msg_text, given):
        return Rejection("bad_signature")
    if (stale := guard.check(nonce, data.get("time"))) is not None:
        return stale
    return messages(data["msg"], body, received)


def messages(msg: Any, raw: bytes, received: datetime | None = None) -> Parsed:
    """Events from the (already verified) ``msg``: one object, a list, or a JSON string of either."""
    if isinstance(msg, str):
        try:
            msg = json.loads(msg)
        except ValueError as error:
            return Rejection("malformed_json", str(error)[:80])
    events: list[Event] = []
    for item in msg if isinstance(msg, list) else [msg]:
        if not isinstance(item, dict):
            return Rejection("missing_field", "msg")
        events += _one(item, raw, received)
    return events


def _one(item: dict[str, Any], raw: bytes, received: datetime | None) -> list[Event]:
    ids = [DeviceKey("device_id", str(item["dev_id"]))] if item.get("dev_id") not in (None, "") else []
    if imei := str(item.get("imei") or "").strip():
        ids.insert(0, DeviceKey("imei", imei))
    if not ids:
        return []
    try:
        moment = from_epoch(float(item["at"]) / 1000)
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        moment = received or datetime.now(SHANGHAI)
    if item.get("type") == 2:
        kind, level = classify(SOURCE, "type=2")
        state = State.ACTIVE if str(item.get("status")) == "0" else State.CLEARED
        return [Event(SOURCE, ids[0], kind, level, moment, state, "type=2", raw=raw, aliases=tuple(ids[1:]))]
    fields = {str(item.get("ds_id", "")): item.get("value")}
    return gas_events(SOURCE, fields, ids[0], tuple(ids[1:]), moment, raw)


def raw_member(text: str, name: str) -> str | None:
    """The exact source text of a top-level member's value in a JSON object (for signatures)."""
    decoder, at = json.JSONDecoder(), _skip(text, 0)
    if text[at : at + 1] != "{":
        return None
    at = _skip(text, at + 1)
    while at < len(text) and text[at] != "}":
        key, at = decoder.raw_decode(text, at)
        at = _skip(text, at)
        if text[at : at + 1] != ":":
            raise ValueError("expected ':'")
        start = _skip(text, at + 1)
        _value, end = decoder.raw_decode(text, start)
        if key == name:
            return text[start:end]
        at = _skip(text, end)
        at = _skip(text, at + 1) if text[at : at + 1] == "," else at
    return None


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at
