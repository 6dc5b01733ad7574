"""The ``--where`` filter language: ``field op value`` joined by ``and``.

Fields are estate columns or their Chinese labels (``状态=在建``, ``renewal_year>=2023``,
``name~桂园``).  Values are always bound as parameters, never pasted into SQL, and
status and category labels are translated to their stored keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from onemap.model import BLANK_ZH, CATEGORIES, ESTATE_COLUMNS, ESTATE_FIELD_LABELS, STATUSES
from onemap.store.errors import InventoryError

_OPERATORS = ("!=", ">=", "<=", "=", ">", "<", "~")
_CONDITION = re.compile(r"^\s*([^\s=!<>~]+)\s*(!=|>=|<=|=|>|<|~)\s*(.*?)\s*$")
_SPLIT = re.compile(r"\s+(?:and|AND|且)\s+")
_NUMERIC = {"built_year", "buildings", "households", "floor_area_m2", "renewal_year",
            "progress_pct", "investment_wan"}
_BY_LABEL = {label: column for column, label in ESTATE_FIELD_LABELS.items()}
_BY_LABEL.update({"状态": "status", "名称": "name", "镇街": "township", "年度": "renewal_year",
                  "编码": "code", "社区": "community", "类别": "categories"})


@dataclass
class Filter:
    """A parsed filter: an SQL boolean expression over ``estates`` and its parameters."""

    sql: str = "1"
    params: list[object] = field(default_factory=list)
    text: str = ""


def parse_where(expressions: list[str] | str | None) -> Filter:
    """Parse one or more filter expressions (ANDed) into a :class:`Filter`.

    Raises
    ------
    InventoryError
        ``bad_where`` with a sentence naming the part that could not be read.
    """
    if not expressions:
        return Filter()
    if isinstance(expressions, str):
        expressions = [expressions]
    parts = [p for text in expressions for p in _SPLIT.split(text.strip()) if p.strip()]
    clauses, params = [], []
    for part in parts:
        sql, values = _condition(part)
        clauses.append(sql)
        params.extend(values)
    return Filter(" AND ".join(clauses) or "1", params, " 且 ".join(parts))


def _condition(text: str) -> tuple[str, list[object]]:
    match = _CONDITION.match(text)
    if not match:
        raise InventoryError("bad_where",
                             detail=f"“{text}” 应写成 字段 运算符 值，例如 状态=在建 或 renewal_year>=2023")
    name, op, raw = match.groups()
    column = name if name in ESTATE_COLUMNS else _BY_LABEL.get(name)
    if column is None:
        raise InventoryError("bad_where", detail=f"没有名为“{name}”的字段")
    raw = raw.strip("\"'“”")
    if raw in ("", BLANK_ZH) and op in ("=", "!="):
        return f'"{column}" IS {"NOT " if op == "!=" else ""}NULL', []
    if op == "~":
        return f'"{column}" LIKE ? ESCAPE \'\\\'', ["%" + _like_escape(_value(column, raw)) + "%"]
    if column not in _NUMERIC:
        return f'"{column}" {op} ?', [_value(column, raw)]
    try:
        number = float(raw)
    except ValueError:
        raise InventoryError("bad_where", detail=f"“{name}”需要数字，而不是“{raw}”") from None
    return f'"{column}" {op} ?', [number]


def _value(column: str, raw: str) -> str:
    if column == "status":
        return _key_for(STATUSES, raw, "状态")
    if column == "categories":
        return _key_for(CATEGORIES, raw, "改造类别")
    return raw


def _key_for(vocab: dict[str, tuple[str, str]], raw: str, what: str) -> str:
    for key, (zh, en) in vocab.items():
        if raw in (key, zh, en):
            return key
    choices = "、".join(zh for zh, _en in vocab.values())
    raise InventoryError("bad_where", detail=f"没有“{raw}”这个{what}，可选：{choices}")


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
