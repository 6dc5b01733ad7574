"""The estate sheet's header: 内部资料 line, name, township/community, code, data date, QR codes."""

from __future__ import annotations

from typing import Any

from onemap.brief.context import BriefContext
from onemap.brief.mapframe import plausible
from onemap.brief.qr import amap_uri, draw_qr, geo_uri
from onemap.model import BLANK_ZH, Estate

QR_SIZE = 52.0
TAG = "内部资料 · 注意保管"


def draw_header(canvas: Any, ctx: BriefContext, estate: Estate, width: float, height: float) -> float:
    """Draw the header at the top of a ``width`` x ``height`` sheet; returns its height."""
    ts = ctx.ts
    located = estate.location is not None and plausible(*estate.location)
    qr_area = 2 * QR_SIZE + 16 if located else 0
    _tag_line(canvas, ctx, width, height)
    y = height - 15
    title, th = _title(ctx, estate.name, width - qr_area)
    title.drawOn(canvas, 0, y - th)
    y -= th + 3
    township = ts.esc(estate.township) if estate.township else f"镇（街道）{BLANK_ZH}"
    community = ts.esc(estate.community) if estate.community else f"社区{BLANK_ZH}"
    sub = ts.markup(
        f"{township} · {community} · 小区编码 {ts.esc(estate.code)} · 数据日期 {ts.esc(ctx.data_date)}",
        8.5,
        color="grey",
    )
    _w, sh = sub.wrap(width - qr_area, 100)
    sub.drawOn(canvas, 0, y - sh)
    y -= sh
    if located:
        _qr_pair(canvas, ctx, estate, width, height - 14)
    header = max(height - y, 14 + QR_SIZE + 10 if located else 0) + 3
    canvas.setLineWidth(1.2)
    canvas.line(0, height - header, width, height - header)
    return float(header)


def _title(ctx: BriefContext, name: str, width: float) -> tuple[Any, float]:
    """The name as large as fits in two lines (four at the smallest size; beyond that it is cut with …)."""
    for size, lines in ((17.0, 2), (14.0, 2), (12.0, 3), (10.0, 4)):
        title = ctx.ts.para(name, size)
        _w, height = title.wrap(width, 400)
        if height <= size * 1.3 * lines + 0.5:
            return title, float(height)
    shown = ctx.ts.text(name)
    while len(shown) > 1 and title.wrap(width, 400)[1] > 10 * 1.3 * 4 + 0.5:
        shown = shown[: int(len(shown) * 0.9)]
        title = ctx.ts.para(shown + "…", 10)
    return title, float(title.wrap(width, 400)[1])


def _tag_line(canvas: Any, ctx: BriefContext, width: float, height: float) -> None:
    name = ctx.ts.font.name
    tag_width = ctx.ts.width(TAG, 7.5) + 8
    canvas.setLineWidth(0.6)
    canvas.rect(0, height - 10.5, tag_width, 10.5, stroke=1, fill=0)
    canvas.setFont(name, 7.5)
    canvas.drawString(4, height - 8, TAG)
    canvas.drawRightString(width, height - 8, ctx.ts.text(f"{ctx.county}城镇老旧小区改造 · 小区档案"))


def _qr_pair(canvas: Any, ctx: BriefContext, estate: Estate, width: float, top: float) -> None:
    assert estate.location is not None
    lon, lat = estate.location
    name = ctx.ts.font.name
    for i, (value, caption) in enumerate(
        ((geo_uri(lon, lat), "手机定位 geo:"), (amap_uri(lon, lat, estate.name), "高德地图"))
    ):
        x = width - (2 - i) * (QR_SIZE + 8)
        draw_qr(canvas, value, x, top - QR_SIZE, QR_SIZE)
        canvas.setFont(name, 6)
        canvas.drawCentredString(x + QR_SIZE / 2, top - QR_SIZE - 6.5, caption)
