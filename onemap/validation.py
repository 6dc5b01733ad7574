"""Ledger checks a county clerk can act on: errors to fix, warnings to look at.

Ledgers are incomplete, so a blank optional field is never a problem; only a value that
is there and wrong is.  Messages name the field by its Chinese label (``建成年份 2031 晚于今年``)
and, in English, by its column (``built_year 2031 is later than this year``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Literal

from onemap import model
from onemap.model import Building, Camera, Contact, Estate, Funding, Sensor
from onemap.phones import normalize_phone

Severity = Literal["error", "warning"]

#: China's rough extent (lon_min, lat_min, lon_max, lat_max) in EPSG:4490 degrees.
CHINA_BBOX_4490 = (73.0, 3.0, 136.0, 54.0)

_DONE = ("completed", "accepted", "handed_over")
_BLANKS = frozenset({"", "无", "暂无", "未填", "/", "-", "—"})
_LABELS = {
    **model.ESTATE_FIELD_LABELS,
    **{"location": "位置", "outline": "范围面", "floors": "层数", "height_m": "高度（米）"},
    **{"role": "责任人类别", "phone": "电话", "gb_id": "国标编码", "link": "视频地址"},
    **{"channel": "通道号", "source": "资金来源", "amount_wan": "金额（万元）"},
    **{"imei": "IMEI", "device_id": "设备编号", "low_lel": "低报（%LEL）", "high_lel": "高报（%LEL）"},
}
_CREDENTIAL_QUERY = re.compile(r"[?&](?:user(?:name)?|pass(?:word)?|pwd)=", re.I)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a ledger entry.

    ``field`` is a column (``built_year``) or a path into child rows
    (``contacts[0].phone``); ``code`` is a stable key such as ``too_late``.
    """

    field: str
    code: str
    message_zh: str
    message_en: str
    severity: Severity = "error"

    def message(self, lang: str = "zh") -> str:
        """The message in Chinese (``"zh"``) or English (anything else)."""
        return self.message_zh if lang == "zh" else self.message_en


def _say(field: str, code: str, zh: str, en: str, severity: Severity = "error") -> Problem:
    label = _LABELS.get(field, field) + ("" if zh.startswith("「") else " ")
    return Problem(field, code, _one_line(label + zh), _one_line(f"{field} {en}"), severity)


def _one_line(text: str) -> str:
    """A message stays on one line even when it quotes a cell holding line breaks."""
    return re.sub(r"\s+", " ", text).strip()


def _blank(value: object) -> bool:
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return value.strip() in _BLANKS
    return value is None or (isinstance(value, list) and not value)


def _fmt(num: float) -> str:
    return str(int(num)) if float(num).is_integer() and abs(num) < 1e15 else f"{num:g}"


def _read(field: str, value: object, whole: bool = False) -> float | Problem | None:
    """The value as a number, None when blank, or the Problem that stops it being one."""
    if _blank(value):
        return None
    try:
        num = float(value) if isinstance(value, int | float) else float(str(value).strip())
    except (ValueError, OverflowError):
        num = math.nan
    if isinstance(value, bool) or not math.isfinite(num):
        return _say(field, "not_a_number", f"「{value}」不是数字", f"{value!r} is not a number")
    if whole and not num.is_integer():
        return _say(field, "not_whole", f"{_fmt(num)} 应为整数", f"{_fmt(num)} is not whole")
    return num


def _number(field: str, value: object, hi: float | None = None, lo: float = 0.0, whole: bool = False) -> list[Problem]:
    num = _read(field, value, whole)
    if not isinstance(num, float):
        return [num] if num else []
    shown = _fmt(num)
    if hi is None and num < lo:
        return [_say(field, "negative", f"{shown} 不能为负数", f"{shown} cannot be negative")]
    if hi is not None and not lo <= num <= hi:
        span = f"{_fmt(lo)}–{_fmt(hi)}"
        return [_say(field, "out_of_range", f"{shown} 不在 {span} 之间", f"{shown} is outside {span}")]
    return []


def _year(field: str, value: object, first: int, last: int, late: tuple[str, str]) -> list[Problem]:
    num = _read(field, value, whole=True)
    if not isinstance(num, float):
        return [num] if num else []
    shown = _fmt(num)
    if num < first:
        return [_say(field, "too_early", f"{shown} 早于 {first} 年", f"{shown} is before {first}")]
    if num > last:
        return [_say(field, "too_late", f"{shown} 晚于{late[0]}", f"{shown} is {late[1]}")]
    return []


def _date(field: str, value: object) -> date | Problem | None:
    if _blank(value):
        return None
    if isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    try:
        return datetime.fromisoformat(str(value).strip()).date()
    except ValueError:
        zh, en = (
            f"「{value}」不是日期，应写成 2024-05-01",
            f"{value!r} is not a date like 2024-05-01",
        )
        return _say(field, "not_a_date", zh, en)


