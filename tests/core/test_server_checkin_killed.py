"""A checkin killed at random points (SIGKILL) leaves the server with all of it or none; a rerun finishes it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest

from onemap.cli import main
from onemap.store import Inventory
from tests.core.server_support import checkin_kills, loaded, start_checkin

ROOT = Path(__file__).resolve().parents[2]


def _landed(url: str) -> tuple[int, int]:
    """(estates whose notes, buildings whose height) the field edits put on the server."""
    with psycopg.connect(url) as conn:
        estates = int(conn.execute("SELECT count(*) FROM estates WHERE notes LIKE '外业批改%%'").fetchone()[0])
        buildings = int(conn.execute("SELECT count(*) FROM buildings WHERE height_m = 99.5").fetchone()[0])
    return estates, buildings


def _transaction_open(url: str, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    with psycopg.connect(url, autocommit=True) as conn:
        while time.monotonic() < deadline:
            found = conn.execute(
                "SELECT 1 FROM pg_stat_activity WHERE application_name = 'onemap' AND xact_start IS NOT NULL "
                "AND query ILIKE '%%FOR UPDATE%%'"
            ).fetchone()
            if found:
                return True
            time.sleep(0.01)
    return False


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_checkin_killed_at_random_points_lands_all_or_nothing_and_a_rerun_completes_it(
    pg_database: str, demo_file: Path, tmp_path: Path
) -> None:
    loaded(pg_database, demo_file)
    out = tmp_path / "外业.gpkg"
    assert main(["checkout", pg_database, "-o", str(out)]) == 0  # the whole county: a long transaction
    with Inventory.open(out) as laptop, laptop.transaction():
        codes = [e.code for e in laptop.estates()]
        for n, code in enumerate(codes):
            laptop.update_estate(code, notes=f"外业批改 {n}", households=1000 + n, management=f"物业 {n}")
            for fid in laptop.child_fids("buildings", code)[:1]:  # child rows go in the same transaction
                laptop.update_child("buildings", fid, height_m=99.5)
        everything = (len(codes), sum(1 for code in codes if laptop.child_fids("buildings", code)))
    command = [sys.executable, "-m", "onemap", "checkin", str(out), "--json"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(16)  # repeatable kill points
    outcomes = []
    for _ in range(checkin_kills()):
        running: Any = start_checkin(out)
        assert _transaction_open(pg_database, 60)  # the checkin's transaction has begun on the server
        time.sleep(rng.uniform(0.0, 0.25))  # somewhere in its 450 field writes (150 estates)
        os.kill(running.pid, signal.SIGKILL)
        running.join()
        time.sleep(0.2)  # the server notices the closed connection and rolls back
        landed = _landed(pg_database)
        outcomes.append((running.exitcode, landed))
        assert landed in ((0, 0), everything), outcomes
        if landed != (0, 0):
            break
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert _landed(pg_database) == everything
    with Inventory.open(pg_database, readonly=True) as served:
        trail = len(served.history(None, None))
        assert served.estate(codes[-1]).households == 1000 + len(codes) - 1
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and '"applied": []' in again.stdout
    with Inventory.open(pg_database, readonly=True) as served:
        assert len(served.history(None, None)) == trail  # nothing doubled
    print(f"{len(outcomes)} kills (exit, estates landed):", outcomes)
    assert any(code == -signal.SIGKILL and landed == (0, 0) for code, landed in outcomes)  # kills inside it
