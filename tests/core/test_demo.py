"""The demo county looks like Mian County's ledger and is the same for the same seed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from shapely.geometry import Point

from onemap.cameras import parse_camera_link
from onemap.cameras.gbid import decode_gb_id
from onemap.demo import allocate, demo_estates
from onemap.demo.places import county_outline, mian_outline_seed
from onemap.model import STATUSES
from onemap.store import Inventory
from onemap.validation import validate_estate


@pytest.fixture(scope="module")
def county(demo_file: Path) -> list:  # type: ignore[type-arg]
    with Inventory.open(demo_file, readonly=True) as inventory:
        return [inventory.estate(e.code) for e in inventory.estates()]


def test_the_same_seed_gives_the_same_county() -> None:
    first = [(e.code, e.name, e.location, e.households) for e in demo_estates(40, seed=3)]
    again = [(e.code, e.name, e.location, e.households) for e in demo_estates(40, seed=3)]
    other = [(e.code, e.name, e.location, e.households) for e in demo_estates(40, seed=4)]
    assert first == again and first != other


def test_most_estates_are_in_the_county_seat(county: list) -> None:  # type: ignore[type-arg]
    townships = Counter(e.township for e in county)
    assert townships.most_common(1)[0][0] == "勉阳街道"
    assert townships["勉阳街道"] > len(county) / 2 and len(townships) >= 10


def test_every_estate_lies_inside_the_county_outline(county: list) -> None:  # type: ignore[type-arg]
    outline = county_outline("610725") or mian_outline_seed()
    assert all(outline.contains(Point(e.location)) for e in county)
    assert all(outline.contains(e.outline) for e in county)


def test_each_estate_carries_what_the_ledger_needs(county: list) -> None:  # type: ignore[type-arg]
    for estate in county:
        assert estate.outline is not None and 2 <= len(estate.building_list) <= 20
        assert estate.buildings == len(estate.building_list)
        assert all(
            b.floors and b.footprint is not None and estate.outline.contains(b.footprint) for b in estate.building_list
        )
        assert 2 <= len(estate.contacts) <= 4 and 0 <= len(estate.cameras) <= 6
        assert sum(f.amount_wan for f in estate.funding) == pytest.approx(estate.investment_wan, abs=0.05)
        assert {i.category for i in estate.items} == set(estate.categories)


def test_every_demo_estate_passes_validation_without_errors(county: list) -> None:  # type: ignore[type-arg]
    errors = [(e.code, p.message_zh) for e in county for p in validate_estate(e) if p.severity == "error"]
    assert errors == []


def test_camera_links_are_credential_free_and_ids_decode_to_mian(county: list) -> None:  # type: ignore[type-arg]
    cameras = [c for e in county for c in e.cameras]
    assert len(cameras) > 100
    for camera in cameras:
        link = parse_camera_link(camera.link)
        assert getattr(link, "credential", None) is None and "@" not in camera.link
        decoded = decode_gb_id(camera.gb_id)
        assert decoded.admin_code == "610725" and decoded.device_type == "132"


def test_statuses_spread_over_every_renewal_year(county: list) -> None:  # type: ignore[type-arg]
    assert {e.renewal_year for e in county} == set(range(2019, 2027))
    assert set(Counter(e.status for e in county)) == set(STATUSES)


def test_beyond_county_size_estates_spread_over_other_real_counties() -> None:
    estates = list(demo_estates(1_000, seed=1))
    counties = Counter(e.code[:6] for e in estates)
    assert counties["610725"] == 600 and len(counties) >= 2
    assert len({e.code for e in estates}) == 1_000


@pytest.mark.parametrize(("total", "weights"), [(150, [60, 6, 6, 1]), (7, [1, 1, 1]), (1, [5, 1])])
def test_allocation_sums_to_the_total(total: int, weights: list[float]) -> None:
    assert sum(allocate(total, weights)) == total
