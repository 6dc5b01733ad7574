"""The --where filter language: readable conditions become parameterised SQL."""

from __future__ import annotations

import pytest

from onemap.store import InventoryError, parse_where


@pytest.mark.parametrize(
    ("text", "sql", "params"),
    [
        ("状态=在建", '"status" = ?', ["under_construction"]),
        ("status=under_construction", '"status" = ?', ["under_construction"]),
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
    assert where.sql.count(" AND ") == 2 and len(where.params) == 3


@pytest.mark.parametrize("text", ["状态", "foo=1", "renewal_year>=明年", "状态=快好了", "name; DROP TABLE estates"])
def test_unreadable_conditions_are_refused_with_a_reason(text: str) -> None:
    with pytest.raises(InventoryError) as refused:
        parse_where(text)
    assert refused.value.kind == "bad_where"


def test_sql_in_a_value_stays_a_value() -> None:
    where = parse_where("name=x' OR 1=1 --")
    assert where.sql == '"name" = ?' and where.params == ["x' OR 1=1 --"]
