"""Shared by the briefing tests: a small packet's bytes, to compare a fast path with the old one;
a script run in a fresh interpreter, to see what a briefing loads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from onemap.brief import BriefOptions, build_packet
from onemap.store import Inventory


def packet_bytes(demo_file: Path, out: Path) -> bytes:
    """The demo's first 14 estates as a packet drawn in one process (set ``rl_config.invariant``
    first: no dates or random IDs, so two builds compare byte for byte)."""
    with Inventory.open(demo_file, readonly=True) as inventory:
        build_packet(inventory, inventory.estates()[:14], out, BriefOptions(workers=0), selection="全部小区")
    return out.read_bytes()


def fresh_python(script: str, *args: object) -> dict[str, object]:
    """Run ``script`` (``python -c``) with ``args`` in a fresh interpreter on this tree; the JSON
    object its last line of output prints."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=600,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))
