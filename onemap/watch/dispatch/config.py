"""Read and check the ``[dispatch]`` part of ``WATCH.toml``; a mistake is named by line and key.

The shape is documented in :mod:`onemap.watch.dispatch.rules`.  Every refusal is a
:class:`DispatchConfigError` whose message is a Chinese sentence with an English twin that
names the file, the line and the key (``dispatch.rules[2].steps``), so a county clerk can
find and fix it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from onemap.watch.dispatch.channel_specs import check_channel
from onemap.watch.dispatch.labels import ALERT_TYPES, COUNTY_ROLES, ESTATE_ROLES
from onemap.watch.dispatch.problems import DispatchConfigError, Where
from onemap.watch.dispatch.rules import ChannelSpec, DispatchConfig, Role, Rule

_TOP_KEYS = {"escalate_after_min", "default_channels", "rules", "roles", "channels"}
_RULE_KEYS = {"type", "levels", "steps", "escalate_after_min"}
_ROLE_KEYS = {"label", "channels", "phones", "emails"}


def load_dispatch(path: Path) -> DispatchConfig:
    """The ``[dispatch]`` table of the TOML file at ``path``, checked (empty when absent)."""
    return parse_dispatch(path.read_text("utf-8"), path.name)


def parse_dispatch(text: str, source: str = "WATCH.toml") -> DispatchConfig:
    """The ``[dispatch]`` table of a TOML text, checked.

    Raises
    ------
    DispatchConfigError
        The TOML is malformed, a key is unknown or misspelt, a rule names an unknown type,
        level, role or channel, or a secret was written into the file.
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else (len(text.splitlines()) if "end of document" in str(exc) else None)
        place = Where(source, line, "")
        raise DispatchConfigError("syntax", place, detail=str(exc)) from None
    table = document.get("dispatch", {})
    where = _Locator(text, source)
    if not isinstance(table, dict):
        raise DispatchConfigError("not_table", where.at("dispatch", "dispatch"))
    _no_unknown(table, _TOP_KEYS, "dispatch", where)
    default_wait = _minutes(table.get("escalate_after_min", 10), "dispatch.escalate_after_min", where)
    channels = _channels(table.get("channels", {}), where)
    default_channels = _names(table.get("default_channels", []), "dispatch.default_channels", where)
    _known_channels(default_channels, channels, "dispatch.default_channels", where)
    roles = _roles(table.get("roles", {}), channels, where)
    rules = tuple(
        _rule(raw, index, default_wait, roles, where) for index, raw in enumerate(_list(table.get("rules", []), where))
    )
    return DispatchConfig(rules, roles, channels, default_channels)


class _Locator:
    """Finds the line a key sits on, so a message can say "line 12"."""

    def __init__(self, text: str, source: str) -> None:
        self.lines = text.splitlines()
        self.source = source

    def at(self, key: str, path: str, header: str | None = None, occurrence: int = 0) -> Where:
        """The place of ``key`` (first after the ``occurrence``-th ``header`` line, if given)."""
        start = 0
        if header is not None:
            seen = [i for i, line in enumerate(self.lines) if line.strip().replace(" ", "") == header]
            start = seen[occurrence] if occurrence < len(seen) else 0
        pattern = re.compile(rf"^\s*(?:{re.escape(key)}\s*=|\[+\s*{re.escape(path)}\s*\]+)")
        for number in range(start, len(self.lines)):
            if pattern.search(self.lines[number]):
                return Where(self.source, number + 1, path)
        return Where(self.source, start + 1 if header is not None else None, path)


def _no_unknown(
    table: dict[str, Any], allowed: set[str], path: str, where: _Locator, header: str | None = None
) -> None:
    for key in table:
        if key not in allowed:
            problem = "secret_in_file" if _looks_secret(key) else "unknown_key"
            raise DispatchConfigError(
                problem, where.at(key, f"{path}.{key}", header), detail=", ".join(sorted(allowed))
            )


def _looks_secret(key: str) -> bool:
    return bool(re.search(r"secret|password|passwd|token|(^|_)key$|^key", key, re.I)) and key != "access_key_id"


