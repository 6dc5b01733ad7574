"""The 派发规则 page ↔ the ``[dispatch]`` table of ``WATCH.toml``: load, check, save (Qt-free).

:func:`load_form` reads the file the collector reads (:func:`~onemap.watch.dispatch.toml_out.viewer_watch_file`
by default) into a :class:`~onemap.watch.dispatch.editing.DispatchForm`; :func:`save_form` checks
what was typed (a :class:`~onemap.watch.dispatch.editing.FormProblem` for the first wrong input),
writes the table back (other sections untouched) and puts typed secrets in the OS keyring.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from onemap.watch.dispatch.channel_specs import check_channel
from onemap.watch.dispatch.config import parse_dispatch
from onemap.watch.dispatch.editing import (
    FIELD_NAMES,
    KINDS,
    ChannelForm,
    DispatchForm,
    FormProblem,
    RuleRow,
    minutes_of,
    role_names,
    rule_of,
    steps_text,
    type_text,
)
from onemap.watch.dispatch.keys import store_secret
from onemap.watch.dispatch.problems import DispatchConfigError
from onemap.watch.dispatch.toml_out import render_dispatch, write_dispatch

#: what a new county starts from (DOMAIN.md's practice): parking → property; intrusion → property and
#: grid; gas → everyone at once; smoke and fire → property and grid, then secretary and leader
STARTER = [
    RuleRow("违停占道", "", "物业负责人 → 网格员", ""),
    RuleRow("区域入侵", "", "物业负责人、网格员 → 社区书记 → 包抓负责人", "5"),
    RuleRow("燃气泄漏", "", "物业负责人、社区书记、包抓负责人", ""),
    RuleRow("烟雾明火", "", "物业负责人、网格员 → 社区书记、包抓负责人", "3"),
]


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def form_of(table: dict[str, Any]) -> DispatchForm:
    """The page's fields for a ``[dispatch]`` table as tomllib read it."""
    roles = table.get("roles", {}) if isinstance(table.get("roles"), dict) else {}
    channels = table.get("channels", {}) if isinstance(table.get("channels"), dict) else {}
    defaults = table.get("default_channels", [])
    rules = []
    for rule in table.get("rules", []) if isinstance(table.get("rules"), list) else []:
        steps = [[s] if isinstance(s, str) else list(s) for s in rule.get("steps", [])]
        levels = rule.get("levels")
        shown = "" if not levels or sorted(levels) == [1, 2, 3, 4] else "、".join(str(v) for v in levels)
        minutes = _shown(rule["escalate_after_min"]) if "escalate_after_min" in rule else ""
        rules.append(RuleRow(type_text(str(rule.get("type", ""))), shown, steps_text(steps, roles), minutes))
    forms, taken = [], set()
    for kind, (default_name, _title, fields, _secrets) in KINDS.items():
        name = next((n for n, o in channels.items() if isinstance(o, dict) and o.get("kind") == kind), None)
        if name is None:
            forms.append(ChannelForm(kind, default_name))
            continue
        taken.add(name)
        typed = {f: _shown(channels[name][f]) for f in fields if f in channels[name]}
        forms.append(ChannelForm(kind, name, True, name in defaults, typed))
    others = {n: o for n, o in channels.items() if n not in taken}
    minutes = _shown(table.get("escalate_after_min", 10))
    return DispatchForm(minutes, rules, forms, dict(roles), others)


def load_form(path: Path) -> DispatchForm:
    """The page's fields from the file (the starter rules when it has no ``[dispatch]`` yet).

    Raises
    ------
    FormProblem
        The file is not valid TOML (it is then left alone).
    """
    try:
        document = tomllib.loads(path.read_text("utf-8")) if path.exists() else {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FormProblem(
            f"{path.name} 不是有效的 TOML，请先修正：{exc}", f"{path.name} is not valid TOML; fix it first: {exc}"
        ) from None
    table = document.get("dispatch")
    if not isinstance(table, dict):
        return DispatchForm(rules=list(STARTER), channels=[ChannelForm(k, v[0]) for k, v in KINDS.items()])
    return form_of(table)


def channel_of(form: ChannelForm) -> dict[str, Any]:
    """One ``[dispatch.channels.<name>]`` table from a channel's typed fields."""
    title = KINDS[form.kind][1]
    options: dict[str, Any] = {"kind": form.kind}
    for name in KINDS[form.kind][2]:
        text = form.options.get(name, "").strip()
        if not text:
            continue
        where = ("channel", form.kind, name)
        if name == "endpoint" and (urlsplit(text).scheme not in ("http", "https") or not urlsplit(text).hostname):
            raise FormProblem(
                f"{title}的地址“{text}”不是有效的 http(s):// 网址。",
                f"{title}: '{text}' is not an http(s):// URL.",
                where,
            )
        if name == "port":
            if not text.isdigit() or not 0 < int(text) < 65536:
                raise FormProblem(
                    f"{title}的端口“{text}”应是 1 到 65535 的整数。", f"{title}: port must be 1-65535.", where
                )
            options[name] = int(text)
        elif name == "to":
            options[name] = [a for a in text.replace("，", ",").replace("、", ",").replace(";", ",").split(",") if a]
            options[name] = [a.strip() for a in options[name] if a.strip()]
        else:
            options[name] = text
    problem = check_channel(options)
    if problem is not None:
        key, kind, detail = problem
        label = FIELD_NAMES.get(key, key)
        zh = {
            "missing_option": f"启用{title}时须填写{label}。",
            "secret_in_file": f"{title}的{label}中含有密钥：请把密钥填在密码框里，它只保存在系统钥匙串中。",
        }.get(kind, f"{title}的{label}不对：{detail}")
        raise FormProblem(zh, f"{title}: {key} — {kind} {detail}".strip(), ("channel", form.kind, key))
    return options


def table_of(form: DispatchForm) -> dict[str, Any]:
    """The ``[dispatch]`` table the form stands for, checked; :class:`FormProblem` for the first wrong input."""
    table: dict[str, Any] = {"escalate_after_min": minutes_of(form.minutes, ("minutes", 0, ""))}
    channels = {c.name: channel_of(c) for c in form.channels if c.enabled}
    channels.update({n: o for n, o in form.other_channels.items() if n not in channels})
    table["default_channels"] = [c.name for c in form.channels if c.enabled and c.default]
    names = role_names(form.roles)
    rules = [rule_of(row, i, names) for i, row in enumerate(form.rules)]
    roles = {
        name: {**role, "channels": [c for c in role.get("channels", []) if c in channels]}
        if "channels" in role
        else role
        for name, role in form.roles.items()
    }
    for key, value in (("rules", rules), ("roles", roles), ("channels", channels)):
        if value:
            table[key] = value
    try:
        parse_dispatch(render_dispatch(table), "派发规则")
    except DispatchConfigError as error:
        raise FormProblem(error.message("zh"), error.message("en")) from None
    return table


def save_form(path: Path, form: DispatchForm, secrets: dict[tuple[str, str], str]) -> list[tuple[str, str]]:
    """Check and write the form to ``path``, then keep typed secrets in the keyring.

    ``secrets`` maps ``(channel, what)`` to a typed value (empty ones are left as they are).
    Returns the secrets the keyring did not take (none when all were kept).
    """
    write_dispatch(path, table_of(form))
    return [key for key, value in secrets.items() if value and not store_secret(key[0], key[1], value)]
