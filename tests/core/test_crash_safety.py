"""A writer killed mid-transaction leaves a file that opens with its old content and validates."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from onemap.store import Inventory
from tests.conftest import run_validators
from tests.core.test_rtree import assert_rtree_matches

WRITER = textwrap.dedent("""
    import sys, time
    from onemap.store import Inventory
    inventory = Inventory.open(sys.argv[1], user="crash")
    inventory.conn.execute("PRAGMA cache_size = 5")  # spill pages to the file mid-transaction
    inventory.conn.execute("BEGIN IMMEDIATE")
    for estate in inventory.estates():
        inventory.update_estate(estate.code, households=999_999, name="改坏了")
        inventory.move_estate(estate.code, (100.0, 30.0))
    inventory.conn.execute("DELETE FROM buildings")
    print("mid-transaction", flush=True)
    time.sleep(120)
""")


def test_a_writer_killed_mid_transaction_leaves_the_old_content(demo_copy: Path) -> None:
    with Inventory.open(demo_copy, readonly=True) as before:
        households = {e.code: e.households for e in before.estates()}
        buildings = before.table_count("buildings")
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(demo_copy)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "mid-transaction"
        journal = demo_copy.with_name(demo_copy.name + "-journal")
        assert journal.exists() and journal.stat().st_size > 0
    finally:
        writer.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no cleanup runs
        writer.wait()
    with Inventory.open(demo_copy) as after:  # SQLite rolls the hot journal back here
        assert {e.code: e.households for e in after.estates()} == households
        assert after.table_count("buildings") == buildings
        assert "改坏了" not in {e.name for e in after.estates()}
        for table in ("estates", "buildings"):
            assert_rtree_matches(after, table)
    for result in run_validators(demo_copy):
        assert result.returncode == 0, result.stdout
