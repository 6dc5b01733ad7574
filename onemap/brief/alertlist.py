"""The alerts an estate sheet prints: the last 30 days up to the report date, one compact row each.

The window is 30 Beijing calendar days ending with the report date
(:attr:`~onemap.brief.options.BriefOptions.report_date`, today when not given), so the same
file and date print the same sheet.  Each row: when it began, type, level on its warning
colour (一级 red … 四级 blue, the viewer's colours; the word prints too, for black and white),
how many events a folded flood held, the handling status (:mod:`onemap.watch.cycle`'s words)
and how long it took to be accepted (签收) and settled (办结).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from reportlab.platypus import Flowable

from onemap.brief.fitting import CELL, fit_rows, grid
from onemap.brief.palette import StatusStyle
from onemap.brief.typeset import Typesetter
from onemap.brief.widgets import SectionTitle
from onemap.store.alert_reports import HandledAlert
from onemap.style import ALERT_LEVEL_STYLES
from onemap.watch.alert import stamp, unstamp
from onemap.watch.cycle import status_label
from onemap.watch.event import SHANGHAI, TYPE_NAMES, AlertType

WINDOW_DAYS = 30
LEVEL_WORDS = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}
LEVEL_LOOKS = {level: StatusStyle.of(look) for level, look in ALERT_LEVEL_STYLES.items()}


@dataclass(frozen=True)
class AlertWindow:
    """The report's alert period: 30 Beijing days ending with ``report_date``; ``since``/``until`` as stored (UTC)."""

    report_date: date
    since: str
    until: str

    @classmethod
    def ending(cls, report_date: date, days: int = WINDOW_DAYS) -> AlertWindow:
        """The ``days`` calendar days (Beijing time) up to and including ``report_date``."""
        end = datetime.combine(report_date + timedelta(days=1), time(), SHANGHAI)
        return cls(report_date, stamp(end - timedelta(days=days)), stamp(end))

    @property
    def first_day(self) -> date:
        """The window's first day (Beijing time)."""
        return unstamp(self.since).astimezone(SHANGHAI).date()

    @property
    def words(self) -> str:
        """``2026-11-07 至 2026-12-06``."""
        return f"{self.first_day.isoformat()} 至 {self.report_date.isoformat()}"


def type_words(alert_type: str) -> str:
    """The type's Chinese name (烟雾明火 …); an unknown type as stored."""
    try:
        return TYPE_NAMES[AlertType(alert_type)][0]
    except ValueError:
        return alert_type


def minutes_between(start: str, end: str | None) -> float | None:
    """Minutes from one stored time to another (None when ``end`` is None)."""
    if end is None:
        return None
    return max((unstamp(end) - unstamp(start)).total_seconds() / 60.0, 0.0)


def duration_words(minutes: float | None) -> str:
    """``8 分``, ``2.5 时``, ``3.1 天``; ``—`` for a step not taken."""
    if minutes is None:
        return "—"
    if minutes < 1:
        return "<1 分"
    if minutes < 90:
        return f"{minutes:.0f} 分"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} 时"
    return f"{minutes / 1440:.1f} 天"


def beijing(text: str) -> str:
    """A stored time as Beijing ``MM-DD HH:MM``."""
    return unstamp(text).astimezone(SHANGHAI).strftime("%m-%d %H:%M")


def alert_cells(item: HandledAlert) -> list[str]:
    """One printed row: time, type, level, count, status, time to accept, time to settle."""
    alert = item.alert
    return [
        beijing(alert.first_time),
        type_words(alert.type),
        LEVEL_WORDS.get(alert.level, str(alert.level)),
        f"{alert.count:,}",
        status_label(alert.status),
        duration_words(minutes_between(alert.first_time, item.accepted_at)),
        duration_words(minutes_between(alert.first_time, item.settled_at)),
    ]


HEADER = ["时间", "类型", "级别", "次数", "状态", "签收用时", "办结用时"]
FRACTIONS = [0.17, 0.2, 0.1, 0.1, 0.13, 0.15, 0.15]


def alerts(
    ts: Typesetter, items: Sequence[HandledAlert], window: AlertWindow, width: float, height: float, number: str
) -> list[Flowable]:
    """``七、近30天告警``: the window's alerts, newest first, cut to ``height`` with 另有 N 项."""
    title = SectionTitle(ts, f"{number}、近{WINDOW_DAYS}天告警（{window.words}，{len(items)} 条）")
    room = height - title.wrap(width, height)[1] - 3
    if not items:
        return [title, ts.markup(f"近{WINDOW_DAYS}天无告警", CELL, color="grey")]
    widths = [width * f for f in FRACTIONS]
    rows = [[ts.cell(value, w) for value, w in zip(alert_cells(item), widths, strict=True)] for item in items]
    levels = [item.alert.level for item in items]

    def make(shown: Sequence[list[object]], hidden: int) -> Flowable:
        table = grid(ts, [list(HEADER), *shown], widths, more=hidden, fixed=True)
        marks = []
        for row, level in enumerate(levels[: len(shown)], start=1):
            look = LEVEL_LOOKS.get(level)
            if look is not None:
                marks += [("BACKGROUND", (2, row), (2, row), look.fill), ("TEXTCOLOR", (2, row), (2, row), look.ink)]
        if shown:
            marks.append(("ALIGN", (3, 1), (3, len(shown)), "RIGHT"))
        table.setStyle(marks)
        return table

    table = fit_rows(make, rows, width, room)
    return [title] + ([table] if table is not None else [])
