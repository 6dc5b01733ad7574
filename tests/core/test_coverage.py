"""Living-circle coverage: network distances on a hand-computable grid, the labelled straight-line
fallback, the facilities table in a real GeoPackage, and ``onemap coverage --json``."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely

from onemap.analysis.coverage import coverage, measure
from onemap.analysis.facility_types import default_config
from onemap.analysis.walknet import WalkNetwork
from onemap.geo.geodesy import LocalMetricFrame, geodesic_distance_m
from onemap.store import Inventory
from onemap.store.facilities import EstatePoint, Facility
from tests.conftest import run_validators

FRAME = LocalMetricFrame(106.67, 33.15)  # Mian county seat


def at(x_m: float, y_m: float) -> tuple[float, float]:
    """A lon/lat ``x_m`` east and ``y_m`` north of the frame's origin."""
    lon, lat = FRAME.to_lonlat(np.array([x_m]), np.array([y_m]))
    return float(lon[0]), float(lat[0])


def grid(size: int = 10, step: float = 100.0) -> WalkNetwork:
    """Streets every ``step`` metres, each drawn as one long line crossing all the others."""
    lines = []
    for k in range(size + 1):
        across, along = np.array([0.0, size * step]), np.array([k * step, k * step])
        lines.append(np.column_stack(FRAME.to_lonlat(across, along)))
        lines.append(np.column_stack(FRAME.to_lonlat(along, across)))
    return WalkNetwork.from_lines(lines, source="grid")


def test_grid_streets_become_one_connected_network_with_a_node_at_every_crossing() -> None:
    net = grid()
    assert len(net.node_xy) == 121
    assert len(net.seg_a) == 2 * 11 * 10
    assert net.components() == 1


def test_network_distance_is_the_manhattan_walk_plus_the_step_onto_the_street() -> None:
    estates = [EstatePoint("E1", "一", None, None, at(0, 0)), EstatePoint("E2", "二", None, None, at(350, 520))]
    kindergarten = Facility("幼儿园", "kindergarten", at(300, 300), fid=7)
    result = measure(estates, [kindergarten], types=["kindergarten"], network=grid())
    # E1 stands on a crossing: 300 east + 300 north; E2 steps 20 m south onto y=500, walks
    # 50 m west and 200 m south
    assert result["E1"].nearest["kindergarten"].distance_m == pytest.approx(600, abs=0.1)
    assert result["E2"].nearest["kindergarten"].distance_m == pytest.approx(270, abs=0.1)
    assert result["E2"].nearest["kindergarten"].facility == 7
    assert result["E1"].method == "network" and result["E1"].detour is None
    assert result["E2"].nearest["kindergarten"].within == {"5min": True, "10min": True, "15min": True}
    assert result["E1"].nearest["kindergarten"].within == {"5min": False, "10min": False, "15min": True}


def test_two_points_on_one_street_walk_straight_along_it() -> None:
    estates = [EstatePoint("E", "一", None, None, at(120, 505))]
    shop = Facility("超市", "grocery", at(180, 495), fid=1)
    result = measure(estates, [shop], types=["grocery"], network=grid())
    assert result["E"].nearest["grocery"].distance_m == pytest.approx(5 + 60 + 5, abs=0.1)


def test_network_distance_is_never_shorter_than_the_straight_line() -> None:
    rng = np.random.default_rng(3)
    estates = [EstatePoint(f"E{k}", "", None, None, at(*rng.uniform(0, 1000, 2))) for k in range(40)]
    shops = [Facility("店", "grocery", at(*rng.uniform(0, 1000, 2)), fid=k + 1) for k in range(5)]
    result = measure(estates, shops, types=["grocery"], network=grid(), limit_m=5000)
    for cov in result.values():
        near = cov.nearest["grocery"]
        assert near.distance_m is not None and near.straight_m is not None
        assert near.distance_m >= near.straight_m - 0.01


