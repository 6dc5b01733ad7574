"""Another program holding an inventory: a real ``onemap watch`` process, or a writer that shares nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
_HOLD = (
    "import sys; from pathlib import Path; from onemap.store.editlock import EditLock; "
    "EditLock.acquire(Path(sys.argv[1]), sys.argv[2]); print('held', flush=True); sys.stdin.read()"
)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(_ROOT), "PYTHONIOENCODING": "utf-8"}


@contextmanager
def running_collector(path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``onemap watch PATH`` in its own process (no broker, a loopback listener) until the block ends."""
    argv = [sys.executable, "-m", "onemap", "watch", str(path), "--listen", "127.0.0.1:0", "--for", "120"]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    try:
        assert process.stdout is not None
        first = process.stdout.readline().decode("utf-8")  # the start line: it runs and holds the file
        assert first.startswith("采集器已启动"), first + process.stderr.read().decode("utf-8")  # type: ignore[union-attr]
        yield process
    finally:
        process.terminate()
        process.communicate(timeout=30)


@contextmanager
def holding_editor(path: Path, user: str) -> Iterator[subprocess.Popen[bytes]]:
    """Another OneMap writer (an editing viewer, an import) holding the lock without sharing anything."""
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(path), user], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=_env()
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == b"held"
        yield process
    finally:
        process.communicate(b"", timeout=30)
