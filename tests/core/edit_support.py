"""Helpers for the undo tests: read the inventory back from disk, as another program would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from onemap.model import Estate
from onemap.store import Inventory
from onemap.store.audit import AuditEntry

CODE = "6107250001"  # 纺织厂家属院 in the seed-1 demo: 4 contacts, 5 cameras, 6 funding rows, 11 buildings


def on_disk(path: Path, code: str = CODE) -> Estate | None:
    """The estate as a fresh read-only connection sees it (None when it is not in the file)."""
    with Inventory.open(path, readonly=True) as inventory:
        if not inventory.count(f"code={code}"):
            return None
        return inventory.estate(code)


def audit_on_disk(path: Path, code: str = CODE, limit: int = 500) -> list[AuditEntry]:
    """The estate's history, newest first, read from the file."""
    with Inventory.open(path, readonly=True) as inventory:
        return inventory.history(code, limit)


def comparable(estate: Estate | None) -> dict[str, Any]:
    """Everything an estate holds except when it was last touched."""
    assert estate is not None
    attributes = {k: v for k, v in estate.attributes().items() if k != "updated_at"}
    # a row put back by undo gets a new fid, so it may come back at the end of its list
    children = {attr: sorted(map(repr, getattr(estate, attr))) for attr in ("contacts", "cameras", "funding", "items")}
    buildings = sorted((b.name or "", b.floors, b.height_m, b.footprint.wkt) for b in estate.building_list)
    outline = None if estate.outline is None else estate.outline.wkt
    return {**attributes, **children, "buildings": buildings, "outline": outline, "location": estate.location}