def _vocab(
    field: str,
    value: object,
    allowed: Mapping[str, tuple[str, str]] | tuple[str, ...],
    severity: Severity = "error",
) -> list[Problem]:
    if _blank(value) or (isinstance(value, str) and value in allowed):
        return []
    labels = allowed if isinstance(allowed, Mapping) else {a: (a, a) for a in allowed}
    for key, names in labels.items():
        if value in names:  # a label typed where the key belongs
            zh, en = f"「{value}」应存为代码 {key}", f"{value!r} should be stored as {key!r}"
            return [_say(field, "label_not_key", zh, en, severity)]
    choices_zh, choices_en = "、".join(zh for zh, _ in labels.values()), ", ".join(labels)
    zh, en = f"「{value}」不是可选值（{choices_zh}）", f"{value!r} is not one of {choices_en}"
    return [_say(field, "unknown_value", zh, en, severity)]


def _location(field: str, value: object) -> list[Problem]:
    if _blank(value):
        return []
    try:
        lon, lat = (float(v) for v in value)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return [_say(field, "not_a_point", "不是（经度, 纬度）", "is not a (lon, lat) pair")]
    lon_min, lat_min, lon_max, lat_max = CHINA_BBOX_4490
    if lon_min <= lon <= lon_max and lat_min <= lat <= lat_max:
        return []
    hint = ("", "")
    if lon_min <= lat <= lon_max and lat_min <= lon <= lat_max:
        hint = ("，经纬度可能写反了", "; longitude and latitude look swapped")
    elif max(abs(lon), abs(lat)) > 1000:
        hint = ("，像是投影坐标（米）", "; looks like projected metres, not degrees")
    shown = f"({lon:g}, {lat:g})"
    zh, en = f"{shown} 不在中国境内{hint[0]}", f"{shown} is outside China{hint[1]}"
    return [_say(field, "outside_china", zh, en)]


def _required(field: str, value: object) -> list[Problem]:
    return [_say(field, "blank", "未填", "is blank")] if _blank(value) else []


def _phone(field: str, value: object, role: object = None) -> list[Problem]:
    parse = normalize_phone(value)
    if parse.is_blank:
        return []
    if parse.ok:
        return _implausible_phone(field, parse.value or "", parse.kind, role)
    zh, en = (
        f"「{value}」无法识别：{parse.reason_zh}",
        f"{value!r} is not readable: {parse.reason_en}",
    )
    return [_say(field, "bad_phone", zh, en)]


def _implausible_phone(field: str, value: str, kind: object, role: object) -> list[Problem]:
    """A well-formed number nobody can have: all one digit, or a public hotline as a person's phone.

    12345 is the government hotline: right for a 监督电话 column, a placeholder anywhere else.
    """
    digits = "".join(ch for ch in value.split("-")[1 if kind == "landline" else 0] if ch.isdigit())
    if kind == "mobile":
        digits = digits[3:]  # 133 3333 3333 and 138 0000 0000 alike: the subscriber part
    if len(digits) >= 4 and len(set(digits)) == 1:
        zh, en = f"「{value}」各位数字相同，不像真实号码", f"{value!r} repeats one digit; it cannot be a real number"
        return [_say(field, "fake_phone", zh, en, "warning")]
    if kind == "service" and role not in (None, "complaint_line"):
        zh = f"「{value}」是公共服务号码，不是本人电话"
        en = f"{value!r} is a public service number, not this person's phone"
        return [_say(field, "service_phone", zh, en, "warning")]
    return []


#: Estate number columns: (lowest, highest or None for "not negative", whole number).
_ESTATE_NUMBERS: dict[str, tuple[float, float | None, bool]] = {
    "buildings": (0, None, True),
    "households": (0, None, True),
    "floor_area_m2": (0, None, False),
    "progress_pct": (0, 100, False),
    "investment_wan": (0, None, False),
    "pipelines_km": (0, None, False),
    "lifts_added": (0, None, True),
    "parking_added": (0, None, True),
    "chargers_added": (0, None, True),
    "elderly_facilities_added": (0, None, True),
    "childcare_facilities_added": (0, None, True),
    "service_facilities_added": (0, None, True),
}
#: Estate vocabulary columns: a status outside the programme is an error, the rest warnings.
_ESTATE_VOCABS: dict[str, tuple[Mapping[str, tuple[str, str]] | tuple[str, ...], Severity]] = {
    "status": (model.STATUSES, "error"),
    "kind": (model.ESTATE_KINDS, "warning"),
    "property_type": (model.PROPERTY_TYPES, "warning"),
    "management": (model.MANAGEMENT_MODES, "warning"),
    "coord_source": (model.COORD_SOURCES, "warning"),
}


