"""The score sheet (Excel): every estate's rank, score, eligibility and points per criterion."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from onemap.checkup.problems_xlsx import fill_sheet
from onemap.checkup.scoring import EstateScore
from onemap.checkup.weights import CRITERIA, Weights

CRITERION_NAMES: dict[str, tuple[str, str]] = {
    "safety": ("安全隐患", "Safety hazards"),
    "facilities": ("配套缺口", "Missing facilities"),
    "age": ("房龄", "Building age"),
    "no_management": ("无物业", "No property management"),
    "consent": ("居民意愿", "Consent"),
    "cofunding": ("多方出资", "Co-funding"),
    "households": ("受益户数", "Households"),
    "synergy": ("片区协同", "片区 synergy"),
}


def save_scores(
    scores: Sequence[EstateScore], names: Mapping[str, str], weights: Weights, path: Path, lang: str = "zh"
) -> Path:
    """Write the score sheet; the header names each criterion with its weight."""
    import openpyxl

    pick = 0 if lang == "zh" else 1
    base = ("名次", "小区编码", "小区名称", "得分", "符合条件", "不符合原因") if lang == "zh" else (
        "Rank", "Code", "Estate", "Score", "Eligible", "Why not")  # fmt: skip
    head = [*base, *(f"{CRITERION_NAMES[c][pick]}（{weights.weights[c]:g}）" for c in CRITERIA)]
    yes, no = ("是", "否") if lang == "zh" else ("yes", "no")
    rows = [
        (s.rank, s.code, names.get(s.code, ""), s.score, yes if s.eligible else no,
         "；".join(r[pick] for r in s.reasons), *(s.parts[c] for c in CRITERIA))
        for s in scores
    ]  # fmt: skip
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = f"评分（{weights.version}）"[:31] if lang == "zh" else f"Scores ({weights.version})"[:31]
    fill_sheet(sheet, head, rows)
    book.save(path)
    return path
