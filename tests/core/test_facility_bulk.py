"""Many facilities at once: written column by column, the R-tree as the triggers would fill it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from onemap.store import Inventory
from onemap.store import facilities as facility_store

_TREE = ("rtree_facilities_geom_node", "rtree_facilities_geom_rowid", "rtree_facilities_geom_parent")


def _add_many(path: Path, count: int) -> None:
    names = [f"设施{k}" if k % 7 else f"设施{k} 密码：abc{k}" for k in range(count)]
    locations = [(106.5 + (k * 37 % 1000) / 2000, 33.0 + (k * 91 % 1000) / 3000) for k in range(count)]
    with Inventory.open(path) as inventory, inventory.transaction():
        inventory.add_facility_columns({"name": names, "kind": ["clinic"] * count}, locations, "测试")


def _contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        found = {"entries": conn.execute("SELECT * FROM rtree_facilities_geom ORDER BY id").fetchall()}
        found["facilities"] = conn.execute("SELECT fid, name, kind, geom FROM facilities ORDER BY fid").fetchall()
        found["sound"] = conn.execute("SELECT rtreecheck('rtree_facilities_geom')").fetchall()
        return found
    finally:
        conn.close()


def _nodes(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {_TREE[0]}").fetchone()[0])


def test_ten_thousand_facilities_get_an_r_tree_holding_what_the_triggers_would_have_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packed, in_process = tmp_path / "packed.gpkg", tmp_path / "here.gpkg"
    Inventory.create(packed, county_code="610725", county_name="勉县", user="测试员").close()
    shutil.copy(packed, in_process)
    _add_many(packed, facility_store.PARALLEL_FROM)  # the R-tree packed in one pass
    monkeypatch.setattr(facility_store, "PARALLEL_FROM", 10**9)
    _add_many(in_process, 10_000)  # built here, entry by entry
    ours, here = _contents(packed), _contents(in_process)
    assert len(ours["entries"]) == 10_000
    assert ours == here  # the same rows, the same entries, both trees sound (rtreecheck "ok")
    assert ours["sound"] == [("ok",)]
    assert _nodes(packed) < _nodes(in_process)  # full nodes: a packed tree, not an entry-by-entry one


def test_a_password_in_a_facility_name_never_reaches_the_file(demo_copy: Path) -> None:
    _add_many(demo_copy, 20)
    conn = sqlite3.connect(demo_copy)
    names = [name for (name,) in conn.execute("SELECT name FROM facilities WHERE name LIKE '设施%'")]
    conn.close()
    assert len(names) == 20
    assert "设施7" in names
    assert not any("abc" in name or "密码" in name for name in names)
