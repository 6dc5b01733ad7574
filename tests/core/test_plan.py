"""The annual plan: by rank within the budget, every estate in or out with its reason."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from onemap.checkup.plan import Costing, PlanEstate, make_plan
from onemap.checkup.scoring import EstateScore
from onemap.cli import main


def _plan(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, object]:
    assert main(["plan", str(path), "--year", "2026", "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def _scores(path: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    assert main(["score", str(path), "--year", "2026", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("budget", [0.0, 500.0, 2000.0, 100000.0])
def test_the_plan_never_exceeds_its_budget_and_takes_candidates_in_rank_order(
    demo_copy: Path, capsys: pytest.CaptureFixture[str], budget: float
) -> None:
    plan = _plan(demo_copy, capsys, "--budget", str(budget))
    scores = _scores(demo_copy, capsys)
    assert plan["budget_wan"] == budget and plan["total_wan"] <= budget
    left = {item["estate"]: item["reason"] for item in plan["left_out"]}  # type: ignore[union-attr]
    chosen = plan["chosen"]
    assert isinstance(chosen, list) and set(chosen) | set(left) == {s["estate"] for s in scores}
    assert not set(chosen) & set(left)
    rank = {s["estate"]: s["rank"] for s in scores}
    assert chosen == sorted(chosen, key=rank.__getitem__)
    over = [code for code, why in left.items() if str(why).startswith("预算不足")]
    eligible = {s["estate"] for s in scores if s["eligible"]}
    assert set(chosen) <= eligible
    if budget == 100000.0:
        assert chosen and not over  # everything that may be chosen fits


def test_a_township_minimum_brings_each_townships_best_candidate_in_before_the_rest() -> None:
    scores = [
        EstateScore("A", 90.0, 1, True, {}),
        EstateScore("B", 80.0, 2, True, {}),
        EstateScore("C", 70.0, 3, True, {}),
        EstateScore("D", 60.0, 4, False, {}, [("未做居民改造意愿调查", "no residents' consent survey")]),
    ]
    estates = {
        "A": PlanEstate("A", township="城关", investment_wan=40.0),
        "B": PlanEstate("B", township="城关", investment_wan=30.0),
        "C": PlanEstate("C", township="武侯镇", floor_area_m2=1000.0),  # 1000 m² × 0.03 = 30 万元
        "D": PlanEstate("D", township="武侯镇", households=10),
    }
    costing = Costing(per_household_wan=3.0, per_m2_wan=0.03)
    plain = make_plan(scores, estates, 70.0, 2026, costing)
    fair = make_plan(scores, estates, 70.0, 2026, costing, township_min=1)
    assert plain.as_record()["chosen"] == ["A", "B"] and fair.as_record()["chosen"] == ["A", "C"]
    why = {item["estate"]: item["reason"] for item in fair.as_record()["left_out"]}  # type: ignore[union-attr]
    assert why == {"B": "预算不足：需 30 万元，余 0.00 万元", "D": "未做居民改造意愿调查"}
    assert fair.total_wan == 70.0 and [line.basis for line in fair.lines] == [
        "estimate",
        "estimate",
        "per_m2",
        "per_household",
    ]


def test_the_plan_sheet_reads_back_with_every_estate_and_the_total(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "2026年度计划.xlsx"
    plan = _plan(demo_copy, capsys, "--budget", "2000", "-o", str(out))
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("名次", "小区编码", "小区名称")
    body, total = rows[1:-1], rows[-1]
    assert [r[1] for r in body if r[7] == "是"] == plan["chosen"]
    assert total[0] == "合计" and total[5] == pytest.approx(plan["total_wan"])
    assert all(r[8] for r in body)  # every estate says why
