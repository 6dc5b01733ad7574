"""Nearest facility of each type for many estates at once: by straight line or along a network.

Both return, per type key, three arrays over the estates: the facility fid (-1: none), the
walking metres and the geodesic straight-line metres to that facility.  Facilities come as
:class:`~onemap.store.facilities.FacilityPoints` arrays (located ones, fid order): a county's
hundreds of thousands of facilities are never one Python object each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from onemap.geo.geodesy import LocalMetricFrame, geodesic_distance_m

if TYPE_CHECKING:
    from onemap.analysis.walknet import WalkNetwork
    from onemap.store.facilities import FacilityPoints

Found = tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]


def _step(progress: Callable[[float, str], None] | None, cancel: Callable[[], bool] | None, k: int, n: int) -> None:
    if cancel is not None and cancel():
        raise InterruptedError("coverage cancelled")
    if progress is not None:
        progress(k / max(n, 1), f"{k}/{n}")


def _of_kind(facilities: FacilityPoints, kind: str) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    chosen = facilities.kind == kind
    return facilities.fid[chosen], np.column_stack((facilities.lon[chosen], facilities.lat[chosen]))


def _none(m: int) -> Found:
    return np.full(m, -1, dtype=np.int64), np.full(m, np.inf), np.full(m, np.inf)


def straight_nearest(
    estate_lonlat: NDArray[np.float64],
    facilities: FacilityPoints,
    kinds: Sequence[str],
    detour: float,
    progress: Callable[[float, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> dict[str, Found]:
    """Nearest by geodesic straight line; walking metres are that line times ``detour``."""
    m = len(estate_lonlat)
    found: dict[str, Found] = {}
    frame = None
    if m:
        centre = estate_lonlat.mean(axis=0)
        frame = LocalMetricFrame(float(centre[0]), float(centre[1]))
        ex, ey = frame.to_local(estate_lonlat[:, 0], estate_lonlat[:, 1])
    for k, kind in enumerate(kinds):
        _step(progress, cancel, k, len(kinds))
        fids, fxy = _of_kind(facilities, kind)
        if not m or not len(fids) or frame is None:
            found[kind] = _none(m)
            continue
        fx, fy = frame.to_local(fxy[:, 0], fxy[:, 1])
        # nearest in the conformal plane (its scale error, ~3e-5 across a county, can only swap
        # near-ties), then the geodesic to that one is the distance reported
        from scipy.spatial import cKDTree  # loaded only when there is something to search

        _, idx = cKDTree(np.column_stack((fx, fy))).query(np.column_stack((ex, ey)), k=1)
        idx = np.asarray(idx).reshape(m)
        straight = np.asarray(
            geodesic_distance_m(estate_lonlat[:, 0], estate_lonlat[:, 1], fxy[idx, 0], fxy[idx, 1])
        ).reshape(m)
        found[kind] = (fids[idx], straight * detour, straight)
    _step(progress, cancel, len(kinds), len(kinds))
    return found


def network_nearest(
    network: WalkNetwork,
    estate_lonlat: NDArray[np.float64],
    facilities: FacilityPoints,
    kinds: Sequence[str],
    limit_m: float,
    progress: Callable[[float, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    *,
    within_reach: bool = False,
) -> dict[str, Found]:
    """Nearest along the network (one limited multi-source Dijkstra per type).

    ``within_reach`` hangs on the network only the estates and facilities (of ``kinds``) no
    farther from it than ``limit_m``: a walk from any other is longer than the limit, so it
    finds nothing, however it is attached.  (The distances of the rest may then differ in the
    last micrometres: each attached point's foot splits its segment, zero lengths counting
    as :data:`~onemap.analysis.walknet.EPS_M`.)  Without it every point is attached, as
    ``onemap coverage`` always did.
    """
    m = len(estate_lonlat)
    if within_reach:
        facilities = facilities.of_kinds(kinds)
    fac_fid, fac_kind = facilities.fid, facilities.kind
    fac_xy = np.column_stack((facilities.lon, facilities.lat))
    from onemap.analysis.walkroute import Routed  # scipy's graph routines: only along a network

    points = np.concatenate((estate_lonlat.reshape(-1, 2), fac_xy))
    attached = _reachable(network, points, limit_m) if within_reach else np.arange(len(points))
    routed = Routed.attach(network, points[attached])
    # attached point k is points[attached[k]]; estates first, then facilities
    targets = np.flatnonzero(attached < m)
    found: dict[str, Found] = {}
    for k, kind in enumerate(kinds):
        _step(progress, cancel, k, len(kinds))
        sources = np.flatnonzero(attached >= m)
        sources = sources[fac_kind[attached[sources] - m] == kind]
        walk_of, which_of = routed.nearest(sources, targets, limit_m)
        walk, which = np.full(m, np.inf), np.full(m, -1, dtype=np.int64)
        walk[attached[targets]] = walk_of
        which[attached[targets]] = np.where(which_of >= 0, attached[np.maximum(which_of, 0)], -1)
        reached = which >= 0
        fids = np.where(reached, fac_fid[np.where(reached, which - m, 0)] if len(fac_fid) else -1, -1)
        straight = np.full(m, np.inf)
        if reached.any():
            to = fac_xy[which[reached] - m]
            straight[reached] = geodesic_distance_m(
                estate_lonlat[reached, 0], estate_lonlat[reached, 1], to[:, 0], to[:, 1]
            )
        found[kind] = (fids.astype(np.int64), walk, straight)
    _step(progress, cancel, len(kinds), len(kinds))
    return found


def _reachable(network: WalkNetwork, points_lonlat: NDArray[np.float64], limit_m: float) -> NDArray[np.int64]:
    """Indices of the points no farther than ``limit_m`` from a segment of the network.

    Those outside the network's box grown by the limit are dropped first, with no geometry:
    a sidecar's schematic streets cover a county seat, the estates a whole county, and the
    nearest-segment search is slowest for the points farthest from every segment.
    """
    xy = network.local(points_lonlat)
    low, high = network.node_xy.min(axis=0) - limit_m, network.node_xy.max(axis=0) + limit_m
    near = np.flatnonzero(np.all((xy >= low) & (xy <= high), axis=1))
    if not len(near):
        return near
    _, _, access = network.feet(xy[near])
    return near[access <= limit_m]
