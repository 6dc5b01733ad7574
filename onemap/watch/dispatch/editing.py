"""The 派发规则 page's data, Qt-free: what was typed → a ``[dispatch]`` table, or a sentence saying what is wrong.

Rules are typed as a county clerk says them: the type by its Chinese name (烟雾明火) or key, the
levels as ``3、4`` (empty: all), the steps as roles in Chinese or as keys, a step's roles
separated by ``、`` or commas and steps by ``→`` (``物业负责人、网格员 → 社区书记``).  Every
wrong input is a :class:`FormProblem` in Chinese with its English twin, naming the row and
the field; what passes is checked once more by :func:`~onemap.watch.dispatch.config.parse_dispatch`.
Secrets are not here at all: the page puts them in the OS keyring (:mod:`~onemap.watch.dispatch.keys`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from onemap.said import Said
from onemap.watch.dispatch.labels import ALERT_TYPES, COUNTY_ROLES, ESTATE_ROLES

#: kind -> (default channel name, Chinese title, non-secret fields, secret names)
KINDS: dict[str, tuple[str, str, tuple[str, ...], tuple[str, ...]]] = {
    "aliyun_sms": ("sms", "短信（阿里云 SendSms）", ("endpoint", "access_key_id", "sign_name", "template_code"),
                   ("access_key_secret",)),
    "wecom": ("wecom", "企业微信群机器人", ("endpoint", "format"), ("key",)),
    "dingtalk": ("dingtalk", "钉钉群机器人", ("endpoint", "format"), ("access_token", "secret")),
    "smtp": ("mail", "电子邮件（SMTP）", ("host", "port", "user", "sender", "to"), ("password",)),
}  # fmt: skip
FIELD_NAMES: dict[str, str] = {
    "endpoint": "地址", "access_key_id": "AccessKey ID", "sign_name": "短信签名", "template_code": "模板编号",
    "format": "消息格式", "host": "邮件服务器", "port": "端口", "user": "用户名", "sender": "发件人", "to": "抄送地址",
}  # fmt: skip
_STEP_SPLIT = re.compile(r"\s*(?:→|->|>|；|;)\s*")
_ROLE_SPLIT = re.compile(r"[\s、,，]+")


class FormProblem(ValueError):
    """One wrong input: ``said`` in Chinese and English; ``where`` is ``("rule", row, column)``,
    ``("channel", kind, field)`` or ``("minutes", 0, "")``."""

    def __init__(self, zh: str, en: str, where: tuple[str, Any, Any] = ("", 0, "")) -> None:
        self.said, self.where = Said(zh, en), where
        super().__init__(self.said)


@dataclass
class RuleRow:
    """One rule as typed: type, levels, steps and minutes (empty: the default wait)."""

    alert_type: str
    levels: str = ""
    steps: str = ""
    minutes: str = ""


@dataclass
class ChannelForm:
    """One channel as typed: on/off, among the default channels or not, its non-secret fields."""

    kind: str
    name: str
    enabled: bool = False
    default: bool = False
    options: dict[str, str] = field(default_factory=dict)


@dataclass
class DispatchForm:
    """The whole page; ``roles`` and ``other_channels`` are kept from the file as they were."""

    minutes: str = "10"
    rules: list[RuleRow] = field(default_factory=list)
    channels: list[ChannelForm] = field(default_factory=list)
    roles: dict[str, Any] = field(default_factory=dict)
    other_channels: dict[str, Any] = field(default_factory=dict)


def role_names(extra: dict[str, Any] | None = None) -> dict[str, str]:
    """Every word a step may use for a role (key or Chinese name) -> the role key."""
    names = {key: key for key in ESTATE_ROLES}
    names.update({zh: key for key, (zh, _en) in ESTATE_ROLES.items()})
    for key, table in (extra or {}).items():
        names[key] = key
        label = table.get("label") if isinstance(table, dict) else None
        names[str(label or COUNTY_ROLES.get(key, (key,))[0])] = key
    return names


def _label(role: str, roles: dict[str, Any]) -> str:
    table = roles.get(role)
    if isinstance(table, dict) and table.get("label"):
        return str(table["label"])
    return (ESTATE_ROLES.get(role) or COUNTY_ROLES.get(role) or (role,))[0]


def steps_text(steps: list[list[str]], roles: dict[str, Any] | None = None) -> str:
    """Steps as the page shows them: ``物业负责人、网格员 → 社区书记``."""
    return " → ".join("、".join(_label(r, roles or {}) for r in step) for step in steps)


def type_text(alert_type: str) -> str:
    """A rule's type as the page shows it (``*`` is 全部类型)."""
    return "全部类型" if alert_type == "*" else ALERT_TYPES.get(alert_type, (alert_type,))[0]


