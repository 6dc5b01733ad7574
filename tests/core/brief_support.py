"""Shared by the briefing tests: a small packet's bytes, to compare a fast path with the old one."""

from __future__ import annotations

from pathlib import Path

from onemap.brief import BriefOptions, build_packet
from onemap.store import Inventory


def packet_bytes(demo_file: Path, out: Path) -> bytes:
    """The demo's first 14 estates as a packet drawn in one process (set ``rl_config.invariant``
    first: no dates or random IDs, so two builds compare byte for byte)."""
    with Inventory.open(demo_file, readonly=True) as inventory:
        build_packet(inventory, inventory.estates()[:14], out, BriefOptions(workers=0), selection="全部小区")
    return out.read_bytes()
