"""The check-up's facility gaps (arrays, only its four types, only what the network can reach)
are those of the coverage analysis over every facility object, the way they were first computed."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from onemap.analysis.coverage import measure
from onemap.analysis.facility_types import default_config
from onemap.analysis.nearest import network_nearest
from onemap.analysis.walknet import WalkNetwork
from onemap.checkup.facility_inputs import COVERAGE_KEYS, SERVED_WITHIN_M, facility_gaps
from onemap.checkup.network_choice import network_for
from onemap.model import Estate
from onemap.store import Inventory
from onemap.store.facilities import FacilityPoints
from onemap.store.geometry import register_functions

METRES_PER_DEGREE = 110_574.0


def oracle_gaps(inventory: Inventory, network: Any) -> dict[str, set[str]]:
    """The gaps as first computed: coverage over every facility object, every one attached."""
    keys = [COVERAGE_KEYS[t] for t in SERVED_WITHIN_M]
    found = measure(inventory.estate_points(), inventory.facilities(), types=keys, network=network)
    circles = {t: default_config().by_key()[COVERAGE_KEYS[t]].circle for t in SERVED_WITHIN_M}
    return {
        code: {t for t in SERVED_WITHIN_M if not cover.nearest[COVERAGE_KEYS[t]].within[circles[t]]}
        for code, cover in found.items()
    }


def streets_around(lon: float, lat: float, half_m: float = 600.0, step_m: float = 100.0) -> WalkNetwork:
    """A street grid of ``2 * half_m`` around a point: a county seat's streets in a wider county."""
    d = half_m / METRES_PER_DEGREE
    ticks = np.arange(-half_m, half_m + 1, step_m) / METRES_PER_DEGREE
    lines = [np.array([[lon + t, lat - d], [lon + t, lat + d]]) for t in ticks]
    lines += [np.array([[lon - d, lat + t], [lon + d, lat + t]]) for t in ticks]
    return WalkNetwork.from_lines(lines, source="grid")


def _near_the_first_estates(path: Path) -> WalkNetwork:
    """Kindergartens and elderly care beside the first estates, on streets around the first one."""
    with Inventory.open(path) as inventory:
        points = inventory.estate_points()[:12]
        lon, lat = points[0].location
        with inventory.transaction():
            inventory.add_facility_columns(
                {"name": ["设施"] * 24, "kind": ["kindergarten", "elderly_care"] * 12},
                [(p.location[0] + k * 1e-3, p.location[1] + k * 5e-4) for p in points for k in (1, 2)],
                "测试",
            )
    return streets_around(lon, lat)


@pytest.mark.parametrize("walk", ["sidecar", "seat streets", "straight"])
def test_gaps_are_the_coverage_analysis_over_every_facility(demo_copy: Path, walk: str) -> None:
    from onemap.demo.reflayers import write_demo_layers

    network: Any = None
    if walk == "sidecar":
        write_demo_layers(demo_copy)
    elif walk == "seat streets":
        network = _near_the_first_estates(demo_copy)
    with Inventory.open(demo_copy, readonly=True) as inventory:
        if walk == "sidecar":
            network = network_for(inventory)
            assert network is not None
        gaps = facility_gaps(inventory, network=network)
        expected = oracle_gaps(inventory, network)
    assert gaps.missing == expected
    assert gaps.method == ("straight" if network is None else "network")
    some = {t for lacking in expected.values() for t in lacking}
    assert some and any(len(lacking) < len(SERVED_WITHIN_M) for lacking in expected.values())


def test_unlocated_estates_lack_everything_and_the_rest_match_the_oracle(demo_copy: Path) -> None:
    network = _near_the_first_estates(demo_copy)
    with Inventory.open(demo_copy) as inventory, inventory.transaction():
        inventory.add_estate(Estate(code="6107259901", name="未定位小区", township="勉阳街道"))
        first = inventory.estate_points()[0].code
    with sqlite3.connect(demo_copy) as conn:  # located no more, as another program may leave it
        register_functions(conn)
        conn.execute("UPDATE estates SET geom = NULL WHERE code = ?", (first,))
    with Inventory.open(demo_copy, readonly=True) as inventory:
        gaps = facility_gaps(inventory, network=network)
        expected = oracle_gaps(inventory, network)
    assert gaps.missing == expected
    assert "6107259901" not in gaps.missing and first not in gaps.missing
    assert all(gaps.lacks(code, t) for code in ("6107259901", first) for t in SERVED_WITHIN_M)


@pytest.mark.parametrize("walk", ["seat streets", "straight"])
def test_with_no_facilities_every_located_estate_lacks_every_type(demo_copy: Path, walk: str) -> None:
    from tests.core.checkup_support import clear_facilities

    clear_facilities(demo_copy)
    with Inventory.open(demo_copy, readonly=True) as inventory:
        lon, lat = inventory.estate_points()[0].location
        network = streets_around(lon, lat) if walk == "seat streets" else None
        gaps = facility_gaps(inventory, network=network)
        expected = oracle_gaps(inventory, network)
        located = {p.code for p in inventory.estate_points()}
    assert gaps.missing == expected == {code: set(SERVED_WITHIN_M) for code in located}


def test_attaching_only_what_is_within_reach_finds_the_same_nearest_facilities(demo_copy: Path) -> None:
    network = _near_the_first_estates(demo_copy)
    with Inventory.open(demo_copy, readonly=True) as inventory:
        estates = np.array([p.location for p in inventory.estate_points()])
        points = inventory.facility_points()
    kinds = ["kindergarten", "elderly_care", "grocery"]
    every = network_nearest(network, estates, points, kinds, 2000.0)
    reach = network_nearest(network, estates, points, kinds, 2000.0, within_reach=True)
    for kind in kinds:
        (fid_a, walk_a, straight_a), (fid_b, walk_b, straight_b) = every[kind], reach[kind]
        assert np.array_equal(fid_a, fid_b) and np.array_equal(np.isfinite(walk_a), np.isfinite(walk_b))
        assert np.allclose(walk_a, walk_b, rtol=0, atol=1e-3) and np.allclose(straight_a, straight_b, equal_nan=True)
        assert np.isfinite(walk_a).sum() >= 5  # the estates by the streets found their facilities


def test_facility_points_of_objects_and_of_kinds_keep_the_order() -> None:
    from onemap.store.facilities import Facility

    objects = [
        Facility("甲", "kindergarten", (106.6, 33.1), fid=3),
        Facility("乙", "clinic", None, fid=4),
        Facility("丙", "clinic", (106.7, 33.2)),
        Facility("丁", "kindergarten", (106.8, 33.3), fid=9),
    ]
    points = FacilityPoints.located(objects)
    assert points.fid.tolist() == [3, -1, 9] and points.kind.tolist() == ["kindergarten", "clinic", "kindergarten"]
    assert points.of_kinds(["kindergarten"]).lon.tolist() == [106.6, 106.8]
    assert len(FacilityPoints.located([])) == 0 and len(points.of_kinds(["school"])) == 0
