"""WeCom (企业微信) group robot: ``POST <endpoint>?key=<key>`` with a text or markdown JSON body.

``{"msgtype": "text", "text": {"content": …, "mentioned_mobile_list": [mobiles]}}`` (content at
most 2048 bytes) or ``{"msgtype": "markdown", "markdown": {"content": …}}`` (at most 4096
bytes; markdown cannot @ by mobile).  20 messages a minute per robot; ``errcode`` 45009 when
exceeded.  The key is in the keyring as ``"<channel>:key"``.
"""

from __future__ import annotations

from urllib.parse import quote

from onemap.watch.dispatch.channels.base import Outgoing
from onemap.watch.dispatch.channels.robot import Robot
from onemap.watch.dispatch.message import markdown, merged_text


class WeComRobot(Robot):
    """The ``wecom`` channel."""

    kind = "wecom"
    rate_limited_codes = frozenset({45009})
    penalty_s = 60.0

    @property
    def max_bytes(self) -> int:  # type: ignore[override]
        return 4000 if self.format == "markdown" else 2000

    secret_names = ("key",)

    def url(self, secrets: dict[str, str | None]) -> str | None:
        key = secrets["key"]
        return None if key is None else f"{self.endpoint}?key={quote(key, safe='')}"

    def body(self, outgoing: Outgoing, mobiles: list[str]) -> dict[str, object]:
        messages = list(outgoing.messages)
        if self.format == "markdown":
            return {"msgtype": "markdown", "markdown": {"content": markdown(messages)[1]}}
        text: dict[str, object] = {"content": merged_text(messages)}
        if mobiles:
            text["mentioned_mobile_list"] = mobiles
        return {"msgtype": "text", "text": text}