def test_straight_line_mode_says_so_and_is_the_geodesic_times_the_detour_factor() -> None:
    rng = np.random.default_rng(5)
    estates = [EstatePoint(f"E{k}", "", None, None, at(*rng.uniform(-3000, 3000, 2))) for k in range(30)]
    clinics = [Facility("站", "clinic", at(*rng.uniform(-3000, 3000, 2)), fid=k + 1) for k in range(8)]
    result = measure(estates, clinics, types=["clinic"])
    detour = default_config().detour_factor
    for estate in estates:
        cov = result[estate.code]
        assert cov.method == "straight" and cov.detour == detour
        truth = [geodesic_distance_m(*estate.location, *c.location) for c in clinics]
        near = cov.nearest["clinic"]
        assert near.straight_m == pytest.approx(min(truth), abs=1.0)
        assert near.distance_m == pytest.approx(min(truth) * detour, abs=1.0)
        assert near.facility == clinics[int(np.argmin(truth))].fid


def test_checklist_gaps_are_the_checklist_types_outside_their_circles() -> None:
    estates = [EstatePoint("E", "一", None, None, at(0, 0))]
    near_all = [Facility(t.key, t.key, at(10, 10), fid=k + 1) for k, t in enumerate(default_config().types)]
    far_kindergarten = [
        f if f.kind != "kindergarten" else Facility("远", "kindergarten", at(900, 0), fid=99) for f in near_all
    ]
    assert measure(estates, near_all)["E"].met
    missing = measure(estates, far_kindergarten)["E"]
    assert not missing.met and missing.gaps == ("kindergarten",)


def test_facilities_live_in_a_valid_geopackage_with_their_types_and_audit_trail(fresh: Inventory) -> None:
    with fresh.transaction():
        fid = fresh.add_facility(Facility("城关幼儿园", "kindergarten", (106.67, 33.15), kind_text="幼儿园"))
        fresh.add_facilities([Facility("卫生站", "clinic", (106.671, 33.151))], "测试")
        fresh.update_facility(fid, location=(106.672, 33.152))
    kinds = {f.name: (f.kind, f.location) for f in fresh.facilities()}
    assert kinds["城关幼儿园"] == ("kindergarten", (106.672, 33.152))
    assert [f.name for f in fresh.facilities(["clinic"])] == ["卫生站"]
    assert {e.table_name for e in fresh.history(None, 10)} >= {"facilities"}
    fresh.close()
    for result in run_validators(fresh.path):
        assert result.returncode == 0, result.stdout + result.stderr


def test_coverage_reads_the_inventory(demo_copy: Path) -> None:
    with Inventory.open(demo_copy) as inv:
        first = inv.estate_points()[0]
        with inv.transaction():
            inv.add_facility(Facility("幼儿园", "kindergarten", first.location))
        result = coverage(inv, types=["kindergarten"])
        located = len(inv.estate_points())
    assert result[first.code].nearest["kindergarten"].distance_m == pytest.approx(0, abs=0.01)
    assert len(result) == located


