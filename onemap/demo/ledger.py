"""One demo estate's ledger entry: stock, renovation, funding, people and cameras.

Everything is drawn from one ``random.Random`` in a fixed order, so a seed always gives
the same county.  Statuses follow the renewal year the way real programmes run: early
years are accepted or handed over, the current year is under construction, next year's
estates are still being planned.
"""

from __future__ import annotations

import json
import random
from functools import cache
from typing import Any

from onemap.cameras import dahua_rtsp, hikvision_rtsp, hls_url, uniview_rtsp
from onemap.cameras.gbid import build_gb_id
from onemap.demo.layout import estate_layout, point_inside
from onemap.demo.places import Seat
from onemap.model import (
    ESTATE_KINDS,
    MANAGEMENT_MODES,
    PROPERTY_TYPES,
    Building,
    Camera,
    Contact,
    Estate,
    Funding,
    RenovationItem,
)
from onemap.paths import data_path

RENEWAL_YEARS = range(2019, 2027)
#: renewal year -> statuses an estate of that year can be in (weighted by repetition)
STATUS_BY_YEAR = {
    2019: ("handed_over", "handed_over", "accepted"),
    2020: ("handed_over", "accepted", "accepted"),
    2021: ("accepted", "accepted", "completed"),
    2022: ("accepted", "completed", "completed"),
    2023: ("completed", "completed", "accepted", "under_construction"),
    2024: ("completed", "under_construction", "under_construction"),
    2025: ("under_construction", "under_construction", "tendering", "designing"),
    2026: ("planned", "planned", "designing", "tendering"),
}
PROGRESS = {
    "planned": 0,
    "designing": 5,
    "tendering": 10,
    "under_construction": None,
    "completed": 100,
    "accepted": 100,
    "handed_over": 100,
}
#: funding source -> share range of the total
FUNDING_SHARES = {
    "central": (0.40, 0.60),
    "provincial": (0.05, 0.15),
    "local": (0.10, 0.25),
    "residents": (0.0, 0.05),
    "utilities": (0.0, 0.10),
}


@cache
def vocabulary() -> dict[str, Any]:
    """The demo word lists from ``db/seed/demo_vocabulary.json``."""
    return json.loads(data_path("db", "seed", "demo_vocabulary.json").read_text("utf-8"))  # type: ignore[no-any-return]


