"""County and township totals of a coverage result: how many estates each type serves, gaps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from onemap.analysis.coverage import EstateCoverage
from onemap.analysis.facility_types import FacilityConfig, default_config


@dataclass(frozen=True)
class CoverageSummary:
    """Totals: estates measured, checklist met, per type those within its required circle."""

    estates: int
    met: int
    method: str
    detour: float | None
    served: dict[str, int] = field(default_factory=dict)  # type -> estates within its circle
    gap_counts: dict[str, int] = field(default_factory=dict)  # checklist type -> estates lacking it
    by_township: dict[str, tuple[int, int]] = field(default_factory=dict)  # township -> (estates, met)

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-ready form."""
        return {
            "estates": self.estates,
            "met": self.met,
            "method": self.method,
            "detour": self.detour,
            "served": self.served,
            "gaps": self.gap_counts,
            "by_township": {t: {"estates": n, "met": m} for t, (n, m) in self.by_township.items()},
        }


def summarise(result: Mapping[str, EstateCoverage], config: FacilityConfig | None = None) -> CoverageSummary:
    """Totals of :func:`~onemap.analysis.coverage.coverage`'s result."""
    config = config or default_config()
    first = next(iter(result.values()), None)
    served: Counter[str] = Counter()
    gaps: Counter[str] = Counter()
    towns: dict[str, list[int]] = {}
    for cov in result.values():
        for kind, near in cov.nearest.items():
            served[kind] += near.within[config.by_key()[kind].circle]
        gaps.update(cov.gaps)
        town = towns.setdefault(cov.township or "", [0, 0])
        town[0] += 1
        town[1] += cov.met
    kinds = list(first.nearest) if first else []
    return CoverageSummary(
        estates=len(result),
        met=sum(c.met for c in result.values()),
        method=first.method if first else "straight",
        detour=first.detour if first else config.detour_factor,
        served={k: served[k] for k in kinds},
        gap_counts={k: gaps[k] for k in kinds if k in config.checklist()},
        by_township={t: (n, m) for t, (n, m) in sorted(towns.items())},
    )
