"""``WATCH.toml`` for the collector: broker, push listener, topics and cameras to pull.

The same file carries the ``[dispatch]`` table (read by :mod:`onemap.watch.dispatch`).  Secrets
never sit in it: the broker password, the push listener's shared secret and the OneNET token
are read from the OS keyring (service ``"OneMap watch"``) under the names the file gives, and
camera logins from the cameras' own keyring entries (:mod:`onemap.cameras.credentials`).  A
mistake is one sentence in Chinese with its English twin (:class:`WatchConfigError`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from onemap.said import Said

KEYRING_SERVICE = "OneMap watch"
_SECTIONS = {"broker", "listen", "topics", "pull", "dispatch", "county"}
_SECRET_WORDS = ("password", "secret", "token")


class WatchConfigError(ValueError):
    """A ``WATCH.toml`` or flag the collector cannot use; ``said`` is the sentence in zh and en."""

    def __init__(self, zh: str, en: str) -> None:
        self.said = Said(zh, en)
        super().__init__(self.said)

    def message(self, lang: str = "zh") -> str:
        """The sentence in ``lang``."""
        return str(self.said) if lang == "zh" else self.said.en


@dataclass(frozen=True)
class Broker:
    """An MQTT broker; ``password_key`` names the password in the keyring (never the password)."""

    host: str
    port: int = 1883
    tls: bool = False
    ca_file: str = ""
    user: str = ""
    password_key: str = ""
    client_id: str = ""


@dataclass(frozen=True)
class Pull:
    """A LAN camera to pull events from: ``kind`` hikvision or dahua; ``credential`` its keyring key."""

    kind: str
    host: str
    port: int = 80
    scheme: str = "http"
    credential: str = ""
    heartbeat: int = 30


@dataclass(frozen=True)
class WatchConfig:
    """Everything the collector needs besides the inventory (``broker`` None: in-process bus)."""

    broker: Broker | None = None
    listen_host: str = "127.0.0.1"
    listen_port: int = 8731
    secret_key: str = ""
    allow: tuple[str, ...] = ()
    onenet_token_key: str = ""
    frigate_prefix: str = "frigate"
    sensor_prefixes: tuple[str, ...] = ("tuya", "zigbee2mqtt")
    pulls: tuple[Pull, ...] = ()
    county: str = ""
    has_dispatch: bool = False
    path: Path | None = field(default=None, compare=False)


def load_watch(path: Path | None) -> WatchConfig:
    """The collector's part of ``WATCH.toml`` (defaults when ``path`` is None); raises WatchConfigError."""
    if path is None:
        return WatchConfig()
    try:
        document = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise WatchConfigError(
            f"无法读取配置文件 {path.name}（{type(exc).__name__}）。",
            f"Cannot read {path.name} ({type(exc).__name__}).",
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise WatchConfigError(f"{path.name} 不是有效的 TOML：{exc}", f"{path.name} is not valid TOML: {exc}") from None
    return parse_watch(document, path)


def parse_watch(document: dict[str, Any], path: Path | None = None) -> WatchConfig:
    """A checked :class:`WatchConfig` from a parsed TOML document."""
    _known(document, _SECTIONS, "")
    listen = _table(document, "listen")
    _known(listen, {"address", "secret_key", "allow", "onenet_token_key"}, "listen")
    topics = _table(document, "topics")
    _known(topics, {"frigate", "sensors"}, "topics")
    host, port = parse_address(str(listen.get("address", "127.0.0.1:8731")), "listen.address")
    return WatchConfig(
        broker=_broker(document["broker"]) if "broker" in document else None,
        listen_host=host,
        listen_port=port,
        secret_key=_text(listen, "secret_key", "listen"),
        allow=tuple(_names(listen.get("allow", []), "listen.allow")),
        onenet_token_key=_text(listen, "onenet_token_key", "listen"),
        frigate_prefix=_text(topics, "frigate", "topics") or "frigate",
        sensor_prefixes=tuple(_names(topics.get("sensors", ["tuya", "zigbee2mqtt"]), "topics.sensors")),
        pulls=tuple(_pull(raw, i) for i, raw in enumerate(_list(document.get("pull", []), "pull"))),
        county=str(document.get("county", "")),
        has_dispatch="dispatch" in document,
        path=path,
    )


def with_flags(config: WatchConfig, mqtt: str | None, listen: str | None) -> WatchConfig:
    """Flags override the file: ``--mqtt mqtt[s]://[user@]HOST:PORT`` and ``--listen HOST:PORT``."""
    if mqtt:
        config = replace(config, broker=broker_from_url(mqtt, config.broker))
    if listen:
        host, port = parse_address(listen, "--listen")
        config = replace(config, listen_host=host, listen_port=port)
    return config


def broker_from_url(url: str, base: Broker | None = None) -> Broker:
    """A broker from ``mqtt://HOST:PORT`` or ``mqtts://…`` (TLS), keeping the file's CA and user."""
    parts = urlsplit(url)
    if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname or parts.password:
        raise WatchConfigError(
            f"--mqtt 应写成 mqtt://主机:端口 或 mqtts://主机:端口（不能含密码），而不是 {_clean(url)}。",
            f"--mqtt must read mqtt://HOST:PORT or mqtts://HOST:PORT (no password), not {_clean(url)}.",
        )
    tls = parts.scheme == "mqtts"
    try:
        port = parts.port or (8883 if tls else 1883)
    except ValueError:
        raise WatchConfigError(
            f"--mqtt 的端口无效：{_clean(url)}。", f"--mqtt has a bad port: {_clean(url)}."
        ) from None
    base = base or Broker(parts.hostname)
    return replace(base, host=parts.hostname, port=port, tls=tls, user=parts.username or base.user)


def parse_address(text: str, key: str) -> tuple[str, int]:
    """``HOST:PORT`` (port 0 = any free port) → (host, port); raises WatchConfigError."""
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise WatchConfigError(
            f"{key} 应写成 主机:端口，如 127.0.0.1:8731，而不是 {_clean(text)}。",
            f"{key} must read HOST:PORT, such as 127.0.0.1:8731, not {_clean(text)}.",
        )
    return host.strip("[]"), int(port)


def _broker(raw: Any) -> Broker:
    table = _as_table(raw, "broker")
    _known(table, {"host", "port", "tls", "ca_file", "user", "password_key", "client_id"}, "broker")
    host = _text(table, "host", "broker")
    if not host:
        raise WatchConfigError("[broker] 缺少 host（代理服务器地址）。", "[broker] lacks host (the broker's address).")
    tls = table.get("tls", False)
    if not isinstance(tls, bool):
        raise WatchConfigError("broker.tls 应是 true 或 false。", "broker.tls must be true or false.")
    return Broker(
        host=host,
        port=_port(table.get("port", 8883 if tls else 1883), "broker.port"),
        tls=tls,
        ca_file=_text(table, "ca_file", "broker"),
        user=_text(table, "user", "broker"),
        password_key=_text(table, "password_key", "broker"),
        client_id=_text(table, "client_id", "broker"),
    )


def _pull(raw: Any, index: int) -> Pull:
    where = f"pull[{index}]"
    table = _as_table(raw, where)
    _known(table, {"kind", "host", "port", "scheme", "credential", "heartbeat"}, where)
    kind, host = _text(table, "kind", where), _text(table, "host", where)
    if kind not in ("hikvision", "dahua") or not host:
        raise WatchConfigError(
            f"{where} 需要 kind（hikvision 或 dahua）和 host。", f"{where} needs kind (hikvision or dahua) and host."
        )
    scheme = _text(table, "scheme", where) or "http"
    if scheme not in ("http", "https"):
        raise WatchConfigError(f"{where}.scheme 应是 http 或 https。", f"{where}.scheme must be http or https.")
    return Pull(
        kind=kind,
        host=host,
        port=_port(table.get("port", 443 if scheme == "https" else 80), f"{where}.port"),
        scheme=scheme,
        # default: the key ``onemap import`` stored the camera's RTSP login under (the same account)
        credential=_text(table, "credential", where) or f"rtsp://{host}:554",
        heartbeat=_port(table.get("heartbeat", 30), f"{where}.heartbeat"),
    )


def _known(table: dict[str, Any], keys: set[str], where: str) -> None:
    for key in table:
        name = f"{where}.{key}" if where else key
        if any(word in key.lower() for word in _SECRET_WORDS) and not key.endswith("_key"):
            raise WatchConfigError(
                f"{name} 像是密码或密钥：它只能保存在系统钥匙串中，不能写进配置文件，请删除这一行。",
                f"{name} looks like a secret: it belongs in the OS keyring, never in the config file; delete the line.",
            )
        if key not in keys:
            raise WatchConfigError(
                f"不认识的设置 {name}（可用：{'、'.join(sorted(keys))}），请检查拼写。",
                f"Unknown setting {name} (known: {', '.join(sorted(keys))}); check the spelling.",
            )


def _table(document: dict[str, Any], key: str) -> dict[str, Any]:
    return _as_table(document.get(key, {}), key)


def _as_table(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise WatchConfigError(f"{where} 应是一个表（[…]）。", f"{where} must be a table ([…]).")
    return raw


def _list(raw: Any, where: str) -> list[Any]:
    if not isinstance(raw, list):
        raise WatchConfigError(f"{where} 应写成若干个 [[{where}]] 表。", f"{where} must be [[{where}]] tables.")
    return raw


def _names(raw: Any, where: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise WatchConfigError(
            f'{where} 应是文字列表，如 ["a", "b"]。', f'{where} must be a list of texts, such as ["a", "b"].'
        )
    return raw


def _text(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise WatchConfigError(f"{where}.{key} 应是文字。", f"{where}.{key} must be a text.")
    return value.strip()


def _port(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 65535:
        raise WatchConfigError(f"{key} 应是 1 到 65535 之间的整数。", f"{key} must be a whole number from 1 to 65535.")
    return value


def _clean(text: str) -> str:
    """What the user typed, without anything that looks like a password (``user:pass@``)."""
    parts = urlsplit(text) if "://" in text else None
    if parts is not None and parts.password:
        return text.replace(f":{parts.password}@", ":***@")
    return text[:80]
