"""A server password never shows: not in a URL OneMap accepts, a process list, OneMap's log, or a message."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.store import Inventory
from onemap.store.server.errors import ServerError
from tests.core.pg_cluster import Cluster
from tests.core.server_support import MIAN, loaded, new_login, pgpass, remember, url_as
from tests.keyring_kit import MemoryKeyring

ROOT = Path(__file__).resolve().parents[2]


def test_a_url_holding_a_password_is_refused_before_anything_connects(
    pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    leaky = pg_database.replace("onemap_test@", "onemap_test:s3cret-pw@")
    assert main(["--lang", "en", "list", leaky]) == 1
    said = capsys.readouterr().err
    assert "contains a password" in said and "s3cret-pw" not in said


def test_a_wrong_password_from_the_keyring_is_named_as_refused_without_showing_it(
    pg_database: str, demo_file: Path, memory_keyring: MemoryKeyring
) -> None:
    loaded(pg_database, demo_file)
    login, _password = new_login(pg_database, "viewer")
    url = url_as(pg_database, login)
    remember(memory_keyring, url, "not-the-password-123")
    with pytest.raises(ServerError) as refused:
        Inventory.open(url, readonly=True)
    assert refused.value.kind == "unreachable"
    for lang in ("zh", "en"):
        assert "password authentication failed" in refused.value.message(lang)
        assert "not-the-password-123" not in refused.value.message(lang)


def test_a_command_with_the_password_in_pgpass_works_and_the_password_is_in_no_process_list_or_log(
    pg_cluster: Cluster, pg_database: str, demo_file: Path, tmp_path: Path
) -> None:
    loaded(pg_database, demo_file)
    login, password = new_login(pg_database, "county-editor", MIAN)
    url = url_as(pg_database, login)
    state = tmp_path / "state"
    env = {**os.environ, "PGPASSFILE": str(pgpass(tmp_path, url, password)), "XDG_STATE_HOME": str(state)}
    env["PYTHONPATH"] = str(ROOT)
    command = [sys.executable, "-m", "onemap", "list", url, "--where", "状态=在建", "--json"]
    running = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = []
    while running.poll() is None:  # every process's command line while the command runs
        seen.append(subprocess.run(["ps", "-ww", "-eo", "args"], capture_output=True, text=True).stdout)
        time.sleep(0.05)
    out, err = running.communicate()
    assert running.returncode == 0, err
    assert out.startswith("[") and '"code"' in out
    assert seen and any(url in listing for listing in seen)  # ps did see the command, and only the URL
    logs = "".join(p.read_text("utf-8", errors="replace") for p in state.rglob("*") if p.is_file())
    for place in (*seen, out, err, logs, pg_cluster.log()):
        assert password not in place
