"""Opening an inventory for viewing: home extent, identify by point and by outline, layers by R-tree."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
import shapely

from onemap.store import Inventory
from onemap.store.errors import InventoryError
from onemap.view.extent import Extent, to_display
from onemap.view.polygons import concat, display_rings_of, rings_xy
from onemap.view.session import MapSession


@pytest.fixture(scope="module")
def session(demo_file: Path):  # type: ignore[no-untyped-def]
    s = MapSession.open(demo_file)
    yield s
    s.close()


def test_viewing_opens_the_file_read_only_and_names_the_county(session: MapSession) -> None:
    assert session.inventory.readonly
    assert session.title.startswith("勉县 · ")


def test_a_title_read_ahead_in_another_thread_is_the_title_its_first_reader_waits_for(demo_file: Path) -> None:
    s = MapSession.open(demo_file, rest_later=True)
    try:
        s.expect_title()
        early: list[str] = []
        reader = threading.Thread(target=lambda: early.append(s.title))  # asks before the title is read
        reader.start()
        reader.join(0.2)
        assert reader.is_alive() and not early  # waits for the read ahead rather than asking the file again
        s.read_title_ahead()
        reader.join(5)
        assert early == [s.title] and early[0].startswith("勉县 · ")  # later readers ask the file
    finally:
        s.read_rest()
        s.close()


def test_home_shows_the_whole_county_and_every_estate(session: MapSession) -> None:
    home = session.state.home
    assert session.admin.extent is not None and home.contains(session.admin.extent)
    table = session.table
    assert home.contains(Extent.around(table.x, table.y))  # type: ignore[arg-type]


def test_a_missing_file_is_refused_with_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(InventoryError, match="找不到文件"):
        MapSession.open(tmp_path / "没有.gpkg")


def test_clicking_inside_an_outline_far_from_the_point_finds_the_estate(session: MapSession, demo_file: Path) -> None:
    state = session.state
    state.set_extent(Extent(0, 0, 1400, 900), (1400, 900))  # 1 m/px: outlines are shown
    with Inventory.open(demo_file, readonly=True) as inventory:
        estate = inventory.estate(str(state.table.code[20]))
    # a point inside the outline near its first corner, tens of metres from the estate's marker
    corner = shapely.get_coordinates(estate.outline)[0]
    lon, lat = 0.8 * corner + 0.2 * np.array(estate.location)
    assert shapely.contains_xy(estate.outline, lon, lat)
    x, y = to_display(np.array([lon]), np.array([lat]))
    assert state.identify(float(x[0]), float(y[0]), tolerance_px=2) == []
    assert session.estates_at(float(x[0]), float(y[0]), tolerance_px=2) == [estate.code]


def test_outlines_and_buildings_come_from_the_r_tree_for_the_view(session: MapSession) -> None:
    table = session.table
    x, y = table.x[0], table.y[0]
    view = Extent(x - 300, y - 300, x + 300, y + 300)
    outlines = session.outlines.within(view)
    assert table.code[0] in {f.key for f in outlines}
    whole = session.outlines.within(session.state.home)
    assert len(outlines) < len(whole) == 150
    buildings = session.buildings.within(view)
    assert table.code[0] in {f.key for f in buildings}
    path = concat(outlines)
    assert np.isnan(path).any(axis=1).sum() >= len(outlines)  # every ring ends with a NaN row


def test_admin_boundaries_are_simplified_to_the_resolution(session: MapSession) -> None:
    home = session.state.home
    coarse = session.admin.lines(home, 500.0)
    fine = session.admin.lines(home, 2.0)
    assert 0 < len(coarse) < len(fine)


def test_rings_are_converted_to_display_metres() -> None:
    square = shapely.box(106.0, 33.0, 106.01, 33.01)
    (xy,) = rings_xy([square])
    assert np.isnan(xy[-1]).all()
    assert xy[:-1, 0].min() == pytest.approx(to_display(np.array([106.0]), np.array([33.0]))[0][0])


def _rings_one_by_one(geom: shapely.Geometry | None) -> np.ndarray:
    """Each ring of one geometry then a NaN row (the way the rings were taken before, area by area)."""
    if geom is None or geom.is_empty:
        return np.empty((0, 2))
    coords, index = shapely.get_coordinates(shapely.get_rings(shapely.get_parts(geom)), return_index=True)
    segments = np.split(coords, np.flatnonzero(np.diff(index)) + 1)
    return np.vstack([part for seg in segments for part in (seg, np.full((1, 2), np.nan))])


def test_boundary_rings_taken_all_at_once_are_those_taken_area_by_area(session: MapSession) -> None:
    holed = shapely.Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (2, 1), (2, 2), (1, 2)]])
    made = [None, shapely.Polygon(), holed, shapely.MultiPolygon([holed, shapely.box(5, 5, 6, 7)]), None]
    for geoms in (
        np.asarray(made, dtype=object),
        session.admin.geoms,
        shapely.simplify(session.admin.geoms, 64.0, preserve_topology=False),
    ):
        together = display_rings_of(geoms)
        assert len(together) == len(geoms)
        for geom, rings in zip(geoms, together, strict=True):
            np.testing.assert_array_equal(rings, _rings_one_by_one(geom))