def test_coverage_json_is_the_documented_list_of_records(demo_copy: Path) -> None:
    with Inventory.open(demo_copy) as inv:
        first = inv.estate_points()[0]
        with inv.transaction():
            inv.add_facility(Facility("幼儿园", "kindergarten", first.location))
    out = subprocess.run(
        [sys.executable, "-m", "onemap", "coverage", str(demo_copy), "--type", "kindergarten", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    records = json.loads(out.stdout)
    assert {tuple(sorted(r)) for r in records} == {("distance_m", "estate", "facility", "method", "type", "within")}
    mine = next(r for r in records if r["estate"] == first.code)
    assert mine["method"] == "straight" and mine["distance_m"] == 0 and mine["within"]["5min"] is True


def test_what_if_lists_only_estates_the_new_place_brings_within_the_circle() -> None:
    from onemap.analysis.service_area import what_if

    estates = [
        EstatePoint("NEAR", "近", None, None, at(0, 0)),
        EstatePoint("FAR", "远", None, None, at(2000, 0)),
        EstatePoint("HAS", "有", None, None, at(900, 0)),
    ]
    existing = [Facility("旧园", "kindergarten", at(900, 10), fid=1)]
    now = measure(estates, existing, types=["kindergarten"])
    assert [c for c, cov in now.items() if cov.nearest["kindergarten"].within["5min"]] == ["HAS"]
    straight = what_if(now, estates, "kindergarten", at(-100, 0))
    assert straight.method == "straight" and set(straight.newly) == {"NEAR"}
    assert straight.newly["NEAR"] == pytest.approx(100 * default_config().detour_factor, abs=1.0)
    walked = what_if(now, estates, "kindergarten", at(-100, 0), network=grid())
    assert walked.method == "network" and walked.newly == {"NEAR": pytest.approx(100, abs=0.1)}


def test_a_network_service_area_holds_the_streets_within_the_distance_and_no_more() -> None:
    from onemap.analysis.service_area import service_area

    area = service_area([Facility("园", "kindergarten", at(500, 500), fid=1)], "kindergarten", grid(), metres=150)
    assert area.method == "network"
    local = [grid().local(line) for line in area.lines]
    lengths = sum(float(np.hypot(*(p[1] - p[0]))) for p in local)
    # from a crossing: the four 100 m blocks around it, then 50 m on into each of the 3 x 4 next ones
    assert lengths == pytest.approx(4 * 100 + 12 * 50, abs=1.0)
    circles = service_area([Facility("园", "kindergarten", at(500, 500), fid=1)], "kindergarten")
    assert circles.method == "straight" and circles.radius_m == pytest.approx(300 / default_config().detour_factor)


def test_facility_edits_undo_and_redo_through_the_edit_history(fresh: Inventory) -> None:
    from onemap.edit.facility_edits import AddFacility, ChangeFacility, DeleteFacility
    from onemap.edit.history import EditHistory

    history = EditHistory(fresh)
    add = AddFacility(Facility("新幼儿园", "kindergarten", (106.67, 33.15)))
    history.push_and_apply(add)
    assert add.fid is not None
    history.push_and_apply(ChangeFacility(add.fid, location=(106.68, 33.16), kind="nursery"))
    assert fresh.facility(add.fid).location == (106.68, 33.16)  # type: ignore[union-attr]
    history.undo()
    assert fresh.facility(add.fid).location == (106.67, 33.15)  # type: ignore[union-attr]
    assert fresh.facility(add.fid).kind == "kindergarten"  # type: ignore[union-attr]
    delete = DeleteFacility(add.fid)
    history.push_and_apply(delete)
    assert fresh.facilities() == []
    history.undo()
    assert [f.name for f in fresh.facilities()] == ["新幼儿园"]
    actions = {(e.action, e.field) for e in fresh.history(None, 20) if e.table_name == "facilities"}
    assert {("insert", None), ("delete", None), ("update", "geom"), ("update", "kind")} <= actions


def test_coverage_json_on_a_gauss_kruger_shapefile_network_says_network(demo_copy: Path, tmp_path: Path) -> None:
    import pyogrio.raw
    import shapely

    from onemap.demo.facilities import demo_streets
    from onemap.geo.crs import transformer

    move = transformer("EPSG:4490", "EPSG:4545")
    lines = [np.column_stack(move.transform(line[:, 0], line[:, 1])) for line in demo_streets()]
    roads = tmp_path / "道路.shp"
    pyogrio.raw.write(
        str(roads),
        shapely.to_wkb(shapely.linestrings(lines)),
        [np.array(["示意道路"] * len(lines), dtype=object)],
        fields=["name"],
        geometry_type="LineString",
        crs="EPSG:4545",
        encoding="UTF-8",
        driver="ESRI Shapefile",
    )
    out = subprocess.run(
        [sys.executable, "-m", "onemap", "coverage", str(demo_copy), "--type", "grocery", "--network", str(roads)]
        + ["--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    records = json.loads(out.stdout)
    assert {r["method"] for r in records} == {"network"}
    with Inventory.open(demo_copy, readonly=True) as inv:
        straight = measure(inv.estate_points(), inv.facilities(), types=["grocery"])
    walked = [r for r in records if r["distance_m"] is not None and r["facility"] is not None]
    assert walked
    for record in walked:  # the walk is never shorter than the straight line to the same place
        near = straight[record["estate"]].nearest["grocery"]
        assert record["distance_m"] >= near.straight_m - 0.5  # type: ignore[operator]


def test_the_coverage_text_says_which_distance_it_used_in_either_language(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from onemap.cli import main

    assert main(["coverage", str(demo_file), "--type", "clinic", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "straight line × detour factor 1.3" in out and "measured types" in out
    assert main(["coverage", str(demo_file)]) == 0
    assert "按直线距离 × 绕行系数 1.3 估算" in capsys.readouterr().out
    assert main(["facilities", "types", "--json", "--lang", "en"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["circles_m"] == {"5min": 300, "10min": 500, "15min": 1000} and len(listed["types"]) == 13


def test_coverage_walks_the_sidecar_streets_by_default_and_names_them_unless_told_straight(demo_copy: Path) -> None:
    from onemap.demo.reflayers import write_demo_layers

    sidecar = write_demo_layers(demo_copy)
    command = [sys.executable, "-m", "onemap", "coverage", str(demo_copy), "--type", "grocery", "--json"]
    walked = subprocess.run(command + ["--lang", "en"], capture_output=True, text=True, check=True)
    assert {r["method"] for r in json.loads(walked.stdout)} == {"network"}
    assert f"along the walking network ({sidecar.name}:roads 示意街道 schematic streets)" in walked.stderr
    straight = subprocess.run(command + ["--straight"], capture_output=True, text=True, check=True)
    assert {r["method"] for r in json.loads(straight.stdout)} == {"straight"}
    assert "按直线距离 × 绕行系数 1.3 估算" in straight.stderr


def test_a_service_polygon_is_the_reachable_streets_widened_by_the_walking_side_on_a_grid() -> None:
    from onemap.analysis.service_area import service_area
    from onemap.analysis.service_polygon import service_polygon

    streets = grid(size=2, step=1000)
    crossing = service_area([Facility("园", "kindergarten", at(1000, 1000), fid=1)], "kindergarten", streets, 150)
    polygon, m2 = service_polygon(crossing, side_m=50)
    # a plus of two 300 x 100 m strips with half-disc ends of 50 m, overlapping in the 100 x 100 m square
    assert m2 == pytest.approx(2 * (300 * 100 + math.pi * 50**2) - 100 * 100, rel=2e-3)
    assert polygon.geom_type == "Polygon" and polygon.contains(shapely.Point(at(1040, 1140)))
    assert not polygon.contains(shapely.Point(at(1060, 1100))) and not polygon.contains(shapely.Point(at(1000, 1210)))
    corner = service_area([Facility("园", "kindergarten", at(0, 0), fid=1)], "kindergarten", streets, 150)
    # an L of two 150 m arms: they share the 50 m square inside the corner and three quarter discs
    ell = 2 * (150 * 100 + math.pi * 50**2) - (50 * 50 + 0.75 * math.pi * 50**2)
    assert service_polygon(corner, side_m=50)[1] == pytest.approx(ell, rel=2e-3)
    circles = service_area([Facility("园", "kindergarten", at(0, 0), fid=1)], "kindergarten", metres=130)
    assert service_polygon(circles)[1] == pytest.approx(math.pi * (130 / default_config().detour_factor) ** 2, rel=2e-3)
