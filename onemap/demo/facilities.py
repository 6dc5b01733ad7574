"""Demo service facilities and a demo walking network (示意) for Mian's county seat.

Facilities of every type stand near randomly chosen estates, a few hundred metres off, in
numbers that leave some estates without one nearby: the gap map then has something to show.
Each is marked as demo in its name (演示) and source.  The walking network is a street grid
around the county seat with some blocks merged (a few links dropped), labelled 示意.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from onemap.analysis.facility_types import default_config
from onemap.geo.geodesy import LocalMetricFrame
from onemap.store import Inventory
from onemap.store.blocks import EstateBlock, TableRows, point_blobs
from onemap.store.estate_places import located_estates
from onemap.store.facilities import Facility
from onemap.store.scratch import ScratchBlock, write_scratch

#: the chance that an estate with no facility of a type close by gets one (non-checklist types rarer)
_CHANCE = {"bus_stop": 0.6, "primary_school": 0.25, "middle_school": 0.12}
_CHECKLIST_CHANCE = 0.85
#: "close by" for the demo (metres, straight): one facility serves the estates around it
_SERVES_M = 230.0
#: Mian's county seat (勉阳街道), centre of the demo street grid
SEAT_LONLAT = (106.673, 33.153)


def demo_facilities(inventory: Inventory, seed: int = 1) -> list[Facility]:
    """Plausible facilities of every type around the inventory's estates (deterministic for a seed).

    Estates are visited in random order; one with no facility of a type within ``_SERVES_M``
    gets one 20-150 m away with the type's chance, so neighbours share and some go without.
    """
    columns, locations = demo_facility_columns(inventory, seed)
    return [
        Facility(**{name: values[k] for name, values in columns.items()}, location=location)
        for k, location in enumerate(locations)
    ]


#: per facility type: the estates (indices) that get one, and where it stands (lon, lat arrays)
Plan = list[tuple[int, list[int], np.ndarray, np.ndarray]]
#: a plan drawn ahead, with the estates (codes and ``(n, 2)`` lon, lat) it was drawn for
Ahead = tuple[list[str], np.ndarray, Plan]


def demo_facility_columns(
    inventory: Inventory, seed: int = 1, ahead: Ahead | None = None
) -> tuple[dict[str, list[Any]], list[tuple[float, float]]]:
    """:func:`demo_facilities` as columns (name, kind, kind_text, township, source) and locations.

    ``ahead`` is a :func:`facility_plan` drawn in another process for the estates it
    names: used only when those are exactly the inventory's (codes and places), else
    the plan is drawn here.
    """
    estates = inventory.estate_points()
    lonlat = np.array([e.location for e in estates]).reshape(-1, 2)
    if ahead is not None and ahead[0] == [e.code for e in estates] and np.array_equal(ahead[1], lonlat):
        plan = ahead[2]
    else:
        plan = facility_plan(lonlat, seed)
    columns: dict[str, list[Any]] = {"name": [], "kind": [], "kind_text": [], "township": [], "source": []}
    locations: list[tuple[float, float]] = []
    types = default_config().types
    for which, owners, lon, lat in plan:
        kind = types[which]
        locations += zip(lon.tolist(), lat.tolist(), strict=True)
        columns["name"] += [f"{estates[k].name}旁{kind.zh}（演示）" for k in owners]
        columns["kind"] += [kind.key] * len(owners)
        columns["kind_text"] += [kind.zh] * len(owners)
        columns["township"] += [estates[k].township for k in owners]
        columns["source"] += ["演示数据"] * len(owners)
    return columns, locations


def facility_plan(lonlat: np.ndarray, seed: int = 1) -> Plan:
    """Where the demo's facilities stand, for estates at ``(n, 2)`` ``lonlat`` (in code order).

    Depends on the estates' places only, so that it can be drawn in another process while
    the estates are being written (:func:`onemap.demo.facility_plan_ahead`).
    """
    if not len(lonlat):
        return []
    rng = np.random.default_rng(seed + 15)
    frame = LocalMetricFrame(float(lonlat[:, 0].mean()), float(lonlat[:, 1].mean()))
    ex, ey = frame.to_local(lonlat[:, 0], lonlat[:, 1])
    near = _near(ex, ey)
    ex_list, ey_list = ex.tolist(), ey.tolist()
    plan: Plan = []
    for which, kind in enumerate(default_config().types):
        chance = _CHANCE.get(kind.key, _CHECKLIST_CHANCE if kind.checklist else 0.3)
        order = rng.permutation(len(lonlat)).tolist()
        owners, xs, ys = _placed(rng, order, ex_list, ey_list, near, chance)
        lon, lat = frame.to_lonlat(np.array(xs), np.array(ys))
        plan.append((which, owners, lon, lat))
    return plan


#: how far a facility may stand from the estate it was put beside (metres; see :func:`_placed`)
_REACH_M = (20.0, 150.0)


def _near(ex: np.ndarray, ey: np.ndarray) -> list[list[int]]:
    """Per estate, every estate (itself included) whose facility could stand within ``_SERVES_M`` of it.

    A facility stands at most ``_REACH_M[1]`` from its estate, so only estates within the sum
    of both (and a metre for rounding) can serve one another: a superset, the distance itself
    is tested as the facilities come.
    """
    from scipy.spatial import cKDTree  # only the demo's facility plan needs it here

    points = np.column_stack((ex, ey))
    found = cKDTree(points).query_ball_point(points, _SERVES_M + _REACH_M[1] + 1.0, return_sorted=False)
    return [list(k) for k in found]


def _placed(
    rng: np.random.Generator,
    order: list[int],
    ex: list[float],
    ey: list[float],
    near: list[list[int]],
    chance: float,
) -> tuple[list[int], list[float], list[float]]:
    """The estates (in ``order``) that get a facility of one type, and where it stands (local metres).

    An estate is served when a facility of the type placed before it stands within
    ``_SERVES_M`` (straight); only its ``near`` estates' facilities can (each estate gets at
    most one of a type, held at its index).  The draws are those of ``rng.random()`` for
    the chance and ``rng.uniform`` for angle and reach, one call each as the estates come:
    taken from one array drawn ahead (the same doubles, ``uniform(a, b)`` being
    ``a + (b - a) * random()``), and the generator is then moved on by exactly the draws
    used, so the next type draws what it always did.
    """
    state = rng.bit_generator.state
    draws = rng.random(3 * len(order)).tolist()
    used = 0
    fx: list[float | None] = [None] * len(ex)
    fy = [0.0] * len(ex)
    owners, xs, ys = [], [], []
    hypot, cos, sin, turn = math.hypot, math.cos, math.sin, 2 * math.pi - 0
    low, span = _REACH_M[0], _REACH_M[1] - _REACH_M[0]
    for k in order:
        x, y = ex[k], ey[k]
        for j in near[k]:
            px = fx[j]
            if px is not None and hypot(px - x, fy[j] - y) <= _SERVES_M:
                break
        else:
            used += 1
            if draws[used - 1] > chance:
                continue
            angle, reach = turn * draws[used], low + span * draws[used + 1]
            used += 2
            fx[k] = px = x + reach * cos(angle)
            fy[k] = py = y + reach * sin(angle)
            owners.append(k)
            xs.append(px)
            ys.append(py)
    rng.bit_generator.state = state
    rng.random(used)
    return owners, xs, ys


#: a plan drawn ahead and its facilities written into a scratch file: the estates' codes and places, the file
Written = tuple[list[str], np.ndarray, ScratchBlock]


def facility_scratch(codes: list[str], plan: Plan, path: Path) -> ScratchBlock:
    """The facilities of ``plan`` (for estates ``codes``) written into a scratch file at ``path``.

    Each row names the estate it stands beside and its type (a row of ``facility_kinds``:
    the end of its name, ``旁…（演示）``, and the stored columns); the writer takes the rest,
    the estate's name and township, from the file
    (:meth:`~onemap.store.Inventory.copy_facilities_beside_estates`): what
    :func:`demo_facility_columns` makes, without reading the estates back here.
    """
    types = default_config().types
    kinds = [types[which] for which, _owners, _lon, _lat in plan]
    table = {
        "suffix": [f"旁{kind.zh}（演示）" for kind in kinds],
        "kind": [kind.key for kind in kinds],
        "kind_text": [kind.zh for kind in kinds],
        "source": ["演示数据"] * len(kinds),
    }
    columns: dict[str, list[Any]] = {"estate_code": [], "kind_no": []}
    for number, (_which, owners, _lon, _lat) in enumerate(plan, start=1):
        columns["estate_code"] += [codes[k] for k in owners]
        columns["kind_no"] += [number] * len(owners)
    lon = np.concatenate([np.empty(0), *(p[2] for p in plan)])
    lat = np.concatenate([np.empty(0), *(p[3] for p in plan)])
    rows = TableRows(columns, point_blobs(lon, lat))
    return write_scratch(path, [EstateBlock({"facilities": rows, "facility_kinds": TableRows(table)})])


def add_demo_facilities(
    inventory: Inventory, seed: int = 1, ahead: Ahead | None = None, written: Written | None = None
) -> int:
    """Add :func:`demo_facilities` to the inventory (inside the caller's transaction, one audited
    bulk write, column by column); returns how many.  ``ahead``: see :func:`demo_facility_columns`;
    ``written``: facilities a helper wrote ahead (:func:`facility_scratch`), copied in when drawn
    for exactly the inventory's estates and places."""
    note = f"演示配套设施（种子 {seed}）"
    if written is not None:
        codes, lonlat, block = written
        located, places = located_estates(inventory)
        if codes == located and np.array_equal(lonlat, places):
            copied = inventory.copy_facilities_beside_estates(block, note)
            if copied is not None:
                return copied
    columns, locations = demo_facility_columns(inventory, seed, ahead)
    return inventory.add_facility_columns(columns, locations, note)


def demo_streets(
    centre: tuple[float, float] = SEAT_LONLAT, half_m: float = 2500.0, step_m: float = 160.0, seed: int = 1
) -> list[NDArray[np.float64]]:
    """A 示意 street grid around ``centre``: lines every ``step_m``, some links left out."""
    rng = np.random.default_rng(seed + 151)
    frame = LocalMetricFrame(*centre)
    ticks = np.arange(-half_m, half_m + 1, step_m)
    lines = []
    for fixed in ticks:
        for a, b in zip(ticks[:-1], ticks[1:], strict=True):
            for xs, ys in (((a, b), (fixed, fixed)), ((fixed, fixed), (a, b))):
                if rng.random() < 0.12:  # a block merged with its neighbour: no street here
                    continue
                lon, lat = frame.to_lonlat(np.array(xs), np.array(ys))
                lines.append(np.column_stack((lon, lat)))
    return lines
