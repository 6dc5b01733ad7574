"""Living-circle coverage: each estate's nearest facility of each type and its checklist gaps.

The public API (used by the check-up roll-ups, scoring and the viewer)::

    from onemap.analysis.coverage import coverage
    result = coverage(inv)                                  # dict[estate code, EstateCoverage]
    result = coverage(inv, types=["kindergarten"], network=Path("roads.shp"))
    result["510725001"].nearest["kindergarten"].distance_m  # walking metres, or None
    result["510725001"].method                              # "network" or "straight"
    result["510725001"].gaps                                # checklist types not within their circle

Distances are walking metres: along the walking network when one is given (a path to a
Shapefile/GeoPackage/GeoJSON of lines, or a built :class:`~onemap.analysis.walknet.WalkNetwork`),
else the geodesic straight line times the configured detour factor (1.3 by default, stated in
every result as ``detour``).  A type is provided within a circle when its nearest facility's
walking distance is at most the circle's distance (300 / 500 / 1,000 m by default,
``db/facility_types.toml``); the complete-community checklist is met when every checklist type
measured lies within its own required circle, and ``gaps`` lists those that do not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from onemap.analysis.facility_types import CIRCLES, FacilityConfig, default_config
from onemap.analysis.nearest import Found, network_nearest, straight_nearest

if TYPE_CHECKING:
    from onemap.analysis.walknet import WalkNetwork  # scipy's graph code loads only for a network
    from onemap.store.facilities import EstatePoint, Facility, FacilityPoints
    from onemap.store.inventory import Inventory

Progress = Callable[[float, str], None]

#: the methods an output names
NETWORK, STRAIGHT = "network", "straight"


@dataclass(frozen=True)
class Nearest:
    """An estate's nearest facility of one type.

    ``distance_m`` is walking metres (None: none found, or none within the network search
    limit); ``straight_m`` the geodesic straight line to that facility; ``within`` maps
    ``5min``/``10min``/``15min`` to whether the facility lies within that circle (estates share
    these dicts: read them, do not change them).
    """

    kind: str
    facility: int | None
    distance_m: float | None
    straight_m: float | None
    within: dict[str, bool]


@dataclass(frozen=True)
class EstateCoverage:
    """One estate's coverage: ``nearest`` by type key, the ``method`` used, checklist ``met``, ``gaps``.

    ``detour`` is the factor applied to straight lines (None when the network was used).
    """

    estate: str
    method: str
    detour: float | None
    nearest: dict[str, Nearest]
    met: bool
    gaps: tuple[str, ...]
    township: str | None = None
    households: int | None = None
    location: tuple[float, float] | None = field(default=None, compare=False)

    def rows(self) -> list[dict[str, Any]]:
        """The ``coverage --json`` records of this estate, one per type (the CLI contract)."""
        return [
            {
                "estate": self.estate,
                "type": kind,
                "distance_m": None if n.distance_m is None else round(n.distance_m, 1),
                "method": self.method,
                "facility": n.facility,
                "within": dict(n.within),
            }
            for kind, n in self.nearest.items()
        ]


def coverage(
    inv: Inventory,
    types: Sequence[str] | None = None,
    network: WalkNetwork | Path | str | None = None,
    *,
    config: FacilityConfig | None = None,
    limit_m: float | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> dict[str, EstateCoverage]:
    """Coverage of every located estate of an inventory (see the module docstring).

    Parameters
    ----------
    inv : Inventory
        Read only: located estates and facilities.
    types : sequence of str, optional
        Type keys to measure (default: every type of ``config``).
    network : WalkNetwork or path, optional
        The walking network; without one, straight lines times ``config.detour_factor``.
    config : FacilityConfig, optional
        Types, circle distances and detour factor (default: ``db/facility_types.toml``).
    limit_m : float, optional
        How far a network search looks (default: twice the largest circle).
    progress, cancel : callable, optional
        ``progress(fraction, message)`` per type; ``cancel()`` true stops with ``InterruptedError``.

    Returns
    -------
    dict of str to EstateCoverage
        By estate code.
    """
    if isinstance(network, str | Path):
        from onemap.io.walk_lines import read_network

        network = read_network(Path(network))
    return measure(
        inv.estate_points(),
        inv.facility_points(),
        types=types,
        network=network,
        config=config,
        limit_m=limit_m,
        progress=progress,
        cancel=cancel,
    )


def measure(
    estates: Sequence[EstatePoint],
    facilities: Sequence[Facility] | FacilityPoints,
    *,
    types: Sequence[str] | None = None,
    network: WalkNetwork | None = None,
    config: FacilityConfig | None = None,
    limit_m: float | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> dict[str, EstateCoverage]:
    """:func:`coverage` of given estates and facilities (no file needed: tests, benchmarks, what-if)."""
    config = config or default_config()
    kinds = list(types) if types else [t.key for t in config.types]
    estate_xy = np.array([e.location for e in estates], dtype=np.float64).reshape(-1, 2)
    found = nearest_found(estate_xy, facilities, kinds, network, config, limit_m, progress, cancel)
    method, detour = (NETWORK, None) if network is not None else (STRAIGHT, config.detour_factor)
    columns = {k: _columns(k, found[k], config) for k in kinds}
    required = [(k, config.by_key()[k].circle) for k in config.checklist() if k in kinds]
    result = {}
    for row, estate in enumerate(estates):
        nearest = {k: columns[k][row] for k in kinds}
        gaps = tuple(k for k, circle in required if not nearest[k].within[circle])
        result[estate.code] = EstateCoverage(
            estate.code, method, detour, nearest, not gaps, gaps, estate.township, estate.households, estate.location
        )
    return result


def nearest_found(
    estate_lonlat: NDArray[np.float64],
    facilities: Sequence[Facility] | FacilityPoints,
    kinds: Sequence[str],
    network: WalkNetwork | None,
    config: FacilityConfig,
    limit_m: float | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    *,
    within_reach: bool = False,
) -> dict[str, Found]:
    """Each type's nearest facility to each estate as arrays (see :mod:`~onemap.analysis.nearest`):
    what :func:`measure` turns into :class:`Nearest` objects, for callers that need only figures.

    ``within_reach`` attaches to the network only what can be reached within the limit (see
    :func:`~onemap.analysis.nearest.network_nearest`).
    """
    from onemap.store.facilities import FacilityPoints

    unknown = set(kinds) - set(config.by_key())
    if unknown:
        raise ValueError(f"unknown facility types: {sorted(unknown)}")
    limit = limit_m or 2.0 * max(config.circles.values())
    points = facilities if isinstance(facilities, FacilityPoints) else FacilityPoints.located(facilities)
    if network is not None:
        return network_nearest(
            network, estate_lonlat, points, kinds, limit, progress, cancel, within_reach=within_reach
        )
    return straight_nearest(estate_lonlat, points, kinds, config.detour_factor, progress, cancel)


def _columns(kind: str, found: Any, config: FacilityConfig) -> list[Nearest]:
    """Every estate's :class:`Nearest` of one type, from the arrays of :mod:`~onemap.analysis.nearest`."""
    fids, walk, straight = found
    reached = (fids >= 0) & np.isfinite(walk)
    walk_list = np.where(reached, walk, np.nan).tolist()
    straight_list = np.where(reached, straight, np.nan).tolist()
    # circles nest, so only len(CIRCLES) + 1 answers exist: share one dict per answer (read-only)
    answers = [dict(zip(CIRCLES, flags, strict=True)) for flags in _ANSWERS]
    within = [answers[n] for n in _flags(walk, reached, config).sum(axis=1).tolist()]
    return [
        Nearest(kind, int(f), w, s, inside) if ok else Nearest(kind, None, None, None, inside)
        for f, w, s, inside, ok in zip(fids.tolist(), walk_list, straight_list, within, reached.tolist(), strict=True)
    ]


#: the within-answers by how many circles hold the facility (0: none … 3: all, the 5-minute one too)
_ANSWERS = [tuple(k >= len(CIRCLES) - i for i in range(len(CIRCLES))) for k in range(len(CIRCLES) + 1)]


def _flags(walk: Any, reached: Any, config: FacilityConfig) -> Any:
    return np.column_stack([reached & (walk <= config.circles[c]) for c in CIRCLES])