def _columns(estate: Estate, this_year: int) -> list[Problem]:
    last = this_year + 5
    problems = [
        *_required("code", estate.code),
        *_required("name", estate.name),
        *_year("built_year", estate.built_year, 1900, this_year, ("今年", "later than this year")),
        *_year("renewal_year", estate.renewal_year, 2000, last, (f" {last} 年", f"after {last}")),
    ]
    for name, (lo, hi, whole) in _ESTATE_NUMBERS.items():
        problems += _number(name, getattr(estate, name), hi, lo, whole)
    for name, (allowed, severity) in _ESTATE_VOCABS.items():
        problems += _vocab(name, getattr(estate, name), allowed, severity)
    categories: object = estate.categories
    if isinstance(categories, str):  # as the file stores it: "basic,safety"
        categories = [c.strip() for c in categories.split(",")]
    for key in categories if isinstance(categories, list | tuple) else [categories]:
        problems += _vocab("categories", key, model.CATEGORIES)
    return problems + _location("location", estate.location)


def _consistency(estate: Estate) -> list[Problem]:
    """Warnings that compare fields: code prefix, progress vs status, funding vs total."""
    problems = []
    if not _blank(estate.code) and not re.match(r"\d{6}", str(estate.code)):
        zh = f"「{estate.code}」不以 6 位行政区划代码开头"
        en = f"{estate.code!r} does not start with a 6-digit county code"
        problems.append(_say("code", "code_without_county", zh, en, "warning"))
    progress = _read("progress_pct", estate.progress_pct)
    if estate.status in _DONE and isinstance(progress, float) and progress < 100:
        zh = f"{_fmt(progress)} 与状态「{model.status_label(estate.status)}」不符"
        en = f"{_fmt(progress)} does not match status {estate.status!r}"
        problems.append(_say("progress_pct", "progress_behind_status", zh, en, "warning"))
    amounts = [_read("amount_wan", f.amount_wan) for f in estate.funding]
    total = sum(a for a in amounts if isinstance(a, float))
    investment = _read("investment_wan", estate.investment_wan)
    if isinstance(investment, float) and 0 <= investment < total - 0.005:  # 万元 to 2 decimals
        zh = f"{_fmt(investment)} 小于各资金来源合计 {_fmt(total)}"
        en = f"{_fmt(investment)} is less than the funding sources' total {_fmt(total)}"
        problems.append(_say("investment_wan", "funding_exceeds_investment", zh, en, "warning"))
    if estate.outline is not None and not getattr(estate.outline, "is_valid", True):
        zh, en = "无效（自相交或不闭合）", "is not a valid polygon (self-intersecting?)"
        problems.append(_say("outline", "invalid_outline", zh, en, "warning"))
    return problems


def _dates(estate: Estate) -> list[Problem]:
    start, finish = _date("start_date", estate.start_date), _date("finish_date", estate.finish_date)
    problems = [d for d in (start, finish) if isinstance(d, Problem)]
    if isinstance(start, date) and isinstance(finish, date) and finish < start:
        zh, en = f"{finish} 早于开工日期 {start}", f"{finish} is before start_date {start}"
        problems.append(_say("finish_date", "finish_before_start", zh, en))
    return problems


def _child_name(row: object, i: int) -> tuple[str, str]:
    """How a message names a child row: 楼栋「3号楼」, 包抓负责人张伟, 资金「中央补助」."""
    name = getattr(row, "name", None) or ""
    if isinstance(row, Contact):
        zh, en = model.CONTACT_ROLES.get(str(row.role), ("责任人", "contact"))
        return f"{zh}{name}", f"{en} {name}".strip()
    if isinstance(row, Funding):
        zh, en = model.FUNDING_SOURCES.get(str(row.source), (str(row.source), str(row.source)))
        return f"资金「{zh}」", f"funding {en}"
    if isinstance(row, Sensor):
        name = name or row.imei or row.device_id or ""
        return f"传感器「{name or i + 1}」", f"sensor {name or i + 1}"
    zh, en = ("楼栋", "building") if isinstance(row, Building) else ("摄像头", "camera")
    return f"{zh}「{name or i + 1}」", f"{en} {name or i + 1}"


def _children(estate: Estate) -> list[Problem]:
    """Child-row problems, re-addressed to the estate (``contacts[0].phone``)."""
    checks: dict[str, Callable[[Any], list[Problem]]] = {
        "building_list": validate_building,
        "contacts": validate_contact,
        "cameras": validate_camera,
        "funding": validate_funding,
        "sensors": validate_sensor,
    }
    problems = []
    for attr, check in checks.items():
        for i, row in enumerate(getattr(estate, attr)):
            zh, en = (_one_line(name) for name in _child_name(row, i))
            for p in check(row):
                field = f"{attr}[{i}].{p.field}"
                problems.append(
                    replace(
                        p,
                        field=field,
                        message_zh=f"{zh}：{p.message_zh}",
                        message_en=f"{en}: {p.message_en}",
                    )
                )
    return problems


