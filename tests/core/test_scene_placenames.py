"""Place names in the 3D view: township seats and the county name stand on the ground at the county view,
street names only near, more important names first and none on top of another."""

from __future__ import annotations

import numpy as np

from onemap.geo.crs import CGCS2000, WEB_MERCATOR, transformer
from onemap.scene.camera import OrbitCamera
from onemap.scene.frame import SceneFrame
from onemap.scene.placelabels import LIFT_M, ground_names, place_ground_names
from onemap.scene.terrain import Terrain
from onemap.view.placenames import PlaceName, place_names

SEAT = (106.673, 33.153)  # 勉县 county seat
W, H = 1600, 1000


def _names() -> list[PlaceName]:
    seats = place_names([], [], np.empty(0, dtype=object), [], "610725")  # no townships: the real seats
    x, y = transformer(CGCS2000, WEB_MERCATOR).transform(*SEAT)
    return [PlaceName(x, y - 400, "勉县", 0), *seats, PlaceName(x + 300, y + 200, "定军山路", 2)]


def _frame() -> SceneFrame:
    return SceneFrame.around(*SEAT)


def test_at_the_county_view_the_county_and_township_names_show_and_street_names_do_not():
    names = ground_names(_names(), _frame(), None)
    county_view = OrbitCamera(center=(0.0, 0.0, 0.0), distance=60_000.0, elevation=40.0)
    placed = place_ground_names(county_view, W, H, names)
    texts = [p.text for p in placed]
    assert texts[0] == "勉县" and "定军山路" not in texts
    assert sum(p.rank == 1 for p in placed) >= 10  # Mian has 18 township seats; most fit
    boxes = [(p.x - len(p.text) * 8, p.y - 20, p.x + len(p.text) * 8, p.y) for p in placed]
    assert all(b[0] >= 0 and b[2] <= W for b in boxes)


def test_near_the_county_seat_street_names_appear_too():
    names = ground_names(_names(), _frame(), None)
    near = OrbitCamera(center=(0.0, 0.0, 0.0), distance=2_000.0, elevation=40.0)
    assert "定军山路" in [p.text for p in place_ground_names(near, W, H, names)]


def test_names_stand_on_the_terrain_not_under_it():
    frame = _frame()
    terrain = Terrain(np.full((3, 3), 900.0, dtype=np.float32), -50_000.0, -50_000.0, 50_000.0)
    names = ground_names(_names(), frame, terrain)
    assert np.allclose(names.anchors[:, 2], 900.0 + LIFT_M)


def test_no_two_place_names_overlap_on_screen():
    names = ground_names(_names(), _frame(), None)
    placed = place_ground_names(OrbitCamera(distance=90_000.0, elevation=30.0), 800, 500, names)
    spans = [(p.x - 7.5 * len(p.text), p.y - 16, p.x + 7.5 * len(p.text), p.y) for p in placed]
    for i, a in enumerate(spans):
        for b in spans[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
