"""Two GeoPackages, no server: an office copy and a laptop sync by checkout and checkin, with the same rules."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import box

from onemap.cli import main
from onemap.model import Contact
from onemap.store import Inventory
from tests.conftest import run_validators
from tests.core.server_support import checkin_kills, start_checkin

ROOT = Path(__file__).resolve().parents[2]
TOWNSHIP = "镇街=勉阳街道"


def _checkin(out: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    capsys.readouterr()
    code = main(["checkin", str(out), "--json", *flags])
    return code, json.loads(capsys.readouterr().out)


def _trail(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def test_a_laptop_copy_of_an_office_file_checks_back_in_with_collisions_and_passes_the_validators(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop_file = tmp_path / "笔记本.gpkg"
    assert main(["checkout", str(demo_copy), "--where", TOWNSHIP, "-o", str(laptop_file)]) == 0
    with Inventory.open(laptop_file, readonly=True) as copy:
        assert copy.meta("checkout_file") == str(demo_copy.resolve()) and copy.meta("checkout_server") is None
        first, second = (e.code for e in copy.estates()[:2])
        building = copy.estate(first).building_list[0]
    with sqlite3.connect(laptop_file) as conn:
        building_fid = conn.execute("SELECT min(fid) FROM buildings WHERE estate_code = ?", (first,)).fetchone()[0]
    with Inventory.open(laptop_file, user="外业李四") as laptop, laptop.transaction():
        laptop.update_estate(first, notes="外业：已入户", management="外业：街道代管")
        laptop.update_child("buildings", building_fid, floors=(building.floors or 0) + 1)
        laptop.add_child("contacts", Contact(first, "外业联系人", name="王芳", phone="13900000002"))
        laptop.set_outline(second, box(106.749, 33.149, 106.751, 33.151))
        laptop.move_estate(second, (106.75, 33.15))
    with Inventory.open(demo_copy, user="办公室张三") as office, office.transaction():
        office.update_estate(first, management="办公室：物业公司")
    code, report = _checkin(laptop_file, capsys)
    assert code == 1
    [collision] = report["collisions"]
    assert (collision["code"], collision["field"]) == (first, "management")
    assert collision["server"] == {"value": "办公室：物业公司", "who": "办公室张三", "at": collision["server"]["at"]}
    assert collision["field_copy"]["value"] == "外业：街道代管" and collision["field_copy"]["who"] == "外业李四"
    with Inventory.open(demo_copy, readonly=True) as office, Inventory.open(laptop_file, readonly=True) as copy:
        mine, theirs = copy.estate(first), office.estate(first)
        assert theirs.notes == "外业：已入户" and theirs.management == "办公室：物业公司"
        assert theirs.building_list == mine.building_list
        assert [(c.role, c.name, c.phone) for c in theirs.contacts] == [
            (c.role, c.name, c.phone) for c in mine.contacts
        ]
        assert office.estate(second).outline.equals_exact(copy.estate(second).outline, 1e-9)
        assert office.estate(second).location == pytest.approx((106.75, 33.15))
        assert {e.who for e in office.history(first)} >= {
            "外业李四",
            "办公室张三",
        }  # the office's trail names the field author
    assert _checkin(laptop_file, capsys, "--prefer", "field")[0] == 0
    trail = _trail(demo_copy)
    code, again = _checkin(laptop_file, capsys)
    assert (code, again["applied"], again["collisions"]) == (0, [], [])
    assert _trail(demo_copy) == trail  # a rerun changes nothing
    with Inventory.open(demo_copy, readonly=True) as office:
        assert office.estate(first).management == "外业：街道代管"
    assert all(result.returncode == 0 for result in run_validators(demo_copy))


def _landed(path: Path) -> int:
    with sqlite3.connect(path) as conn:  # a hot journal left by a kill is rolled back on this read
        return int(conn.execute("SELECT count(*) FROM estates WHERE notes LIKE '外业批改%'").fetchone()[0])


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_file_checkin_killed_mid_transaction_leaves_all_or_nothing_and_a_rerun_completes_it(
    demo_copy: Path, tmp_path: Path
) -> None:
    laptop_file = tmp_path / "笔记本.gpkg"
    assert main(["checkout", str(demo_copy), "-o", str(laptop_file)]) == 0
    with Inventory.open(laptop_file) as laptop, laptop.transaction():
        codes = [e.code for e in laptop.estates()]
        for n, code in enumerate(codes):
            laptop.update_estate(code, notes=f"外业批改 {n}", households=1000 + n)
    command = [sys.executable, "-m", "onemap", "checkin", str(laptop_file), "--json"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    journal = demo_copy.with_name(demo_copy.name + "-journal")
    rng = random.Random(16)
    outcomes = []
    for _ in range(checkin_kills()):
        running: Any = start_checkin(laptop_file)
        deadline = time.monotonic() + 60
        while not journal.exists() and running.is_alive() and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(rng.uniform(0.0, 0.1))  # somewhere inside the office file's transaction
        os.kill(running.pid, signal.SIGKILL)
        running.join()
        landed = _landed(demo_copy)
        outcomes.append((running.exitcode, landed))
        assert landed in (0, len(codes)), outcomes
        if landed:
            break
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert _landed(demo_copy) == len(codes)
    trail = _trail(demo_copy)
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and '"applied": []' in again.stdout
    assert _trail(demo_copy) == trail  # nothing doubled
    print(f"{len(outcomes)} kills (exit, estates landed):", outcomes)
    assert any(code == -signal.SIGKILL and landed == 0 for code, landed in outcomes)
