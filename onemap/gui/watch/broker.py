"""The viewer's broker settings: host, port, TLS and user in QSettings, the password in the OS keyring.

The password is kept under the collector's keyring service (``"OneMap watch"``,
:data:`onemap.watch.config.KEYRING_SERVICE`) with the name :data:`PASSWORD_KEY`, so a
``WATCH.toml`` on the same PC can say ``password_key = "viewer-broker"`` and share it.  It is
never written to the settings file, a log, a tooltip or the status bar.  A plain-text
"keyring" counts as none (the same rule as camera logins).
"""

from __future__ import annotations

import logging
import os
import socket
import uuid

from PySide6.QtCore import QSettings

from onemap.cameras.credentials import _usable_keyring
from onemap.watch.config import KEYRING_SERVICE, Broker

log = logging.getLogger("onemap.gui.watch")

PASSWORD_KEY = "viewer-broker"
KEYS = {
    "host": "watch/broker_host",
    "port": "watch/broker_port",
    "tls": "watch/broker_tls",
    "user": "watch/broker_user",
    "sound": "watch/alert_sound",
}


def _flag(value: object) -> bool:
    return value is True or str(value).strip().lower() in ("true", "1", "yes", "on")


def broker_from_settings(q: QSettings) -> Broker | None:
    """The configured broker, or None (no host set).  The client id is this viewer's own: several
    viewers on one PC (and the collector) must not take each other's session."""
    host = str(q.value(KEYS["host"], "") or "").strip()
    if not host:
        return None
    tls = _flag(q.value(KEYS["tls"], False))
    try:
        port = int(str(q.value(KEYS["port"], "") or (8883 if tls else 1883)))
    except ValueError:
        port = 8883 if tls else 1883
    user = str(q.value(KEYS["user"], "") or "").strip()
    client = f"onemap-viewer-{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    return Broker(host=host, port=port, tls=tls, user=user, password_key=PASSWORD_KEY if user else "", client_id=client)


def store_broker(q: QSettings, host: str, port: int, tls: bool, user: str) -> None:
    """Keep the broker's address and user (never its password) in the settings."""
    for key, value in (("host", host.strip()), ("port", int(port)), ("tls", bool(tls)), ("user", user.strip())):
        q.setValue(KEYS[key], value)


def sound_on(q: QSettings) -> bool:
    """Whether a new alert beeps (off unless chosen)."""
    return _flag(q.value(KEYS["sound"], False))


def load_password() -> str | None:
    """The broker password from the OS keyring, or None."""
    backend = _usable_keyring()
    if backend is None:
        return None
    try:
        value = backend.get_password(KEYRING_SERVICE, PASSWORD_KEY)
    except Exception as exc:  # backends raise their platform's errors
        log.warning("keyring %s could not read the broker password: %s", type(backend).__name__, type(exc).__name__)
        return None
    return value if isinstance(value, str) and value else None


def store_password(password: str) -> bool:
    """Save the broker password in the OS keyring (read back to check); False without a usable one."""
    backend = _usable_keyring()
    if backend is None:
        return False
    try:
        backend.set_password(KEYRING_SERVICE, PASSWORD_KEY, password)
        return bool(backend.get_password(KEYRING_SERVICE, PASSWORD_KEY) == password)
    except Exception as exc:
        log.warning("keyring %s did not store the broker password: %s", type(backend).__name__, type(exc).__name__)
        return False


def describe(broker: Broker) -> str:
    """The broker for a tooltip: address, TLS and user; never the password."""
    who = f" · {broker.user}" if broker.user else ""
    return f"mqtt{'s' if broker.tls else ''}://{broker.host}:{broker.port}{who}"
