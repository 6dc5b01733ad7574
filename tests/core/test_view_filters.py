"""One filter for map, table, legend and status bar: it agrees with the file's own query language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from onemap.store import Inventory
from onemap.view.estate_table import EstateTable
from onemap.view.filters import BLANK_TOWNSHIP, EstateFilter, townships_by_count
from onemap.view.search import SearchIndex


@pytest.fixture(scope="module")
def table(demo_file: Path) -> EstateTable:
    with Inventory.open(demo_file, readonly=True) as inventory:
        return EstateTable.load(inventory)


@pytest.mark.parametrize(
    ("flt", "where"),
    [
        (EstateFilter(statuses=frozenset({"under_construction"})), "状态=在建"),
        (EstateFilter(statuses=frozenset({"under_construction"}), year_min=2024), "状态=在建 and renewal_year>=2024"),
        (EstateFilter(year_min=2020, year_max=2022), "renewal_year>=2020 and renewal_year<=2022"),
        (EstateFilter(township="勉阳街道"), "township=勉阳街道"),
        (EstateFilter(text="家属院"), "name~家属院"),
        (EstateFilter(categories=frozenset({"safety"})), "categories~safety"),
    ],
)
def test_a_filter_keeps_the_same_estates_as_the_where_language(
    demo_file: Path, table: EstateTable, flt: EstateFilter, where: str
) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        expected = {e.code for e in inventory.estates(where)}
    kept = set(table.code[flt.mask(table, SearchIndex(table))].tolist())
    assert kept == expected
    assert kept  # the demo has estates of every kind used here


def test_the_empty_filter_keeps_everything_and_says_nothing(table: EstateTable) -> None:
    flt = EstateFilter()
    assert flt.is_empty
    assert flt.mask(table).all()
    assert flt.describe() == ""


def test_several_statuses_are_alternatives_and_other_fields_narrow(table: EstateTable) -> None:
    one = EstateFilter(statuses=frozenset({"planned"})).mask(table).sum()
    two = EstateFilter(statuses=frozenset({"planned", "designing"})).mask(table).sum()
    narrowed = EstateFilter(statuses=frozenset({"planned", "designing"}), has_cameras=True).mask(table).sum()
    assert one < two
    assert narrowed <= two


def test_cameras_and_location_filters_split_the_estates(table: EstateTable) -> None:
    with_cameras = EstateFilter(has_cameras=True).mask(table)
    without = EstateFilter(has_cameras=False).mask(table)
    assert (with_cameras ^ without).all()
    assert (table.cameras[with_cameras] > 0).all()
    assert EstateFilter(located=True).mask(table).all()
    assert not EstateFilter(located=False).mask(table).any()


def test_blank_township_and_unlocated_estates_can_be_filtered(demo_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "清单.gpkg"
    shutil.copy(demo_file, copy)
    with Inventory.open(copy) as inventory:
        code = inventory.estates()[3].code
        with inventory.transaction():
            inventory.update_estate(code, township=None)
            inventory.move_estate(code, None)
        table = EstateTable.load(inventory)
    assert table.code[EstateFilter(township=BLANK_TOWNSHIP).mask(table)].tolist() == [code]
    assert table.code[EstateFilter(located=False).mask(table)].tolist() == [code]
    assert townships_by_count(table)[-1] == (BLANK_TOWNSHIP, 1)


def test_the_description_names_every_part_in_chinese() -> None:
    flt = EstateFilter(
        text="桂园",
        township="勉阳街道",
        statuses=frozenset({"completed", "planned"}),
        year_min=2021,
        categories=frozenset({"basic"}),
        has_cameras=False,
        located=True,
    )
    assert flt.describe() == "搜索“桂园”，勉阳街道，计划、完工，2021–… 年度，含基础类，无摄像头，已定位"


def test_townships_are_listed_in_pinyin_order(table: EstateTable) -> None:
    from pypinyin import lazy_pinyin

    towns = townships_by_count(table)
    assert sum(n for _t, n in towns) == len(table)
    initials = [lazy_pinyin(t)[0][0] for t, _n in towns if t != BLANK_TOWNSHIP]  # 褒城镇 b, 勉阳街道 m ...
    assert initials == sorted(initials) and len(initials) > 3
