"""A writer killed mid-transaction leaves a file that opens with its old content and validates."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.store import Inventory
from tests.conftest import run_validators
from tests.core.test_rtree import assert_rtree_matches

WRITER = textwrap.dedent("""
    import sys, time
    from onemap.store import Inventory
    from tests.store_access import connection  # the writer's own connection, as a crashing program holds it
    inventory = Inventory.open(sys.argv[1], user="crash")
    connection(inventory).execute("PRAGMA cache_size = 5")  # spill pages to the file mid-transaction
    connection(inventory).execute("BEGIN IMMEDIATE")
    for estate in inventory.estates():
        inventory.update_estate(estate.code, households=999_999, name="改坏了")
        inventory.move_estate(estate.code, (100.0, 30.0))
    connection(inventory).execute("DELETE FROM buildings")
    print("mid-transaction", flush=True)
    time.sleep(120)
""")


def _kill_mid_write(path: Path) -> Path:
    """Run a writer until it is mid-transaction with pages spilled, then kill it; returns the journal."""
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "mid-transaction"
        journal = path.with_name(path.name + "-journal")
        assert journal.exists() and journal.stat().st_size > 0
    finally:
        writer.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no cleanup runs
        writer.wait()
    return journal


def test_a_writer_killed_mid_transaction_leaves_the_old_content(demo_copy: Path) -> None:
    with Inventory.open(demo_copy, readonly=True) as before:
        households = {e.code: e.households for e in before.estates()}
        buildings = before.table_count("buildings")
    _kill_mid_write(demo_copy)
    with Inventory.open(demo_copy) as after:  # SQLite rolls the hot journal back here
        assert {e.code: e.households for e in after.estates()} == households
        assert after.table_count("buildings") == buildings
        assert "改坏了" not in {e.name for e in after.estates()}
        for table in ("estates", "buildings"):
            assert_rtree_matches(after, table)
    for result in run_validators(demo_copy):
        assert result.returncode == 0, result.stdout


def test_after_a_crash_a_read_only_command_rolls_the_journal_back_and_reads_the_old_content(
    demo_copy: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    with Inventory.open(demo_copy, readonly=True) as before:
        expected = before.count("households = 999999")
    journal = _kill_mid_write(demo_copy)
    assert main(["list", str(demo_copy), "--where", "name~改坏了"]) == 0  # was: "是只读文件，请取消只读属性"
    assert "共 0 个小区" in capsys.readouterr().out
    assert not journal.exists()
    assert main(["validate", str(demo_copy)]) == 0
    with Inventory.open(demo_copy, readonly=True) as after:
        assert after.count("households = 999999") == expected and after.table_count("buildings") > 0


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_after_a_crash_a_file_that_may_not_be_written_says_a_write_waits_to_be_rolled_back(
    demo_copy: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    journal = _kill_mid_write(demo_copy)
    demo_copy.chmod(stat.S_IRUSR | stat.S_IRGRP)
    for command in (["list", str(demo_copy)], ["validate", str(demo_copy)], ["show", str(demo_copy), "1"]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert "中断的写入" in err and demo_copy.name in err and "是只读文件" not in err
    assert journal.exists()  # kept: it is what restores the old content
    demo_copy.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert main(["validate", str(demo_copy)]) == 0 and not journal.exists()
