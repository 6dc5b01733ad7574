"""A realistic demo inventory of Mian County (勉县, 610725), deterministic for a seed.

``make_demo(path, estates=150, seed=1)`` writes ~150 estates, most in the county seat
(勉阳街道) and the rest around real township seats.  Larger counts (20,000, 220,000 for
speed measurements) fill Mian to a county's size, then spread over the nearest real
counties, each estate code starting with its own county's admin code.
"""

from __future__ import annotations

import functools
import multiprocessing
import random
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from multiprocessing.pool import Pool
from pathlib import Path

import numpy as np

from onemap.demo.checkup import add_demo_checkup
from onemap.demo.county import county_block, county_built, county_points
from onemap.demo.facilities import Ahead, Written, add_demo_facilities, facility_plan, facility_scratch
from onemap.demo.ledger import LedgerFactory
from onemap.demo.places import (
    CELL_M,
    COUNTY_CAPACITY,
    MIAN_CAPACITY,
    MIAN_CODE,
    MIAN_NAME,
    Seat,
    SiteFinder,
    county_outline,
    mian_outline_seed,
    mian_seats,
    other_county_seats,
)
from onemap.demo.sensors import PlaceArrays, Places, add_demo_sensors, place_arrays, sensor_scratch
from onemap.model import Estate
from onemap.store import Inventory
from onemap.store.blocks import EstateBlock, block_estates
from onemap.store.freshload import fresh_load
from onemap.store.scratch import MOST_ATTACHED, ScratchBlock, write_scratch

