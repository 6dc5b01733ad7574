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


@pytest.mark.parametrize("budget", [1.0, 500.0, 2000.0, 100000.0])
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


def _district_inventory() -> tuple[list[EstateScore], dict[str, PlanEstate], dict[str, str]]:
    scores = [
        EstateScore("A", 90.0, 1, True, {}),
        EstateScore("B", 85.0, 2, True, {}),
        EstateScore("C", 80.0, 3, True, {}),
        EstateScore("D", 70.0, 4, True, {}),
        EstateScore("E", 60.0, 5, True, {}),
        EstateScore("F", 50.0, 6, False, {}, [("同意率未达双过半", "consent below the threshold")]),
    ]
    estates = {c: PlanEstate(c, name=f"{c}小区", township="城关", investment_wan=30.0) for c in "ABCDEF"}
    # A and D form one 片区; C and F another (F is ineligible); B and E stand alone
    return scores, estates, {"A": "城关第1片区", "D": "城关第1片区", "C": "城关第2片区", "F": "城关第2片区"}


def test_a_whole_pian_qu_enters_together_at_its_best_members_rank_or_stays_out_whole() -> None:
    scores, estates, districts = _district_inventory()
    plain = make_plan(scores, estates, 90.0, 2026, districts=districts)
    whole = make_plan(scores, estates, 90.0, 2026, districts=districts, whole_districts=True)
    assert plain.as_record()["chosen"] == ["A", "B", "C"]
    # the 片区 of A takes D along; C's 片区 holds the ineligible F, so C stays out
    assert whole.as_record()["chosen"] == ["A", "B", "D"] and whole.total_wan == 90.0
    why = {item["estate"]: item["reason"] for item in whole.as_record()["left_out"]}  # type: ignore[union-attr]
    assert why["C"] == "片区“城关第2片区”中 F 不符合条件，片区整体未入选"
    assert why["E"].startswith("预算不足：需 30 万元")
    reasons = {line.estate.code: line.reason[0] for line in whole.lines}
    assert reasons["A"] == reasons["D"] == "按名次入选（片区整体）"


def test_a_whole_pian_qu_that_does_not_fit_the_budget_leaves_out_every_member() -> None:
    scores, estates, districts = _district_inventory()
    whole = make_plan(scores, estates, 50.0, 2026, districts=districts, whole_districts=True)
    # A+D cost 60 > 50: neither goes in, B (30) does
    assert whole.as_record()["chosen"] == ["B"]
    why = {item["estate"]: item["reason"] for item in whole.as_record()["left_out"]}  # type: ignore[union-attr]
    assert why["A"] == why["D"] == "预算不足：片区整体需 60 万元，余 50.00 万元"


def test_the_plan_pdf_reads_back_with_township_totals_chosen_estates_and_escaped_reasons(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from onemap.brief.plan_report import save_plan_pdf

    scores, estates, districts = _district_inventory()
    estates["B"] = PlanEstate("B", name="<b>B&小区</b>", township="武侯镇", investment_wan=30.0, households=120)
    plan = make_plan(scores, estates, 90.0, 2026, districts=districts, whole_districts=True)
    out = tmp_path / "plan.pdf"
    save_plan_pdf(plan, districts, out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages).replace(" ", "")
    assert "2026年度老旧小区改造计划汇报" in text and "估算合计90万元" in text
    assert "<b>B&小区</b>（B）" in text  # printed as text, never as markup
    assert "片区“城关第2片区”中F不符合条件，片区整体未入选" in text
    cells = text.replace("\n", "|")
    assert "城关|2|0|60.00|武侯镇|1|120|30.00|合计|3|120|90.00" in cells  # per township, then the total
    assert "A小区（A）|城关|城关第1片区" in cells


def test_plan_on_the_command_line_writes_the_pdf_with_the_whole_pian_qu_rule(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    out = tmp_path / "汇报.pdf"
    plan = _plan(demo_copy, capsys, "--budget", "2000", "--whole-districts", "--pdf", str(out))
    assert plan["total_wan"] <= 2000 and len(PdfReader(out).pages) >= 1
