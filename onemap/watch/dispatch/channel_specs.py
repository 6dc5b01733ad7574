"""The options each channel kind takes in ``[dispatch.channels.<name>]``, with the providers' defaults.

Endpoints default to the real providers; tests (and a county's own gateway) point them
elsewhere.  No option may hold a secret: those are in the OS keyring
(:mod:`onemap.watch.dispatch.keys`), and an endpoint with a key in its query is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qs, urlsplit

#: kind -> option -> (default, required); a default of None means "no default".
KINDS: dict[str, dict[str, tuple[object, bool]]] = {
    "aliyun_sms": {
        "endpoint": ("https://dysmsapi.aliyuncs.com/", False),
        "access_key_id": (None, True),
        "sign_name": (None, True),
        "template_code": (None, True),
        "region_id": ("cn-hangzhou", False),
        "timeout_s": (10, False),
    },
    "wecom": {
        "endpoint": ("https://qyapi.weixin.qq.com/cgi-bin/webhook/send", False),
        "format": ("text", False),
        "per_minute": (20, False),
        "timeout_s": (10, False),
    },
    "dingtalk": {
        "endpoint": ("https://oapi.dingtalk.com/robot/send", False),
        "format": ("markdown", False),
        "per_minute": (20, False),
        "timeout_s": (10, False),
    },
    "smtp": {
        "host": (None, True),
        "port": (587, False),
        "user": ("", False),
        "sender": (None, True),
        "to": ([], False),
        "cafile": ("", False),  # a county mail server signed by its own CA: trust that CA file
        "timeout_s": (20, False),
    },
}

_SECRET_QUERY = {"key", "access_token", "sign", "secret", "token", "password"}


def option(options: Mapping[str, object], kind: str, name: str) -> object:
    """``options[name]``, or the kind's default."""
    return options.get(name, KINDS[kind][name][0])


def check_channel(options: Mapping[str, object]) -> tuple[str, str, str] | None:
    """``(key, problem, detail)`` for the first thing wrong with a channel's options, or None."""
    kind = options.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        return "kind", "unknown_kind", ", ".join(KINDS)
    known = KINDS[kind]
    for key in options:
        if key != "kind" and key not in known:
            secret = any(word in key.lower() for word in ("secret", "password", "token", "key"))
            return key, "secret_in_file" if secret and key != "access_key_id" else "unknown_key", ", ".join(known)
    for key, (_default, required) in known.items():
        if required and not options.get(key):
            return key, "missing_option", ""
    return _check_values(options, kind)


def _check_values(options: Mapping[str, object], kind: str) -> tuple[str, str, str] | None:
    endpoint = options.get("endpoint")
    if endpoint is not None:
        parts = urlsplit(str(endpoint))
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return "endpoint", "bad_option", "需要 http(s):// 地址 / an http(s):// URL is needed"
        if parts.username or parts.password or _SECRET_QUERY & set(parse_qs(parts.query)):
            return "endpoint", "secret_in_file", ""
    fmt = options.get("format")
    if fmt is not None and fmt not in ("text", "markdown"):
        return "format", "bad_option", "text | markdown"
    for key in ("per_minute", "port", "timeout_s"):
        value = options.get(key)
        if value is not None and (type(value) is not int or not 0 < value < 65536):
            return key, "bad_option", "需要正整数 / a positive whole number"
    per_minute = options.get("per_minute")
    if isinstance(per_minute, int) and per_minute > KINDS[kind]["per_minute"][0]:  # type: ignore[operator]
        return "per_minute", "bad_option", "服务商限制每分钟 20 条 / the provider allows 20 a minute"
    to = options.get("to")
    if to is not None and not (isinstance(to, list) and all(isinstance(a, str) and "@" in a for a in to)):
        return "to", "bad_option", "需要邮箱地址列表 / a list of e-mail addresses"
    return None
