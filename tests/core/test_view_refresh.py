"""Refreshing some estates in place leaves the viewer's memory exactly as reading the whole file again would."""

from __future__ import annotations

import copy
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from shapely.geometry import box

from onemap.edit import AddEstate, DeleteEstate, EditHistory, MoveEstate, SetEstateFields, SetOutline
from onemap.store import Inventory
from onemap.view.estate_table import COLUMN_NAMES, EstateTable
from onemap.view.filters import EstateFilter
from onemap.view.session import MapSession
from onemap.view.state import ViewState


@pytest.fixture
def files(demo_copy: Path) -> Iterator[tuple[MapSession, EditHistory]]:
    """The viewer's read-only session and an edit history on a second, writable connection."""
    session = MapSession.open(demo_copy)
    writer = Inventory.open(demo_copy, user="测试员")
    assert session.state.search._plain  # built before the edits, so the refresh must keep it right
    yield session, EditHistory(writer)
    writer.close()
    session.close()


def same_column(a: np.ndarray, b: np.ndarray) -> bool:
    if a.dtype.kind == "f":
        return bool(np.array_equal(a, b, equal_nan=True))
    return a.dtype == b.dtype and a.tolist() == b.tolist()


def assert_like_fresh(session: MapSession) -> None:
    """Table, search, point index, filter mask, classes: as a fresh read of the file gives them."""
    fresh = EstateTable.load(session.inventory)
    table = session.table
    for name in COLUMN_NAMES:
        assert same_column(getattr(table, name), getattr(fresh, name)), name
    assert all(table.row_of(str(c)) == i for i, c in enumerate(fresh.code))
    state = session.state
    again = ViewState(fresh)
    again.set_symbology(state.symbology.kind)
    again.set_filter(state.filter)
    assert state.symbology.classes == again.symbology.classes
    assert state.classes.tolist() == again.classes.tolist()
    assert state.mask.tolist() == again.mask.tolist()
    assert state.filtered_rows.tolist() == again.filtered_rows.tolist()
    assert state.class_counts() == again.class_counts()
    assert state.points.rows.tolist() == again.points.rows.tolist()
    assert same_column(state.points.xs, again.points.xs) and same_column(state.points.ys, again.points.ys)
    assert state.search._plain == again.search._plain
    for query in ("小区", "gy", "610725"):
        assert state.search.matches(query).tolist() == again.search.matches(query).tolist()


def other_program(path: Path) -> sqlite3.Connection:
    """A second program's connection (QGIS, say): GeoPackage functions, no OneMap marker, so the triggers audit it."""
    from onemap.store.geometry import register_functions

    conn = sqlite3.connect(path)
    register_functions(conn)
    return conn


def code_at(session: MapSession, row: int) -> str:
    return str(session.table.code[row])


def test_an_attribute_edit_patches_only_that_row_and_matches_a_fresh_read(files) -> None:  # type: ignore[no-untyped-def]
    session, history = files
    session.state.set_filter(EstateFilter(statuses=frozenset({"completed", "planned"})))
    session.state.search.prepare()
    code = code_at(session, 10)
    history.push_and_apply(
        SetEstateFields(
            code, name="新桂园小区", status="planned", households=321, township="新街道", categories=["safety"]
        )
    )
    change = session.refresh([code])
    assert change.patch.updated.tolist() == [10] and not change.patch.structural
    assert {"name", "status", "households", "township", "category_bits"} <= change.patch.columns
    assert change.shown is not None
    assert_like_fresh(session)
    history.undo()
    session.refresh([code])
    assert_like_fresh(session)


def test_a_refresh_that_finds_nothing_new_changes_nothing(files) -> None:  # type: ignore[no-untyped-def]
    session, _history = files
    change = session.refresh([code_at(session, 3), "不存在"])
    assert change.patch.empty and not change.replan
    assert_like_fresh(session)


def test_adding_deleting_and_undoing_keep_file_order_and_every_index(files) -> None:  # type: ignore[no-untyped-def]
    session, history = files
    session.state.set_symbology("year")
    victim = code_at(session, 40)
    history.push_and_apply(DeleteEstate(victim))
    change = session.refresh([victim])
    assert change.patch.deleted.tolist() == [40] and change.patch.structural
    assert session.table.row_of(victim) is None
    assert_like_fresh(session)
    history.undo()  # back, with a new fid: at the end of file order
    session.refresh([victim])
    assert session.table.row_of(victim) == len(session.table) - 1
    assert_like_fresh(session)
    estate = copy.deepcopy(session.inventory.estate(code_at(session, 5)))
    estate.code, estate.name, estate.renewal_year = history.inventory.next_code(), "新建小区", 2031
    history.push_and_apply(AddEstate(estate))
    change = session.refresh([estate.code])
    assert change.symbology  # 2031 is a new year class
    assert_like_fresh(session)
    history.undo()
    session.refresh([estate.code])
    assert_like_fresh(session)


