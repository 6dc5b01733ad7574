"""片区 (组团连片): group neighbouring eligible estates of one township, best-scored first.

Each 片区 grows from the best-scored estate not yet placed: it takes, among the estates of
the same township (and community, if asked) within ``within_m`` of any member, the one that
shares most facility gaps with the group (one shared facility would serve them all), then the
nearest, while the households stay within the cap (default 3,000: the 5-minute circle's
1,500–4,000 dwellings).  An estate larger than the cap is a 片区 of its own.  Given a
``barrier`` (the arterial roads, :class:`~onemap.checkup.district_geometry.RoadBarrier`), an
estate joins only if no road separates it from any member.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

DEFAULT_MAX_HOUSEHOLDS = 3000
DEFAULT_WITHIN_M = 500.0
_M_PER_DEG_LAT = 110_574.0
_M_PER_DEG_LON_EQUATOR = 111_320.0


class Barrier(Protocol):
    """What keeps two estates apart (arterial roads)."""

    def separates(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """True when ``a`` and ``b`` (lon, lat) lie on two sides of it."""
        ...


@dataclass(frozen=True)
class DistrictEstate:
    """An eligible estate as the grouping sees it."""

    code: str
    township: str
    community: str = ""
    households: int = 0
    location: tuple[float, float] | None = None
    gaps: frozenset[str] = frozenset()


@dataclass
class District:
    """One proposed 片区."""

    name: str
    township: str
    estates: list[str] = field(default_factory=list)
    households: int = 0

    def as_record(self) -> dict[str, object]:
        """The ``districts --json`` record."""
        return {"name": self.name, "township": self.township, "estates": self.estates, "households": self.households}


def propose(
    estates: Sequence[DistrictEstate],
    max_households: int = DEFAULT_MAX_HOUSEHOLDS,
    within_m: float = DEFAULT_WITHIN_M,
    same_community: bool = False,
    barrier: Barrier | None = None,
) -> list[District]:
    """片区 for located estates given best first; unlocated ones are left out."""
    by_township: dict[str, list[DistrictEstate]] = defaultdict(list)
    for e in estates:
        if e.location is not None:
            by_township[e.township].append(e)
    out: list[District] = []
    for township, group in by_township.items():
        out += _township(township, group, max_households, within_m, same_community, barrier)
    return out


def _township(
    township: str,
    group: list[DistrictEstate],
    cap: int,
    within_m: float,
    same_community: bool,
    barrier: Barrier | None = None,
) -> list[District]:
    from scipy.spatial import cKDTree  # here: 40 MB a briefing (which reads check-ups) never needs

    xy = _plane(group)
    tree = cKDTree(xy)
    placed: set[int] = set()
    districts: list[District] = []
    for seed in range(len(group)):
        if seed in placed:
            continue
        members, gaps = [seed], set(group[seed].gaps)
        placed.add(seed)
        total, tried = group[seed].households, set[int]()
        while True:
            near = {j for m in members for j in tree.query_ball_point(xy[m], within_m)} - placed - tried
            if same_community:
                near = {j for j in near if group[j].community == group[seed].community}
            if not near:
                break
            best = min(near, key=lambda j: (-len(gaps & group[j].gaps), _gap(xy, members, j), group[j].code))
            if total + group[best].households > cap or _across(barrier, group, members, best):
                tried.add(best)
                continue
            members.append(best)
            placed.add(best)
            gaps |= group[best].gaps
            total += group[best].households
        name = f"{township}第{len(districts) + 1}片区"
        districts.append(District(name, township, [group[m].code for m in members], total))
    return districts


def _across(barrier: Barrier | None, group: list[DistrictEstate], members: list[int], j: int) -> bool:
    """A road lies between estate ``j`` and a member."""
    if barrier is None:
        return False
    here = group[j].location
    return any(barrier.separates(here, group[m].location) for m in members)  # type: ignore[arg-type]


def _plane(group: list[DistrictEstate]) -> np.ndarray:
    lon = np.array([e.location[0] for e in group if e.location])
    lat = np.array([e.location[1] for e in group if e.location])
    # a local equirectangular plane: well under 1 % off across one township
    scale = _M_PER_DEG_LON_EQUATOR * np.cos(np.radians(lat.mean()))
    return np.column_stack((lon * scale, lat * _M_PER_DEG_LAT))


def _gap(xy: np.ndarray, members: list[int], j: int) -> float:
    return float(np.min(np.hypot(*(xy[members] - xy[j]).T)))
