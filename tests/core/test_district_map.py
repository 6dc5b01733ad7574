"""片区 on the map: dissolved outlines, the arterial-road barrier, membership edits that keep a valid file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import box

from onemap.checkup.district_geometry import RoadBarrier, dissolve, road_lines, to_mercator
from onemap.checkup.districts import DistrictEstate, propose
from onemap.cli import main
from onemap.geo.reflayers import load_layer
from onemap.store import Inventory
from tests.conftest import run_validators

LON, LAT = 106.67, 33.15
M_LAT = 1 / 110_574.0  # degrees of latitude per metre


def _square(x_m: float, y_m: float, side_m: float = 100.0) -> shapely.Polygon:
    m_lon = M_LAT * 110_574.0 / (111_320.0 * 0.8372)  # cos(33.15°) ≈ 0.8372
    return box(LON + x_m * m_lon, LAT + y_m * M_LAT, LON + (x_m + side_m) * m_lon, LAT + (y_m + side_m) * M_LAT)


def test_a_pian_qus_outline_is_one_area_closing_the_lane_between_its_members() -> None:
    outlines = {"A": _square(0, 0), "B": _square(104, 0), "C": _square(1000, 0), "D": _square(5000, 0)}
    members = {"A": "一片", "B": "一片", "C": "二片", "D": "二片", "X": "一片"}  # X has no outline
    found = {d.name: d for d in dissolve(outlines, members, buffer_m=5.0)}
    one, two = found["一片"], found["二片"]
    assert one.estates == ("A", "B") and one.outline.geom_type == "Polygon"  # the 4 m lane closed
    a, b = to_mercator(outlines["A"]), to_mercator(outlines["B"])
    assert one.outline.contains(a.buffer(-0.01)) and one.outline.contains(b.buffer(-0.01))
    lane = one.outline.area - a.area - b.area
    assert 0 < lane <= 1.05 * (4 * 100) * (a.area / (100 * 100))  # the lane, in Mercator m², and no more
    assert two.outline.geom_type == "Polygon"  # 4 km apart: one area still (the hull spans the gap)
    assert one.outline.contains(shapely.Point(one.label))


def _road_file(tmp_path: Path) -> Path:
    """An east–west arterial 150 m north of the origin, as a GeoJSON reference layer."""
    path = tmp_path / "主干路.geojson"
    y = LAT + 150 * M_LAT
    feature = {
        "type": "Feature",
        "properties": {"name": "示意大道"},
        "geometry": {"type": "LineString", "coordinates": [[LON - 0.05, y], [LON + 0.05, y]]},
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    return path


def test_no_pian_qu_straddles_an_arterial_road_when_a_road_layer_is_given(tmp_path: Path) -> None:
    barrier = RoadBarrier(road_lines(load_layer(_road_file(tmp_path)).shapes.lines.xy))
    estates = [
        DistrictEstate("A", "勉阳街道", households=100, location=(LON, LAT)),
        DistrictEstate("B", "勉阳街道", households=100, location=(LON, LAT + 300 * M_LAT)),  # across the road
        DistrictEstate("C", "勉阳街道", households=100, location=(LON, LAT - 200 * M_LAT)),  # same side as A
    ]
    free = propose(estates, max_households=1000, within_m=500)
    kept = propose(estates, max_households=1000, within_m=500, barrier=barrier)
    assert [d.estates for d in free] == [["A", "C", "B"]]
    assert [d.estates for d in kept] == [["A", "C"], ["B"]]


def test_districts_with_the_demo_roads_never_join_estates_a_road_separates(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from onemap.demo.reflayers import write_demo_layers

    layers = write_demo_layers(demo_copy)
    assert main(["districts", str(demo_copy), "--json", "--roads", str(layers), "--roads-layer", "roads"]) == 0
    found = json.loads(capsys.readouterr().out)
    barrier = RoadBarrier(road_lines(load_layer(layers, layer="roads").shapes.lines.xy))
    with Inventory.open(demo_copy, readonly=True) as inventory:
        where = inventory.checkup_estate_locations()

    def straddling(districts: list[dict[str, list[str]]]) -> int:
        pairs = [(a, b) for d in districts for a in d["estates"] for b in d["estates"] if a < b]
        return sum(barrier.separates(where[a], where[b]) for a, b in pairs)

    assert straddling(found) == 0
    assert main(["districts", str(demo_copy), "--json"]) == 0
    assert straddling(json.loads(capsys.readouterr().out)) > 0  # without the roads some 片区 would straddle one


def test_membership_edits_keep_a_valid_geopackage_and_the_outline_follows_them(demo_copy: Path) -> None:
    with Inventory.open(demo_copy) as inventory:
        codes = sorted(inventory.district_map() or [str(r[0]) for r in inventory.estate_columns(["code"])])[:3]
        with inventory.transaction():
            inventory.set_districts({codes[0]: "示意片区", codes[1]: "示意片区", codes[2]: "示意片区"})
        with inventory.transaction():
            inventory.set_districts({codes[2]: None})  # taken out again
        members = inventory.district_map()
        outlines = {c: inventory.outline(c) for c in codes}
    assert {c for c, d in members.items() if d == "示意片区"} == set(codes[:2])
    (drawn,) = dissolve(outlines, members)
    assert drawn.estates == tuple(codes[:2])
    assert drawn.outline.area >= to_mercator(outlines[codes[0]]).area + to_mercator(outlines[codes[1]]).area - 1
    for result in run_validators(demo_copy):
        assert result.returncode == 0, result.stdout + result.stderr
