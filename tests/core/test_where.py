"""The --where filter language: readable conditions become parameterised SQL."""

from __future__ import annotations

import re

import pytest

from onemap.store import InventoryError, parse_where


@pytest.mark.parametrize(
    ("text", "sql", "params"),
    [
        ("状态=在建", '"status" IN (?, ?, ?)', ["under_construction", "在建", "Under construction"]),
        ("status=under_construction", '"status" IN (?, ?, ?)', ["under_construction", "在建", "Under construction"]),
        ("状态!=计划", '"status" NOT IN (?, ?, ?)', ["planned", "计划", "Planned"]),
        ("renewal_year>=2023", '"renewal_year" >= ?', [2023.0]),
        ("改造年度<2020", '"renewal_year" < ?', [2020.0]),
        ("name~桂园", "\"name\" LIKE ? ESCAPE '\\'", ["%桂园%"]),
        ("name~100%", "\"name\" LIKE ? ESCAPE '\\'", ["%100\\%%"]),
        ("township=未填", '"township" IS NULL', []),
        ("township!=", '"township" IS NOT NULL', []),
        ("类别~完善类", "\"categories\" LIKE ? ESCAPE '\\'", ["%improvement%"]),
    ],
)
def test_conditions_become_parameterised_sql(text: str, sql: str, params: list[object]) -> None:
    where = parse_where(text)
    assert (where.sql, where.params) == (sql, params)


def test_conditions_join_with_and() -> None:
    where = parse_where(["状态=在建 and 镇街=勉阳街道", "renewal_year>=2024"])
    assert where.sql.count(" AND ") == 2 and len(where.params) == 5


@pytest.mark.parametrize("text", ["状态", "foo=1", "renewal_year>=明年", "状态=快好了", "name; DROP TABLE estates"])
def test_unreadable_conditions_are_refused_with_a_reason(text: str) -> None:
    with pytest.raises(InventoryError) as refused:
        parse_where(text)
    assert refused.value.kind == "bad_where"


def test_sql_in_a_value_stays_a_value() -> None:
    where = parse_where("name=x' OR 1=1 --")
    assert where.sql == '"name" = ?' and where.params == ["x' OR 1=1 --"]


@pytest.mark.parametrize(
    "text", ["状态=在建 or 状态=完工", "状态=在建 OR 状态=完工", "状态=在建||状态=完工", "状态=在建 或 状态=完工"]
)
def test_or_is_refused_with_the_supported_syntax_in_both_languages(text: str) -> None:
    with pytest.raises(InventoryError) as refused:
        parse_where(text)
    assert refused.value.kind == "bad_where"
    assert "and" in refused.value.message("zh") and "<=" in refused.value.message("zh")
    english = refused.value.message("en")
    assert "'or' is not supported" in english and ">=" in english


@pytest.mark.parametrize(
    ("full", "ascii_"),
    [
        ("状态＝在建", "状态=在建"),
        ("renewal_year＞2023", "renewal_year>2023"),
        ("改造年度＜2020", "改造年度<2020"),
        ("name～桂园", "name~桂园"),
        ("状态！＝在建", "状态!=在建"),
    ],
)
def test_full_width_operators_read_as_their_ascii_twins(full: str, ascii_: str) -> None:
    assert parse_where(full).sql == parse_where(ascii_).sql
    assert parse_where(full).params == parse_where(ascii_).params


def test_a_refusal_in_english_has_no_chinese_but_the_users_own_text() -> None:
    with pytest.raises(InventoryError) as refused:
        parse_where("状态=快好了")
    english = refused.value.message("en")
    assert english.startswith("Bad filter:") and "under_construction" in english
    assert re.sub("快好了", "", english) == re.sub(r"[\u4e00-\u9fff]", "", re.sub("快好了", "", english))
