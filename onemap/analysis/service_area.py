"""Service areas of a facility type and the "what if we add a facility here" question.

Both say which method they used: along the walking network (an isochrone: the streets within
the distance) or, without one, circles of the distance divided by the detour factor (the
straight-line radius whose walk estimate is the distance).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from onemap.analysis.coverage import NETWORK, STRAIGHT, EstateCoverage
from onemap.analysis.facility_types import FacilityConfig, default_config
from onemap.analysis.walknet import WalkNetwork
from onemap.analysis.walkroute import Routed
from onemap.geo.geodesy import geodesic_distance_m
from onemap.store.facilities import EstatePoint, Facility


@dataclass(frozen=True)
class ServiceArea:
    """Where facilities of one type reach within ``metres`` of walking.

    ``method`` ``network``: ``lines`` are the reachable street pieces as ``(2, 2)`` lon/lat
    arrays; ``straight``: ``centres`` (lon/lat) with ``radius_m`` straight metres each.
    """

    kind: str
    metres: float
    method: str
    lines: list[NDArray[np.float64]] = field(default_factory=list)
    centres: list[tuple[float, float]] = field(default_factory=list)
    radius_m: float = 0.0


def service_area(
    facilities: Sequence[Facility],
    kind: str,
    network: WalkNetwork | None = None,
    metres: float | None = None,
    config: FacilityConfig | None = None,
) -> ServiceArea:
    """The service area of the located facilities of type ``kind`` (default distance: its circle)."""
    config = config or default_config()
    metres = metres if metres is not None else config.required_m(kind)
    points = [f.location for f in facilities if f.kind == kind and f.location is not None]
    if network is None:
        return ServiceArea(kind, metres, STRAIGHT, centres=points, radius_m=metres / config.detour_factor)
    if not points:
        return ServiceArea(kind, metres, NETWORK)
    routed = Routed.attach(network, np.array(points, dtype=np.float64))
    reach = routed.reach_m(np.arange(len(points)), metres)
    return ServiceArea(kind, metres, NETWORK, lines=routed.service_lines(reach, metres))


@dataclass(frozen=True)
class WhatIf:
    """What one more facility of ``kind`` at ``location`` would do: the estates it would newly
    bring within the type's circle (``newly``, code -> walking metres) and the ``method``."""

    kind: str
    location: tuple[float, float]
    method: str
    metres: float
    newly: dict[str, float]


def what_if(
    coverage: Mapping[str, EstateCoverage],
    estates: Sequence[EstatePoint],
    kind: str,
    location: tuple[float, float],
    network: WalkNetwork | None = None,
    config: FacilityConfig | None = None,
) -> WhatIf:
    """Which estates a new facility of ``kind`` at ``location`` would newly cover.

    An estate counts when its current nearest of the type is not within the type's circle
    (per ``coverage``) and the new place is.
    """
    config = config or default_config()
    circle = config.by_key()[kind].circle
    metres = config.circles[circle]
    lacking = [e for e in estates if e.code in coverage and not coverage[e.code].nearest[kind].within[circle]]
    if not lacking:
        return WhatIf(kind, location, NETWORK if network else STRAIGHT, metres, {})
    xy = np.array([e.location for e in lacking], dtype=np.float64)
    if network is None:
        walk = geodesic_distance_m(xy[:, 0], xy[:, 1], location[0], location[1]) * config.detour_factor
        method = STRAIGHT
    else:
        routed = Routed.attach(network, np.vstack((xy, [location])))
        walk, _ = routed.nearest(np.array([len(lacking)]), np.arange(len(lacking)), metres)
        method = NETWORK
    walk = np.atleast_1d(np.asarray(walk, dtype=np.float64))
    newly = {e.code: float(d) for e, d in zip(lacking, walk.tolist(), strict=True) if d <= metres}
    return WhatIf(kind, location, method, metres, newly)
