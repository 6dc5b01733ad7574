"""A transparent score for choosing next year's estates: eligibility gates, then weighted criteria.

Each criterion is first measured on a 0–1 scale (:func:`measure`), independent of the
weights; a score is then the weighted sum (:func:`rank`), so changing a weight re-ranks
without measuring again, and each estate's parts show exactly where its points came from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from onemap.checkup.weights import CRITERIA, Weights

_M_PER_DEG_LAT = 110_574.0
_M_PER_DEG_LON_EQUATOR = 111_320.0


@dataclass(frozen=True, slots=True)  # slots: 20,000 of them are held while a county is scored
class EstateFacts:
    """What the score reads about one estate (gathered by :mod:`onemap.checkup.gather`)."""

    code: str
    name: str = ""
    township: str = ""
    built_year: int | None = None
    households: int | None = None
    buildings: int | None = None
    no_management: bool = False
    hazard_buildings: int = 0
    missing_facilities: int = 0
    facility_types: int = 4
    owners_consent_pct: float | None = None
    area_consent_pct: float | None = None
    demolition: bool = False
    pledged_wan: float = 0.0
    funding_wan: float = 0.0
    location: tuple[float, float] | None = None


@dataclass(slots=True)
class EstateScore:
    """One estate's place in the list: score, rank, eligibility, points per criterion and why not."""

    code: str
    score: float
    rank: int
    eligible: bool
    parts: dict[str, float]
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (中文, English)

    def as_record(self, lang: str = "zh") -> dict[str, object]:
        """The ``score --json`` record."""
        return {
            "estate": self.code,
            "score": self.score,
            "rank": self.rank,
            "eligible": self.eligible,
            "parts": self.parts,
            "reasons": [zh if lang == "zh" else en for zh, en in self.reasons],
        }


def gates(facts: EstateFacts, weights: Weights) -> list[tuple[str, str]]:
    """Why an estate may not be chosen (empty: it passes every gate)."""
    why: list[tuple[str, str]] = []
    if facts.built_year is None:
        why.append(("建成年代未填", "year built unknown"))
    elif facts.built_year > weights.built_before:
        why.append(
            (
                f"建于 {facts.built_year} 年，晚于 {weights.built_before} 年",
                f"built {facts.built_year}, after {weights.built_before}",
            )
        )
    if weights.exclude_demolition and facts.demolition:
        why.append(("已列入拆除", "slated for demolition"))
    owners, area = facts.owners_consent_pct, facts.area_consent_pct
    if owners is None or area is None:
        why.append(("未做居民改造意愿调查", "no residents' consent survey"))
    elif min(owners, area) <= weights.consent_pct:
        threshold = f"{weights.consent_pct:g}%"
        why.append(
            (
                f"居民同意比例未超过 {threshold}（户数 {owners:g}%，面积 {area:g}%）",
                f"consent not above {threshold} (owners {owners:g}%, area {area:g}%)",
            )
        )
    return why


@dataclass
class Measures:
    """Every estate's criteria on 0–1 (rows in ``facts`` order, columns in :data:`CRITERIA` order)
    and its gate verdicts; re-ranking with new weights needs nothing else."""

    matrix: np.ndarray
    codes: list[str]
    reasons: list[list[tuple[str, str]]]
    gate_key: tuple[object, ...]
    year: int

    def of(self, code: str) -> dict[str, float]:
        """One estate's measures by criterion."""
        return dict(zip(CRITERIA, self.matrix[self.codes.index(code)].tolist(), strict=True))


def _gate_key(weights: Weights) -> tuple[object, ...]:
    return (weights.built_before, weights.consent_pct, weights.exclude_demolition, weights.age_full_years,
            weights.households_full, weights.synergy_within_m, weights.synergy_full)  # fmt: skip


