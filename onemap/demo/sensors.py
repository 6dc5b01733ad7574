"""The demo's gas detectors: NB-IoT 燃气探测器 in a realistic share of the estates, the same for a seed.

Gas detectors reach software through a carrier platform (CTWing here), so each has an IMEI —
15 digits, a module's type allocation code, a serial and the Luhn check digit — and the
platform's device ID (product ID + IMEI).  Old estates (built before 2000, where risers and
hoses are oldest) get them about half the time, newer ones a fifth; one to four per estate, in
boiler rooms, meter rooms and the kitchens of elderly residents, a few tens of metres from the
estate's point.  Set points follow the industrial practice: low 20 %LEL, high 50 %LEL.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from onemap.model import Sensor
from onemap.store.blocks import EstateBlock, TableRows, point_blobs
from onemap.store.estate_places import estate_places_years
from onemap.store.rows import location_of
from onemap.store.scratch import ScratchBlock, write_scratch
from onemap.store.sensors import SENSOR_COLUMNS

if TYPE_CHECKING:
    from onemap.store import Inventory

#: a type allocation code of the kind Chinese NB-IoT modules carry (86…), and a CTWing product ID
TAC = "86813404"
PRODUCT_ID = "15083124"
PLACES = ("锅炉房", "燃气表间", "{n}号楼燃气表间", "{n}号楼{u}单元厨房", "物业用房厨房", "社区食堂")
KIND = "燃气探测器"
#: about 30 m either way, in degrees
SPREAD_DEG = 0.0003


def luhn_digit(body: str) -> str:
    """The Luhn check digit of a string of digits (an IMEI's 15th digit)."""
    total = 0
    for index, char in enumerate(reversed(body)):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return str(-total % 10)


def imei(serial: int) -> str:
    """A valid 15-digit IMEI for a module serial number, unique per serial (past a million it runs
    into the next type allocation code, as a second batch of modules would)."""
    body = f"{int(TAC) * 1_000_000 + serial:014d}"
    return body + luhn_digit(body)


def demo_sensors(estates: list[tuple[str, tuple[float, float] | None, int | None]], seed: int) -> Iterator[Sensor]:
    """Gas detectors for ``(code, (lon, lat), built_year)`` estates, in their order; the same for a seed."""
    rng = random.Random(seed * 7919 + 13)
    serial = 0
    for code, location, built_year in estates:
        share = 0.5 if built_year is not None and built_year < 2000 else 0.2
        if location is None or rng.random() >= share:
            continue
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            serial += 1
            number = imei(serial)
            place = rng.choice(PLACES).format(n=rng.randint(1, 8), u=rng.randint(1, 3))
            lon, lat = location
            yield Sensor(
                code,
                device_id=f"{PRODUCT_ID}{number}",
                imei=number,
                kind=KIND,
                name=place,
                low_lel=20.0,
                high_lel=50.0,
                status="online",
                location=(lon + rng.uniform(-SPREAD_DEG, SPREAD_DEG), lat + rng.uniform(-SPREAD_DEG, SPREAD_DEG)),
            )


Places = list[tuple[str, tuple[float, float] | None, int | None]]
#: :data:`Places` as arrays: codes, ``(n, 2)`` lon, lat (NaN: no place), built years (NaN: none)
PlaceArrays = tuple[list[str], np.ndarray, np.ndarray]


def place_arrays(estates: Places) -> PlaceArrays:
    """``estates`` as :data:`PlaceArrays` (what a helper hands back: quicker to send and to compare)."""
    nowhere = (np.nan, np.nan)
    lonlat = np.array([where if where is not None else nowhere for _c, where, _y in estates], dtype=np.float64)
    built = np.array([year for _c, _w, year in estates], dtype=np.float64)  # None: NaN
    return [code for code, _w, _y in estates], lonlat.reshape(-1, 2), built


def same_places(ours: PlaceArrays, theirs: PlaceArrays) -> bool:
    """Whether two :data:`PlaceArrays` name the same estates, in the same order, at the same places and years."""
    return (
        ours[0] == theirs[0]
        and np.array_equal(ours[1], theirs[1], equal_nan=True)
        and np.array_equal(ours[2], theirs[2], equal_nan=True)
    )


def sensor_scratch(estates: Places, seed: int, path: Path) -> ScratchBlock:
    """:func:`demo_sensors` of ``estates`` written into a scratch file at ``path`` (in a helper process)."""
    sensors = list(demo_sensors(estates, seed))
    columns = {name: [getattr(s, name) for s in sensors] for name in SENSOR_COLUMNS}
    x = np.array([s.location[0] for s in sensors if s.location is not None], dtype=np.float64)
    y = np.array([s.location[1] for s in sensors if s.location is not None], dtype=np.float64)
    return write_scratch(path, [EstateBlock({"sensors": TableRows(columns, point_blobs(x, y))})])


def add_demo_sensors(inventory: Inventory, seed: int, written: tuple[PlaceArrays, ScratchBlock] | None = None) -> int:
    """Write the demo's gas detectors for the estates already in ``inventory`` (inside its transaction).

    ``written``: the sensors a helper wrote ahead (:func:`sensor_scratch`) for the estates
    it names, copied in when those are exactly the inventory's (codes, places, years: read
    as arrays, :func:`~onemap.store.estate_places.estate_places_years`).
    """
    note = f"演示燃气探测器（种子 {seed}）"
    if written is not None and same_places(written[0], estate_places_years(inventory)):
        return inventory.copy_sensors(written[1], note)
    rows = inventory.estate_columns(["code", "geom", "built_year"])
    estates = [(code, location_of(geom), built_year) for code, geom, built_year in rows]
    return inventory.add_sensors(demo_sensors(estates, seed), note=note)
