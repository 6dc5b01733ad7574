"""DingTalk (钉钉) custom group robot, with its signing secret.

``POST <endpoint>?access_token=<token>&timestamp=<ms>&sign=<sign>`` where
``sign = urlencode(base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}")))`` and the
timestamp is the current time in milliseconds (DingTalk refuses one more than an hour off).
Body ``{"msgtype": "text", "text": {"content": …}, "at": {"atMobiles": [...], "isAtAll": false}}``
or ``{"msgtype": "markdown", "markdown": {"title": …, "text": …}, "at": {…}}``; an @ only
notifies when the text itself contains ``@<mobile>``.  20 messages a minute per robot; past
that DingTalk blocks the robot for ten minutes (errcode 410100 / 130101).  Secrets in the
keyring: ``"<channel>:access_token"`` and, for a robot with 加签, ``"<channel>:secret"``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import quote, quote_plus

from onemap.watch.dispatch.channels.base import Outgoing
from onemap.watch.dispatch.channels.robot import Robot
from onemap.watch.dispatch.message import markdown, merged_text


def dingtalk_sign(timestamp_ms: int, secret: str) -> str:
    """DingTalk's ``sign`` query value (already URL-encoded)."""
    to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode("utf-8"), to_sign, hashlib.sha256).digest()
    return quote_plus(base64.b64encode(digest).decode("ascii"))


class DingTalkRobot(Robot):
    """The ``dingtalk`` channel."""

    kind = "dingtalk"
    rate_limited_codes = frozenset({410100, 130101})
    penalty_s = 600.0
    max_bytes = 4000

    secret_names = ("access_token", "secret")

    def url(self, secrets: dict[str, str | None]) -> str | None:
        token, secret = secrets["access_token"], secrets["secret"]
        if token is None:
            return None
        url = f"{self.endpoint}?access_token={quote(token, safe='')}"
        if secret is not None:
            timestamp_ms = int(self.clock() * 1000)
            url += f"&timestamp={timestamp_ms}&sign={dingtalk_sign(timestamp_ms, secret)}"
        return url

    def body(self, outgoing: Outgoing, mobiles: list[str]) -> dict[str, object]:
        messages = list(outgoing.messages)
        mentions = " ".join(f"@{m}" for m in mobiles)
        at = {"atMobiles": mobiles, "isAtAll": False}
        if self.format == "markdown":
            title, body = markdown(messages)
            return {
                "msgtype": "markdown",
                "markdown": {"title": title, "text": f"{body}\n\n{mentions}".rstrip()},
                "at": at,
            }
        return {"msgtype": "text", "text": {"content": f"{merged_text(messages)}\n{mentions}".rstrip()}, "at": at}
