"""National-scale demos are drawn column-wise and written set-based, and say exactly what one-by-one writes say.

Mian's estates come from the per-estate generator as always; every other county is an
EstateBlock (numpy columns, finished blobs).  A demo written that way must hold, table by
table and R-tree node by node, what the same estates written one at a time through
``add_estate`` (every trigger firing) hold.
"""

from __future__ import annotations

import gc
import multiprocessing
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from shapely.geometry import Point

from onemap.cameras import dahua_rtsp, hikvision_rtsp, hls_url, parse_camera_link, uniview_rtsp
from onemap.cameras.gbid import build_gb_id, decode_gb_id
from onemap.cameras.secrets import may_hold_secret, strip_secrets
from onemap.demo import _add_outlines, demo_batches, demo_estates, make_demo
from onemap.demo.checkup import add_demo_checkup
from onemap.demo.facilities import demo_facilities
from onemap.demo.places import MIAN_CAPACITY
from onemap.demo.sensors import add_demo_sensors
from onemap.model import BLANK_ZH, STATUSES, Estate, status_label
from onemap.store import Inventory, writes
from onemap.store.blocks import EstateBlock
from onemap.store.check_status import status_key
from onemap.summary import _ordered, inventory_summary
from onemap.validation import validate_estate
from tests.core.test_bulk_index import _assert_index_is_what_the_triggers_write, _triggers
from tests.core.test_gpkg_validity import _assert_valid

TOTAL = MIAN_CAPACITY + 450  # Mian full, one county whole and one in part
COMPARED = ("estates", "estate_areas", "buildings", "contacts", "cameras", "funding", "renovation_items")


def _one_by_one(path: Path, total: int, seed: int) -> None:
    """The reference: the same estates through ``add_estate``, every R-tree and audit trigger firing."""
    inventory = Inventory.create(path, county_code="610725", county_name="勉县", user="onemap demo")
    with inventory, inventory.transaction():
        _add_outlines(inventory, total)
        for estate in demo_estates(total, seed):
            inventory.add_estate(estate)
        add_demo_sensors(inventory, seed)  # as make_demo: the gas detectors of the live watch
        for facility in demo_facilities(inventory, seed):  # and the facilities of the living circles
            inventory.add_facility(facility)
        add_demo_checkup(inventory, seed, "610725")  # and its check-up survey and consent


def _table(path: Path, table: str) -> list[tuple]:  # type: ignore[type-arg]
    with sqlite3.connect(path) as conn:
        names = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")') if r[1] != "updated_at"]
        quoted = ", ".join(f'"{n}"' for n in names)
        return conn.execute(f'SELECT {quoted} FROM "{table}" ORDER BY 1').fetchall()


