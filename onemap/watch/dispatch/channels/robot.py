"""What WeCom and DingTalk group robots share: a bucket per robot, and bursts merged into one message.

A send when the bucket has a token goes out at once.  Otherwise the alert waits in the
robot's queue, and :meth:`Robot.flush` (called on every dispatcher tick) sends everything
waiting as one merged message as soon as a token is there — so a burst of 50 alerts is a
handful of messages, not 50, and the provider's 20-a-minute limit is never reached.  If a
provider says "too fast" anyway (another program shares the robot), the robot keeps quiet
for the provider's penalty time.
"""

from __future__ import annotations

import json

from onemap.phones import normalize_phone
from onemap.watch.dispatch.channel_specs import option
from onemap.watch.dispatch.channels.base import (
    FAILED,
    QUEUED,
    REFUSED,
    SENT,
    Ambiguous,
    NotSent,
    Outgoing,
    SendResult,
    post,
)
from onemap.watch.dispatch.channels.bucket import TokenBucket
from onemap.watch.dispatch.clock import Clock, system_clock
from onemap.watch.dispatch.keys import load_secret
from onemap.watch.dispatch.message import SecretInMessage, guard, markdown, merged_text
from onemap.watch.dispatch.rules import ChannelSpec


class Robot:
    """A group robot; subclasses give the URL, the JSON body and the provider's error codes."""

    kind = ""
    rate_limited_codes: frozenset[int] = frozenset()
    retry_codes: frozenset[int] = frozenset({-1})  # "system busy"
    penalty_s = 60.0
    max_bytes = 2000

    def __init__(self, spec: ChannelSpec, clock: Clock = system_clock) -> None:
        self.name = spec.name
        self.endpoint = str(option(spec.options, self.kind, "endpoint"))
        self.format = str(option(spec.options, self.kind, "format"))
        self.timeout_s = float(option(spec.options, self.kind, "timeout_s"))  # type: ignore[arg-type]
        self.clock = clock
        self.bucket = TokenBucket(int(option(spec.options, self.kind, "per_minute")), clock)  # type: ignore[call-overload]
        self.pending: list[Outgoing] = []
        self.quiet_until = 0.0

    secret_names: tuple[str, ...] = ()

    def url(self, secrets: dict[str, str | None]) -> str | None:
        """The webhook URL with its secrets, or None if the keyring lacks a required one."""
        raise NotImplementedError

    def body(self, outgoing: Outgoing, mobiles: list[str]) -> dict[str, object]:
        """The provider's JSON for one (possibly merged) message."""
        raise NotImplementedError

    def send(self, outgoing: Outgoing) -> SendResult:
        """Send now if the bucket allows, else queue it to go out merged (``queued``)."""
        try:
            guard(*(merged_text([m]) for m in outgoing.messages))
        except SecretInMessage as exc:
            return SendResult(REFUSED, code="secret", detail=str(exc))
        if self.pending or self.clock() < self.quiet_until or not self.bucket.take():
            self.pending.append(outgoing)
            return SendResult(QUEUED)
        return self._post(outgoing)

    def flush(self) -> list[tuple[Outgoing, SendResult]]:
        """Send what is waiting, merged into as few messages as tokens and size allow."""
        sent = []
        while self.pending and self.clock() >= self.quiet_until and self.bucket.take():
            merged = self._take_merge()
            sent.append((merged, self._post(merged)))
        return sent

    def _take_merge(self) -> Outgoing:
        """The longest head of the queue whose merged text stays under the provider's size limit."""
        count = 1
        while (
            count < len(self.pending)
            and len(self._text(self._merge(self.pending[: count + 1])).encode()) <= self.max_bytes
        ):
            count += 1
        merged, self.pending = self._merge(self.pending[:count]), self.pending[count:]
        return merged

    @staticmethod
    def _merge(parts: list[Outgoing]) -> Outgoing:
        messages = tuple(m for part in parts for m in part.messages)
        phones = tuple(dict.fromkeys(p for part in parts for p in part.phones))
        return Outgoing(messages, phones, (), "+".join(part.key for part in parts))

    def _text(self, outgoing: Outgoing) -> str:
        if self.format == "markdown":
            return markdown(list(outgoing.messages))[1]
        return merged_text(list(outgoing.messages))

    def _post(self, outgoing: Outgoing) -> SendResult:
        secrets = {name: load_secret(self.name, name) for name in self.secret_names}
        url = self.url(secrets)
        if url is None:
            return SendResult(
                FAILED, code="no_secret", detail="系统钥匙串中没有机器人密钥 / the robot's key is not in the keyring"
            )
        try:
            guard(self._text(outgoing), known=tuple(secrets.values()))
        except SecretInMessage as exc:
            return SendResult(REFUSED, code="secret", detail=str(exc))
        mobiles = [p.value for p in map(normalize_phone, outgoing.phones) if p.kind == "mobile" and p.value]
        data = json.dumps(self.body(outgoing, mobiles), ensure_ascii=False).encode("utf-8")
        try:
            status, raw = post(url, data, "application/json; charset=utf-8", self.timeout_s)
        except NotSent as exc:
            return SendResult(FAILED, retryable=True, detail=str(exc))
        except Ambiguous as exc:  # a doubled group message is better than a lost alert
            return SendResult(FAILED, retryable=True, detail=str(exc))
        return self._answer(status, raw)

    def _answer(self, status: int, raw: bytes) -> SendResult:
        try:
            answer = json.loads(raw.decode("utf-8"))
            code = int(answer["errcode"])
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            return SendResult(FAILED, retryable=True, detail=f"HTTP {status}, unreadable answer")
        if code == 0:
            return SendResult(SENT, code="0")
        if code in self.rate_limited_codes:
            self.quiet_until = self.clock() + self.penalty_s
        retry = code in self.rate_limited_codes or code in self.retry_codes
        return SendResult(FAILED, retryable=retry, code=str(code), detail=str(answer.get("errmsg", "")))