def measure(facts: Sequence[EstateFacts], weights: Weights, year: int) -> Measures:
    """Each estate's criteria on 0–1 (before weighting) and why it fails a gate."""
    reasons = [gates(f, weights) for f in facts]
    eligible = {f.code for f, why in zip(facts, reasons, strict=True) if not why}
    near = _neighbours(facts, eligible, weights.synergy_within_m)
    rows = []
    for f in facts:
        buildings = max(f.buildings or 0, f.hazard_buildings, 1)
        owners, area = f.owners_consent_pct, f.area_consent_pct
        above = (
            0.0
            if owners is None or area is None
            else (min(owners, area) - weights.consent_pct) / (100 - weights.consent_pct)
        )
        rows.append(
            (
                f.hazard_buildings / buildings,
                f.missing_facilities / f.facility_types if f.facility_types else 0.0,
                _unit((year - f.built_year) / weights.age_full_years if f.built_year else 0.0),
                float(f.no_management),
                _unit(above),
                _unit(f.pledged_wan / f.funding_wan if f.funding_wan > 0 else 0.0),
                _unit((f.households or 0) / weights.households_full),
                _unit(near.get(f.code, 0) / weights.synergy_full),
            )
        )
    matrix = np.array(rows, dtype=float).reshape(len(facts), len(CRITERIA))
    return Measures(matrix, [f.code for f in facts], reasons, _gate_key(weights), year)


def rank(facts: Sequence[EstateFacts], measures: Measures, weights: Weights) -> list[EstateScore]:
    """Every estate scored and ranked: eligible ones first, best first; ties by code.

    Only the weights are applied here (:func:`ranking`, a matrix product and one sort), so a
    weight change does not measure again; weights with other gates or measures do.
    """
    if measures.gate_key != _gate_key(weights):
        measures = measure(facts, weights, measures.year)
    order, points = ranking(measures, weights)
    totals = points.sum(axis=1)
    eligible = np.array([not why for why in measures.reasons], dtype=bool)
    # plain Python floats and bools: indexing numpy scalars 20,000 times costs more than the ranking
    shown, sums, passes = np.round(points, 2).tolist(), totals.tolist(), eligible.tolist()
    codes, reasons = measures.codes, measures.reasons
    return [
        EstateScore(
            codes[i], round(sums[i], 2), place, passes[i], dict(zip(CRITERIA, shown[i], strict=True)), reasons[i]
        )
        for place, i in enumerate(order.tolist(), start=1)
    ]


def ranking(measures: Measures, weights: Weights) -> tuple[np.ndarray, np.ndarray]:
    """Row order best first (eligible first, ties by code) and the points matrix: the re-rank alone."""
    points = measures.matrix * np.array([weights.weights[c] for c in CRITERIA])
    # ranked on the exact sum: rounding for display must not turn a lead into a tie
    eligible = np.array([not why for why in measures.reasons], dtype=bool)
    return np.lexsort((np.array(measures.codes), -points.sum(axis=1), ~eligible)), points


def score(facts: Sequence[EstateFacts], weights: Weights, year: int) -> list[EstateScore]:
    """Measure and rank in one go."""
    return rank(facts, measure(facts, weights, year), weights)


@dataclass(frozen=True)
class Move:
    """An estate whose rank changed between two weightings."""

    code: str
    before: int
    after: int

    @property
    def up(self) -> int:
        """Places gained (negative: lost)."""
        return self.before - self.after


def moves(before: Iterable[EstateScore], after: Iterable[EstateScore]) -> list[Move]:
    """Estates whose rank changed, biggest move first."""
    old = {s.code: s.rank for s in before}
    found = [Move(s.code, old[s.code], s.rank) for s in after if s.code in old and old[s.code] != s.rank]
    return sorted(found, key=lambda m: (-abs(m.up), m.after))


def _unit(value: float) -> float:
    return min(1.0, max(0.0, value))


def _neighbours(facts: Sequence[EstateFacts], eligible: set[str], within_m: float) -> dict[str, int]:
    """estate code -> eligible estates of its township within ``within_m`` (itself not counted)."""
    from scipy.spatial import cKDTree  # here: 40 MB a briefing (which reads check-ups) never needs

    by_township: dict[str, list[EstateFacts]] = defaultdict(list)
    for f in facts:
        if f.code in eligible and f.location is not None:
            by_township[f.township].append(f)
    found: dict[str, int] = {}
    for group in by_township.values():
        lon = np.array([f.location[0] for f in group if f.location])
        lat = np.array([f.location[1] for f in group if f.location])
        # a local equirectangular plane: well under 1 % off over a township's few kilometres
        scale = _M_PER_DEG_LON_EQUATOR * np.cos(np.radians(lat.mean()))
        tree = cKDTree(np.column_stack((lon * scale, lat * _M_PER_DEG_LAT)))
        counts = tree.query_ball_point(tree.data, within_m, return_length=True)
        found.update({f.code: int(n) - 1 for f, n in zip(group, counts, strict=True)})
    return found
