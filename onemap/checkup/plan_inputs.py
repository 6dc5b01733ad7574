"""The plan's money figures as a user types them: one sentence for anything that is not a budget.

``--budget`` (and the packet's ``--plan-budget``, the per-household and per-m² estimates) is
read here rather than by argparse's ``float``: ``abc``, blank, 0, a negative amount, ``inf`` or
``nan`` each get one sentence in Chinese with its English twin, naming what was typed.
"""

from __future__ import annotations

import math

from onemap.said import Said


def money(text: str, what: tuple[str, str] = ("预算", "The budget")) -> tuple[float | None, Said | None]:
    """``(万元, None)`` for a positive finite amount, else ``(None, sentence)``."""
    typed = str(text).strip().replace(",", "").replace("，", "")
    for unit in ("万元", "万"):
        typed = typed.removesuffix(unit)
    zh, en = what
    try:
        value = float(typed)
    except ValueError:
        return None, Said(
            f"{zh}应为以万元计的数字，“{text}”不是数字。", f"{en} must be a number of 万元; “{text}” is not a number."
        )
    if not math.isfinite(value):
        return None, Said(
            f"{zh}应为有限的万元数，“{text}”不是。", f"{en} must be a finite amount in 万元, not “{text}”."
        )
    if value <= 0:
        return None, Said(f"{zh}须大于 0 万元（输入的是 {text}）。", f"{en} must be more than 0 万元 (given: {text}).")
    return value, None


def count(text: str, what: tuple[str, str]) -> tuple[int | None, Said | None]:
    """``(n, None)`` for a whole number above 0 (a 片区 cap, say), else ``(None, sentence)``."""
    zh, en = what
    try:
        value = int(str(text).strip())
    except ValueError:
        return None, Said(f"{zh}应为正整数，“{text}”不是。", f"{en} must be a whole number above 0, not “{text}”.")
    if value <= 0:
        return None, Said(f"{zh}须大于 0（输入的是 {text}）。", f"{en} must be more than 0 (given: {text}).")
    return value, None


def metres(text: str, what: tuple[str, str]) -> tuple[float | None, Said | None]:
    """``(m, None)`` for a finite distance of 0 m or more, else ``(None, sentence)``."""
    zh, en = what
    try:
        value = float(str(text).strip().removesuffix("米").removesuffix("m"))
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        return None, Said(f"{zh}应为不小于 0 的米数，“{text}”不是。", f"{en} must be metres ≥ 0, not “{text}”.")
    return value, None
