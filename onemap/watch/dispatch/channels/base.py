"""What every channel shares: the request it is given, the result it gives back, one HTTP POST.

A send either reached the provider and got an answer (``sent`` or ``failed`` with the
provider's code), never left (``not sent``: safe to try again with the same de-duplication
key), or left and got no usable answer (``ambiguous``: the provider may have delivered it).
:func:`post` tells the last two apart: :mod:`urllib.request` wraps errors while connecting
and writing the request in :class:`urllib.error.URLError`, and lets errors while waiting for
the answer through as they are.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from onemap.phones import mask_phone
from onemap.watch.dispatch.message import AlertMessage

#: statuses a send can end in
SENT, FAILED, AMBIGUOUS, REFUSED, DEDUPLICATED, QUEUED = (
    "sent",
    "failed",
    "ambiguous",
    "refused",
    "deduplicated",
    "queued",
)


@dataclass(frozen=True)
class Outgoing:
    """One send: the alert(s), who gets them, and the key that de-duplicates retries (SMS OutId)."""

    messages: tuple[AlertMessage, ...]
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    key: str = ""


@dataclass(frozen=True)
class SendResult:
    """How a send ended; ``retryable`` says whether trying again may help and cannot double it."""

    status: str
    retryable: bool = False
    code: str = ""
    provider_id: str = ""
    detail: str = ""

    @property
    def ok(self) -> bool:
        """The provider took it (now, or on an earlier attempt with the same key)."""
        return self.status in (SENT, DEDUPLICATED)


class Channel(Protocol):
    """A way to reach people: SMS, a group robot, e-mail."""

    name: str
    kind: str

    def send(self, outgoing: Outgoing) -> SendResult:
        """Send once (no retry here: :mod:`onemap.watch.dispatch.retry` decides)."""
        ...


def masked(outgoing: Outgoing) -> str:
    """The recipients as they may appear in a record or a log: ``138****5678, a***@gas.cn``."""
    phones = [mask_phone(p) for p in outgoing.phones]
    emails = [_mask_email(e) for e in outgoing.emails]
    return ", ".join(phones + emails)


def _mask_email(address: str) -> str:
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


class NotSent(Exception):
    """The request never reached the provider (no connection): retrying cannot double it."""


class Ambiguous(Exception):
    """The request left but no answer came back: the provider may or may not have acted on it."""


def post(url: str, body: bytes, content_type: str, timeout_s: float) -> tuple[int, bytes]:
    """POST ``body``; the HTTP status and the answer's bytes (error statuses included).

    Raises
    ------
    NotSent
        Connecting or writing the request failed.
    Ambiguous
        The request was written but the answer did not come (timeout, reset, garbage).
    """
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as answer:  # http(s) only: checked by the config
            return int(answer.status), bytes(answer.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except urllib.error.URLError as exc:
        raise NotSent(type(exc.reason).__name__) from None
    except (OSError, http.client.HTTPException) as exc:
        raise Ambiguous(type(exc).__name__) from None