def _indexes(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'"))


def _rtree_tables(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'rtree_%' AND type='table'")]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo written in blocks (R-trees filled entry by entry, and packed as big loads do) and one by one."""
    folder = tmp_path_factory.mktemp("columns")
    make_demo(folder / "blocks.gpkg", estates=TOTAL, seed=5).close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writes, "PARALLEL_FROM", 1)
        make_demo(folder / "parallel.gpkg", estates=TOTAL, seed=5).close()
    _one_by_one(folder / "rows.gpkg", TOTAL, 5)
    return {name: folder / f"{name}.gpkg" for name in ("blocks", "parallel", "rows")}


@pytest.mark.parametrize("way", ["blocks", "parallel"])
def test_a_multi_county_demo_holds_exactly_what_writing_its_estates_one_by_one_holds(made, way: str) -> None:  # type: ignore[no-untyped-def]
    for table in (*COMPARED, "admin_areas"):
        assert _table(made[way], table) == _table(made["rows"], table), table
    sequences = [[s for s in _table(made[w], "sqlite_sequence") if s[0] != "audit_log"] for w in (way, "rows")]
    assert sequences[0] == sequences[1]  # the fids given are the ones SQLite would have given
    assert len(_table(made[way], "estates")) == TOTAL


def test_its_r_trees_equal_the_triggers_r_trees_node_for_node(made) -> None:  # type: ignore[no-untyped-def]
    names = _rtree_tables(made["blocks"])
    assert any(name.endswith("_node") for name in names) and names == _rtree_tables(made["rows"])
    for name in names:
        assert _table(made["blocks"], name) == _table(made["rows"], name), name
    _assert_index_is_what_the_triggers_write(made["blocks"])


def test_a_big_load_packs_r_trees_holding_the_triggers_entries_in_sound_full_nodes(made) -> None:  # type: ignore[no-untyped-def]
    # packed in one pass (onemap/store/rtreepack.py), not entry by entry: the same entries,
    # other nodes (fewer: full ones), and SQLite's rtreecheck finds each tree sound
    assert _rtree_tables(made["parallel"]) == _rtree_tables(made["rows"])
    _assert_index_is_what_the_triggers_write(made["parallel"])
    with sqlite3.connect(made["parallel"]) as conn, sqlite3.connect(made["rows"]) as rows:
        for name in [n.removesuffix("_node") for n in _rtree_tables(made["parallel"]) if n.endswith("_node")]:
            assert conn.execute(f"SELECT rtreecheck('{name}')").fetchone()[0] == "ok", name
            nodes = f'SELECT count(*) FROM "{name}_node"'
            assert conn.execute(nodes).fetchone()[0] <= rows.execute(nodes).fetchone()[0], name


@pytest.mark.parametrize("way", ["blocks", "parallel"])
def test_it_keeps_the_triggers_passes_both_validators_and_is_audited_as_one_bulk_load(made, way: str) -> None:  # type: ignore[no-untyped-def]
    assert _triggers(made[way]) == _triggers(made["rows"])
    assert _indexes(made[way]) == _indexes(made["rows"])  # a big load builds empty tables' indexes at the end
    _assert_valid(made[way])
    with Inventory.open(made[way], readonly=True) as inventory:
        bulk = [e for e in inventory.audit.entries(limit=10) if e.action == "bulk"]
    values = [e.new_value or "" for e in bulk]  # the estates, gas detectors, facilities and the check-up
    assert sorted(v.split("：")[0] for v in values) == sorted(
        [
            "演示数据（种子 5）",
            "演示燃气探测器（种子 5）",
            "演示配套设施（种子 5）",
            "演示城市体检（种子 5）",
            "演示城市体检（种子 5）",
        ]
    )
    assert f"演示数据（种子 5）：{TOTAL} 个小区" in values


def test_counties_beyond_mian_come_as_blocks_and_the_same_seed_gives_the_same_blocks() -> None:
    first = list(demo_batches(TOTAL, 3))
    again = list(demo_batches(TOTAL, 3, helpers=1))  # drawn in a helper process: the same
    other = list(demo_batches(TOTAL, 4))
    blocks = [item for item in first if isinstance(item, EstateBlock)]
    assert len(first) == MIAN_CAPACITY + len(blocks) and len(blocks) == 2
    assert [b.tables["estates"].columns for b in blocks] == [
        b.tables["estates"].columns for b in again if isinstance(b, EstateBlock)
    ]
    assert [b.tables["buildings"].geometry.blobs for b in blocks] == [  # type: ignore[union-attr]
        b.tables["buildings"].geometry.blobs  # type: ignore[union-attr]
        for b in again
        if isinstance(b, EstateBlock)
    ]
    assert blocks[0].tables["estates"].columns != next(
        b.tables["estates"].columns for b in other if isinstance(b, EstateBlock)
    )


@pytest.fixture(scope="module")
def far_estates() -> list:  # type: ignore[type-arg]
    return [e for e in demo_estates(MIAN_CAPACITY + 2_000, 1) if not e.code.startswith("610725")]


def test_column_wise_estates_carry_what_the_ledger_needs(far_estates: list) -> None:  # type: ignore[type-arg]
    assert len(far_estates) == 2_000
    for estate in far_estates:
        assert estate.outline is not None and 2 <= len(estate.building_list) <= 20
        assert estate.buildings == len(estate.building_list) and estate.outline.contains(Point(estate.location))
        assert all(b.floors and estate.outline.contains(b.footprint) for b in estate.building_list)
        floors = sum(b.floors for b in estate.building_list)
        assert 4 * floors <= estate.households <= 8 * floors  # 2-4 flats a floor, two stairs
        assert 2 <= len(estate.contacts) <= 4 and 0 <= len(estate.cameras) <= 6
        assert all(estate.outline.contains(Point(c.location)) for c in estate.cameras)
        assert len({c.name for c in estate.cameras}) == len(estate.cameras)
        assert sum(f.amount_wan for f in estate.funding) == pytest.approx(estate.investment_wan, abs=0.05)
        assert {i.category for i in estate.items} == set(estate.categories)
        assert all(2 <= n <= 4 for n in Counter(i.category for i in estate.items).values())
        assert [p.severity for p in validate_estate(estate) if p.severity == "error"] == []


def test_column_wise_estates_spread_like_mian_ones(far_estates: list) -> None:  # type: ignore[type-arg]
    assert {e.renewal_year for e in far_estates} == set(range(2019, 2027))
    assert set(Counter(e.status for e in far_estates)) == set(STATUSES)
    buildings = sum(len(e.building_list) for e in far_estates) / len(far_estates)
    assert 6.5 < buildings < 8.5  # the weights' mean is 7.5
    assert 0.30 < sum("家属院" in e.name for e in far_estates) / len(far_estates) < 0.40  # 35 % drawn


def test_column_wise_camera_links_are_what_the_link_builders_make(far_estates: list) -> None:  # type: ignore[type-arg]
    for estate in far_estates[:300]:
        serial, county = int(estate.code[6:]), estate.code[:6]
        host = f"10.{int(county[2:4])}.{serial // 250 % 250 + 1}.{serial % 250 + 1}"
        for k, camera in enumerate(estate.cameras, start=1):
            gb_id = build_gb_id(county, (serial // 1000) % 100, 1, 132, 0, (serial % 1000) * 10 + k)
            assert camera.gb_id == gb_id and decode_gb_id(gb_id).admin_code == county and camera.channel == k
            made = (hikvision_rtsp(host, k), dahua_rtsp(host, k), uniview_rtsp(host, k), hls_url("10.61.7.25", gb_id))
            assert camera.link in made and str(parse_camera_link(camera.link)) == camera.link


def _summary_from_estates(inventory: Inventory) -> dict:  # type: ignore[type-arg]
    """What inventory_summary said when it read every estate as an object (the reference)."""
    estates = inventory.estates()
    return {
        "estates": len(estates),
        "unlocated": sum(1 for e in estates if e.location is None),
        "households": sum(e.households or 0 for e in estates),
        "investment_wan": round(sum(e.investment_wan or 0 for e in estates), 2),
        "by_status": {
            status_label(k): v for k, v in _ordered(Counter(status_key(e.status) for e in estates), STATUSES)
        },
        "by_township": dict(Counter(e.township or BLANK_ZH for e in estates).most_common()),
        "by_renewal_year": dict(sorted(Counter(e.renewal_year or 0 for e in estates).items())),
    }


def test_the_demo_summary_reads_columns_and_says_what_reading_every_estate_said(made, fresh) -> None:  # type: ignore[no-untyped-def]
    with fresh.transaction():  # blanks, an unlocated estate, a status written as its label, a tie
        fresh.add_estate(Estate("6107259001", "甲", township=None, status="在建", households=7, investment_wan=0.1))
        fresh.add_estate(Estate("6107259002", "乙", township="定军山镇", location=(106.6, 33.1), investment_wan=0.2))
        fresh.add_estate(Estate("6107259003", "丙", township="阜川镇", status="odd", renewal_year=2020))
    with Inventory.open(made["blocks"], readonly=True) as demo:
        inventories = [demo, fresh]
        summaries = [inventory_summary(inventory) for inventory in inventories]
        expectations = [_summary_from_estates(inventory) for inventory in inventories]
    for summary, expected in zip(summaries, expectations, strict=True):
        assert {k: summary[k] for k in expected} == expected
        assert [list(summary[k]) for k in expected if k.startswith("by_")] == [
            list(v) for k, v in expected.items() if k.startswith("by_")
        ]
    assert summary["unlocated"] == 2 and summary["investment_wan"] == 0.3


def test_a_cancelled_parallel_load_stops_its_workers_and_leaves_the_file_as_it_was(fresh, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(writes, "PARALLEL_FROM", 1)
    before = _triggers(fresh.path)
    answers = iter([False, False, True])  # two county blocks in, then the user cancels
    with pytest.raises(InterruptedError), fresh.transaction():
        fresh.bulk_load(
            demo_batches(MIAN_CAPACITY + 1_200, 2, helpers=1), note="取消", total=1, cancel=lambda: next(answers)
        )
    assert fresh.estates() == [] and fresh.table_count("buildings") == 0
    assert _triggers(fresh.path) == before
    gc.collect()  # the abandoned generator closes its helper pool
    assert multiprocessing.active_children() == []
    _assert_index_is_what_the_triggers_write(fresh.path)


def test_a_block_never_stores_a_login_whatever_column_carries_it(fresh) -> None:  # type: ignore[no-untyped-def]
    block = next(b for b in demo_batches(MIAN_CAPACITY + 10, 1) if isinstance(b, EstateBlock))
    estates, cameras = block.tables["estates"].columns, block.tables["cameras"].columns
    assert cameras["link"]
    estates["notes"] = ["门卫室电脑 密码：abc123"] + [None] * (len(estates["code"]) - 1)
    cameras["link"][0] = "rtsp://admin:abc123@10.61.1.2:554/Streaming/Channels/101"
    cameras["name"][-1] = "东门 password=abc123"
    with fresh.transaction():
        assert fresh.bulk_load([block], note="带密码的块") == 10
    with sqlite3.connect(fresh.path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        leaks = [
            (table, row)
            for table in tables
            for row in conn.execute(f'SELECT * FROM "{table}"')
            if any(isinstance(v, str) and "abc123" in v for v in row)
        ]
        link = conn.execute("SELECT link FROM cameras ORDER BY fid LIMIT 1").fetchone()[0]
    assert leaks == [] and link == "rtsp://10.61.1.2:554/Streaming/Channels/101"


@pytest.mark.parametrize(
    "text", ["rtsp://u:p@h", "PASSWORD=1", "\u212aey=1", "\u017fecret: x", "口令 x", "Auth: x", "勉县"]
)
def test_the_whole_column_look_for_secrets_misses_nothing_the_value_rule_would_change(text: str) -> None:
    column = "\n".join(["桂园小区", text, "勉阳街道"])
    assert may_hold_secret(column) or strip_secrets(text) == text
