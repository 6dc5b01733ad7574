"""Connecting to a shared inventory: ``postgresql://user@host:port/db`` URLs, passwords kept out of sight.

A password never travels in the URL (it would show in ``ps`` and shell history: such a URL is
refused).  It comes from the OS keyring (service ``onemap-postgresql``, user ``user@host:port/db``)
and is handed to libpq as a keyword, or libpq finds it in ``.pgpass`` (``PGPASSFILE``) itself.
TLS is used when the server offers it (``sslmode=prefer`` unless the URL asks for more).
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict

from onemap.store.server.errors import ServerError

KEYRING_SERVICE = "onemap-postgresql"
#: passwords typed into the viewer for this run only (never written anywhere), by display name
_TYPED: dict[str, str] = {}


def hold_password(url: str, password: str | None) -> None:
    """Keep a typed password in memory for this process (``None`` forgets it): the viewer's "don't save"."""
    if password is None:
        _TYPED.pop(display_name(url), None)
    else:
        _TYPED[display_name(url)] = password


def url_parts(url: str) -> dict[str, Any]:
    """The URL's connection parameters; refuses one that carries a password."""
    parts = conninfo_to_dict(url)
    if parts.get("password"):
        raise ServerError("password_in_url")
    return parts


def display_name(url: str) -> str:
    """``user@host:port/db`` for messages and the audit trail's notes (never a password)."""
    parts = conninfo_to_dict(url)
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"{user}{parts.get('host', 'localhost')}{port}/{parts.get('dbname', '')}"


def keyring_password(url: str) -> str | None:
    """The login's password typed this run, else from the OS keyring (a plain-text "keyring" counts as none)."""
    if display_name(url) in _TYPED:
        return _TYPED[display_name(url)]
    from onemap.cameras.credentials import _usable_keyring

    backend = _usable_keyring()
    if backend is None:
        return None
    try:
        return backend.get_password(KEYRING_SERVICE, display_name(url))  # type: ignore[no-any-return]
    except Exception:  # a locked or broken keyring: libpq may still find .pgpass
        return None


def connect(url: str, *, autocommit: bool = False) -> psycopg.Connection[Any]:
    """A connection as the URL's login; :class:`ServerError` with a sentence when it fails."""
    parts = url_parts(url)
    parts.setdefault("sslmode", "prefer")
    parts.setdefault("application_name", "onemap")
    parts.setdefault("connect_timeout", "10")
    password = keyring_password(url)
    if password is not None:
        parts["password"] = password
    try:
        return psycopg.connect(**parts, autocommit=autocommit)
    except psycopg.OperationalError as error:
        raise ServerError("unreachable", where=display_name(url), detail=_said(error)) from None


def _said(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[-1] if lines else type(error).__name__


def has_table(conn: psycopg.Connection[Any], name: str) -> bool:
    """Whether the database has a table of that name in ``public``."""
    row = conn.execute("SELECT to_regclass(%s)::text", (f"public.{name}",)).fetchone()
    return row is not None and row[0] is not None
