"""Helpers for the server tests: an inventory loaded into a fresh database, and real logins with passwords."""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
from psycopg import sql

from onemap.store.server.connect import KEYRING_SERVICE, display_name
from onemap.store.server.init import grant_login, init_server

MIAN = "610725"


def loaded(superuser_url: str, source: Path, counties: tuple[str, ...] = (MIAN,)) -> str:
    """``onemap server init`` of ``source`` into the database; the superuser URL back."""
    init_server(superuser_url, counties, source)
    return superuser_url


def new_login(superuser_url: str, role: str, county: str | None = None, township: str | None = None) -> tuple[str, str]:
    """A new database login with a password, granted ``role``; (login, password)."""
    login = f"clerk_{uuid.uuid4().hex[:8]}"
    password = uuid.uuid4().hex
    with psycopg.connect(superuser_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(login), sql.Literal(password)))
    grant_login(superuser_url, login, role, county, township)
    return login, password


def url_as(superuser_url: str, login: str) -> str:
    """The same database as another login (no password in it)."""
    rest = superuser_url.split("@", 1)[1]
    return f"postgresql://{login}@{rest}"


def remember(keyring: object, url: str, password: str) -> None:
    """Put a login's password where OneMap looks first: the OS keyring."""
    keyring.set_password(KEYRING_SERVICE, display_name(url), password)  # type: ignore[attr-defined]


def pgpass(folder: Path, url: str, password: str) -> Path:
    """A ``.pgpass`` file (mode 600) for one login, as libpq reads it."""
    parts = psycopg.conninfo.conninfo_to_dict(url)
    path = folder / "pgpass"
    path.write_text(f"{parts['host']}:{parts['port']}:{parts['dbname']}:{parts['user']}:{password}\n", "utf-8")
    path.chmod(0o600)
    return path


def checkin_kills() -> int:
    """How many times the SIGKILL tests kill a checkin (``ONEMAP_TEST_CHECKIN_KILLS``, default 24)."""
    import os

    return max(1, int(os.environ.get("ONEMAP_TEST_CHECKIN_KILLS", "24")))


def _checkin_child(field_file: str) -> None:  # pragma: no cover - runs in the forked child, killed
    import os
    import sys

    from onemap.cli import main

    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the child is killed before it could close it
    os._exit(main(["checkin", field_file, "--json"]))


def start_checkin(field_file: Path) -> object:
    """A checkin in a forked child process (a real process to SIGKILL, without a new interpreter's start-up)."""
    import multiprocessing

    child = multiprocessing.get_context("fork").Process(target=_checkin_child, args=(str(field_file),))
    child.start()
    return child
