"""Channel secrets in the OS keyring: AccessKeySecret, robot keys and signing secrets, SMTP passwords.

They are stored under the service ``"OneMap dispatch"`` with the user name
``"<channel>:<what>"`` (``"sms:access_key_secret"``, ``"ding:access_token"``,
``"ding:secret"``, ``"wecom:key"``, ``"mail:password"``), never in ``WATCH.toml`` and never in
a log.  A plain-text "keyring" counts as none, as for camera logins
(:mod:`onemap.cameras.credentials`).
"""

from __future__ import annotations

import logging

# the one rule for "is there a real OS keyring": shared with camera logins on purpose
from onemap.cameras.credentials import _usable_keyring

KEYRING_SERVICE = "OneMap dispatch"

_log = logging.getLogger("onemap.watch.dispatch")


def secret_name(channel: str, what: str) -> str:
    """The keyring user name for one of a channel's secrets."""
    return f"{channel}:{what}"


def load_secret(channel: str, what: str) -> str | None:
    """The secret, or None if it is not stored or there is no usable keyring."""
    backend = _usable_keyring()
    if backend is None:
        return None
    try:
        value = backend.get_password(KEYRING_SERVICE, secret_name(channel, what))
    except Exception as exc:  # backends raise their platform's errors
        _log.warning("keyring %s could not read a dispatch secret: %s", type(backend).__name__, type(exc).__name__)
        return None
    return value if isinstance(value, str) and value else None


def store_secret(channel: str, what: str, value: str) -> bool:
    """Save a channel secret (read back to check); False without a usable keyring."""
    backend = _usable_keyring()
    if backend is None:
        return False
    try:
        backend.set_password(KEYRING_SERVICE, secret_name(channel, what), value)
        return bool(backend.get_password(KEYRING_SERVICE, secret_name(channel, what)) == value)
    except Exception as exc:
        _log.warning("keyring %s did not store a dispatch secret: %s", type(backend).__name__, type(exc).__name__)
        return False