class LedgerFactory:
    """Makes demo estates one after another from a seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = vocabulary()

    def estate(self, code: str, seat: Seat, lon: float, lat: float, serial: int) -> Estate:
        """A complete estate at ``(lon, lat)`` near ``seat``."""
        rng = self.rng
        n_buildings = rng.choices(range(2, 21), weights=[8, 9, 9, 8, 7, 6, 5, 5, 4, 4, 3, 3, 2, 2, 2, 1, 1, 1, 1])[0]
        layout = estate_layout(rng, lon, lat, n_buildings)
        year = rng.choice(RENEWAL_YEARS)
        status = rng.choice(STATUS_BY_YEAR[year])
        estate = Estate(
            code=code,
            name=self._name(seat),
            township=seat.township,
            community=self._community(seat),
            address=self._address(seat),
            kind=rng.choices(ESTATE_KINDS[:2], weights=[5, 1])[0],
            renewal_year=year,
            status=status,
            coord_source="demo",
            location=(round(lon, 7), round(lat, 7)),
            outline=layout.outline,
        )
        built = rng.choices(
            [rng.randint(1978, 1989), rng.randint(1990, 2000), rng.randint(2001, 2005)], weights=[4, 5, 1]
        )[0]
        estate.built_year, estate.built_year_text = built, f"{built}年"
        estate.building_list = self._buildings(code, layout.footprints, built)
        self._stock(estate)
        self._renovation(estate)
        add_demo_outputs(estate)
        estate.contacts = self._contacts(code, seat)
        estate.cameras = self._cameras(estate, layout.outline, serial)
        return estate

    def _name(self, seat: Seat) -> str:
        rng, words = self.rng, self.words
        style = rng.random()
        if style < 0.45:
            return str(rng.choice(words["estate_words"]) + rng.choice(words["estate_suffixes"]))
        if style < 0.8:
            place = "" if seat.county_code == "610725" else seat.county_name
            return place + str(rng.choice(words["institutions"])).removeprefix("县") + "家属院"
        return str(rng.choice(words["areas"])) + "片区"

    def _community(self, seat: Seat) -> str:
        if seat.township == "勉阳街道":
            return str(self.rng.choice(self.words["communities"]))
        return seat.township.removesuffix("镇").removesuffix("城区") + "社区"

    def _address(self, seat: Seat) -> str:
        street = self.rng.choice(self.words["streets"])
        return f"{seat.county_name}{seat.township}{street}{self.rng.randint(1, 399)}号"

    def _buildings(self, code: str, footprints: list[Any], built: int) -> list[Building]:
        rng = self.rng
        low, high = (3, 6) if built < 1990 else (5, 7)
        result = []
        for k, footprint in enumerate(footprints, start=1):
            floors = rng.randint(11, 18) if rng.random() < 0.06 else rng.randint(low, high)
            result.append(Building(code, f"{k}号楼", floors, round(floors * 2.9 + 0.6, 1), footprint))
        return result

    def _stock(self, estate: Estate) -> None:
        rng = self.rng
        households = sum(b.floors * rng.choice((2, 2, 3, 4)) * 2 for b in estate.building_list if b.floors)
        estate.buildings = len(estate.building_list)
        estate.households = households
        estate.floor_area_m2 = round(households * rng.uniform(55, 85), 1)
        estate.property_type = rng.choice(PROPERTY_TYPES)
        estate.management = rng.choices(MANAGEMENT_MODES, weights=[3, 2, 3, 2])[0]

    def _renovation(self, estate: Estate) -> None:
        rng, items = self.rng, self.words["items"]
        cats = ["basic"] + [
            c for c, p in (("improvement", 0.8), ("enhancement", 0.45), ("safety", 0.35)) if rng.random() < p
        ]
        estate.categories = cats
        estate.items = [
            RenovationItem(estate.code, c, item)
            for c in cats
            for item in rng.sample(items[c], rng.randint(2, min(4, len(items[c]))))
        ]
        progress = PROGRESS[estate.status or "planned"]
        estate.progress_pct = float(rng.randint(15, 90) if progress is None else progress)
        self._dates(estate)
        total = round((estate.households or 0) * rng.uniform(1.0, 3.0), 2)
        estate.investment_wan = total
        estate.funding = self._funding(estate.code, total)

    def _dates(self, estate: Estate) -> None:
        rng, year = self.rng, estate.renewal_year or 2026
        if estate.status in ("planned", "designing", "tendering"):
            return
        start_month = rng.randint(3, 7)
        estate.start_date = f"{year}-{start_month:02d}-{rng.randint(1, 28):02d}"
        if estate.status != "under_construction":
            estate.finish_date = f"{year}-{rng.randint(start_month + 3, 12):02d}-{rng.randint(1, 28):02d}"

    def _funding(self, code: str, total: float) -> list[Funding]:
        rng = self.rng
        shares = {source: rng.uniform(low, high) for source, (low, high) in FUNDING_SHARES.items()}
        scale = min(1.0, 0.9 / sum(shares.values()))  # special bonds always cover the last tenth or more
        parts = [
            Funding(code, source, round(total * share * scale, 2))
            for source, share in shares.items()
            if round(total * share * scale, 2) > 0
        ]
        parts.append(Funding(code, "special_bond", round(total - sum(p.amount_wan or 0 for p in parts), 2)))
        return parts

    def _person(self) -> str:
        return str(self.rng.choice(self.words["surnames"])) + str(self.rng.choice(self.words["given"]))

    def _mobile(self) -> str:
        rng = self.rng
        return (
            rng.choice(
                (
                    "138",
                    "139",
                    "135",
                    "136",
                    "150",
                    "151",
                    "152",
                    "157",
                    "158",
                    "159",
                    "177",
                    "180",
                    "181",
                    "187",
                    "189",
                    "191",
                    "199",
                )
            )
            + f"{rng.randint(0, 99_999_999):08d}"
        )

    def _contacts(self, code: str, seat: Seat) -> list[Contact]:
        rng, words = self.rng, self.words
        people = [
            Contact(code, "leader", self._person(), rng.choice(words["leader_titles"]), self._mobile()),
            Contact(code, "community_secretary", self._person(), "社区党支部书记", self._mobile()),
        ]
        if rng.random() < 0.6:
            people.append(Contact(code, "grid_worker", self._person(), "网格员", self._mobile()))
        if rng.random() < 0.4:
            people.append(
                Contact(
                    code, "property_manager", self._person(), rng.choice(words["property_companies"]), self._mobile()
                )
            )
        if len(people) < 4 and rng.random() < 0.3:
            people.append(
                Contact(code, "complaint_line", None, "监督电话", f"0916-{rng.randint(3_200_000, 3_299_999)}")
            )
        return people

    def _cameras(self, estate: Estate, outline: Any, serial: int) -> list[Camera]:
        rng = self.rng
        count = rng.choices(range(7), weights=[3, 2, 3, 3, 2, 2, 1])[0]
        places = rng.sample(self.words["camera_places"], count)
        county = estate.code[:6]
        cameras = []
        for k, place in enumerate(places, start=1):
            gb_id = build_gb_id(county, (serial // 1000) % 100, 1, 132, 0, (serial % 1000) * 10 + k)
            host = f"10.{int(county[2:4])}.{serial // 250 % 250 + 1}.{serial % 250 + 1}"
            link = rng.choice(
                (hikvision_rtsp(host, k), dahua_rtsp(host, k), uniview_rtsp(host, k), hls_url("10.61.7.25", gb_id))
            )
            cameras.append(
                Camera(
                    estate.code,
                    place,
                    rng.choice(self.words["camera_kinds"]),
                    link,
                    gb_id,
                    k,
                    point_inside(rng, outline),
                )
            )
        return cameras


#: statuses whose estates have reported what the renovation delivered (改造成效)
_REPORTED = frozenset({"completed", "accepted", "handed_over"})


def add_demo_outputs(estate: Estate) -> None:
    """Plausible 改造成效 for a finished estate (pipelines, lifts, parking, chargers, facilities).

    Drawn from the estate's own generator (seeded by its code), not the county's: the rest of
    the demo stays what it was.  One finished estate in eight has not reported (blank).
    """
    rng = random.Random(f"outputs:{estate.code}")
    if estate.status not in _REPORTED or rng.random() < 0.125:
        return
    buildings, households = estate.buildings or 1, estate.households or 0
    richer = "enhancement" in estate.categories
    estate.pipelines_km = round(buildings * rng.uniform(0.12, 0.45), 2)
    estate.lifts_added = (
        rng.randint(1, max(1, buildings // 2)) if "improvement" in estate.categories and rng.random() < 0.35 else 0
    )
    estate.parking_added = rng.randint(0, max(1, households // 8))
    estate.chargers_added = rng.randint(0, max(1, estate.parking_added // 3))
    estate.elderly_facilities_added = int(richer and rng.random() < 0.45)
    estate.childcare_facilities_added = int(richer and rng.random() < 0.2)
    estate.service_facilities_added = rng.randint(0, 2) if richer else 0