Progress = Callable[[float, str], None]
#: demos of this many estates draw their far counties in a helper process (below, starting it costs more)
PARALLEL_FROM = 10_000


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` over weights by largest remainder (sums exactly to ``total``)."""
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _plan(total: int) -> Iterator[tuple[Seat, int]]:
    seats = mian_seats()
    in_mian = min(total, MIAN_CAPACITY)
    yield from zip((s for s, _w in seats), allocate(in_mian, [w for _s, w in seats]), strict=True)
    left = total - in_mian
    for seat in other_county_seats():
        if left <= 0:
            return
        capacity = int(0.6 * 3.14159 * (seat.max_radius_m / CELL_M) ** 2)
        take = min(left, COUNTY_CAPACITY, max(capacity, 0))
        if take:
            yield seat, take
            left -= take


def demo_batches(
    total: int, seed: int, *, helpers: int = 0, scratch: Path | None = None
) -> Iterator[Estate | EstateBlock | ScratchBlock]:
    """The demo in a fixed order: Mian's estates one by one, then each other county as one block.

    The same ``(total, seed)`` gives the same demo.  Mian's estates come from one
    ``random.Random(seed)`` as they always have; every other county is drawn column-wise
    (:func:`~onemap.demo.county.county_block`), what makes 220,000 estates take seconds.
    ``helpers`` processes draw those counties ahead while the caller writes (the same blocks);
    given a ``scratch`` folder they also write them there, a few files of many counties each
    (:mod:`~onemap.store.scratch`: the caller copies them in set-based).
    """
    plan = list(_plan(total))
    far = [(seat, count) for seat, count in plan if seat.county_code != MIAN_CODE]
    blocks: Iterable[EstateBlock | ScratchBlock]
    if helpers and far and scratch is not None:
        blocks = _written_ahead(far, seed, helpers, scratch)
    elif helpers and far:
        blocks = _drawn_ahead(far, seed, helpers)
    else:
        blocks = (county_block(s, n, seed) for s, n in far)
    rng = random.Random(seed)
    factory = LedgerFactory(rng)
    finder: SiteFinder | None = None
    serial = 0
    for seat, count in plan:
        if seat.county_code != MIAN_CODE:
            continue
        if finder is None:
            finder = SiteFinder(rng, mian_outline_seed(), seat.lat)
        for lon, lat in finder.sites(seat, count):
            serial += 1
            yield factory.estate(f"{MIAN_CODE}{serial:04d}", seat, lon, lat, serial)
    yield from blocks


def _drawn_ahead(plan: list[tuple[Seat, int]], seed: int, helpers: int, ahead: int = 4) -> Iterator[EstateBlock]:
    """County blocks drawn by ``helpers`` spawned processes, at most ``ahead`` waiting (memory stays flat)."""
    pool = ProcessPoolExecutor(max_workers=helpers, mp_context=multiprocessing.get_context("spawn"))
    try:
        todo = iter(plan)
        pending = deque(pool.submit(county_block, seat, count, seed) for seat, count in islice(todo, ahead))
        while pending:
            block = pending.popleft().result()
            for seat, count in islice(todo, 1):
                pending.append(pool.submit(county_block, seat, count, seed))
            yield block
    finally:
        pool.shutdown(cancel_futures=True)


def _written_ahead(plan: list[tuple[Seat, int]], seed: int, helpers: int, folder: Path) -> Iterator[ScratchBlock]:
    """County blocks written by ``helpers`` spawned processes into :data:`MOST_ATTACHED` scratch files, in order.

    The first file holds one county, so that the writer has something to copy soon.
    """
    ends = np.linspace(1, len(plan), MOST_ATTACHED, dtype=int).tolist() if len(plan) > 1 else [1]
    chunks = [plan[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True) if b > a]
    pool = ProcessPoolExecutor(max_workers=helpers, mp_context=multiprocessing.get_context("spawn"))
    try:
        pending = [
            pool.submit(county_scratch, chunk, seed, folder / f"counties{k}.sqlite") for k, chunk in enumerate(chunks)
        ]
        for future in pending:
            yield future.result()
    finally:
        pool.shutdown(cancel_futures=True)


def county_scratch(plan: list[tuple[Seat, int]], seed: int, path: Path) -> ScratchBlock:
    """Write the county blocks of ``plan`` (in order) into a scratch file (in a helper process)."""
    return write_scratch(path, (county_block(seat, count, seed) for seat, count in plan))


def demo_estates(total: int, seed: int) -> Iterator[Estate]:
    """The demo estates in a fixed order, as model objects (see :func:`demo_batches`)."""
    for item in demo_batches(total, seed):
        if isinstance(item, EstateBlock):
            yield from block_estates(item)
        else:
            assert isinstance(item, Estate)  # no scratch folder given, so no scratch blocks
            yield item


@functools.lru_cache(maxsize=1)
def _mian_places(count: int, seed: int) -> tuple[tuple[str, tuple[float, float] | None, int | None], ...]:
    """Mian's first ``count`` estates' codes, places and built years, drawn once per process (a helper
    needs them for the sensors and again for the facility plan; drawing them costs seconds)."""
    return tuple((e.code, e.location, e.built_year) for e in demo_estates(count, seed))


def drawn_places(total: int, seed: int) -> Places:
    """Every estate's code, ``(lon, lat)`` (or None) and ``built_year`` as generated, in the order written.

    What :func:`~onemap.demo.sensors.add_demo_sensors` reads back from the file, drawn
    again in a helper: Mian's estates one by one, the other counties only as far as their
    built years (:func:`~onemap.demo.county.county_built`).
    """
    plan = list(_plan(total))
    in_mian = sum(count for seat, count in plan if seat.county_code == MIAN_CODE)
    rows: Places = list(_mian_places(in_mian, seed)) if in_mian else []
    for seat, count in plan:
        if seat.county_code != MIAN_CODE:
            codes, where, built = county_built(seat, count, seed)
            rows += zip(codes, map(tuple, where.tolist()), built, strict=True)
    return rows


def written_sensors(total: int, seed: int, path: Path) -> tuple[PlaceArrays, ScratchBlock]:
    """The demo's gas detectors written ahead into ``path``, with the estates they were drawn for (a helper's job)."""
    places = drawn_places(total, seed)
    return place_arrays(places), sensor_scratch(places, seed, path)


def drawn_facility_plan(total: int, seed: int) -> Ahead:
    """The demo's facility plan drawn from its estates' places as generated, not read back (for a helper process).

    The plan needs every estate's place, in code order, before the writer has them all in
    the file: Mian's estates are drawn again one by one, the other counties' places alone
    (:func:`~onemap.demo.county.county_points`).
    :func:`~onemap.demo.facilities.demo_facility_columns` uses the plan only if the file
    then holds exactly these estates at these places.
    """
    plan = list(_plan(total))
    codes: list[str] = []
    places = [np.empty((0, 2))]
    in_mian = sum(count for seat, count in plan if seat.county_code == MIAN_CODE)
    if in_mian:  # a demo of Mian's estates alone: the same estates, drawn the same way
        located = [(code, where) for code, where, _built in _mian_places(in_mian, seed) if where is not None]
        codes += [code for code, _where in located]
        places.append(np.array([where for _code, where in located], dtype=np.float64).reshape(-1, 2))
    for seat, count in plan:
        if seat.county_code != MIAN_CODE:
            more, where = county_points(seat, count, seed)
            codes += more
            places.append(where)
    lonlat = np.concatenate(places)
    order = sorted(range(len(codes)), key=codes.__getitem__)
    lonlat = lonlat[order]
    return [codes[k] for k in order], lonlat, facility_plan(lonlat, seed)


def make_demo(
    path: Path | str,
    estates: int = 150,
    seed: int = 1,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Inventory:
    """Write a demo inventory to ``path`` and return it open.

    Raises
    ------
    InventoryError
        When ``path`` exists and ``overwrite`` is false, or cannot be written.
    """
    if estates < 1:
        raise ValueError("a demo needs at least one estate")
    inventory = Inventory.create(
        path, county_code=MIAN_CODE, county_name=MIAN_NAME, user="onemap demo", overwrite=overwrite
    )
    # a national demo draws and writes its far counties and its facilities on the other core, into
    # scratch files the writer copies in set-based (onemap/store/scratch.py), while it writes Mian
    helper = multiprocessing.get_context("spawn").Pool(1) if estates >= PARALLEL_FROM else None
    scratch = Path(tempfile.mkdtemp(prefix="onemap-demo-")) if helper is not None else None
    try:
        ahead = sensors = None
        if helper is not None and scratch is not None:  # one after the other: the sensors are written first
            sensors = helper.apply_async(written_sensors, (estates, seed, scratch / "sensors.sqlite"))
            ahead = helper.apply_async(written_facilities, (estates, seed, scratch / "facilities.sqlite"))
        # a new file filled in one transaction: no foreign-key look-ups, a big cache (store/freshload.py)
        with fresh_load(inventory, estates), inventory.transaction():
            inventory.set_meta(demo_seed=seed, demo_estates=estates, data_date="2026-11-01")
            _add_outlines(inventory, estates)
            inventory.bulk_load(
                demo_batches(estates, seed, helpers=1 if helper is not None else 0, scratch=scratch),
                note=f"演示数据（种子 {seed}）",
                progress=progress,
                total=estates,
                cancel=cancel,
            )
            # live watch: gas detectors (onemap/demo/sensors.py)
            add_demo_sensors(inventory, seed, sensors.get() if sensors is not None else None)
            written = ahead.get() if ahead is not None else None
            add_demo_facilities(inventory, seed, written=written)  # living circles (onemap/demo/facilities.py)
            add_demo_checkup(inventory, seed, MIAN_CODE)  # check-up findings and consent (onemap/demo/checkup.py)
        inventory.detach_scratch()
    except BaseException:
        inventory.close()
        Path(path).unlink(missing_ok=True)
        raise
    finally:
        _stop(helper)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return inventory


def written_facilities(total: int, seed: int, path: Path) -> Written:
    """The demo's facility plan drawn ahead (:func:`drawn_facility_plan`) and its facilities written to ``path``."""
    codes, lonlat, plan = drawn_facility_plan(total, seed)
    return codes, lonlat, facility_scratch(codes, plan, path)


def _stop(helper: Pool | None) -> None:
    if helper is not None:
        helper.terminate()  # done, or no longer wanted (a cancel, a failure): never waited for
        helper.join()


def _add_outlines(inventory: Inventory, estates: int) -> None:
    counties = {MIAN_CODE: MIAN_NAME}
    counties.update({seat.county_code: seat.county_name for seat, _n in _plan(estates)})
    for code, name in counties.items():
        outline = county_outline(code)
        if outline is None and code == MIAN_CODE:
            outline = mian_outline_seed()
        if outline is not None:
            inventory.add_admin_area(code, name, "county", outline)
