"""Which basemap tiles a view needs."""

from __future__ import annotations

from onemap.geo.tiles import ORIGIN_SHIFT_M
from onemap.view.extent import Extent
from onemap.view.tiling import bounds, parent, tiles_for, zoom_for


def test_the_zoom_matches_the_screen_resolution_within_the_file_range() -> None:
    world_px0 = 2 * ORIGIN_SHIFT_M / 256  # metres per pixel at zoom 0
    assert zoom_for(world_px0 / 2**12) == 12
    assert zoom_for(world_px0 / 2**12 * 1.3) == 12
    assert zoom_for(world_px0 / 2**12, minzoom=0, maxzoom=10) == 10
    assert zoom_for(world_px0, minzoom=5) == 5
    assert zoom_for(float("inf"), minzoom=3) == 3


def test_the_tiles_cover_the_view_centre_first() -> None:
    view = Extent(11_870_000, 3_910_000, 11_880_000, 3_916_000)
    keys = tiles_for(view, 14)
    covered = bounds(keys[0])
    for key in keys[1:]:
        covered = covered.union(bounds(key))
    assert covered.contains(view)
    first = bounds(keys[0])
    assert first.minx <= view.center[0] <= first.maxx and first.miny <= view.center[1] <= first.maxy


def test_huge_views_ask_for_a_bounded_number_of_tiles() -> None:
    assert len(tiles_for(Extent(-2e7, -2e7, 2e7, 2e7), 10, limit=100)) == 100


def test_a_parent_tile_contains_its_children() -> None:
    assert parent((12, 3398, 1653)) == (11, 1699, 826)
    assert parent((12, 3398, 1653), 3) == (9, 424, 206)
    assert parent((1, 0, 0), 2) is None
    assert bounds((11, 1699, 826)).contains(bounds((12, 3398, 1653)))
