"""Every sentence the ``onemap`` command prints itself, in Chinese and English.

``say(lang, key, **values)`` picks the language; Chinese is the default everywhere.
Data values (names, townships, addresses) are printed as they are in the file.
"""

from __future__ import annotations

_TEXT: dict[str, tuple[str, str]] = {
    "list_total": ("共 {n} 个小区", "{n} estates"),
    "validate_error": ("错误", "Error"),
    "validate_warning": ("提示", "Note"),
    "validate_usable": ("可以使用：{n} 个小区，{k} 条提示。", "Usable: {n} estates, {k} notes."),
    "export_done": ("已导出 {n} 个小区到 {out}", "Exported {n} estates to {out}"),
    "export_format": (
        "不支持的导出格式“{suffix}”，可选：{choices}",
        "Unsupported export format '{suffix}'; choose one of {choices}",
    ),
    "cancelled": ("已取消。", "Cancelled."),
    "internal": ("内部错误，详情已写入日志：{log}", "Internal error; details are in the log: {log}"),
    "bad_crs": (
        "无法识别坐标系“{text}”（{reason}）。"
        "可用：auto、wgs84、cgcs2000、gcj02（高德/腾讯）、bd09（百度）或 EPSG:代码。",
        "Unknown coordinate system '{text}' ({reason}); use auto, wgs84, cgcs2000, gcj02, bd09 or EPSG:code.",
    ),
    "crs_guess": ("只接受完整的名称，是否想写 {guess}？", "only full names are accepted; did you mean {guess}?"),
    "bad_county_digits": (
        "县级行政区划代码应为 6 位数字，例如 610725（勉县），而不是“{code}”。",
        "A county code is 6 digits, such as 610725 (Mian County), not '{code}'.",
    ),
    "unknown_county": (
        "没有行政区划代码为 {code} 的县（区），请核对，例如 610725 是勉县。",
        "No county has the code {code}; check it (610725 is Mian County, for example).",
    ),
    "new_without_county": (
        "提示：新清单 {name} 未指定 --county，小区编码将以 000000 开头（如 0000000001）；"
        "要用本县编码请加 --county，例如 --county 610725。",
        "Note: the new inventory {name} has no --county, so estate codes will start with "
        "000000 (0000000001, ...); add --county, e.g. --county 610725, for your county's codes.",
    ),
    "new_with_county": (
        "提示：新清单 {name} 的小区编码以 {code}（{county}）开头。",
        "Note: estate codes in the new inventory {name} start with {code} ({county}).",
    ),
}


def say(lang: str, key: str, **values: object) -> str:
    """The sentence ``key`` in ``lang`` (``"zh"`` or ``"en"``) with ``values`` filled in."""
    zh, en = _TEXT[key]
    return (zh if lang == "zh" else en).format(**values)