def minutes_of(text: str, where: tuple[str, Any, Any]) -> float:
    """Minutes typed in a cell: a number above 0 and at most a day."""
    try:
        value = float(text.strip())
    except ValueError:
        raise FormProblem(
            f"“{text}”不是分钟数，请填写数字，如 5。",
            f"'{text}' is not a number of minutes; write a number such as 5.",
            where,
        ) from None
    if not 0 < value <= 24 * 60:
        raise FormProblem(
            f"升级等待时间须大于 0 且不超过 1440 分钟（现在是 {text.strip()}）。",
            f"The escalation wait must be above 0 and at most 1440 minutes (it is {text.strip()}).",
            where,
        )
    return int(value) if value.is_integer() else value


def rule_of(row: RuleRow, index: int, names: dict[str, str]) -> dict[str, Any]:
    """One ``[[dispatch.rules]]`` table from a typed row (``index`` counts from 0)."""
    n = index + 1
    typed = row.alert_type.strip()
    types = (
        {zh: key for key, (zh, _en) in ALERT_TYPES.items()} | {k: k for k in ALERT_TYPES} | {"*": "*", "全部类型": "*"}
    )
    if typed not in types:
        known = "、".join(zh for zh, _en in ALERT_TYPES.values())
        raise FormProblem(
            f"第 {n} 条规则的告警类型“{typed}”不认识，可选：{known}、全部类型。",
            f"Rule {n}: unknown alert type '{typed}'.",
            ("rule", index, 0),
        )
    rule: dict[str, Any] = {"type": types[typed]}
    levels = [p for p in _ROLE_SPLIT.split(row.levels.strip()) if p]
    if levels:
        if not all(p in "1234" and len(p) == 1 for p in levels):
            raise FormProblem(
                f"第 {n} 条规则的级别“{row.levels}”应是 1 到 4 的数字，如 3、4（留空为全部级别）。",
                f"Rule {n}: levels must be numbers 1-4 such as 3, 4 (empty: all).",
                ("rule", index, 1),
            )
        rule["levels"] = sorted({int(p) for p in levels})
    rule["steps"] = _steps(row.steps, n, index, names)
    if row.minutes.strip():
        rule["escalate_after_min"] = minutes_of(row.minutes, ("rule", index, 3))
    return rule


def _steps(text: str, n: int, index: int, names: dict[str, str]) -> list[list[str]]:
    steps = []
    for part in _STEP_SPLIT.split(text.strip()):
        words = [w for w in _ROLE_SPLIT.split(part) if w]
        for word in words:
            if word not in names:
                known = "、".join(k for k in names if not k.isascii())
                raise FormProblem(
                    f"第 {n} 条规则的通知顺序中有不认识的角色“{word}”，可选：{known}。",
                    f"Rule {n}: unknown role '{word}' in the steps.",
                    ("rule", index, 2),
                )
        if words:
            steps.append([names[w] for w in words])
    if not steps:
        raise FormProblem(
            f"第 {n} 条规则没有填写通知谁，如“物业负责人 → 网格员”。",
            f"Rule {n}: say who is told, such as property_manager → grid_worker.",
            ("rule", index, 2),
        )
    return steps


def split_secret_url(url: str, kind: str) -> tuple[str, dict[str, str]]:
    """A robot URL pasted whole (``…/send?key=…``, ``…?access_token=…``): the URL without its
    secret, and the secret by its keyring name, so the key never reaches the file."""
    parts = urlsplit(url.strip())
    wanted = {"wecom": ("key",), "dingtalk": ("access_token",)}.get(kind, ())
    query = parse_qsl(parts.query, keep_blank_values=True)
    secrets = {k: v for k, v in query if k in wanted and v}
    rest = [(k, v) for k, v in query if k not in wanted]
    return urlunsplit(parts._replace(query=urlencode(rest))), secrets


def new_rule() -> RuleRow:
    """The row 添加规则 adds: an intrusion told to the property manager, for the clerk to change."""
    return RuleRow(type_text("intrusion"), "", ESTATE_ROLES["property_manager"][0], "")


def no_keyring() -> FormProblem:
    """Secrets were typed on a computer without a usable OS keyring: nothing is saved."""
    return FormProblem(
        "本机没有可用的系统钥匙串，密钥无法安全保存，未保存任何内容。",
        "There is no usable OS keyring here: the secrets cannot be kept safely; nothing was saved.",
    )


def keyring_refused(names: list[tuple[str, str]]) -> FormProblem:
    """The keyring did not take these ``(channel, what)`` secrets (the rules were saved)."""
    shown = "、".join(f"{c}:{w}" for c, w in names)
    return FormProblem(
        f"规则已保存，但系统钥匙串没有保存这些密钥：{shown}。", f"Rules saved; the keyring refused: {shown}."
    )
