"""Which facility types each estate lacks: the input of the coverage-computed check-up indicators.

This is the one door between the check-up and the living-circle coverage analysis: the gaps
are :func:`onemap.analysis.coverage.measure`'s own, on the same walking network as
``onemap coverage`` and the 生活圈 dock (the one the viewer loaded or remembered for this
file, see :mod:`onemap.checkup.network_choice`; else the sidecar's 示意 streets; else straight
lines × the configured detour), so the roll-up and the coverage analysis never disagree.
:attr:`FacilityGaps.method` and :attr:`FacilityGaps.source` say which distance was used, and
every roll-up, problem list and score follows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

#: the detour factor applied to straight-line distance where no walking network is used
DETOUR = 1.3
#: facility type -> the walking distance (m) within which an estate counts as served
#: (GB 50180-2018: these belong to the 5-minute circle, ≈300 m)
SERVED_WITHIN_M: dict[str, float] = {
    "elderly_care": 300.0,
    "childcare": 300.0,
    "kindergarten": 300.0,
    "activity_space": 300.0,
}
#: "use the network ``onemap coverage`` would use for this inventory"
AUTO = object()
#: facility type -> (中文, English) as a problem names it
FACILITY_NAMES: dict[str, tuple[str, str]] = {
    "elderly_care": ("养老服务设施", "elderly-care facility"),
    "childcare": ("婴幼儿照护设施", "infant-care facility"),
    "kindergarten": ("幼儿园", "kindergarten"),
    "activity_space": ("公共活动场地", "public activity space"),
}


class _Points(Protocol):
    def estate_points(self) -> list[Any]: ...
    def facility_points(self, kinds: Any = None) -> Any: ...


@dataclass
class FacilityGaps:
    """estate code -> the facility types it lacks, and how distance was measured."""

    missing: dict[str, set[str]] = field(default_factory=dict)
    method: str = "straight"  # or "network"
    detour: float = DETOUR
    #: the walking network's source (file and layer) when ``method`` is "network"
    source: str = ""

    def method_text(self, lang: str = "zh") -> str:
        """How distance was measured, as every check-up output names it."""
        if self.method == "network":
            zh = self.source.replace(" schematic streets", "")  # the source names itself in both languages
            return f"步行路网 {zh}" if lang == "zh" else f"walking network ({self.source})"
        zh, en = f"直线距离×{self.detour:g}（未载入步行路网）", f"straight line × {self.detour:g} (no walking network)"
        return zh if lang == "zh" else en

    def lacks(self, code: str, facility: str) -> bool:
        """Whether the estate lacks this facility type (an unlocated estate lacks all)."""
        return facility in self.missing.get(code, set(SERVED_WITHIN_M))


#: the check-up's facility type -> the coverage analysis's type key
COVERAGE_KEYS = {"elderly_care": "elderly_care", "childcare": "nursery", "kindergarten": "kindergarten",
                 "activity_space": "activity_space"}  # fmt: skip


def facility_gaps(
    inventory: _Points, types: tuple[str, ...] = tuple(SERVED_WITHIN_M), network: object = AUTO
) -> FacilityGaps:
    """The facility types each located estate lacks, from the coverage analysis itself.

    Parameters
    ----------
    inventory
        An open inventory (or a view of it with ``estate_points`` and ``facility_points``).
    types
        Check-up facility keys to test.
    network
        A :class:`~onemap.analysis.walknet.WalkNetwork`, ``None`` for straight lines, or
        :data:`AUTO`: the network :func:`~onemap.checkup.network_choice.network_for` picks,
        as ``onemap coverage`` does without ``--network``.

    Returns
    -------
    FacilityGaps
        A type is lacking when coverage finds its nearest facility outside the type's own
        checklist circle (``db/facility_types.toml``), exactly as the coverage output says.
        Only the facilities of ``types`` are read, as arrays, and along a network only the
        estates and facilities within the search limit of it are attached (what lies farther
        reaches nothing within the limit: see :func:`~onemap.analysis.nearest.network_nearest`).
    """
    import numpy as np

    from onemap.analysis.coverage import nearest_found
    from onemap.analysis.facility_types import default_config
    from onemap.checkup.network_choice import network_for

    chosen = network_for(inventory) if network is AUTO else network
    config = default_config()
    keys = [COVERAGE_KEYS[t] for t in types]
    estates = inventory.estate_points()
    codes = [e.code for e in estates]
    estate_xy = np.array([e.location for e in estates], dtype=np.float64).reshape(-1, 2)
    del estates
    points = inventory.facility_points(keys)
    found = nearest_found(estate_xy, points, keys, chosen, config, within_reach=True)  # type: ignore[arg-type]
    del points
    gaps = FacilityGaps(method="network" if chosen is not None else "straight", detour=config.detour_factor)
    gaps.source = getattr(chosen, "source", "") or ""
    lacking = {}
    for t in types:
        key = COVERAGE_KEYS[t]
        fids, walk, _straight = found[key]
        within = (fids >= 0) & np.isfinite(walk) & (walk <= config.required_m(key))
        lacking[t] = (~within).tolist()
    flags = [lacking[t] for t in types]
    for row, code in enumerate(codes):
        gaps.missing[code] = {t for t, lacks in zip(types, flags, strict=True) if lacks[row]}
    return gaps
