"""Run ``onemap`` in a child process whose OS keyring holds secrets that came through stdin.

``python -m tests.core.watch_keyring_launch watch INV …`` reads one JSON object from stdin,
``{"service": {"user name": "secret", …}, …}``, puts it in an in-memory keyring (the
:class:`~tests.core.watch_dispatch_servers.MemoryKeyring` a desktop keyring stands for) and runs
the command with the log at DEBUG.  The secrets are never on the command line or in the
environment, where any user's ``ps`` could read them — that is what the leak tests check.
"""

from __future__ import annotations

import json
import logging
import sys

import keyring

import onemap.logs
from onemap.cli import main
from tests.core.watch_dispatch_servers import MemoryKeyring


def _debug_logging(level: int = logging.DEBUG) -> object:
    return _setup(logging.DEBUG)


if __name__ == "__main__":
    backend = MemoryKeyring()
    for service, names in json.loads(sys.stdin.readline()).items():
        for name, secret in names.items():
            backend.set_password(service, name, secret)
    keyring.set_keyring(backend)
    _setup = onemap.logs.setup_logging
    onemap.logs.setup_logging = _debug_logging  # type: ignore[assignment]
    sys.exit(main(sys.argv[1:]))