def _minutes(value: object, path: str, where: _Locator, header: str | None = None, occurrence: int = 0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 24 * 60:
        raise DispatchConfigError("bad_minutes", where.at(path.rsplit(".", 1)[-1], path, header, occurrence))
    return float(value)


def _list(value: object, where: _Locator) -> list[Any]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise DispatchConfigError("rules_not_tables", where.at("rules", "dispatch.rules"))
    return value


def _names(value: object, path: str, where: _Locator, header: str | None = None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise DispatchConfigError("not_names", where.at(path.rsplit(".", 1)[-1], path, header))
    return tuple(value)


def _known_channels(names: tuple[str, ...], channels: dict[str, ChannelSpec], path: str, where: _Locator) -> None:
    for name in names:
        if name not in channels:
            raise DispatchConfigError("unknown_channel", where.at(path.rsplit(".", 1)[-1], path), detail=name)


def _channels(raw: object, where: _Locator) -> dict[str, ChannelSpec]:
    if not isinstance(raw, dict):
        raise DispatchConfigError("not_table", where.at("channels", "dispatch.channels"))
    specs = {}
    for name, options in raw.items():
        path = f"dispatch.channels.{name}"
        header = f"[{path}]"
        if not isinstance(options, dict):
            raise DispatchConfigError("not_table", where.at(name, path))
        problem = check_channel(options)
        if problem is not None:
            key, kind, detail = problem
            raise DispatchConfigError(kind, where.at(key, f"{path}.{key}", header), detail=detail)
        specs[name] = ChannelSpec(name, str(options["kind"]), dict(options))
    return specs


def _roles(raw: object, channels: dict[str, ChannelSpec], where: _Locator) -> dict[str, Role]:
    if not isinstance(raw, dict):
        raise DispatchConfigError("not_table", where.at("roles", "dispatch.roles"))
    roles = {}
    for name, table in raw.items():
        path, header = f"dispatch.roles.{name}", f"[dispatch.roles.{name}]"
        if not isinstance(table, dict):
            raise DispatchConfigError("not_table", where.at(name, path))
        _no_unknown(table, _ROLE_KEYS, path, where, header)
        own = _names(table.get("channels", []), f"{path}.channels", where, header)
        _known_channels(own, channels, f"{path}.channels", where)
        phones = _names(table.get("phones", []), f"{path}.phones", where, header)
        emails = _names(table.get("emails", []), f"{path}.emails", where, header)
        if name not in ESTATE_ROLES and not (phones or emails):
            raise DispatchConfigError("county_role_empty", where.at(name, path, header), detail=name)
        label = table.get("label") or (ESTATE_ROLES.get(name) or COUNTY_ROLES.get(name) or (name,))[0]
        roles[name] = Role(name, str(label), own, phones, emails)
    return roles


def _rule(raw: dict[str, Any], index: int, default_wait: float, roles: dict[str, Role], where: _Locator) -> Rule:
    path, header = f"dispatch.rules[{index + 1}]", "[[dispatch.rules]]"

    def at(key: str) -> Where:
        return where.at(key, f"{path}.{key}", header, index)

    _no_unknown(raw, _RULE_KEYS, path, where, header)
    alert_type = raw.get("type")
    if alert_type != "*" and alert_type not in ALERT_TYPES:
        raise DispatchConfigError("unknown_type", at("type"), detail=", ".join(ALERT_TYPES))
    levels = raw.get("levels", [1, 2, 3, 4])
    if not isinstance(levels, list) or not levels or not all(type(v) is int and 1 <= v <= 4 for v in levels):
        raise DispatchConfigError("bad_levels", at("levels"))
    steps = raw.get("steps")
    if not isinstance(steps, list) or not steps:
        raise DispatchConfigError("no_steps", at("steps"))
    parsed = tuple(tuple([step] if isinstance(step, str) else step) for step in steps)
    for step in parsed:
        if not step or not all(isinstance(role, str) for role in step):
            raise DispatchConfigError("no_steps", at("steps"))
        for role in step:
            if role not in ESTATE_ROLES and role not in roles:
                raise DispatchConfigError("unknown_role", at("steps"), detail=role)
    wait = _minutes(raw.get("escalate_after_min", default_wait), f"{path}.escalate_after_min", where, header, index)
    return Rule(str(alert_type), frozenset(levels), parsed, wait)
