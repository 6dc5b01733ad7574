"""The words dispatch puts in front of people: alert types and roles, in Chinese and English."""

from __future__ import annotations

from onemap.model import CONTACT_ROLES

#: OneMap's alert types (the collector normalises every source to one of these).
ALERT_TYPES: dict[str, tuple[str, str]] = {
    "smoke_fire": ("烟雾明火", "Smoke or open fire"),
    "intrusion": ("区域入侵", "Intrusion"),
    "illegal_parking": ("违停占道", "Illegal parking / blocked fire lane"),
    "absent_post": ("离岗睡岗", "Guard absent or asleep"),
    "gas_leak": ("燃气泄漏", "Gas leak"),
    "device_fault": ("设备故障", "Device fault"),
    "device_offline": ("设备离线", "Device offline"),
    "other": ("其他告警", "Other alert"),
}

#: Roles a rule may name: the estate's contact roles (people in the inventory's contacts table)
#: plus the county-wide lines a config defines itself (the gas company's duty line, say).
ESTATE_ROLES: dict[str, tuple[str, str]] = dict(CONTACT_ROLES)

#: Well-known county-wide roles; their numbers come from ``[dispatch.roles.<name>]``.
COUNTY_ROLES: dict[str, tuple[str, str]] = {
    "gas_company": ("燃气公司", "Gas company"),
    "fire_brigade": ("消防救援", "Fire brigade"),
    "duty_office": ("值班室", "Duty office"),
}


def type_label(alert_type: str, lang: str = "zh") -> str:
    """The alert type's name in ``lang`` (``"zh"`` or ``"en"``); unknown types read as "other"."""
    zh, en = ALERT_TYPES.get(alert_type, ALERT_TYPES["other"])
    return zh if lang == "zh" else en


def role_label(role: str, lang: str = "zh") -> str:
    """A role's name in ``lang``; a role the config invented reads as its key."""
    zh, en = ESTATE_ROLES.get(role) or COUNTY_ROLES.get(role) or (role, role)
    return zh if lang == "zh" else en
