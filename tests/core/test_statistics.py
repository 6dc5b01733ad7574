"""The statistics dock's numbers are exactly what `onemap list --where` lists, and a bar click filters by its bar."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest

from onemap.analysis.bar_filter import narrowed, where_for_bar
from onemap.analysis.statistics import estate_statistics
from onemap.cli import main
from onemap.model import STATUSES
from onemap.store import Inventory
from onemap.store.errors import InventoryError

FILTERS = [None, "状态=在建", "renewal_year>=2024 and 镇街=勉阳街道", "name~家属院", "township=未填"]


def _listed(path: Path, where: str | None, capsys: pytest.CaptureFixture[str]) -> list[dict]:  # type: ignore[type-arg]
    assert main(["list", str(path), *(["--where", where] if where else []), "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


@pytest.mark.parametrize("where", FILTERS)
def test_totals_match_the_estates_onemap_list_prints(demo_file: Path, where: str | None, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = _listed(demo_file, where, capsys)
    with Inventory.open(demo_file, readonly=True) as inventory:
        totals = estate_statistics(inventory, where).totals
    assert totals.estates == len(rows)
    assert totals.buildings == sum(r["buildings"] or 0 for r in rows)
    assert totals.households == sum(r["households"] or 0 for r in rows)
    assert totals.floor_area_m2 == round(math.fsum(r["floor_area_m2"] or 0 for r in rows), 2)
    assert totals.investment_wan == round(math.fsum(r["investment_wan"] or 0 for r in rows), 2)


@pytest.mark.parametrize("where", FILTERS)
def test_bars_count_the_same_estates_onemap_list_prints(demo_file: Path, where: str | None, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = _listed(demo_file, where, capsys)
    with Inventory.open(demo_file, readonly=True) as inventory:
        stats = estate_statistics(inventory, where)
    assert {b.key: b.value for b in stats.by_renewal_year} == Counter(r["renewal_year"] for r in rows)
    assert {b.key: b.value for b in stats.by_status if b.value} == Counter(r["status"] for r in rows)
    households: Counter[str] = Counter()
    for r in rows:
        households[r["township"]] += r["households"] or 0
    assert {b.key: b.value for b in stats.households_by_township} == households


def test_funding_by_source_adds_up_what_onemap_show_prints_for_each_listed_estate(demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = _listed(demo_file, "镇街=周家山镇", capsys)
    amounts: dict[str, list[float]] = {}
    for row in rows:
        assert main(["show", str(demo_file), row["code"], "--json"]) == 0
        for funding in json.loads(capsys.readouterr().out)["funding"]:
            amounts.setdefault(funding["source"], []).append(funding["amount_wan"])
    with Inventory.open(demo_file, readonly=True) as inventory:
        bars = estate_statistics(inventory, "镇街=周家山镇").funding_by_source
    assert {b.key: b.value for b in bars} == {k: round(math.fsum(v), 2) for k, v in amounts.items()}
    assert [b.label_zh for b in bars][:3] == ["中央补助", "省级资金", "市县财政"]


def test_every_status_keeps_its_place_even_when_no_estate_has_it(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        bars = estate_statistics(inventory, "状态=在建").by_status
    assert [b.key for b in bars] == list(STATUSES)
    assert [b.label_zh for b in bars][:4] == ["计划", "设计", "招标", "在建"]
    assert sum(b.value for b in bars) == bars[3].value


def test_years_ascend_and_townships_with_most_households_come_first(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        stats = estate_statistics(inventory)
    years = [b.key for b in stats.by_renewal_year]
    assert years == sorted(years)
    households = [b.value for b in stats.households_by_township]
    assert households == sorted(households, reverse=True)
    assert stats.households_by_township[0].label("en") == "勉阳街道"


def test_a_blank_township_is_its_own_bar_labelled_weitian_and_clicks_back_to_the_same_estates(demo_copy: Path) -> None:
    with Inventory.open(demo_copy) as inventory:
        with inventory.transaction():
            inventory.update_estate("6107250003", township=None)
        bar = estate_statistics(inventory).households_by_township[-1]
        assert (bar.key, bar.label_zh, bar.label_en) == (None, "未填", "(blank)")
        assert inventory.count(where_for_bar("township", None)) == 1


def test_clicking_any_bar_filters_to_exactly_the_estates_it_counts(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        stats = estate_statistics(inventory, "renewal_year>=2022")
        for bar in stats.by_renewal_year + stats.by_status:
            dimension = "renewal_year" if bar in stats.by_renewal_year else "status"
            where = narrowed("renewal_year>=2022", dimension, bar.key)
            assert where is not None and inventory.count(where) == bar.value
        for bar in stats.households_by_township:
            where = narrowed(["renewal_year>=2022"], "township", bar.key)
            households = sum(e.households or 0 for e in inventory.estates(where))
            assert households == bar.value


@pytest.mark.parametrize(
    "dimension, key, expected",
    [
        ("renewal_year", 2024, "renewal_year=2024"),
        ("status", "under_construction", "status=under_construction"),
        ("township", "勉阳街道", "township=勉阳街道"),
        ("renewal_year", None, "renewal_year=未填"),
        ("funding_source", "central", None),
        ("status", "快好了", None),
        ("township", "东 and 西", None),
    ],
)
def test_a_bar_becomes_a_where_condition_or_none_when_it_cannot_filter(
    dimension: str, key: object, expected: str | None
) -> None:
    assert where_for_bar(dimension, key) == expected  # type: ignore[arg-type]


def test_a_filter_the_where_language_cannot_read_is_the_same_sentence_as_in_the_cli(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory, pytest.raises(InventoryError) as error:
        estate_statistics(inventory, "状态=快好了")
    assert "快好了" in error.value.message("zh")
