"""Why a ``[dispatch]`` table was refused: one sentence in Chinese with its English twin."""

from __future__ import annotations

from dataclasses import dataclass

from onemap.said import Said

_MESSAGES: dict[str, tuple[str, str]] = {
    "syntax": ("{place}不是有效的 TOML：{detail}", "{place} is not valid TOML: {detail}"),
    "not_table": ("{place}{key} 应是一个表（[…]）。", "{place}{key} must be a table ([…])."),
    "unknown_key": (
        "{place}不认识的设置 {key}（可用：{detail}），请检查拼写。",
        "{place}unknown setting {key} (known: {detail}); check the spelling.",
    ),
    "secret_in_file": (
        "{place}{key} 像是密钥或密码：密钥只能保存在系统钥匙串中，不能写进配置文件，请删除这一行。",
        "{place}{key} looks like a secret: secrets belong in the OS keyring, never in the config file; delete the line.",
    ),
    "bad_minutes": (
        "{place}{key} 应是 0 到 1440 之间的分钟数。",
        "{place}{key} must be a number of minutes between 0 and 1440.",
    ),
    "rules_not_tables": (
        "{place}{key} 应写成若干个 [[dispatch.rules]] 表。",
        "{place}{key} must be written as [[dispatch.rules]] tables.",
    ),
    "not_names": ('{place}{key} 应是文字列表，如 ["sms"]。', '{place}{key} must be a list of names, such as ["sms"].'),
    "unknown_channel": (
        "{place}{key} 提到的通道 {detail} 没有在 [dispatch.channels] 中定义。",
        "{place}{key} names channel {detail}, which [dispatch.channels] does not define.",
    ),
    "county_role_empty": (
        "{place}{key}：{detail} 不是小区联系人角色，需要写明 phones 或 emails。",
        "{place}{key}: {detail} is not an estate contact role, so it needs phones or emails.",
    ),
    "unknown_type": (
        '{place}{key} 不是已知的告警类型（可用：{detail}，或 "*"）。',
        '{place}{key} is not a known alert type (known: {detail}, or "*").',
    ),
    "bad_levels": (
        "{place}{key} 应是 1 到 4 之间的等级列表，如 [3, 4]。",
        "{place}{key} must be a list of levels 1–4, such as [3, 4].",
    ),
    "no_steps": (
        '{place}{key} 应是非空的步骤列表，每步是角色列表，如 [["property_manager"], ["grid_worker"]]。',
        '{place}{key} must be a non-empty list of steps, each a list of roles, such as [["property_manager"], ["grid_worker"]].',
    ),
    "unknown_role": (
        "{place}{key} 中的角色 {detail} 既不是小区联系人角色，也没有在 [dispatch.roles] 中定义。",
        "{place}{key} names role {detail}, which is neither an estate contact role nor defined under [dispatch.roles].",
    ),
    "unknown_kind": (
        "{place}{key} 不是已知的通道类型（可用：{detail}）。",
        "{place}{key} is not a known channel kind (known: {detail}).",
    ),
    "missing_option": ("{place}缺少必填设置 {key}。", "{place}the required setting {key} is missing."),
    "bad_option": ("{place}{key} 的值不对：{detail}", "{place}{key} has a wrong value: {detail}"),
}


@dataclass(frozen=True)
class Where:
    """The file, line (1-based, None if unknown) and dotted key a problem is about."""

    source: str
    line: int | None
    key: str


class DispatchConfigError(ValueError):
    """A ``[dispatch]`` table that cannot be used; ``message(lang)`` says why and where."""

    def __init__(self, problem: str, where: Where, detail: str = "") -> None:
        self.problem, self.where, self.detail = problem, where, detail
        zh, en = _MESSAGES[problem]
        place_zh = f"{where.source} 第 {where.line} 行：" if where.line else f"{where.source}："
        place_en = f"{where.source} line {where.line}: " if where.line else f"{where.source}: "
        self.said = Said(
            zh.format(place=place_zh, key=where.key, detail=detail),
            en.format(place=place_en, key=where.key, detail=detail),
        )
        super().__init__(self.said)

    def message(self, lang: str = "zh") -> str:
        """The sentence in ``lang`` (``"zh"`` or ``"en"``)."""
        return str(self.said) if lang == "zh" else self.said.en
