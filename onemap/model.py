"""The estate ledger (台账) as plain data: what one old residential estate carries.

Field names are the inventory file's stable column names. Vocabulary keys (status,
categories, contact roles, funding sources) are stable English keys stored in the file;
their Chinese labels are what users see.  Geometry is shapely, in CGCS2000 geographic
coordinates (EPSG:4490, x = longitude).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shapely.geometry.base import BaseGeometry

#: Renovation status keys in programme order (谋划 → 移交), with Chinese and English labels.
STATUSES: dict[str, tuple[str, str]] = {
    "planned": ("计划", "Planned"),
    "designing": ("设计", "Designing"),
    "tendering": ("招标", "Tendering"),
    "under_construction": ("在建", "Under construction"),
    "completed": ("完工", "Completed"),
    "accepted": ("验收", "Accepted"),
    "handed_over": ("移交", "Handed over"),
}

#: Renovation categories (改造内容分类).
CATEGORIES: dict[str, tuple[str, str]] = {
    "basic": ("基础类", "Basic"),
    "improvement": ("完善类", "Improvement"),
    "enhancement": ("提升类", "Enhancement"),
    "safety": ("安全类", "Safety"),
}

ESTATE_KINDS: tuple[str, ...] = ("小区", "片区", "单栋楼")
PROPERTY_TYPES: tuple[str, ...] = ("房改房", "集资房", "福利房", "商品房", "单位公房", "安置房")
MANAGEMENT_MODES: tuple[str, ...] = ("专业物业", "单位自管", "社区托管", "无物业")

#: Contact roles (责任人类别).
CONTACT_ROLES: dict[str, tuple[str, str]] = {
    "leader": ("包抓负责人", "Responsible leader"),
    "community_secretary": ("社区书记", "Community secretary"),
    "grid_worker": ("网格员", "Grid worker"),
    "property_manager": ("物业负责人", "Property manager"),
    "owners_committee": ("业委会", "Owners' committee"),
    "site_manager": ("项目经理", "Site manager"),
    "complaint_line": ("监督电话", "Complaint line"),
}

#: Funding sources (资金来源), amounts in 万元.
FUNDING_SOURCES: dict[str, tuple[str, str]] = {
    "central": ("中央补助", "Central subsidy"),
    "provincial": ("省级资金", "Provincial funds"),
    "local": ("市县财政", "City/county budget"),
    "special_bond": ("专项债", "Special bonds"),
    "residents": ("居民出资", "Residents"),
    "social": ("社会资本", "Social capital"),
    "utilities": ("管线单位", "Utility companies"),
    "former_owner": ("原产权单位", "Former owner unit"),
}

#: Where a position came from (坐标来源).
COORD_SOURCES: dict[str, tuple[str, str]] = {
    "survey": ("测绘", "Survey"),
    "tianditu": ("天地图", "Tianditu"),
    "amap": ("高德 (GCJ-02)", "Amap (GCJ-02)"),
    "baidu": ("百度 (BD-09)", "Baidu (BD-09)"),
    "gps": ("GPS", "GPS"),
    "demo": ("演示数据", "Demo data"),
    "import": ("导入", "Imported"),
}

BLANK_ZH = "未填"

#: Chinese column aliases for estates; the file's gpkg_data_columns carries them too.
ESTATE_FIELD_LABELS: dict[str, str] = {
    "code": "小区编码",
    "name": "小区名称",
    "township": "所在镇（街道）",
    "community": "所属社区",
    "address": "地址",
    "kind": "类型",
    "built_year": "建成年份",
    "buildings": "楼栋数",
    "households": "户数",
    "floor_area_m2": "住宅建筑面积（㎡）",
    "property_type": "房屋性质",
    "management": "管理模式",
    "renewal_year": "改造年度",
    "categories": "改造类别",
    "status": "改造状态",
    "progress_pct": "进度（%）",
    "start_date": "开工日期",
    "finish_date": "完工日期",
    "investment_wan": "总投资（万元）",
    "coord_source": "坐标来源",
    "notes": "备注",
    "updated_at": "更新时间",
    "former_name": "曾用名",
    "built_year_text": "建成年份（原文）",
    "pipelines_km": "改造管线（公里）",
    "lifts_added": "加装电梯（部）",
    "parking_added": "增设停车位（个）",
    "chargers_added": "增设充电桩（个）",
    "elderly_facilities_added": "增设养老服务设施（个）",
    "childcare_facilities_added": "增设托育服务设施（个）",
    "service_facilities_added": "增设其他社区服务设施（个）",
}

#: English names of the same columns, in the same order (the details dock in English).
ESTATE_FIELD_LABELS_EN: dict[str, str] = {
    "code": "Estate code",
    "name": "Estate name",
    "township": "Township (subdistrict)",
    "community": "Community",
    "address": "Address",
    "kind": "Type",
    "built_year": "Year built",
    "buildings": "Buildings",
    "households": "Households",
    "floor_area_m2": "Residential floor area (m²)",
    "property_type": "Property type",
    "management": "Management",
    "renewal_year": "Renewal year",
    "categories": "Renovation categories",
    "status": "Renovation status",
    "progress_pct": "Progress (%)",
    "start_date": "Start date",
    "finish_date": "Finish date",
    "investment_wan": "Total investment (10k yuan)",
    "coord_source": "Coordinate source",
    "notes": "Notes",
    "updated_at": "Updated",
    "former_name": "Former name",
    "built_year_text": "Year built (as written)",
    "pipelines_km": "Pipelines renewed (km)",
    "lifts_added": "Lifts added",
    "parking_added": "Parking spaces added",
    "chargers_added": "EV chargers added",
    "elderly_facilities_added": "Elderly-care facilities added",
    "childcare_facilities_added": "Childcare facilities added",
    "service_facilities_added": "Other community facilities added",
}

#: what a renovation delivered (改造成效): the statistical survey's 改造效果 figures (schema 9)
OUTPUT_FIELDS: tuple[str, ...] = (
    "pipelines_km",
    "lifts_added",
    "parking_added",
    "chargers_added",
    "elderly_facilities_added",
    "childcare_facilities_added",
    "service_facilities_added",
)

#: what a blank value reads in English
BLANK_EN = "(blank)"


def blank_word(lang: str = "zh") -> str:
    """未填, or (blank) in English."""
    return BLANK_ZH if lang == "zh" else BLANK_EN


def field_labels(lang: str = "zh") -> dict[str, str]:
    """Estate column -> label in ``lang`` (``"zh"`` or ``"en"``)."""
    return ESTATE_FIELD_LABELS if lang == "zh" else ESTATE_FIELD_LABELS_EN


def vocab_label(vocab: dict[str, tuple[str, str]], key: str | None, lang: str = "zh") -> str:
    """A key's label from a (zh, en) vocabulary; an unknown key as itself, a blank one as 未填 / (blank)."""
    return _label(vocab, key, lang)


