"""Camera logins in the OS keyring, never in a file: store, load, forget, and where they would go.

A plain-text "keyring" (keyrings.alt and the like) counts as none: a login is then dropped
and the import report says so (:func:`credential_outcome`).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from onemap.cameras.links import KEYRING_SERVICE, Credential

_log = logging.getLogger("onemap.cameras")


def _usable_keyring() -> Any | None:
    """The keyring backend, or None if the package is absent or only fail/null is left."""
    try:
        import keyring
        from keyring.backends import fail, null
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring | null.Keyring) or not backend.priority > 0 or _plaintext(backend):
            return None
    except Exception:  # a broken backend (D-Bus gone, locked store) is no backend
        return None
    return backend


def _plaintext(backend: Any) -> bool:
    """keyrings.alt and friends keep logins in a file in the home folder (base64 at best)."""
    module, name = type(backend).__module__, type(backend).__name__
    return module.startswith(("keyrings.alt", "keyring.backends.null")) or "plaintext" in name.lower()


def keyring_name() -> tuple[str, str]:
    """Where a login would go, truthfully: the backend's name, or why there is none (zh, en)."""
    try:
        import keyring
    except ImportError:
        return "本机没有系统钥匙串", "no OS keyring here"
    try:
        backend = keyring.get_keyring()
    except Exception:
        return "系统钥匙串不可用", "the OS keyring is unavailable"
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if _plaintext(backend):
        return f"本机只有明文存储（{name}），不安全", f"only a plain-text store here ({name}), which is not safe"
    if _usable_keyring() is None:
        return "本机没有系统钥匙串", "no OS keyring here"
    return f"系统钥匙串（{name}）", f"the OS keyring ({name})"


def credential_outcome(saved: bool) -> tuple[str, str]:
    """The report's words for a login taken out of a link: where it went, or that it was dropped."""
    where_zh, where_en = keyring_name()
    if saved:
        return f"并保存到{where_zh}", f" and saved to {where_en}"
    return f"（{where_zh}，未保存）", f" ({where_en}; not kept)"


def keyring_available() -> bool:
    """Whether :func:`store_credential` has anywhere to put a credential."""
    return _usable_keyring() is not None


def store_credential(link_key: str, credential: Credential) -> bool:
    """Save a login in the OS keyring under service ``"OneMap camera"``.

    Parameters
    ----------
    link_key : str
        Usually :attr:`CameraLink.device_key`.
    credential : Credential
        The login; its password is never logged.

    Returns
    -------
    bool
        True once the keyring holds it (read back to check); False if ``keyring`` is not
        installed, no usable backend exists or the backend refused. The caller then tells
        the user the credential was dropped.
    """
    backend = _usable_keyring()
    if backend is None:
        return False
    secret = json.dumps({"username": credential.username, "password": credential.password})
    try:
        backend.set_password(KEYRING_SERVICE, link_key, secret)
        return bool(backend.get_password(KEYRING_SERVICE, link_key) == secret)
    except Exception as exc:  # backends raise their platform's errors, not KeyringError
        _log.warning(
            "keyring %s did not store a camera login: %s",
            type(backend).__name__,
            type(exc).__name__,
        )
        return False


def load_credential(link_key: str) -> Credential | None:
    """The login stored for ``link_key``, or None if there is none or no keyring."""
    backend = _usable_keyring()
    if backend is None:
        return None
    try:
        stored = json.loads(backend.get_password(KEYRING_SERVICE, link_key) or "null")
    except Exception:
        return None
    if not isinstance(stored, dict):
        return None
    username, password = stored.get("username"), stored.get("password")
    if not (isinstance(username, str) and isinstance(password, str)):
        return None
    return Credential(username, password)


def forget_credential(link_key: str) -> bool:
    """Delete the login stored for ``link_key``; False if there was none or no keyring."""
    backend = _usable_keyring()
    if backend is None:
        return False
    try:
        backend.delete_password(KEYRING_SERVICE, link_key)
    except Exception:
        return False
    return True
