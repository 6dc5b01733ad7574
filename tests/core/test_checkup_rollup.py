"""Roll-ups count each building once per indicator; facility indicators come from coverage."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from onemap.checkup.facility_inputs import DETOUR, facility_gaps
from onemap.checkup.gather import read_checkup
from onemap.checkup.rollup import roll_up
from onemap.cli import main
from onemap.store import Inventory
from onemap.store.checkup import CheckupFinding
from onemap.store.geometry import register_functions
from onemap.store.rows import point_blob
from tests.core.checkup_support import clear_facilities, clear_survey

CODE, OTHER = "6107250001", "6107250002"


def _survey(path: Path) -> dict[str, int]:
    with Inventory.open(path) as inventory:
        keys = inventory.building_keys()
        one, two = keys[(CODE, "1号楼")], keys[(CODE, "2号楼")]
        with inventory.transaction():
            inventory.add_findings(
                [
                    CheckupFinding(CODE, "H02", "2024", one, "gas.no_alarm"),
                    CheckupFinding(CODE, "H02", "2024", one, "gas.hose_aged"),  # the same building again
                    CheckupFinding(CODE, "H02", "2024", two, "gas.riser_corroded"),
                    CheckupFinding(CODE, "H01", "2024", one, "structure.cracks"),
                    CheckupFinding(CODE, "C05", "2024", None, "parking.shortage", value=20, surveyed_on="2025-01-01"),
                    CheckupFinding(CODE, "C05", "2024", None, "parking.shortage", value=35, surveyed_on="2025-03-01"),
                    CheckupFinding(OTHER, "C10", "2024", None, "waste.no_sorting"),
                    CheckupFinding(OTHER, "H02", "2099", None, None),  # another wording: not this roll-up's
                ]
            )
    return {"one": one, "two": two}


def test_each_building_counts_once_per_indicator_and_levels_add_up(demo_copy: Path) -> None:
    clear_survey(demo_copy)
    _survey(demo_copy)
    with Inventory.open(demo_copy, readonly=True) as inventory:
        data = read_checkup(inventory)
    rollup = roll_up(data.wording, data.places, data.findings, data.gaps, districts={CODE: "一片区", OTHER: "一片区"})
    estate = rollup.of("estate", CODE)
    assert (estate["H02"], estate["H01"], estate["C05"], estate["C10"]) == (2, 1, 35, 0)
    assert rollup.of("estate", OTHER)["C10"] == 1
    assert rollup.of("district", "一片区")["H02"] == 2 and rollup.of("district", "一片区")["C10"] == 1
    county = rollup.of("county", "county")
    for level in ("community", "township"):
        for code in data.wording.indicators:
            assert sum(g[code] for g in rollup.figures[level].values()) == pytest.approx(county[code])
    assert county["C11"] == sum(p.management == "无物业" for p in data.places)


def _add_facility(path: Path, kind: str, lon: float, lat: float) -> None:
    with sqlite3.connect(path) as conn:
        register_functions(conn)  # as QGIS would: its R-tree triggers need the ST_ functions
        conn.execute(
            "INSERT INTO facilities (name, kind, geom) VALUES ('示意幼儿园', ?, ?)", (kind, point_blob((lon, lat)))
        )


def test_a_kindergarten_within_the_five_minute_circle_fills_the_gap_and_one_beyond_it_does_not(
    demo_copy: Path,
) -> None:
    clear_survey(demo_copy)
    clear_facilities(demo_copy)
    with Inventory.open(demo_copy, readonly=True) as inventory:
        lon, lat = inventory.checkup_estate_locations()[CODE]
        other_lon, other_lat = inventory.checkup_estate_locations()[OTHER]
    metres_per_degree = 110_574.0
    _add_facility(demo_copy, "kindergarten", lon, lat + 200 / metres_per_degree)  # 200 m × 1.3 = 260 m ≤ 300 m
    _add_facility(demo_copy, "kindergarten", other_lon, other_lat + 240 / metres_per_degree)  # 312 m > 300 m
    with Inventory.open(demo_copy, readonly=True) as inventory:
        gaps = facility_gaps(inventory)
        data = read_checkup(inventory)
    assert gaps.method == "straight" and DETOUR == 1.3
    assert not gaps.lacks(CODE, "kindergarten") and gaps.lacks(CODE, "elderly_care")
    assert gaps.lacks(OTHER, "kindergarten")
    rollup = roll_up(data.wording, data.places, data.findings, data.gaps)
    assert rollup.of("estate", CODE)["C03"] == 0 and rollup.of("estate", OTHER)["C03"] == 1


def test_rollup_json_names_the_version_the_distance_method_and_every_group(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clear_survey(demo_copy)
    _survey(demo_copy)
    assert main(["checkup", str(demo_copy), "rollup", "--level", "estate", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["version"], result["facility_distance"], result["level"]) == ("2024", "straight", "estate")
    assert result["groups"][CODE]["H02"] == 2 and len(result["groups"]) == 150
    assert {i["code"]: i["source"] for i in result["indicators"]}["C01"] == "coverage"
