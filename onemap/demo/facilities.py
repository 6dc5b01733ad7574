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
    ex_list, ey_list = ex.tolist(), ey.tolist()
    plan: Plan = []
    for which, kind in enumerate(default_config().types):
        chance = _CHANCE.get(kind.key, _CHECKLIST_CHANCE if kind.checklist else 0.3)
        order = rng.permutation(len(lonlat)).tolist()
        owners, xs, ys = _placed(rng, order, ex_list, ey_list, chance)
        lon, lat = frame.to_lonlat(np.array(xs), np.array(ys))
        plan.append((which, owners, lon, lat))
    return plan


def _placed(
    rng: np.random.Generator, order: list[int], ex: list[float], ey: list[float], chance: float
) -> tuple[list[int], list[float], list[float]]:
    """The estates (in ``order``) that get a facility of one type, and where it stands (local metres).

    The draws are those of ``rng.random()`` for the chance and ``rng.uniform`` for angle and
    reach, one call each as the estates come: taken from one array drawn ahead (the same
    doubles, ``uniform(a, b)`` being ``a + (b - a) * random()``), and the generator is then
    moved on by exactly the draws used, so the next type draws what it always did.
    """
    state = rng.bit_generator.state
    draws = rng.random(3 * len(order)).tolist()
    used = 0
    placed: dict[int, list[tuple[float, float]]] = {}
    owners, xs, ys = [], [], []
    for k in order:
        if _served(placed, ex[k], ey[k]):
            continue
        used += 1
        if draws[used - 1] > chance:
            continue
        angle, reach = (2 * math.pi - 0) * draws[used], 20 + (150 - 20) * draws[used + 1]
        used += 2
        x, y = ex[k] + reach * math.cos(angle), ey[k] + reach * math.sin(angle)
        placed.setdefault(_cell(x, y), []).append((x, y))
        owners.append(k)
        xs.append(x)
        ys.append(y)
    rng.bit_generator.state = state
    rng.random(used)
    return owners, xs, ys


#: cells are numbered ``column * _ROW + row`` (an int hashes faster than a tuple); rows stay
#: within +-2**19 cells of 230 m, far more than any county spans
_ROW = 1 << 20
#: the cell itself first (where a serving facility mostly stands), then its eight neighbours
_AROUND = (0, -1, 1, -_ROW - 1, -_ROW, -_ROW + 1, _ROW - 1, _ROW, _ROW + 1)


def _cell(x: float, y: float) -> int:
    return int(x // _SERVES_M) * _ROW + int(y // _SERVES_M)


def _served(placed: dict[int, list[tuple[float, float]]], x: float, y: float) -> bool:
    """Whether a facility already stands within ``_SERVES_M`` (the 3 x 3 cells around the point)."""
    cell = _cell(x, y)
    for step in _AROUND:
        near = placed.get(cell + step)
        if near is not None:
            for px, py in near:
                if math.hypot(px - x, py - y) <= _SERVES_M:
                    return True
    return False


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
        estates = inventory.estate_points()
        places = np.array([e.location for e in estates]).reshape(-1, 2)
        if codes == [e.code for e in estates] and np.array_equal(lonlat, places):
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
