"""The 3D camera, picking and labels, without a window: the same maths the GL view draws with."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely

from onemap.scene import BuildingRows, OrbitCamera, SceneFrame, build_scene, load_scene, pick_estate, place_labels
from onemap.scene.picking import ray_triangle_distances

W, H = 800, 600
FRAME = SceneFrame.around(106.67, 33.15)


def rows_in_metres(polys: list, heights: list[float], codes: list[str]) -> BuildingRows:
    """Buildings given in scene metres, stored (as the inventory does) in lon/lat."""
    lonlat = shapely.transform(
        np.array(polys, dtype=object), lambda xy: np.column_stack(FRAME.to_lonlat(xy[:, 0], xy[:, 1]))
    )
    return BuildingRows(np.array(codes, dtype=object), np.array(heights, dtype=float), lonlat)


def small_town():  # type: ignore[no-untyped-def]
    """Two estates: a 30 m tower (A) in front of a 9 m block (B), and B's outline around both."""
    rows = rows_in_metres([shapely.box(0, 0, 20, 20), shapely.box(0, 60, 40, 80)], [30.0, 9.0], ["A", "B"])
    outline = shapely.box(-30, -30, 70, 110)
    lonlat = shapely.transform(
        np.array([outline], dtype=object), lambda xy: np.column_stack(FRAME.to_lonlat(xy[:, 0], xy[:, 1]))
    )
    return build_scene(rows, np.array(["B"], dtype=object), lonlat, {"A": "甲小区", "B": "乙小区"}, FRAME)


def test_a_point_projected_to_the_screen_casts_a_ray_back_through_it() -> None:
    camera = OrbitCamera(center=(10, 20, 0), distance=300, elevation=35, azimuth=-60)
    point = np.array([25.0, 40.0, 12.0])
    ((x, y),), in_front = camera.project(point, W, H)
    origin, direction = camera.ray(x, y, W, H)
    along = point - origin
    assert in_front.all()
    assert np.linalg.norm(along - direction * (along @ direction)) < 1e-6


def test_the_north_arrow_points_up_when_looking_north_and_right_when_looking_west() -> None:
    assert OrbitCamera(azimuth=-90).north_angle_deg(W, H) == pytest.approx(0)
    assert OrbitCamera(azimuth=0).north_angle_deg(W, H) == pytest.approx(90)  # camera east of centre
    assert OrbitCamera(azimuth=90, elevation=90).north_angle_deg(W, H) == pytest.approx(180)


def test_a_fitted_camera_shows_the_whole_box() -> None:
    lo, hi = np.array([-500.0, -2000.0, 0.0]), np.array([800.0, 1500.0, 60.0])
    camera = OrbitCamera(elevation=50).fitted(lo, hi, W, H, margin=1.05)
    corners = np.array([[x, y, z] for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])])
    xy, in_front = camera.project(corners, W, H)
    assert in_front.all()
    assert (xy >= 0).all() and (xy[:, 0] <= W).all() and (xy[:, 1] <= H).all()
    assert xy[:, 1].max() - xy[:, 1].min() > 0.85 * H or xy[:, 0].max() - xy[:, 0].min() > 0.85 * W


def test_clicking_a_roof_picks_its_estate_and_the_nearest_building_wins() -> None:
    scene = small_town()
    camera = OrbitCamera(center=(10, 40, 0), distance=200, elevation=30, azimuth=-90)
    (xy_a,), _ = camera.project([[10, 10, 30]], W, H)
    assert pick_estate(scene.mesh, scene.outlines, *camera.ray(*xy_a, W, H)) == "A"
    low = OrbitCamera(center=(10, 40, 0), distance=200, elevation=2, azimuth=-90)
    (xy_b,), _ = low.project([[10, 70, 5]], W, H)  # B's wall, straight behind A's tower
    assert pick_estate(scene.mesh, scene.outlines, *low.ray(*xy_b, W, H)) == "A"


def test_clicking_ground_inside_an_outline_picks_that_estate_and_the_sky_picks_nothing() -> None:
    scene = small_town()
    camera = OrbitCamera(center=(50, 100, 0), distance=150, elevation=60, azimuth=-90)
    (ground,), _ = camera.project([[60, 100, 0]], W, H)
    assert pick_estate(scene.mesh, scene.outlines, *camera.ray(*ground, W, H)) == "B"
    horizon = OrbitCamera(center=(0, 0, 0), distance=150, elevation=3, azimuth=-90)
    assert pick_estate(scene.mesh, scene.outlines, *horizon.ray(W / 2, 5, W, H)) is None


def test_moller_trumbore_measures_the_distance_to_a_triangle_and_misses_outside_it() -> None:
    triangle = np.array([[[0, 0, 5], [10, 0, 5], [0, 10, 5]]], dtype=float)
    assert ray_triangle_distances([1, 1, 20], [0, 0, -1], triangle)[0] == pytest.approx(15)
    assert np.isinf(ray_triangle_distances([9, 9, 20], [0, 0, -1], triangle)[0])
    assert np.isinf(ray_triangle_distances([1, 1, 0], [0, 0, -1], triangle)[0])  # behind the ray


def test_labels_appear_only_when_zoomed_in_and_never_overlap(demo_file: Path) -> None:
    scene = load_scene(demo_file)
    far = OrbitCamera(elevation=55).fitted(*scene.bounds(), W, H)
    assert place_labels(far, W, H, scene.anchors, scene.names) == []
    seat = scene.anchors[np.argmin(np.linalg.norm(scene.anchors[:, :2], axis=1))]
    near = OrbitCamera(center=tuple(seat[:2]) + (0.0,), distance=900, elevation=45)
    placed = place_labels(near, W, H, scene.anchors, scene.names, max_labels=8)
    assert 1 <= len(placed) <= 8
    boxes = [(p.x - len(p.text) * 7 - 4, p.y - 20, p.x + len(p.text) * 7 + 4, p.y) for p in placed]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_the_selected_estate_is_labelled_first() -> None:
    scene = small_town()
    camera = OrbitCamera(center=(10, 40, 0), distance=250, elevation=45)
    placed = place_labels(camera, W, H, scene.anchors, scene.names, first=1)
    assert placed[0].text == "乙小区"


def test_label_anchors_sit_above_each_estates_tallest_roof() -> None:
    scene = small_town()
    a = scene.index_of("A")
    assert scene.anchors[a, 2] > 30.0
    assert scene.anchors[a, :2] == pytest.approx([10.0, 10.0], abs=0.01)


def test_the_frame_round_trips_lon_lat() -> None:
    frame = SceneFrame.around(106.67, 33.15)
    x, y = frame.to_local([106.70], [33.10])
    lon, lat = frame.to_lonlat(x, y)
    assert (lon[0], lat[0]) == pytest.approx((106.70, 33.10), abs=1e-9)
