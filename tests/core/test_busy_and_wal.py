"""Another program holding the file: OneMap waits visibly, refuses truthfully, and works beside WAL."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.store import Inventory, InventoryError, waits
from tests.core.ledgers import dms_csv
from tests.store_access import connection

#: another program with the file open: argv = path, journal mode, seconds to hold a read transaction
READER = textwrap.dedent("""
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    if sys.argv[2] == "wal":
        conn.execute("PRAGMA journal_mode = WAL")  # what QGIS does to a layer in edit mode
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM estates").fetchone()
    print("reading", flush=True)
    time.sleep(float(sys.argv[3]))
    conn.execute("COMMIT")
    print("done", flush=True)
    time.sleep(120)
""")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _reader(path: Path, mode: str, hold_s: float) -> subprocess.Popen[str]:
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(path), mode, str(hold_s)], stdout=subprocess.PIPE, text=True
    )
    assert reader.stdout is not None and reader.stdout.readline().strip() == "reading"
    return reader


@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch) -> float:
    monkeypatch.setattr(waits, "WAIT_LIMIT_S", 2.0)
    return 2.0


@pytest.fixture
def stopped() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        process.kill()
        process.wait()


def test_an_import_behind_another_programs_read_says_it_waits_then_refuses(
    demo_copy: Path, tmp_path: Path, short_wait: float, stopped, capsys
) -> None:  # type: ignore[no-untyped-def]
    stopped.append(_reader(demo_copy, "delete", 120))
    before, started = _digest(demo_copy), time.monotonic()
    code = main(["import", str(dms_csv(tmp_path / "台账.csv")), "--into", str(demo_copy)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1 and time.monotonic() - started < short_wait + 10
    assert err[0].startswith(f"等待其他程序释放文件 {demo_copy.name}（可能是 QGIS")
    assert "等待 2 秒后仍未释放，本次没有写入" in err[-1] and "损坏" not in "".join(err)
    assert _digest(demo_copy) == before
    assert not [p for p in demo_copy.parent.iterdir() if "before-import" in p.name]


def test_an_import_goes_ahead_once_the_reader_lets_go(demo_copy: Path, tmp_path: Path, stopped, capsys) -> None:  # type: ignore[no-untyped-def]
    stopped.append(_reader(demo_copy, "delete", 4))
    assert main(["import", str(dms_csv(tmp_path / "台账.csv")), "--into", str(demo_copy)]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("等待其他程序释放文件") == 1 and "新增" in captured.out + captured.err


def test_a_file_another_program_keeps_in_wal_mode_can_be_read_and_written(
    demo_copy: Path, tmp_path: Path, stopped, capsys
) -> None:  # type: ignore[no-untyped-def]
    qgis = _reader(demo_copy, "wal", 120)
    stopped.append(qgis)
    assert main(["import", str(dms_csv(tmp_path / "台账.csv")), "--into", str(demo_copy)]) == 0
    assert main(["list", str(demo_copy), "--where", "name~汉江花园"]) == 0
    assert "汉江花园" in capsys.readouterr().out
    assert main(["validate", str(demo_copy)]) == 0
    assert "-wal" in capsys.readouterr().out  # copying only the .gpkg now would lose changes: said so
    with Inventory.open(demo_copy, readonly=True) as reader:
        assert connection(reader).execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # left alone meanwhile
    qgis.kill()
    qgis.wait()
    with Inventory.open(demo_copy):
        pass  # alone now: back to one self-contained file
    conn = sqlite3.connect(demo_copy)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert not demo_copy.with_name(demo_copy.name + "-wal").exists()


def test_locked_is_never_called_damaged_and_names_the_file(demo_copy: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    other = sqlite3.connect(demo_copy, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writing
    try:
        assert main(["import", str(dms_csv(tmp_path / "台账.csv")), "--into", str(demo_copy)]) == 1
        err = capsys.readouterr().err
        assert demo_copy.name in err and "另一个程序" in err and "损坏" not in err
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_the_python_api_raises_its_own_error_when_another_program_holds_the_file(demo_copy: Path) -> None:
    inventory = Inventory.open(demo_copy, readonly=True)
    other = sqlite3.connect(demo_copy, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # not even readers may read now
    try:
        with pytest.raises(InventoryError) as refused:
            inventory.count()
        assert refused.value.kind == "locked" and demo_copy.name in refused.value.message("en")
    finally:
        other.execute("ROLLBACK")
        other.close()
        inventory.close()


def test_a_writer_such_as_the_viewer_can_choose_a_shorter_wait(demo_copy: Path, stopped) -> None:  # type: ignore[no-untyped-def]
    stopped.append(_reader(demo_copy, "delete", 120))
    with Inventory.open(demo_copy) as inventory:
        code = inventory.estates()[0].code
        inventory.wait_limit_s = 1.0
        started = time.monotonic()
        with pytest.raises(InventoryError) as refused, inventory.transaction():
            inventory.update_estate(code, households=4321)
        assert refused.value.kind == "busy" and time.monotonic() - started < 6
        assert inventory.estate(code).households != 4321
