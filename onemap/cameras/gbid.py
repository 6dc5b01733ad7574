"""GB/T 28181 device IDs (国标编码): twenty digits that say where a camera is and what it is.

Layout (coding rule A of GB/T 28181-2016, appendix D)::

    610725 00 01 132 0 000123
    |      |  |  |   | └ 15–20 serial (设备、用户序号)
    |      |  |  |   └ 14 network (网络标识)
    |      |  |  └ 11–13 device type (类型编码)
    |      |  └ 9–10 industry (行业编码)
    |      └ 7–8 base access unit (基层接入单位)
    └ 1–6 admin division (行政区划, GB/T 2260)

Platforms and vendors fill the tables unevenly (vendor extensions live in the reserved
ranges), so codes the tables below do not know still decode, with an "未知" label.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

#: Industry codes (digits 9–10): short Chinese label as shown in OneMap, English label.
#: The standard's names end in 接入 ("社会治安社区接入"); 12–39 and 56–99 are reserved.
INDUSTRIES: dict[str, tuple[str, str]] = {
    "00": ("社会治安路面", "Public security, roads"),
    "01": ("社区", "Public security, community"),
    "02": ("社会治安内部", "Public security, internal"),
    "03": ("社会治安其他", "Public security, other"),
    "04": ("交通路面", "Traffic, roads"),
    "05": ("交通卡口", "Traffic, checkpoints"),
    "06": ("交通内部", "Traffic, internal"),
    "07": ("交通其他", "Traffic, other"),
    "08": ("城市管理", "City management"),
    "09": ("卫生环保", "Health and environment"),
    "10": ("商检海关", "Inspection and customs"),
    "11": ("教育部门", "Education"),
    "40": ("农林牧渔业", "Agriculture, forestry, fishery"),
    "41": ("采矿企业", "Mining"),
    "42": ("制造企业", "Manufacturing"),
    "43": ("冶金企业", "Metallurgy"),
    "44": ("电力企业", "Electric power"),
    "45": ("燃气企业", "Gas"),
    "46": ("建筑企业", "Construction"),
    "47": ("物流企业", "Logistics"),
    "48": ("邮政企业", "Postal"),
    "49": ("信息企业", "Information"),
    "50": ("住宿和餐饮业", "Hotels and catering"),
    "51": ("金融企业", "Finance"),
    "52": ("房地产业", "Real estate"),
    "53": ("商务服务业", "Business services"),
    "54": ("水利企业", "Water conservancy"),
    "55": ("娱乐企业", "Entertainment"),
}

#: Device type codes (digits 11–13). 111–130 front-end main devices, 131–199 peripherals,
#: 200–299 platform, 300–499 users, 500–599 external servers, 600–999 extensions.
DEVICE_TYPES: dict[str, tuple[str, str]] = {
    "111": ("DVR", "DVR"),
    "112": ("视频服务器", "Video server"),
    "113": ("编码器", "Encoder"),
    "114": ("解码器", "Decoder"),
    "115": ("视频切换矩阵", "Video switching matrix"),
    "116": ("音频切换矩阵", "Audio switching matrix"),
    "117": ("报警控制器", "Alarm controller"),
    "118": ("网络视频录像机", "NVR"),
    "131": ("摄像机", "Camera"),
    "132": ("网络摄像机", "IP camera"),
    "133": ("显示器", "Monitor"),
    "134": ("报警输入设备", "Alarm input"),
    "135": ("报警输出设备", "Alarm output"),
    "136": ("语音输入设备", "Audio input"),
    "137": ("语音输出设备", "Audio output"),
    "138": ("移动传输设备", "Mobile transmission device"),
    "139": ("其他外围设备", "Other peripheral"),
    "200": ("中心信令控制服务器", "Central signalling server"),
    "201": ("Web应用服务器", "Web application server"),
    "202": ("媒体分发服务器", "Media distribution server"),
    "203": ("代理服务器", "Proxy server"),
    "204": ("安全服务器", "Security server"),
    "205": ("报警服务器", "Alarm server"),
    "206": ("数据库服务器", "Database server"),
    "207": ("GIS服务器", "GIS server"),
    "208": ("管理服务器", "Management server"),
    "209": ("接入网关", "Access gateway"),
    "210": ("媒体存储服务器", "Media storage server"),
    "211": ("信令安全路由网关", "Signalling security gateway"),
    "215": ("业务分组", "Business group"),
    "216": ("虚拟组织", "Virtual organisation"),
    "300": ("中心用户", "Centre user"),
    "400": ("终端用户", "Terminal user"),
}

#: Network identifier (digit 14).
NETWORKS: dict[str, tuple[str, str]] = {
    **{d: ("监控报警专网", "Surveillance and alarm private network") for d in "01234"},
    "5": ("公安信息网", "Public security information network"),
    "6": ("政务网", "E-government network"),
    "7": ("互联网", "Internet"),
    "8": ("社会资源接入网", "Social resources access network"),
    "9": ("预留", "Reserved"),
}

#: Province-level prefixes of GB/T 2260 admin codes (incl. Taiwan, Hong Kong, Macao).
_PROVINCE_RANGES = ((11, 15), (21, 23), (31, 37), (41, 46), (50, 54), (61, 65), (71, 71), (81, 82))
PROVINCE_PREFIXES: frozenset[str] = frozenset(
    str(n) for first, last in _PROVINCE_RANGES for n in range(first, last + 1)
)

CAMERA_TYPES: frozenset[str] = frozenset({"131", "132"})
_WIDTHS = {"admin_code": 6, "unit": 2, "industry": 2, "device_type": 3, "network": 1, "serial": 6}


@dataclass(frozen=True)
class GbId:
    """A decoded 20-digit GB/T 28181 ID; ``str()`` gives the digits back."""

    admin_code: str
    unit: str
    industry: str
    device_type: str
    network: str
    serial: str

    def __str__(self) -> str:
        return self.admin_code + self.unit + self.industry + self.device_type + self.network + self.serial

    @property
    def industry_label(self) -> str:
        """Chinese industry label, ``"未知行业 NN"`` for codes outside the table."""
        return INDUSTRIES.get(self.industry, (f"未知行业 {self.industry}", ""))[0]

    @property
    def device_type_label(self) -> str:
        """Chinese device-type label, ``"未知类型 NNN"`` for codes outside the table."""
        return DEVICE_TYPES.get(self.device_type, (f"未知类型 {self.device_type}", ""))[0]

    @property
    def network_label(self) -> str:
        """Chinese network label (every digit has one)."""
        return NETWORKS[self.network][0]

    @property
    def is_camera(self) -> bool:
        """True for types 131 (camera) and 132 (IP camera)."""
        return self.device_type in CAMERA_TYPES

    def describe(self) -> str:
        """One line for tooltips, e.g. ``"610725 · 社区 · 网络摄像机(132) · 序号 000123"``."""
        return (
            f"{self.admin_code} · {self.industry_label} · "
            f"{self.device_type_label}({self.device_type}) · 序号 {self.serial}"
        )


@dataclass(frozen=True)
class Refusal:
    """Why a text was refused, in Chinese and English (never the text itself)."""

    reason_zh: str
    reason_en: str

    def __str__(self) -> str:
        return f"{self.reason_zh} ({self.reason_en})"


class GbIdRefusal(Refusal):
    """Why a text is not a GB/T 28181 ID."""


def decode_gb_id(text: object) -> GbId | GbIdRefusal:
    """Decode a 20-digit GB/T 28181 ID; never raises.

    Parameters
    ----------
    text : object
        Usually a ledger cell. Surrounding blanks are ignored and full-width digits
        (１２３) count as digits; anything that is not ``str`` is refused, because a
        20-digit number read from a spreadsheet as a float has already lost digits.

    Returns
    -------
    GbId or GbIdRefusal
        The decoded ID, or the reason it is not one.
    """
    if not isinstance(text, str):
        return GbIdRefusal("编码必须是文本", "the ID must be text, not a number")
    digits = unicodedata.normalize("NFKC", text).strip()
    if not (digits.isascii() and digits.isdigit()):
        return GbIdRefusal("国标编码只能包含数字", "a GB/T 28181 ID contains only digits")
    if len(digits) != 20:
        return GbIdRefusal(
            f"国标编码应为 20 位，实为 {len(digits)} 位",
            f"a GB/T 28181 ID has 20 digits, not {len(digits)}",
        )
    if digits[:2] not in PROVINCE_PREFIXES:
        return GbIdRefusal(
            f"行政区划代码 {digits[:6]} 不属于任何省份",
            f"admin code {digits[:6]} names no province",
        )
    return GbId(digits[:6], digits[6:8], digits[8:10], digits[10:13], digits[13], digits[14:])


def build_gb_id(
    admin_code: str | int,
    unit: str | int,
    industry: str | int,
    device_type: str | int,
    network: str | int,
    serial: str | int,
) -> str:
    """Assemble a 20-digit ID from its parts.

    Parameters
    ----------
    admin_code, unit, industry, device_type, network, serial : str or int
        Six, two, two, three, one and six digits. Strings must have exactly that many
        ASCII digits; non-negative integers are zero-padded to the width.

    Returns
    -------
    str
        The 20 digits; ``decode_gb_id`` reads them back.

    Raises
    ------
    ValueError
        If a part has the wrong width or is not digits, or the admin code names no province.
    """
    given = (admin_code, unit, industry, device_type, network, serial)
    text = "".join(_part(name, value, _WIDTHS[name]) for name, value in zip(_WIDTHS, given, strict=True))
    decoded = decode_gb_id(text)
    if isinstance(decoded, GbIdRefusal):
        raise ValueError(str(decoded))
    return text


def _part(name: str, value: object, width: int) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value).zfill(width)
    if not (isinstance(value, str) and value.isascii() and value.isdigit() and len(value) == width):
        raise ValueError(f"{name} must be {width} digits, got {value!r}")
    return value
