"""What an alert says when it is sent: estate, type, time, place and a short code — nothing secret.

Every field passes :func:`onemap.cameras.secrets.strip_secrets` when the message is made
(:func:`alert_message`), and every channel checks the text it is about to send with
:func:`onemap.cameras.secrets.has_secret` (:func:`guard`), so a camera login that slipped into a
place name or a device label never leaves the machine.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from onemap.cameras.secrets import has_secret, strip_secrets
from onemap.watch.dispatch.labels import type_label

_PLACE_CHARS = 24  # SMS template values are short; the full place is in OneMap


@dataclass(frozen=True)
class AlertMessage:
    """One alert as told to people; build it with :func:`alert_message`."""

    alert_id: str
    estate_code: str
    estate_name: str
    alert_type: str
    level: int
    time: str
    place: str
    code: str

    @property
    def type_zh(self) -> str:
        """The type's Chinese name (烟雾明火 …)."""
        return type_label(self.alert_type)


def short_code(alert_id: str) -> str:
    """A six-character code people quote to accept or close the alert (stable per alert)."""
    digest = hashlib.sha1(alert_id.encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii")[:6]


def alert_message(
    alert_id: str, estate_code: str, estate_name: str, alert_type: str, level: int, time: str, place: str
) -> AlertMessage:
    """An :class:`AlertMessage` with every text field stripped of credentials."""
    clean = [strip_secrets(value) for value in (estate_code, estate_name, time, place)]
    return AlertMessage(alert_id, clean[0], clean[1], alert_type, level, clean[2], clean[3], short_code(alert_id))


def text(message: AlertMessage) -> str:
    """The plain text of one alert (robots' text messages, e-mail bodies)."""
    return (
        f"【OneMap告警】{message.type_zh}（{message.level}级）\n"
        f"小区：{message.estate_name}（{message.estate_code}）\n"
        f"地点：{message.place}\n"
        f"时间：{message.time}\n"
        f"处置码：{message.code}"
    )


def markdown(messages: list[AlertMessage]) -> tuple[str, str]:
    """``(title, body)`` in Markdown for one alert or a merged burst of them."""
    if len(messages) == 1:
        only = messages[0]
        title = f"{only.type_zh} · {only.estate_name}"
        return title, f"### {title}\n" + "\n".join(f"- {line}" for line in text(only).splitlines()[1:])
    title = f"{len(messages)} 条告警（合并发送）"
    lines = [
        f"- **{m.type_zh}**（{m.level}级）{m.estate_name} · {m.place} · {m.time} · 处置码 {m.code}" for m in messages
    ]
    return title, f"### {title}\n" + "\n".join(lines)


def merged_text(messages: list[AlertMessage]) -> str:
    """The plain text of one alert, or of a burst merged into one message."""
    if len(messages) == 1:
        return text(messages[0])
    head = f"【OneMap告警】{len(messages)} 条告警（合并发送）"
    lines = [
        f"{i}. {m.type_zh}（{m.level}级）{m.estate_name}，{m.place}，{m.time}，处置码 {m.code}"
        for i, m in enumerate(messages, 1)
    ]
    return "\n".join([head, *lines])


def template_params(message: AlertMessage) -> dict[str, str]:
    """The SMS template's variables (names avoid Aliyun's reserved email/mobile/id/nick/site)."""
    return {
        "estate": message.estate_name,
        "type": message.type_zh,
        "level": str(message.level),
        "time": message.time,
        "place": message.place[:_PLACE_CHARS],
        "code": message.code,
    }


class SecretInMessage(ValueError):
    """The text about to be sent holds something credential-looking; it was not sent."""


def guard(*texts: str, known: tuple[str | None, ...] = ()) -> None:
    """Raise :class:`SecretInMessage` if any text holds a credential (checked before every send).

    ``known`` are the sending channel's own secrets (AccessKeySecret, robot key, SMTP password):
    a text containing one of them verbatim is refused too, whatever it looks like.
    """
    secrets = [s for s in known if s and len(s) >= 4]
    if any(has_secret(t) or any(s in t for s in secrets) for t in texts):
        raise SecretInMessage("告警消息中含有疑似密码，已拒绝发送 / the alert text holds a credential; not sent")
