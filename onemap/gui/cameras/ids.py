"""How a camera's GB/T 28181 ID reads in the list: short in the cell, every part in the tooltip."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from onemap.cameras import CameraLink, parse_camera_link
from onemap.cameras.gbid import DEVICE_TYPES, INDUSTRIES, GbId, decode_gb_id
from onemap.model import Camera


@dataclass(frozen=True)
class GbText:
    """``short`` for the cell (type and serial), ``long`` with every decoded part."""

    short: str
    long: str


def gb_digits(camera: Camera) -> str:
    """The camera's 20-digit ID: its own column, else the one a ``gb28181`` link carries."""
    decoded = _decoded(camera)
    return str(decoded) if decoded is not None else ""


def _decoded(camera: Camera) -> GbId | None:
    found = decode_gb_id(camera.gb_id) if camera.gb_id else None
    if isinstance(found, GbId):
        return found
    parsed = parse_camera_link(camera.link) if camera.link else None
    return parsed.gb_id if isinstance(parsed, CameraLink) else None


def gb_text(camera: Camera, lang: str = "zh") -> GbText:
    """The decoded ID in the interface language; a bad ID says why (未填 when there is none)."""
    decoded = _decoded(camera)
    if decoded is None:
        if not camera.gb_id:
            return GbText("", "")
        refusal = decode_gb_id(camera.gb_id)
        reason = getattr(refusal, "reason_zh" if lang == "zh" else "reason_en", "")
        bad = QCoreApplication.translate("CameraPanel", "编码有误：{reason}").format(reason=reason)
        return GbText(bad, bad)
    return GbText(_short(decoded, lang), _long(decoded, lang))


def _label(table: dict[str, tuple[str, str]], code: str, lang: str) -> str:
    zh, en = table.get(code, (f"未知 {code}", f"unknown {code}"))
    return zh if lang == "zh" else en


def _short(gb: GbId, lang: str) -> str:
    return f"{_label(DEVICE_TYPES, gb.device_type, lang)} · {gb.serial}"


def _long(gb: GbId, lang: str) -> str:
    template = QCoreApplication.translate(
        "CameraPanel", "国标编码 {digits}：行政区划 {admin}，行业 {industry}，类型 {kind}（{code}），序号 {serial}"
    )
    return template.format(
        digits=gb,
        admin=gb.admin_code,
        industry=_label(INDUSTRIES, gb.industry, lang),
        kind=_label(DEVICE_TYPES, gb.device_type, lang),
        code=gb.device_type,
        serial=gb.serial,
    )