def validate_estate(estate: Estate, *, today: date | None = None) -> list[Problem]:
    """Check one estate and its child rows (buildings, contacts, cameras, funding).

    Parameters
    ----------
    estate
        The estate as read from a ledger or the inventory file.
    today
        The date that "this year" means (default: today), for year checks.

    Returns
    -------
    list of Problem
        Errors and warnings in field order; empty when nothing is wrong.  Blank
        optional fields are never reported.
    """
    columns = _columns(estate, (today or date.today()).year)
    return columns + _dates(estate) + _consistency(estate) + _children(estate)


def validate_building(building: Building) -> list[Problem]:
    """Check a building: floors 1–100, non-negative height."""
    return _number("floors", building.floors, hi=100, lo=1, whole=True) + _number("height_m", building.height_m)


def validate_contact(contact: Contact) -> list[Problem]:
    """Check a contact: role from ``model.CONTACT_ROLES``, a readable phone if one is given."""
    return [
        *_required("role", contact.role),
        *_vocab("role", contact.role, model.CONTACT_ROLES),
        *_phone("phone", contact.phone, contact.role),
    ]


def validate_camera(camera: Camera) -> list[Problem]:
    """Check a camera: 20-digit GB/T 28181 ID, no credential in the link, position in China.

    The link itself is never echoed in a message: it may hold a password.
    """
    problems = _number("channel", camera.channel, whole=True) + _location("location", camera.location)
    gb_id = "" if _blank(camera.gb_id) else str(camera.gb_id).strip()
    if gb_id and not re.fullmatch(r"\d{20}", gb_id):
        zh = f"「{gb_id}」应为 20 位数字（GB/T 28181），这里是 {len(gb_id)} 位"
        en = f"{gb_id!r} should be 20 digits (GB/T 28181), not {len(gb_id)} characters"
        problems.append(_say("gb_id", "bad_gb_id", zh, en))
    if isinstance(camera.link, str) and _has_credential(camera.link):
        zh, en = "含有用户名或密码，请删去", "carries a user name or password; remove it"
        problems.append(_say("link", "credential_in_link", zh, en))
    return problems


def _has_credential(link: str) -> bool:
    """``rtsp://user:pass@host`` (an unescaped ``@`` in the password too) or ``?password=``."""
    return "@" in link.partition("://")[2] or bool(_CREDENTIAL_QUERY.search(link))


def validate_sensor(sensor: Sensor) -> list[Problem]:
    """Check a sensor: an IMEI or a device ID, a valid IMEI, set points 0–100 %LEL with low ≤ high, in China."""
    from onemap.watch.sensor_checks import imei_problem, threshold_problems

    problems = []
    if _blank(sensor.imei) and _blank(sensor.device_id):
        zh, en = "未填：请填写 IMEI 或设备编号，否则收不到它的告警", "is blank: give an IMEI or a device ID"
        problems.append(_say("device_id", "no_device", zh, en))
    said = None if _blank(sensor.imei) else imei_problem(str(sensor.imei))
    if said is not None:
        problems.append(Problem("imei", "bad_imei", _one_line(said), _one_line(said.en)))
    numbers = _number("low_lel", sensor.low_lel, hi=100) + _number("high_lel", sensor.high_lel, hi=100)
    problems += numbers + _location("location", sensor.location)
    if not numbers:
        low, high = (v if isinstance(v, int | float) else None for v in (sensor.low_lel, sensor.high_lel))
        for severity, text in threshold_problems(low, high):
            field = "high_lel" if "高报" in text and "低报" not in text else "low_lel"
            problems.append(Problem(field, "set_point", _one_line(text), _one_line(text.en), severity))  # type: ignore[arg-type]
    return problems


def validate_funding(funding: Funding) -> list[Problem]:
    """Check a funding row: source from ``model.FUNDING_SOURCES``, non-negative 万元."""
    return [
        *_required("source", funding.source),
        *_vocab("source", funding.source, model.FUNDING_SOURCES),
        *_number("amount_wan", funding.amount_wan),
    ]


def format_problems(problems: Iterable[Problem], lang: str = "zh") -> str:
    """One line per problem, errors first: ``错误：建成年份 2031 晚于今年``.

    Parameters
    ----------
    problems
        Problems from the ``validate_*`` functions.
    lang
        ``"zh"`` for Chinese, anything else for English.
    """
    tags = {"error": ("错误", "error"), "warning": ("提示", "warning")}
    sep = "：" if lang == "zh" else ": "
    ordered = sorted(problems, key=lambda p: p.severity != "error")
    return "\n".join(f"{tags.get(p.severity, tags['error'])[lang != 'zh']}{sep}{p.message(lang)}" for p in ordered)