def status_label(key: str | None, lang: str = "zh") -> str:
    """Chinese (or English) label of a status key; 未填 for a blank one."""
    return _label(STATUSES, key, lang)


def category_label(key: str | None, lang: str = "zh") -> str:
    """Chinese (or English) label of a renovation category key."""
    return _label(CATEGORIES, key, lang)


def _label(vocab: dict[str, tuple[str, str]], key: str | None, lang: str) -> str:
    if not key:
        return blank_word(lang)
    zh, en = vocab.get(key, (key, key))
    return zh if lang == "zh" else en


@dataclass
class Building:
    """One building footprint with its storeys, for the 3D scene."""

    estate_code: str
    name: str | None = None
    floors: int | None = None
    height_m: float | None = None
    footprint: BaseGeometry | None = None


@dataclass
class Contact:
    """A person responsible for an estate, with their phone."""

    estate_code: str
    role: str
    name: str | None = None
    title: str | None = None
    phone: str | None = None


@dataclass
class Camera:
    """A camera link: never holds a credential (see :mod:`onemap.cameras`)."""

    estate_code: str
    name: str | None = None
    kind: str | None = None
    link: str | None = None
    gb_id: str | None = None
    channel: int | None = None
    location: tuple[float, float] | None = None


@dataclass
class Sensor:
    """One sensor (a gas detector …): platform device ID and/or IMEI, kind, thresholds in %LEL."""

    estate_code: str
    device_id: str | None = None
    imei: str | None = None
    kind: str | None = None
    name: str | None = None
    low_lel: float | None = None
    high_lel: float | None = None
    status: str | None = None
    location: tuple[float, float] | None = None
    fid: int | None = None


@dataclass
class Funding:
    """One funding source's share of an estate's investment, in 万元."""

    estate_code: str
    source: str
    amount_wan: float | None = None


@dataclass
class RenovationItem:
    """One item of the estate's renovation plan (一区一策)."""

    estate_code: str
    category: str
    item: str


@dataclass
class Estate:
    """One old residential estate (老旧小区) as the ledger describes it.

    ``location`` is ``(lon, lat)`` in EPSG:4490 or ``None`` for an estate not yet
    located; ``outline`` is its 范围面 as a (multi)polygon.
    """

    code: str
    name: str
    township: str | None = None
    community: str | None = None
    address: str | None = None
    kind: str | None = None
    built_year: int | None = None
    buildings: int | None = None
    households: int | None = None
    floor_area_m2: float | None = None
    property_type: str | None = None
    management: str | None = None
    renewal_year: int | None = None
    categories: list[str] = field(default_factory=list)
    status: str | None = None
    progress_pct: float | None = None
    start_date: str | None = None
    finish_date: str | None = None
    investment_wan: float | None = None
    coord_source: str | None = None
    notes: str | None = None
    updated_at: str | None = None
    former_name: str | None = None
    built_year_text: str | None = None
    pipelines_km: float | None = None
    lifts_added: int | None = None
    parking_added: int | None = None
    chargers_added: int | None = None
    elderly_facilities_added: int | None = None
    childcare_facilities_added: int | None = None
    service_facilities_added: int | None = None
    location: tuple[float, float] | None = None
    outline: BaseGeometry | None = None
    building_list: list[Building] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    cameras: list[Camera] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)
    items: list[RenovationItem] = field(default_factory=list)
    sensors: list[Sensor] = field(default_factory=list)

    def attributes(self) -> dict[str, Any]:
        """The scalar ``estates`` columns of this estate (no geometry, no child rows)."""
        return {name: _column_value(getattr(self, name)) for name in ESTATE_COLUMNS}


#: The ``estates`` table's attribute columns, in file order (``fid`` and ``geom`` aside).
ESTATE_COLUMNS: tuple[str, ...] = tuple(ESTATE_FIELD_LABELS)


def _column_value(value: Any) -> Any:
    if isinstance(value, list):
        return ",".join(value) if value else None
    return value
