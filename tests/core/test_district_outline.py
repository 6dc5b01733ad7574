"""A 片区 is drawn as one closed area: one polygon holding every member, inside its township."""

from __future__ import annotations

from pathlib import Path

import shapely
from shapely.geometry import box

from onemap.checkup.district_area import district_areas, one_area
from onemap.checkup.district_geometry import dissolve, to_mercator
from onemap.cli import main
from onemap.store import Inventory


def test_estates_hundreds_of_metres_apart_close_into_one_polygon_holding_both() -> None:
    west, east = box(0, 0, 100, 100), box(400, 250, 520, 330)  # 300 m apart, offset
    area = one_area([west, east], pad=8.0)
    assert area.geom_type == "Polygon" and area.contains(west) and area.contains(east)
    assert area.area < box(0, 0, 520, 330).area  # sized to the spacing, not the bounding box
    touching = one_area([box(0, 0, 100, 100), box(100, 0, 200, 100)], pad=8.0)
    assert touching.geom_type == "Polygon" and touching.area == 200 * 100  # neighbours: just their union


def test_the_outline_stays_in_the_township_but_never_cuts_a_member() -> None:
    west, east = box(0, 0, 100, 100), box(400, 0, 500, 100)
    township = box(-50, -10, 600, 60).union(box(-50, -10, 120, 120)).union(box(380, -10, 600, 120))
    area = one_area([west, east], pad=8.0, within=township)
    assert area.geom_type == "Polygon" and area.contains(west) and area.contains(east)
    assert shapely.difference(area, township.union(west).union(east)).area < 1e-6


def test_every_proposed_district_of_the_demo_is_one_polygon_holding_every_member_inside_its_township(
    demo_copy: Path,
) -> None:
    from onemap.demo.reflayers import write_demo_layers

    write_demo_layers(demo_copy)
    assert main(["districts", str(demo_copy), "--save"]) == 0
    with Inventory.open(demo_copy, readonly=True) as inventory:
        members = inventory.district_map()
        outlines = {c: inventory.readable_outline(c, b) for c, b in inventory.outline_rows_of(list(members))}
        within = district_areas(inventory, members)
    drawn = dissolve({c: g for c, g in outlines.items() if g is not None}, members, within=within)
    assert len(drawn) == len(set(members.values())) and len(within) == len(drawn)
    several = [d for d in drawn if len(d.estates) > 1]
    assert len(several) >= 10
    for district in drawn:
        assert district.outline.geom_type == "Polygon", district.name
        parts = [to_mercator(outlines[c]) for c in district.estates]
        assert all(district.outline.buffer(0.01).contains(p) for p in parts), district.name
        allowed = shapely.union_all([to_mercator(within[district.name]), *parts]).buffer(0.5)
        assert allowed.contains(district.outline), district.name
