"""The estate sheet's 八、评分排序: the score parts of ``onemap score --json``, read back from the PDF."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from onemap.checkup.score_xlsx import CRITERION_NAMES
from onemap.cli import main
from onemap.store.geometry import register_functions

TOP = "6107250058"  # first in the demo's ranking
LATE = "6107250093"  # built 2004, consent under half: fails two gates


def _scores(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    capsys.readouterr()
    assert main(["score", str(path), "--json"]) == 0
    return {r["estate"]: r for r in json.loads(capsys.readouterr().out)}


def _numbers_after(lines: list[str], head: int) -> list[str]:
    """The figures of the bars' row: the first line below the criteria's names without a （weight）."""
    row = next(line for line in lines[head + 1 :] if line.strip() and "（" not in line)
    return re.findall(r"[\d.]+", row)


def _layout_text(pdf: Path, right_half: bool = False) -> str:
    """The page's text as laid out; ``right_half``: only the portrait sheet's right column (points)."""
    crop = ["-x", "300", "-y", "0", "-W", "300", "-H", "842"] if right_half else []
    return subprocess.run(
        ["pdftotext", "-layout", *crop, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_an_estate_sheet_prints_each_criterions_points_as_onemap_score_gives_them(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = _scores(demo_file, capsys)[TOP]
    out = tmp_path / "sheet.pdf"
    assert main(["brief", str(demo_file), TOP, "-o", str(out)]) == 0
    assert len(PdfReader(out).pages) == 1  # still one page
    text = _layout_text(out, right_half=True)
    lines = text.splitlines()
    head = next(i for i, line in enumerate(lines) if "八、评分" in line)
    assert f"八、评分 {record['score']:g} · 第 {record['rank']}/150 名 · 符合条件" in lines[head]
    names = next(i for i in range(head, len(lines)) if CRITERION_NAMES["safety"][0] in lines[i])
    parts = record["parts"]
    assert isinstance(parts, dict)
    printed = _numbers_after(lines, names)
    assert printed == [f"{v:g}" for v in parts.values()]  # every criterion, in order, as the JSON has it
    assert "门槛（建成年代、未列入拆除、居民同意双过半）全部通过" in text.replace("\n", "").replace(" ", "")


def test_a_sheet_says_which_gates_an_ineligible_estate_failed_and_why(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = _scores(demo_file, capsys)[LATE]
    assert record["eligible"] is False
    out = tmp_path / "late.pdf"
    assert main(["brief", str(demo_file), LATE, "-o", str(out)]) == 0
    text = _layout_text(out, right_half=True).replace("\n", "").replace(" ", "")
    assert f"八、评分{record['score']:g}·第{record['rank']}/150名·不符合条件" in text
    assert "未通过门槛：建成年代（建于2004年，晚于2000年）" in text
    assert "居民同意双过半（居民同意比例未超过50%" in text and "未列入拆除（" not in text


def test_an_inventory_without_a_consent_survey_prints_no_score_section(demo_copy: Path, tmp_path: Path) -> None:
    with sqlite3.connect(demo_copy) as conn:
        register_functions(conn)
        conn.execute("DELETE FROM renewal_readiness")
    out = tmp_path / "unsurveyed.pdf"
    assert main(["brief", str(demo_copy), TOP, "-o", str(out)]) == 0
    text = _layout_text(out)
    assert "八、评分" not in text and "七、近30天告警" in text


def test_an_estate_with_long_lists_keeps_one_page_and_its_score_parts(demo_copy: Path, tmp_path: Path) -> None:
    from onemap.store import Inventory
    from onemap.store.checkup import Readiness
    from tests.core.test_brief_ledger import TRICKY, _tricky_estate

    with Inventory.open(demo_copy) as inventory, inventory.transaction():
        inventory.add_estate(_tricky_estate())  # 60 renovation items, 39 cameras
        inventory.set_readiness(Readiness(TRICKY, owners_consent_pct=80.0, area_consent_pct=75.0))
    out = tmp_path / "long.pdf"
    assert main(["brief", str(demo_copy), TRICKY, "-o", str(out)]) == 0
    assert len(PdfReader(out).pages) == 1
    assert _layout_text(out).count("另有") >= 2  # the long lists are cut, not the score
    text = _layout_text(out, right_half=True)
    lines = text.splitlines()
    names = next(i for i, line in enumerate(lines) if CRITERION_NAMES["safety"][0] in line)
    assert len(_numbers_after(lines, names)) == 8


def test_a_briefing_keeps_only_the_scores_it_prints_ranked_among_every_estate(demo_file: Path) -> None:
    from onemap.brief import BriefOptions
    from onemap.brief.context import BriefContext
    from onemap.brief.score_block import print_scores_of, score_book
    from onemap.store import Inventory

    with Inventory.open(demo_file, readonly=True) as inventory:
        whole_ctx, ctx = BriefContext.create(inventory, BriefOptions()), BriefContext.create(inventory, BriefOptions())
        try:
            whole = score_book(whole_ctx)
            print_scores_of(ctx, [TOP, LATE])
            kept = score_book(ctx)
            members = inventory.district_map()
            districts = {members[c] for c in (TOP, LATE) if c in members}
            expected = {TOP, LATE} | {c for c, name in members.items() if name in districts}
        finally:
            whole_ctx.close()
            ctx.close()
    assert whole is not None and kept is not None
    assert set(kept.scores) == expected and len(whole.scores) == 150
    assert (kept.count, kept.eligible) == (whole.count, whole.eligible)  # ranks and counts of the whole county
    assert all(kept.scores[c] == whole.scores[c] for c in expected)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="processes are forked on Linux only")
def test_the_scores_and_check_up_worked_out_in_a_forked_process_are_those_worked_out_here(demo_file: Path) -> None:
    from dataclasses import replace
    from datetime import date

    from onemap.brief import BriefOptions
    from onemap.brief.context import BriefContext
    from onemap.brief.score_block import print_scores_of, score_book, start_scores
    from onemap.brief.selected import SelectedEstates
    from onemap.checkup.gather import read_checkup
    from onemap.store import Inventory

    options = BriefOptions(report_date=date(2026, 3, 1))
    with Inventory.open(demo_file, readonly=True) as inventory:
        codes = [e.code for e in inventory.estates()[:40]] + [LATE]
        here, there = BriefContext.create(inventory, options), BriefContext.create(inventory, options)
        try:
            pending = start_scores(inventory, here.options, codes, checkup=True)
            assert pending is not None
            there.extras["scores_pending"] = pending
            print_scores_of(here, codes)
            expected = score_book(here)
            found = score_book(there)
            checkup = read_checkup(SelectedEstates(inventory, codes))  # type: ignore[arg-type]
        finally:
            here.close()
            there.close()
    assert not pending.process.is_alive()
    assert expected is not None and found is not None
    assert set(found.scores) == set(expected.scores) >= set(codes)
    assert (found.count, found.eligible, found.weights) == (expected.count, expected.eligible, expected.weights)
    assert all(found.scores[c] == expected.scores[c] for c in expected.scores)
    assert found.scores[LATE].rank == expected.scores[LATE].rank and not found.scores[LATE].eligible
    assert there.checkup is not None and here.checkup is None
    assert there.checkup.places == checkup.places and there.checkup.findings == checkup.findings
    assert there.checkup.rows == checkup.rows and there.checkup.gaps.missing == checkup.gaps.missing
    assert replace(there.checkup, wording=checkup.wording) == checkup


def test_a_scores_process_that_fails_leaves_the_scores_to_this_process(demo_file: Path, tmp_path: Path) -> None:
    from onemap.brief import BriefOptions
    from onemap.brief.context import BriefContext
    from onemap.brief.score_block import PendingScores, score_book
    from onemap.store import Inventory

    with Inventory.open(demo_file, readonly=True) as inventory:
        ctx = BriefContext.create(inventory, BriefOptions())
        try:
            expected = score_book(ctx)
            ctx.extras.clear()
            # a path that is no inventory: the process fails and says so
            ctx.extras["scores_pending"] = PendingScores(tmp_path / "missing.gpkg", [TOP], 2026, True)
            found = score_book(ctx)
        finally:
            ctx.close()
    assert found == expected
