"""A second viewer sees who is editing an inventory, even while the first one is idle."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from onemap.store import InventoryError
from onemap.store.editlock import EditLock, lock_path


def test_a_second_editor_is_refused_with_the_holders_name(demo_copy: Path) -> None:
    script = (
        "import sys, time\nfrom pathlib import Path\nfrom onemap.store.editlock import EditLock\n"
        "EditLock.acquire(Path(sys.argv[1]), '张伟')\nprint('held', flush=True)\ntime.sleep(60)"
    )
    holder = subprocess.Popen([sys.executable, "-c", script, str(demo_copy)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(InventoryError) as refused:
            EditLock.acquire(demo_copy, "李娜")
        assert refused.value.kind == "edited_by" and "张伟" in str(refused.value)
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_left_by_a_process_that_died_is_taken_over(demo_copy: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    import socket

    lock_path(demo_copy).write_text(
        json.dumps({"user": "张伟", "host": socket.gethostname(), "pid": int(dead.stdout)}), encoding="utf-8"
    )
    lock = EditLock.acquire(demo_copy, "李娜")
    assert json.loads(lock.path.read_text("utf-8"))["user"] == "李娜"
    lock.release()
    assert not lock.path.exists()


def test_a_lock_from_another_computer_is_respected(demo_copy: Path) -> None:
    lock_path(demo_copy).write_text(
        json.dumps({"user": "王强", "host": "县局-PC-07", "pid": 4242, "since": "2026-12-06T05:00:00+00:00"}), "utf-8"
    )
    with pytest.raises(InventoryError) as refused:
        EditLock.acquire(demo_copy, "李娜")
    since = datetime(2026, 12, 6, 5, 0, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    assert f"王强（电脑 县局-PC-07，{since} 起）" in str(refused.value)
    assert f"王强 (computer 县局-PC-07, since {since})" in refused.value.message("en")


def test_releasing_removes_only_our_own_lock(demo_copy: Path) -> None:
    lock = EditLock.acquire(demo_copy, "李娜")
    assert lock.path.exists()
    lock.release()
    lock.release()
    assert not lock.path.exists()
    assert Path(str(demo_copy) + ".onemap-lock") == lock.path
