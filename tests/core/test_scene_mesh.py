"""The 3D building mesh: heights, roof caps of awkward footprints, walls, colours, estates' slices."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon

from onemap.scene import BuildingRows, SceneFrame, build_building_mesh, building_heights, load_scene, rgba8
from onemap.scene.extrude import explode, roof_triangles, wall_triangles
from onemap.store.geometry import decode

FRAME = SceneFrame.around(106.67, 33.15)  # Mian county seat
L_SHAPE = Polygon([(0, 0), (30, 0), (30, 10), (10, 10), (10, 40), (0, 40)])
COURTYARD = Polygon([(0, 0), (40, 0), (40, 30), (0, 30)], [[(10, 10), (30, 10), (30, 20), (10, 20)]])


def rows_in_metres(polys: list, heights: list[float], codes: list[str]) -> BuildingRows:
    """Buildings given in scene metres, stored (as the inventory does) in lon/lat."""

    def to_lonlat(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(FRAME.to_lonlat(xy[:, 0], xy[:, 1]))

    lonlat = shapely.transform(np.array(polys, dtype=object), to_lonlat)
    return BuildingRows(np.array(codes, dtype=object), np.array(heights, dtype=float), lonlat)


def roof_faces(mesh, height: float) -> np.ndarray:
    triangles = mesh.positions.reshape(-1, 3, 3).astype(np.float64)
    flat = np.all(np.abs(triangles[:, :, 2] - height) < 1e-4, axis=1)
    return triangles[flat]


def triangle_areas(triangles: np.ndarray) -> np.ndarray:
    cross = np.cross(triangles[:, 1] - triangles[:, 0], triangles[:, 2] - triangles[:, 0])
    return 0.5 * cross[:, 2]  # signed: positive when wound counter-clockwise seen from above


def test_a_known_buildings_roof_vertices_sit_at_its_recorded_height(demo_file: Path) -> None:
    with sqlite3.connect(demo_file) as conn:
        code, height, blob = conn.execute(
            "SELECT estate_code, height_m, geom FROM buildings WHERE height_m > 40 ORDER BY fid LIMIT 1"
        ).fetchone()
    scene = load_scene(demo_file)
    faces = scene.mesh.estate_face_slice(code)
    corners = scene.mesh.positions[3 * faces.start : 3 * faces.stop]
    assert corners[:, 2].max() == pytest.approx(height, abs=1e-4)
    footprint = decode(blob)
    x, y = FRAME.to_local(*shapely.get_coordinates(footprint)[0])  # same zone; origins differ
    x, y = x + FRAME.origin_x - scene.frame.origin_x, y + FRAME.origin_y - scene.frame.origin_y
    roof = corners[np.abs(corners[:, 2] - height) < 1e-4]
    assert np.min(np.hypot(roof[:, 0] - x, roof[:, 1] - y)) < 0.01


def test_height_is_height_m_else_floors_times_three_metres_else_one_storey() -> None:
    floors = np.array([6, 6, np.nan, 0])
    height = np.array([19.5, np.nan, np.nan, np.nan])
    assert building_heights(floors, height).tolist() == [19.5, 18.0, 3.0, 3.0]


def test_scene_coordinates_are_small_enough_for_float32(demo_file: Path) -> None:
    scene = load_scene(demo_file)
    assert scene.frame.epsg == 4545  # CGCS2000 3-degree zone 36 (CM 108E), Mian county
    assert np.abs(scene.mesh.positions[:, :2]).max() < 60_000
    assert scene.mesh.positions.dtype == np.float32


@pytest.mark.parametrize("footprint", [L_SHAPE, COURTYARD], ids=["L-shaped", "courtyard"])
def test_roof_cap_covers_exactly_the_footprint(footprint: Polygon) -> None:
    polys, _ = explode(np.array([footprint], dtype=object))
    triangles, owner = roof_triangles(polys, np.array([18.0]))
    assert (owner == 0).all()
    assert np.all(triangle_areas(triangles) > 0)  # all wound upwards
    assert triangle_areas(triangles).sum() == pytest.approx(footprint.area)
    cap = shapely.union_all([Polygon(t[:, :2]) for t in triangles])
    assert cap.symmetric_difference(footprint).area < 1e-6


def test_holed_and_concave_caps_survive_the_trip_through_lon_lat() -> None:
    shifted = shapely.affinity.translate(COURTYARD, 200, 0)
    mesh = build_building_mesh(rows_in_metres([L_SHAPE, shifted], [12.0, 21.0], ["A", "B"]), FRAME)
    for code, poly, height in (("A", L_SHAPE, 12.0), ("B", shifted, 21.0)):
        faces = mesh.estate_face_slice(code)
        sub = mesh.positions[3 * faces.start : 3 * faces.stop].reshape(-1, 3, 3).astype(np.float64)
        roof = sub[np.all(np.abs(sub[:, :, 2] - height) < 1e-4, axis=1)]
        assert triangle_areas(roof).sum() == pytest.approx(poly.area, rel=1e-4)
    hole_centre = (220.0, 15.0)
    b_faces = mesh.estate_face_slice("B")
    b_roof = roof_faces(mesh, 21.0)
    assert len(b_roof) == b_faces.stop - b_faces.start - 2 * 8  # 8 wall segments (4 outer, 4 courtyard)
    centroids = b_roof.mean(axis=1)
    assert np.min(np.hypot(centroids[:, 0] - hole_centre[0], centroids[:, 1] - hole_centre[1])) > 3


def test_every_wall_segment_is_two_triangles_facing_out_of_the_building() -> None:
    polys, _ = explode(np.array([COURTYARD], dtype=object))
    walls, owner, outward = wall_triangles(polys, np.array([0.0]), np.array([9.0]))
    assert len(walls) == 2 * 8
    normals = np.cross(walls[:, 1] - walls[:, 0], walls[:, 2] - walls[:, 0])
    normals /= np.linalg.norm(normals, axis=1, keepdims=True)
    assert np.allclose(normals[:, :2], outward) and np.allclose(normals[:, 2], 0)
    probe = walls.mean(axis=1)[:, :2] + 0.5 * outward
    assert not shapely.contains_xy(COURTYARD, probe[:, 0], probe[:, 1]).any()


def test_multipolygon_footprints_and_estates_are_contiguous_slices() -> None:
    twin = MultiPolygon([shapely.box(0, 0, 10, 10), shapely.box(20, 0, 30, 10)])
    rows = rows_in_metres([shapely.box(100, 0, 110, 10), twin, shapely.box(50, 50, 60, 60)], [9, 6, 3], ["Z", "A", "Z"])
    mesh = build_building_mesh(rows, FRAME)
    assert mesh.estate_codes == ("A", "Z")
    for i, code in enumerate(mesh.estate_codes):
        faces = mesh.estate_face_slice(code)
        assert (mesh.face_estate[faces] == i).all()
    assert mesh.estate_face_slice("A").stop - mesh.estate_face_slice("A").start == 2 * (2 + 8)
    assert len(mesh.estate_edge_positions("A")) == 2 * 2 * 8  # per wall segment: a roof edge and a corner
    assert mesh.estate_face_slice("nope") == slice(0, 0)


def test_colours_follow_the_symbology_with_roofs_brightest() -> None:
    mesh = build_building_mesh(rows_in_metres([shapely.box(0, 0, 10, 10)], [9.0], ["A"]), FRAME)
    colours = mesh.colours(lambda code: "#4080c0")
    assert colours.shape == (len(mesh.positions), 4) and colours.dtype == np.uint8
    roof = np.all(np.abs(mesh.positions.reshape(-1, 3, 3)[:, :, 2] - 9.0) < 1e-4, axis=1)
    roof_rgb = colours.reshape(-1, 3, 4)[roof][:, :, :3]
    assert (roof_rgb == (64, 128, 192)).all()
    assert colours[:, :3].astype(int).sum(axis=1).max() == 64 + 128 + 192
    assert (colours[:, 3] == 255).all()


@pytest.mark.parametrize(
    ("colour", "rgba"),
    [("#ff8000", (255, 128, 0, 255)), ("#ff800080", (255, 128, 0, 128)), ((1, 2, 3), (1, 2, 3, 255))],
)
def test_colours_are_hex_strings_or_0_to_255_tuples(colour, rgba) -> None:  # type: ignore[no-untyped-def]
    assert rgba8(colour) == rgba


@pytest.mark.parametrize("bad", ["red", "#12345", (0.5, 0.5, 0.5, 2.0), (300, 0, 0)])
def test_other_colours_are_refused(bad) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        rgba8(bad)


def test_a_filter_selects_the_vertex_rows_of_its_estates() -> None:
    rows = rows_in_metres([shapely.box(0, 0, 10, 10), shapely.box(20, 0, 30, 10)], [3, 6], ["A", "B"])
    mesh = build_building_mesh(rows, FRAME)
    picked = mesh.vertex_rows(np.array([False, True]))
    faces = mesh.estate_face_slice("B")
    assert picked.tolist() == list(range(3 * faces.start, 3 * faces.stop))


def test_twenty_thousand_buildings_make_one_mesh_of_all_their_faces() -> None:
    # The build's speed is measured by tests/bench/bench_scene3d.py, not asserted here (shared machine).
    xs, ys = np.meshgrid(np.arange(200) * 60.0, np.arange(100) * 60.0)
    footprints = shapely.box(xs.ravel(), ys.ravel(), xs.ravel() + 40, ys.ravel() + 12)
    rows = rows_in_metres(list(footprints), list(np.full(20_000, 18.0)), [f"E{i // 8:05d}" for i in range(20_000)])
    mesh = build_building_mesh(rows, FRAME)
    assert mesh.n_faces == 20_000 * (2 + 8)


def test_a_cancelled_scene_build_stops_and_returns_nothing(demo_file) -> None:  # type: ignore[no-untyped-def]
    from onemap.scene import SceneCancelled, load_scene

    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2  # the third check stops it: after the rows, before the mesh is kept

    with pytest.raises(SceneCancelled):
        load_scene(demo_file, cancelled)
    assert len(asked) == 3


def test_a_mesh_build_asks_whether_to_go_on_between_its_steps(demo_file) -> None:  # type: ignore[no-untyped-def]
    from onemap.scene import SceneCancelled, load_scene

    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 4  # the fifth check is inside the mesh build, after the roofs

    with pytest.raises(SceneCancelled):
        load_scene(demo_file, cancelled)
    assert len(asked) == 5
