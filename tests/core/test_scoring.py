"""Scoring: gates first, then weighted criteria from a versioned weight file; who moved."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from onemap.checkup.gather import estate_facts, read_checkup
from onemap.checkup.scoring import measure, rank, ranking
from onemap.checkup.weights import CRITERIA, default_weights
from onemap.cli import main
from onemap.store import Inventory
from onemap.store.checkup import Readiness

HOUSEHOLDS_ONLY = """
version = "test-households"
[weights]
households = 100
[measures]
households_full = 100000
"""


def _consent_for_all(path: Path) -> dict[str, tuple[int | None, int | None, str | None]]:
    """Everyone surveyed: 80 % consent, except three estates that show each gate."""
    with Inventory.open(path) as inventory:
        rows = {
            str(r[0]): (r[1], r[2], r[3])
            for r in inventory.estate_columns(["code", "built_year", "households", "management"])
        }
        codes = sorted(rows)
        with inventory.transaction():
            for code in codes:
                inventory.set_readiness(Readiness(code, 80.0, 80.0))
            inventory.set_readiness(Readiness(codes[0], 80.0, 50.0))  # area share not above half
            inventory.set_readiness(Readiness(codes[1], 90.0, 90.0, demolition=True))
    return rows


def _score(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, object]]:
    assert main(["score", str(path), "--json", "--year", "2025", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_single_criterion_weight_file_ranks_eligible_estates_exactly_by_it(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _consent_for_all(demo_copy)
    weights = tmp_path / "只看户数.toml"
    weights.write_text(HOUSEHOLDS_ONLY, "utf-8")
    scores = _score(demo_copy, capsys, "--weights", str(weights))
    assert [s["rank"] for s in scores] == list(range(1, len(rows) + 1))
    eligible = [s for s in scores if s["eligible"]]
    assert scores[: len(eligible)] == eligible  # every eligible estate before every other
    expected = sorted(
        (c for c in rows if rows[c][0] is not None and rows[c][0] <= 2000 and c not in sorted(rows)[:2]),
        key=lambda c: (-(rows[c][1] or 0), c),
    )
    assert [s["estate"] for s in eligible] == expected
    for s in eligible:
        assert s["score"] == pytest.approx(100 * (rows[str(s["estate"])][1] or 0) / 100000, abs=0.01)
        assert set(s["parts"]) == set(CRITERIA) and s["parts"]["safety"] == 0


def test_gates_name_why_an_estate_is_left_out(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _consent_for_all(demo_copy)
    codes = sorted(rows)
    scores = {s["estate"]: s for s in _score(demo_copy, capsys)}
    assert (
        not scores[codes[0]]["eligible"]
        and "居民同意比例未超过 50%（户数 80%，面积 50%）" in scores[codes[0]]["reasons"]
    )
    assert not scores[codes[1]]["eligible"] and "已列入拆除" in scores[codes[1]]["reasons"]
    late = [c for c in codes if (rows[c][0] or 0) > 2000]
    assert late and all(f"建于 {rows[c][0]} 年，晚于 2000 年" in scores[c]["reasons"] for c in late)


def test_the_default_score_is_the_sum_of_its_parts_and_no_management_counts_fully(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _consent_for_all(demo_copy)
    weights = default_weights()
    for s in _score(demo_copy, capsys):
        parts = s["parts"]
        assert isinstance(parts, dict) and s["score"] == pytest.approx(sum(parts.values()), abs=0.02)
        assert all(0 <= parts[c] <= weights.weights[c] for c in CRITERIA)
        assert parts["no_management"] == (
            weights.weights["no_management"] if rows[str(s["estate"])][2] == "无物业" else 0
        )


def test_changing_a_weight_reranks_and_names_who_moved(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _consent_for_all(demo_copy)
    old = tmp_path / "2024.toml"
    old.write_text(HOUSEHOLDS_ONLY, "utf-8")
    new = tmp_path / "2025.toml"
    new.write_text(HOUSEHOLDS_ONLY.replace("households = 100", "households = 100\nage = 100"), "utf-8")
    before = {s["estate"]: s["rank"] for s in _score(demo_copy, capsys, "--weights", str(old))}
    after = {s["estate"]: s["rank"] for s in _score(demo_copy, capsys, "--weights", str(new))}
    moved = _score(demo_copy, capsys, "--weights", str(new), "--compare", str(old))
    assert moved and {m["estate"] for m in moved} == {c for c in before if before[c] != after[c]}
    assert all((m["before"], m["after"]) == (before[m["estate"]], after[m["estate"]]) for m in moved)
    assert main(["score", str(demo_copy), "--weights", str(new), "--compare", str(old), "--year", "2025"]) == 0
    assert (
        capsys.readouterr().out.splitlines()[-1] == f"{len(moved)} 个小区名次变化（test-households → test-households）"
    )


def test_a_weight_file_naming_an_unknown_criterion_is_refused_with_one_sentence(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weights = tmp_path / "w.toml"
    weights.write_text("[weights]\nbeauty = 3\n", "utf-8")
    assert main(["score", str(demo_copy), "--weights", str(weights)]) == 1
    assert capsys.readouterr().err.startswith("权重文件 w.toml 中有未知的评分项：beauty")


def test_the_score_sheet_shows_each_criterions_points_under_its_weight(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _consent_for_all(demo_copy)
    out = tmp_path / "评分.xlsx"
    scores = _score(demo_copy, capsys, "-o", str(out))
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:6] == ("名次", "小区编码", "小区名称", "得分", "符合条件", "不符合原因")
    assert rows[0][6] == "安全隐患（30）" and rows[0][-1] == "片区协同（5）"
    assert [r[1] for r in rows[1:]] == [s["estate"] for s in scores]
    for row, s in zip(rows[1:], scores, strict=True):
        assert list(row[6:]) == [s["parts"][c] for c in CRITERIA]  # type: ignore[index]


def test_the_fast_re_rank_orders_exactly_as_the_full_ranking_and_new_gates_measure_again(demo_copy: Path) -> None:
    _consent_for_all(demo_copy)
    with Inventory.open(demo_copy, readonly=True) as inventory:
        facts = estate_facts(inventory, read_checkup(inventory))
    weights = default_weights()
    other = replace(weights, weights={**weights.weights, "age": 60.0, "safety": 0.0})
    measured = measure(facts, weights, 2025)
    order, _points = ranking(measured, other)
    assert [measured.codes[i] for i in order] == [s.code for s in rank(facts, measured, other)]
    stricter = replace(weights, consent_pct=85.0)  # everyone surveyed has 80 %: none passes now
    assert not any(s.eligible for s in rank(facts, measured, stricter))
