"""Backups are whole committed copies, never half-written ones, and they do not pile up."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from onemap.io.importer import import_ledger
from onemap.store import Inventory, InventoryError
from onemap.store.backups import KEEP_PER_REASON, backup_copy, backups_of
from onemap.store.files import connect
from tests.core.ledgers import dms_csv
from tests.store_access import connection

BACKUP = textwrap.dedent("""
    import sys
    from pathlib import Path
    from onemap.store.files import backup_copy
    backup_copy(Path(sys.argv[1]), "before-import")
""")


def _content(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT code, name, households FROM estates ORDER BY code").fetchall()
    finally:
        conn.close()


def _padded(path: Path, megabytes: int) -> Path:
    """Make the file big enough that copying it takes a while."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE padding (blob BLOB)")
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
        "INSERT INTO padding SELECT randomblob(1048576) FROM n",
        (megabytes,),
    )
    conn.close()
    return path


def test_a_copy_killed_midway_never_leaves_a_file_under_a_backup_name(demo_copy: Path) -> None:
    _padded(demo_copy, 120)
    before = sorted(p.name for p in demo_copy.parent.iterdir())
    copier = subprocess.Popen([sys.executable, "-c", BACKUP, str(demo_copy)])
    deadline = time.monotonic() + 60
    while sorted(p.name for p in demo_copy.parent.iterdir()) == before and copier.poll() is None:
        assert time.monotonic() < deadline
    copier.kill()  # as soon as anything appears beside the file
    copier.wait()
    for backup in backups_of(demo_copy, "before-import"):  # only a complete copy may carry the name
        assert backup.stat().st_size == demo_copy.stat().st_size
        assert _content(backup) == _content(demo_copy)


def test_a_copy_holds_only_committed_content_never_another_writers_pages(demo_copy: Path) -> None:
    committed = _content(demo_copy)
    other = connect(demo_copy, readonly=False)  # another program writing (with the ST_* functions)
    other.execute("PRAGMA cache_size = 5")
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE estates SET households = 1")  # another writer mid-transaction
    try:
        backup = backup_copy(demo_copy, "before-import")
        assert _content(backup) == committed
    except InventoryError as refused:  # the writer spilled pages and holds the file: refused, no copy
        assert refused.kind == "locked"
        assert backups_of(demo_copy, "before-import") == []
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_only_the_newest_copies_per_reason_are_kept(demo_copy: Path) -> None:
    made = [backup_copy(demo_copy, "before-import") for _ in range(KEEP_PER_REASON + 3)]
    upgrade = backup_copy(demo_copy, "before-upgrade")
    assert backups_of(demo_copy, "before-import") == made[-KEEP_PER_REASON:]
    assert all(not old.exists() for old in made[:3]) and upgrade.exists()


def test_an_import_that_imports_nothing_leaves_no_backup(demo_copy: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "空台账.csv"
    ledger.write_text("小区名称,镇街,户数\n合计,,1000\n", "utf-8")
    report = import_ledger(ledger, demo_copy)
    assert report.imported == [] and report.updated == [] and report.backup is None
    assert backups_of(demo_copy, "before-import") == []


def test_an_import_that_changes_the_file_keeps_its_backup_of_the_old_content(demo_copy: Path, tmp_path: Path) -> None:
    before = _content(demo_copy)
    report = import_ledger(dms_csv(tmp_path / "台账.csv"), demo_copy)
    assert report.backup is not None and _content(Path(report.backup)) == before
    assert backups_of(demo_copy, "before-import") == [Path(report.backup)]


@pytest.mark.parametrize("reason", ["before-import", "before-upgrade"])
def test_a_backup_is_a_self_contained_rollback_journal_file(demo_copy: Path, reason: str) -> None:
    with Inventory.open(demo_copy) as inventory:
        connection(inventory).execute("PRAGMA journal_mode = WAL")  # as QGIS leaves it
        backup = backup_copy(demo_copy, reason, source=connection(inventory))
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
