"""One county's ``estates`` columns for the column-wise demo (see :mod:`onemap.demo.county`).

The same fields, vocabularies and distributions as :class:`~onemap.demo.ledger.LedgerFactory`,
drawn a column at a time.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from onemap.demo.ledger import PROGRESS, STATUS_BY_YEAR, vocabulary
from onemap.demo.places import MIAN_CODE, Seat
from onemap.model import MANAGEMENT_MODES, PROPERTY_TYPES

STATUS_NAMES = list(PROGRESS)
#: renewal year - 2019 -> status indices (padded; ``STATUS_COUNTS`` says how many are real)
STATUS_TABLE = np.array([[STATUS_NAMES.index(s) for s in (v * 2)[:4]] for v in STATUS_BY_YEAR.values()])
STATUS_COUNTS = np.array([len(v) for v in STATUS_BY_YEAR.values()])
FIRST_YEAR = min(STATUS_BY_YEAR)
#: category choices: basic always, the others each with its own chance
CATEGORY_CHANCES = (("improvement", 0.8), ("enhancement", 0.45), ("safety", 0.35))
STARTED = STATUS_NAMES.index("under_construction")


def estate_columns(
    rng: np.random.Generator,
    seat: Seat,
    codes: list[str],
    built: np.ndarray,
    buildings: np.ndarray,
    households: np.ndarray,
) -> dict[str, list[Any]]:
    """The ``estates`` attribute columns (no geometry, no ``updated_at``) of one county's estates."""
    n = len(codes)
    year = rng.integers(FIRST_YEAR, FIRST_YEAR + len(STATUS_BY_YEAR), n)
    status = STATUS_TABLE[year - FIRST_YEAR, (rng.random(n) * STATUS_COUNTS[year - FIRST_YEAR]).astype(int)]
    progress = np.array([-1 if v is None else v for v in PROGRESS.values()])[status]
    progress = np.where(progress < 0, rng.integers(15, 91, n), progress).astype(float)
    return {
        "code": codes,
        "name": _names(rng, seat, n),
        "township": [seat.township] * n,
        "community": [seat.township.removesuffix("镇").removesuffix("城区") + "社区"] * n,
        "address": _addresses(rng, seat, n),
        "kind": np.where(rng.random(n) < 5 / 6, "小区", "片区").tolist(),
        "built_year": built.tolist(),
        "buildings": buildings.tolist(),
        "households": households.tolist(),
        "floor_area_m2": np.round(households * rng.uniform(55, 85, n), 1).tolist(),
        "property_type": np.array(PROPERTY_TYPES, dtype=object)[rng.integers(len(PROPERTY_TYPES), size=n)].tolist(),
        "management": np.array(MANAGEMENT_MODES, dtype=object)[
            rng.choice(len(MANAGEMENT_MODES), size=n, p=[0.3, 0.2, 0.3, 0.2])
        ].tolist(),
        "renewal_year": year.tolist(),
        "categories": _categories(rng, n),
        "status": np.array(STATUS_NAMES, dtype=object)[status].tolist(),
        "progress_pct": progress.tolist(),
        **_dates(rng, year, status),
        "investment_wan": np.round(households * rng.uniform(1.0, 3.0, n), 2).tolist(),
        "coord_source": ["demo"] * n,
        "built_year_text": [f"{b}年" for b in built.tolist()],
    }


def _names(rng: np.random.Generator, seat: Seat, n: int) -> list[str]:
    """名称: word + suffix (45 %), an institution's 家属院 (35 %), or a 片区 (20 %)."""
    words = vocabulary()
    place = "" if seat.county_code == MIAN_CODE else seat.county_name
    first = [w + s for w in words["estate_words"] for s in words["estate_suffixes"]]
    second = [place + str(i).removeprefix("县") + "家属院" for i in words["institutions"]]
    third = [a + "片区" for a in words["areas"]]
    table = np.array(first + second + third, dtype=object)
    style = rng.random(n)
    pick = np.where(
        style < 0.45,
        rng.integers(len(first), size=n),
        np.where(
            style < 0.8,
            len(first) + rng.integers(len(second), size=n),
            len(first) + len(second) + rng.integers(len(third), size=n),
        ),
    )
    return table[pick].tolist()  # type: ignore[no-any-return]


def _addresses(rng: np.random.Generator, seat: Seat, n: int) -> list[str]:
    streets = [f"{seat.county_name}{seat.township}{s}" for s in vocabulary()["streets"]]
    return [
        f"{streets[s]}{k}号"
        for s, k in zip(rng.integers(len(streets), size=n).tolist(), rng.integers(1, 400, n).tolist(), strict=True)
    ]


def _categories(rng: np.random.Generator, n: int) -> list[str]:
    """ "basic" plus each other category with its chance, comma-joined in a fixed order."""
    bits = np.zeros(n, dtype=np.int64)
    for k, (_c, p) in enumerate(CATEGORY_CHANCES):
        bits |= (rng.random(n) < p).astype(np.int64) << k
    table = [
        ",".join(["basic", *(c for k, (c, _p) in enumerate(CATEGORY_CHANCES) if mask >> k & 1)]) for mask in range(8)
    ]
    return [table[b] for b in bits.tolist()]


def _dates(rng: np.random.Generator, year: np.ndarray, status: np.ndarray) -> dict[str, list[str | None]]:
    """Started estates have a start date; finished ones (completed and later) a finish date too."""
    n = len(year)
    month, day = rng.integers(3, 8, n), rng.integers(1, 29, n)
    finish_month, finish_day = rng.integers(month + 3, 13), rng.integers(1, 29, n)
    rows = zip(
        year.tolist(),
        status.tolist(),
        month.tolist(),
        day.tolist(),
        finish_month.tolist(),
        finish_day.tolist(),
        strict=True,
    )
    start, finish = [], []
    for y, s, m, d, fm, fd in rows:
        start.append(f"{y}-{m:02d}-{d:02d}" if s >= STARTED else None)
        finish.append(f"{y}-{fm:02d}-{fd:02d}" if s > STARTED else None)
    return {"start_date": start, "finish_date": finish}
