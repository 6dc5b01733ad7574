"""The ``--where`` filter language: ``field op value`` joined by ``and``.

Fields are estate columns or their Chinese labels (``状态=在建``, ``renewal_year>=2023``,
``name~桂园``).  Values are always bound as parameters, never pasted into SQL, and
status and category labels are translated to their stored keys; a status another program
stored as its label (在建) matches too.  Full-width operators typed with a Chinese input
method (＝ ＞ ＜ ～ ！) read as their ASCII twins; ``or`` is refused with the syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from onemap.model import BLANK_ZH, CATEGORIES, ESTATE_COLUMNS, ESTATE_FIELD_LABELS, STATUSES
from onemap.store.check_status import status_spellings
from onemap.store.errors import InventoryError

_OPERATORS = ("!=", ">=", "<=", "=", ">", "<", "~")
_CONDITION = re.compile(r"^\s*([^\s=!<>~]+)\s*(!=|>=|<=|=|>|<|~)\s*(.*?)\s*$")
_SPLIT = re.compile(r"\s+(?:and|AND|且)\s+")
# "or" followed by another condition; "x' OR 1=1" inside a name stays a value
_OR = re.compile(r"(?:\s(?:or|OR|Or|或)\s+|\|\|\s*)([^\s=!<>~]+)\s*(?:!=|>=|<=|=|>|<|~)")
_FULL_WIDTH = str.maketrans("＝＞＜～！", "=><~!")
_SYNTAX = (
    "可用运算符 = != > >= < <= ~（包含），多个条件用 and 连接，例如 状态=在建 and renewal_year>=2024",
    "operators are = != > >= < <= ~ (contains), conditions joined by and, "
    "e.g. status=under_construction and renewal_year>=2024",
)
_NUMERIC = {"built_year", "buildings", "households", "floor_area_m2", "renewal_year", "progress_pct", "investment_wan"}
_BY_LABEL = {label: column for column, label in ESTATE_FIELD_LABELS.items()}
_BY_LABEL.update(
    {
        "状态": "status",
        "名称": "name",
        "镇街": "township",
        "年度": "renewal_year",
        "编码": "code",
        "社区": "community",
        "类别": "categories",
    }
)


class WhereError(InventoryError):
    """``bad_where`` with its detail in both languages."""

    def __init__(self, zh: str, en: str) -> None:
        self.detail_en = en
        super().__init__("bad_where", detail=zh)

    def message(self, lang: str = "zh") -> str:
        return f"筛选条件有误：{self.detail}" if lang == "zh" else f"Bad filter: {self.detail_en}"


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
    expressions = [text.translate(_FULL_WIDTH) for text in expressions]
    for text in expressions:
        if any(_is_field(m[1]) for m in _OR.finditer(text)):
            raise WhereError(
                f"不支持 or（或）：“{text}”。{_SYNTAX[0]}；要“或”请分别列出。",
                f"'or' is not supported in \"{text}\"; {_SYNTAX[1]}. For either-or, list each separately.",
            )
    parts = [p for text in expressions for p in _SPLIT.split(text.strip()) if p.strip()]
    clauses, params = [], []
    for part in parts:
        sql, values = _condition(part)
        clauses.append(sql)
        params.extend(values)
    return Filter(" AND ".join(clauses) or "1", params, " 且 ".join(parts))


def _is_field(name: str) -> bool:
    return name in ESTATE_COLUMNS or name in _BY_LABEL


def _condition(text: str) -> tuple[str, list[object]]:
    match = _CONDITION.match(text)
    if not match:
        raise WhereError(
            f"“{text}” 应写成 字段 运算符 值；{_SYNTAX[0]}", f'"{text}" should read field operator value; {_SYNTAX[1]}'
        )
    name, op, raw = match.groups()
    column = name if name in ESTATE_COLUMNS else _BY_LABEL.get(name)
    if column is None:
        raise WhereError(f"没有名为“{name}”的字段", f'there is no field named "{name}"')
    raw = raw.strip("\"'“”")
    if raw in ("", BLANK_ZH) and op in ("=", "!="):
        return f'"{column}" IS {"NOT " if op == "!=" else ""}NULL', []
    if op == "~":
        return f"\"{column}\" LIKE ? ESCAPE '\\'", ["%" + _like_escape(_value(column, raw)) + "%"]
    if column == "status" and op in ("=", "!="):
        spellings = status_spellings(_value(column, raw))  # 在建 written by another program matches too
        return f'"status" {"NOT " if op == "!=" else ""}IN (?, ?, ?)', list(spellings)
    if column not in _NUMERIC:
        return f'"{column}" {op} ?', [_value(column, raw)]
    try:
        number = float(raw)
    except ValueError:
        raise WhereError(f"“{name}”需要数字，而不是“{raw}”", f'"{name}" needs a number, not "{raw}"') from None
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
    keys = ", ".join(vocab)
    raise WhereError(f"没有“{raw}”这个{what}，可选：{choices}", f'"{raw}" is not a known value; choose one of {keys}')


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
