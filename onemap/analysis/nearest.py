"""Nearest facility of each type for many estates at once: by straight line or along a network.

Both return, per type key, three arrays over the estates: the facility fid (-1: none), the
walking metres and the geodesic straight-line metres to that facility.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from onemap.geo.geodesy import LocalMetricFrame, geodesic_distance_m

if TYPE_CHECKING:
    from onemap.analysis.walknet import WalkNetwork
    from onemap.store.facilities import Facility

Found = tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]


def _step(progress: Callable[[float, str], None] | None, cancel: Callable[[], bool] | None, k: int, n: int) -> None:
    if cancel is not None and cancel():
        raise InterruptedError("coverage cancelled")
    if progress is not None:
        progress(k / max(n, 1), f"{k}/{n}")


def _of_kind(facilities: Sequence[Facility], kind: str) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    chosen = [f for f in facilities if f.kind == kind]
    fids = np.array([f.fid if f.fid is not None else -1 for f in chosen], dtype=np.int64)
    xy = np.array([f.location for f in chosen], dtype=np.float64).reshape(-1, 2)
    return fids, xy


def _none(m: int) -> Found:
    return np.full(m, -1, dtype=np.int64), np.full(m, np.inf), np.full(m, np.inf)


def straight_nearest(
    estate_lonlat: NDArray[np.float64],
    facilities: Sequence[Facility],
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
    facilities: Sequence[Facility],
    kinds: Sequence[str],
    limit_m: float,
    progress: Callable[[float, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> dict[str, Found]:
    """Nearest along the network (one limited multi-source Dijkstra per type)."""
    m = len(estate_lonlat)
    fac_fid = np.array([f.fid if f.fid is not None else -1 for f in facilities], dtype=np.int64)
    fac_xy = np.array([f.location for f in facilities], dtype=np.float64).reshape(-1, 2)
    fac_kind = np.array([f.kind for f in facilities], dtype=object)
    from onemap.analysis.walkroute import Routed  # scipy's graph routines: only along a network

    routed = Routed.attach(network, np.concatenate((estate_lonlat.reshape(-1, 2), fac_xy)))
    targets = np.arange(m)
    found: dict[str, Found] = {}
    for k, kind in enumerate(kinds):
        _step(progress, cancel, k, len(kinds))
        sources = m + np.flatnonzero(fac_kind == kind)
        walk, which = routed.nearest(sources, targets, limit_m)
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
