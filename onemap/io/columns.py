"""Ledger column names, with their usual variants, mapped to inventory fields.

A header like ``户数（户）`` or ``所在镇（街道）`` or the two-row ``责任人/联系电话`` names
one target: an estate field, a contact's role and part, a funding source, a coordinate,
or the cameras.  Columns nobody recognises are kept in ``notes`` by the importer.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from onemap.io.columns_shp import FIELD_ALIASES
from onemap.io.ledger_sensors import SENSOR_ALIASES

#: estate field -> header variants (compared after :func:`normalise`)
ESTATE_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("小区编码", "编码", "项目编码", "小区代码", "编号", "代码", "统一编码", "小区编号", "code"),
    "name": (
        "小区名称",
        "项目名称",
        "小区(片区)名称",
        "名称",
        "小区名",
        "改造小区名称",
        "老旧小区名称",
        "小区",
        "片区名称",
        "name",
    ),
    "former_name": ("曾用名", "原名", "原名称"),
    "township": (
        "所在镇(街道)",
        "镇(街道)",
        "街道",
        "乡镇",
        "镇街",
        "所属街道",
        "所属镇街",
        "街道办",
        "所在街道",
        "镇/街道",
        "所属镇(街道)",
        "乡镇(街道)",
        "township",
    ),
    "community": ("社区", "所属社区", "所在社区", "社区(村)", "community"),
    "address": ("地址", "详细地址", "位置", "小区地址", "坐落", "坐落位置", "address"),
    "kind": ("类型", "小区类型", "项目类型", "kind"),
    "built_year": (
        "建成年份",
        "建成年代",
        "建成时间",
        "竣工时间",
        "竣工年份",
        "建设年代",
        "建成年限",
        "建成年度",
        "built_year",
    ),
    "buildings": ("楼栋数", "栋数", "幢数", "楼栋", "楼栋数量", "buildings"),
    "households": ("户数", "总户数", "居民户数", "涉及户数", "住户数", "households"),
    "floor_area_m2": ("住宅建筑面积", "建筑面积", "面积", "住宅面积", "总建筑面积", "floor_area_m2"),
    "property_type": ("房屋性质", "产权性质", "房屋类型", "property_type"),
    "management": ("管理模式", "物业管理模式", "物业管理方式", "管理方式", "management"),
    "renewal_year": ("改造年度", "改造年份", "计划改造年度", "年度", "实施年度", "改造计划年度", "renewal_year"),
    "categories": ("改造类别", "改造类型", "改造内容类别", "categories"),
    "status": ("改造状态", "状态", "进展情况", "项目进度", "实施状态", "当前状态", "进展", "status"),
    "progress_pct": ("进度", "完成进度", "形象进度", "完成比例", "进度(%)", "progress_pct"),
    "start_date": ("开工日期", "开工时间", "实际开工时间", "计划开工时间", "start_date"),
    "finish_date": ("完工日期", "完工时间", "竣工日期", "实际完工时间", "计划完工时间", "finish_date"),
    "investment_wan": ("总投资", "投资额", "投资", "概算投资", "计划投资", "总投资额", "investment_wan"),
    "notes": ("备注", "说明", "notes"),
    "coord_source": ("坐标来源", "coord_source"),
    # what the renovation delivered (改造成效, the statistical survey's 改造效果): units vary by sheet
    "pipelines_km": (
        "改造管线",
        "改造管线(公里)",
        "改造管线(km)",
        "改造提升管线",
        "改造提升各类管线",
        "改造提升各类管线(公里)",
        "改造老化管线",
        "更新改造管线",
        "改造管线(千米)",
        "管线改造",
        "管线改造长度",
        "改造管线长度",
        "管网改造",
        "pipelines_km",
    ),
    "lifts_added": (
        "加装电梯",
        "加装电梯(部)",
        "加装电梯(台)",
        "加装电梯数",
        "加装电梯数量",
        "新增电梯",
        "增设电梯",
        "lifts_added",
    ),
    "parking_added": (
        "增设停车位",
        "新增停车位",
        "增加停车位",
        "新增车位",
        "增设车位",
        "增设停车泊位",
        "新增停车泊位",
        "parking_added",
    ),
    "chargers_added": (
        "增设充电桩",
        "新增充电桩",
        "增设电动汽车充电桩",
        "新增电动汽车充电桩",
        "增设新能源汽车充电桩",
        "加装充电桩",
        "电动汽车充电桩",
        "新能源汽车充电桩",
        "充电桩",
        "chargers_added",
    ),
    "elderly_facilities_added": (
        "增设养老服务设施",
        "新增养老服务设施",
        "增设养老设施",
        "新增养老设施",
        "养老服务设施",
        "增设养老服务设施(处)",
        "增设养老设施(处)",
        "新增养老设施(处)",
        "elderly_facilities_added",
    ),
    "childcare_facilities_added": (
        "增设托育服务设施",
        "新增托育服务设施",
        "增设托育设施",
        "新增托育设施",
        "托育服务设施",
        "增设托育服务设施(处)",
        "增设托育设施(处)",
        "新增托育设施(处)",
        "childcare_facilities_added",
    ),
    "service_facilities_added": (
        "增设其他社区服务设施",
        "增设社区服务设施",
        "新增社区服务设施",
        "增设便民服务设施",
        "新增便民服务设施",
        "增设助餐、便民等社区服务设施",
        "增设其他社区服务设施(处)",
        "增设便民服务设施(处)",
        "新增便民服务设施(处)",
        "service_facilities_added",
    ),
}

OTHER_ALIASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("coord", "lon"): ("经度", "lon", "lng", "longitude", "东经"),
    ("coord", "lat"): ("纬度", "lat", "latitude", "北纬"),
    ("coord", "x"): ("x", "x坐标", "横坐标", "东坐标"),
    ("coord", "y"): ("y", "y坐标", "纵坐标", "北坐标"),
    ("coord", "lonlat"): ("坐标", "经纬度", "经纬度坐标", "中心点坐标"),
    ("coord", "crs"): ("坐标系", "坐标系统", "坐标类型", "坐标系名称"),
    ("cameras",): (
        "监控",
        "监控链接",
        "视频链接",
        "摄像头",
        "监控地址",
        "视频地址",
        "摄像头地址",
        "视频监控",
        "监控点位",
        "camera_links",
    ),
    ("gb_id",): ("国标编码", "国标id", "设备编码", "gb28181编码", "国标编号", "camera_gb_ids"),
    ("items",): ("改造内容", "主要改造内容", "改造项目", "建设内容", "items"),
    **SENSOR_ALIASES,
}

CONTACT_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("community_secretary", ("社区书记", "社区负责人", "社区党支部书记")),
    ("grid_worker", ("网格员",)),
    ("property_manager", ("物业负责人", "物业联系人", "物业公司", "物业")),
    ("owners_committee", ("业委会", "业主委员会")),
    ("site_manager", ("项目经理", "施工负责人", "现场负责人")),
    ("complaint_line", ("监督电话", "投诉电话", "监督举报电话")),
    ("leader", ("包抓负责人", "包抓领导", "包抓", "责任人", "负责人", "联系人")),
)
CONTACT_PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("phone", ("联系电话", "电话", "手机", "联系方式", "手机号", "电话号码")),
    ("title", ("职务", "职称", "单位", "职务(职称)", "单位及职务")),
    ("name", ("姓名", "名字")),
)
FUNDING_ALIASES: dict[str, tuple[str, ...]] = {
    "central": ("中央补助", "中央资金", "中央预算内", "中央补助资金"),
    "provincial": ("省级资金", "省级补助", "省级", "省级财政"),
    "local": ("市县财政", "县级财政", "市县资金", "地方财政", "县财政"),
    "special_bond": ("专项债", "专项债券", "地方政府专项债"),
    "residents": ("居民出资", "居民自筹", "业主出资"),
    "social": ("社会资本", "社会资金"),
    "utilities": ("管线单位", "管线单位出资", "专营单位"),
    "former_owner": ("原产权单位", "原产权单位出资"),
}

#: camera login columns: a password column is never kept in notes, it becomes the cameras' login
LOGIN_USER_WORDS = ("用户名", "账号", "帐号", "登录名", "登录账号", "用户", "username", "user", "login")
LOGIN_PASSWORD_WORDS = ("密码", "口令", "password", "passwd", "pwd")
_CAMERA_WORDS = ("监控", "摄像", "视频", "设备", "nvr", "camera")

#: headers that carry nothing worth keeping (row numbers, our own export's bookkeeping)
IGNORED = frozenset({"序号", "no", "no.", "序", "更新时间", "建成年份(原文)", "updated_at"})

_UNITS = re.compile(r"[(](户|栋|幢|㎡|m2|m²|平方米|万元|元|%|年|个)[)]$")


def normalise(header: str) -> str:
    """Compare-ready header: no spaces, half-width brackets, lower case, no trailing unit."""
    text = "".join(header.split()).replace("（", "(").replace("）", ")").lower()
    return _UNITS.sub("", text)


Target = tuple[str, ...]


@dataclass
class ColumnMap:
    """What each header of a ledger means, and which headers nobody recognised."""

    targets: dict[str, Target] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    _unknown_set: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    _coordinates: list[tuple[str, str]] | None = field(default=None, repr=False, compare=False)

    def is_unknown(self, header: str) -> bool:
        """Whether nobody recognised ``header`` (a set lookup: rows may have thousands of columns)."""
        if len(self._unknown_set) != len(self.unknown):
            self._unknown_set = frozenset(self.unknown)
        return header in self._unknown_set

    def coordinate_columns(self) -> list[tuple[str, str]]:
        """``(header, lon/lat/x/y/lonlat/crs)`` of the coordinate columns (worked out once)."""
        if self._coordinates is None:
            self._coordinates = [(h, t[1]) for h, t in self.targets.items() if t[0] == "coord"]
        return self._coordinates

    def describe(self) -> dict[str, str]:
        """Header -> target as text, for the import report."""
        return {h: ".".join(t) for h, t in self.targets.items()}


def _lookup() -> dict[str, Target]:
    table: dict[str, Target] = {}
    for name, variants in ESTATE_ALIASES.items():
        table.update({normalise(v): ("estate", name) for v in variants})
    for target, variants in OTHER_ALIASES.items():
        table.update({normalise(v): target for v in variants})
    for source, variants in FUNDING_ALIASES.items():
        table.update({normalise(v): ("funding", source) for v in variants})
    for name, variants in FIELD_ALIASES.items():  # GIS files: raw, shapefile and ogr2ogr-cut names
        table.update({normalise(v): ("estate", name) for v in variants if normalise(v) not in table})
    return table


_LOOKUP = _lookup()


@functools.lru_cache(maxsize=4096)
def target_of(header: str) -> Target | None:
    """The target a header names (``None`` when nothing fits).

    Two-row headers arrive as ``上/下`` (``责任人/联系电话``, ``资金来源/中央补助``): the lower
    part names the field, the upper part the person or group it belongs to.
    """
    parts = [normalise(p) for p in header.split("/") if normalise(p)]
    if not parts:
        return None
    if (login := _login(parts)) is not None:
        return login
    if len(parts) == 1 and parts[0] in _LOOKUP:
        return _LOOKUP[parts[0]]
    child = parts[-1]
    if len(parts) > 1 and child in _LOOKUP and _LOOKUP[child][0] in ("funding", "coord"):
        return _LOOKUP[child]
    contact = _contact(parts)
    if contact is not None:
        return contact
    return _LOOKUP.get(child) if len(parts) > 1 else None


def _login(parts: list[str]) -> Target | None:
    """用户名/密码, 密码, 账号/口令, 监控账号: the login of the row's cameras.

    Any part ending in a password word counts (a password must never fall through to notes);
    a user-name part only when it is exactly such a word or names a camera (维修资金账号 is
    a bank account, not a login).
    """
    if any(p.endswith(LOGIN_PASSWORD_WORDS) for p in parts):
        text = "".join(parts)
        return ("login", "both" if any(w in text for w in LOGIN_USER_WORDS) else "password")
    user = any(p in LOGIN_USER_WORDS or p.startswith(_CAMERA_WORDS) and p.endswith(LOGIN_USER_WORDS) for p in parts)
    return ("login", "user") if user else None


def _contact(parts: list[str]) -> Target | None:
    """A person column: a role word (包抓负责人, 社区书记…) alone or with a part (姓名, 电话…)."""
    text = "".join(parts)
    found = next(((r, w) for r, words in CONTACT_ROLES for w in words if w in text), None)
    part = next((p for p, words in CONTACT_PARTS if any(text.endswith(w) for w in words)), None)
    if found is None:
        return ("contact", "leader", "phone") if text in ("联系电话", "电话", "手机") else None
    role, word = found
    if part is None:
        if text.endswith("公司"):
            part = "title"
        elif text == word or len(parts) > 1 and parts[-1] == word:
            part = "phone" if role == "complaint_line" else "name"
        else:
            return None  # 物业费标准 names a fee, not a person
    return ("contact", role, part)


def map_columns(headers: list[str]) -> ColumnMap:
    """Map every header; the first column naming a target wins, later ones count as unknown."""
    mapping = ColumnMap()
    used: set[Target] = set()
    for header in headers:
        if not header:
            continue
        if normalise(header) in IGNORED:
            mapping.ignored.append(header)
            continue
        target = target_of(header)
        if target is None or target in used and target[0] != "login":  # a 2nd password column is still one
            mapping.unknown.append(header)
            continue
        used.add(target)
        mapping.targets[header] = target
    return mapping


def header_score(headers: list[str]) -> int:
    """How much a row looks like a ledger header: the number of targets its cells name.

    Distinct targets: a data row of a million ``x`` cells names one target, not a million.
    """
    return len({target_of(h) for h in headers if h} - {None})
