"""The estate sheet's lists: people, cameras (with the sensors beside them) and open resident
issues, each cut to fit.

Phones go through :func:`onemap.phones.mask_phone` when the briefing redacts them;
camera links go through :func:`onemap.cameras.display_link`, so a login never prints
even if a ledger smuggled one into the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reportlab.platypus import Flowable

from onemap.brief.fitting import CELL, fit_rows, grid
from onemap.brief.sheetdata import Issue
from onemap.brief.typeset import Typesetter
from onemap.brief.widgets import SectionTitle
from onemap.cameras import display_link
from onemap.cameras.gbid import GbIdRefusal, decode_gb_id
from onemap.model import BLANK_ZH, CONTACT_ROLES, Camera, Contact, Estate
from onemap.phones import mask_phone
from onemap.watch.cycle import SENSOR_STATUSES

#: sensors by kind, each with its count per status (``Inventory.sensor_statuses``)
SensorTally = Sequence[tuple[str | None, Counter[str | None]]]


def _listed(
    ts: Typesetter,
    title: str,
    values: list[list[object]],
    header: list[str],
    fractions: list[float],
    width: float,
    height: float,
    empty: str,
    note: Flowable | None = None,
) -> list[Flowable]:
    """A titled table of ledger ``values`` (one list per row), cut to ``height`` with 另有 N 项;
    ``note`` is a line between the title and the table."""
    blocks: list[Flowable] = [SectionTitle(ts, title)] + ([note] if note is not None else [])
    room = height - sum(b.wrap(width, height)[1] + 3 for b in blocks)
    if not values:
        return [*blocks, ts.markup(empty, CELL, color="grey")]
    widths = [width * f for f in fractions]
    rows = [[ts.cell(value, w) for value, w in zip(row, widths, strict=True)] for row in values]

    def make(shown: Sequence[list[object]], hidden: int) -> Flowable:
        return grid(ts, [list(header), *shown], widths, more=hidden, fixed=True)

    table = fit_rows(make, rows, width, room)
    return blocks + ([table] if table is not None else [])


def phone_text(ts: Typesetter, phone: str | None) -> str:
    """A contact's phone as printed: masked (138****5678) when the briefing redacts phones."""
    if not phone:
        return BLANK_ZH
    return (mask_phone(phone) or phone) if ts.redact_phones else phone


def people(ts: Typesetter, contacts: list[Contact], width: float, height: float) -> list[Flowable]:
    """四、责任人: role, name, title or unit, phone."""
    order = list(CONTACT_ROLES)
    ranked = sorted(contacts, key=lambda c: order.index(c.role) if c.role in order else len(order))
    rows: list[list[object]] = [
        [CONTACT_ROLES[c.role][0] if c.role in CONTACT_ROLES else c.role, c.name, c.title, phone_text(ts, c.phone)]
        for c in ranked
    ]
    title = "四、责任人" + ("（电话已打码）" if ts.redact_phones else "")
    return _listed(
        ts,
        title,
        rows,
        ["职责", "姓名", "职务/单位", "电话"],
        [0.22, 0.18, 0.34, 0.26],
        width,
        height,
        f"责任人：{BLANK_ZH}",
    )


def gb_text(gb_id: str | None) -> str:
    """A GB/T 28181 ID with what it says (``610725… · 社区 · 网络摄像机(132) · 序号 …``)."""
    if not gb_id:
        return BLANK_ZH
    decoded = decode_gb_id(gb_id)
    if isinstance(decoded, GbIdRefusal):
        return f"{gb_id}（无效：{decoded.reason_zh}）"
    return f"{decoded}（{decoded.industry_label} · {decoded.device_type_label}）"


def camera_link_text(camera: Camera) -> str:
    """The camera's link as printed: the clean link with vendor and channel, never a login."""
    return display_link(camera.link) if camera.link else BLANK_ZH


def sensor_words(ts: Typesetter, sensors: SensorTally) -> str:
    """``传感器 3 个：燃气探测器 3 个（在线 2、报警中 1）`` (markup, ledger text escaped)."""
    if not sensors:
        return "传感器：未登记"
    total = sum(sum(counts.values()) for _kind, counts in sensors)
    kinds = []
    for kind, counts in sensors:
        states = "、".join(
            f"{SENSOR_STATUSES[s][0] if s in SENSOR_STATUSES else ts.esc(s)} {n}" for s, n in counts.items()
        )
        kinds.append(f"{ts.esc(kind)} {sum(counts.values())} 个（{states}）")
    return f"传感器 {total} 个：" + "；".join(kinds)


def cameras(ts: Typesetter, estate: Estate, width: float, height: float, sensors: SensorTally = ()) -> list[Flowable]:
    """五、视频监控与传感器: the sensors' count and status on one line, then each camera's name,
    kind, decoded GB/T 28181 ID and credential-free link."""
    rows: list[list[object]] = [[c.name, c.kind, gb_text(c.gb_id), camera_link_text(c)] for c in estate.cameras]
    header = ["名称", "类型", "国标编码（GB/T 28181）", "链接"]
    return _listed(
        ts,
        f"五、视频监控（{len(estate.cameras)} 路）与传感器",
        rows,
        header,
        [0.16, 0.14, 0.38, 0.32],
        width,
        height,
        "未登记摄像头",
        note=ts.markup(sensor_words(ts, sensors), CELL),
    )


def issues(ts: Typesetter, open_issues: list[Issue], width: float, height: float) -> list[Flowable]:
    """六、居民诉求（未办结）: date, problem, channel, who, deadline, state."""
    rows: list[list[object]] = [
        [i.reported_on, i.problem, i.channel, i.responsible, i.due_on, i.state] for i in open_issues
    ]
    return _listed(
        ts,
        f"六、居民诉求（未办结 {len(open_issues)} 件）",
        rows,
        ["日期", "问题", "渠道", "责任单位", "期限", "状态"],
        [0.13, 0.37, 0.1, 0.16, 0.13, 0.11],
        width,
        height,
        "暂无未办结的居民诉求",
    )