def test_a_move_and_its_undo_keep_the_point_index_sorted_as_a_fresh_one(files) -> None:  # type: ignore[no-untyped-def]
    session, history = files
    code = code_at(session, 77)
    lon, lat = float(session.table.lon[3]), float(session.table.lat[3])  # onto another estate's x: a tie
    history.push_and_apply(MoveEstate(code, (lon, lat)))
    change = session.refresh([code])
    assert change.patch.moved.tolist() == [77] and change.replan
    assert_like_fresh(session)
    history.push_and_apply(MoveEstate(code, None))  # unlocated: out of the index
    session.refresh([code])
    assert_like_fresh(session)
    history.undo()
    history.undo()
    session.refresh([code])
    assert_like_fresh(session)


def test_an_outline_change_drops_the_cached_outline_of_that_estate(files) -> None:  # type: ignore[no-untyped-def]
    session, history = files
    code = code_at(session, 12)
    row = session.table.row_of(code)
    assert row is not None
    from onemap.view.extent import Extent

    x, y = float(session.table.x[row]), float(session.table.y[row])
    around = Extent(x - 2000, y - 2000, x + 2000, y + 2000)
    before = [f for f in session.outlines.within(around) if f.key == code]
    lon, lat = float(session.table.lon[row]), float(session.table.lat[row])
    history.push_and_apply(SetOutline(code, box(lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001)))
    change = session.refresh([code], tables=["estate_areas"])
    assert change.patch.empty  # the estate's own row is as it was
    after = [f for f in session.outlines.within(around) if f.key == code]
    assert len(after) == 1 and not any(np.array_equal(after[0].xy, b.xy, equal_nan=True) for b in before)
    assert_like_fresh(session)


def test_another_programs_writes_are_found_in_the_trail_and_refreshed(files, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    session, _history = files
    inventory = session.inventory
    seen, version = inventory.audit_high_water(), inventory.data_version()
    renamed, edited = code_at(session, 20), code_at(session, 21)
    with other_program(demo_copy) as other:  # QGIS, say: the triggers record it as 外部程序
        other.execute("UPDATE estates SET status = 'accepted', households = 9 WHERE code = ?", (edited,))
        other.execute("UPDATE estates SET code = ? WHERE code = ?", (renamed + "X", renamed))
    other.close()
    assert inventory.data_version() != version
    changes = inventory.trail_changes(seen)
    assert not changes.whole and {edited, renamed, renamed + "X"} <= changes.codes
    assert changes.last_id > seen and "estates" in changes.tables
    change = session.refresh(changes.codes, changes.tables)
    assert session.table.row_of(renamed) is None and session.table.row_of(renamed + "X") == 20
    assert change.patch.structural
    assert_like_fresh(session)
    assert inventory.trail_changes(changes.last_id).codes == set()


def test_a_trail_that_cannot_say_what_changed_asks_for_a_whole_reload(files, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    session, _history = files
    seen = session.inventory.audit_high_water()
    with other_program(demo_copy) as other:
        other.execute("UPDATE admin_areas SET name = name || '新' WHERE fid = (SELECT min(fid) FROM admin_areas)")
    other.close()
    assert session.inventory.trail_changes(seen).whole
    with other_program(demo_copy) as other:
        other.execute("DELETE FROM audit_log")
    other.close()
    assert session.inventory.trail_changes(seen + 1).whole


def test_a_new_colour_keeps_the_aggregates_recounting_shares_only_inside_one_and_matches_a_fresh_plan(files) -> None:  # type: ignore[no-untyped-def]
    from onemap.view.point_plan import PointPlanner

    session, history = files
    state, planner = session.state, session.planner
    state.set_extent(state.home, (400, 300))  # the whole county: aggregates where estates crowd
    plan, _ = planner.plan()
    assert plan.aggregated and len(plan.rows)
    lone = int(plan.rows[0])  # drawn as its own marker
    _clusters, sparse = next(iter(planner._cells.values()))
    crowded = next(r for r in state.filtered_rows.tolist() if r not in set(sparse.tolist()) and state.table.located[r])
    for row, kept in ((lone, True), (crowded, False)):
        cells = planner._cells.copy()
        code = code_at(session, row)
        status = "planned" if state.table.status[row] != 0 else "completed"
        history.push_and_apply(SetEstateFields(code, status=status))
        session.refresh([code])
        assert planner._cells.keys() == cells.keys()  # no aggregate made again (binning, merging)
        assert not planner._stale if kept else planner._stale == set(cells)  # shares recounted when drawn
        mine, _ = planner.plan()
        again = PointPlanner(state)
        theirs, _ = again.plan()
        assert mine.rows.tolist() == theirs.rows.tolist()
        assert mine.clusters is not None and theirs.clusters is not None
        assert mine.clusters.hist.tolist() == theirs.clusters.hist.tolist()
        assert mine.clusters.dominant.tolist() == theirs.clusters.dominant.tolist()
