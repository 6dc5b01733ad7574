"""The handling cycle of an alert, after the work-order practice of 12345 and 数字城管.

受理 → 派遣 → 签收 → 处置 → 办结 becomes ``new → dispatched → accepted → handled → closed``;
an alert found to be nothing is ``false_alarm`` from any open status.  Only the moves in
:data:`TRANSITIONS` are allowed; :func:`refusal` says why another one is not, in Chinese with
its English twin.  Pure data and functions: the store labels columns from it, the alert book
enforces it, the viewer and the CLI show its words.
"""

from __future__ import annotations

from onemap.said import Said

#: status -> (Chinese, English), in cycle order
ALERT_STATUSES: dict[str, tuple[str, str]] = {
    "new": ("新告警", "new"),
    "dispatched": ("已派遣", "dispatched"),
    "accepted": ("已签收", "accepted"),
    "handled": ("已处置", "handled"),
    "closed": ("已办结", "closed"),
    "false_alarm": ("误报", "false alarm"),
}
#: the statuses an alert can no longer leave
FINAL = frozenset({"closed", "false_alarm"})
#: status -> the statuses it may move to.  Closing straight from ``new`` is allowed: the
#: county closes a duplicate or an alarm handled on the spot with a note, as 12345 does.
TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"dispatched", "accepted", "closed", "false_alarm"}),
    "dispatched": frozenset({"accepted", "closed", "false_alarm"}),
    "accepted": frozenset({"handled", "closed", "false_alarm"}),
    "handled": frozenset({"closed", "accepted", "false_alarm"}),
    "closed": frozenset(),
    "false_alarm": frozenset(),
}
#: statuses whose alerts still fold new events (the episode may still be going on)
OPEN = frozenset(ALERT_STATUSES) - FINAL
#: sensor statuses (kept by the ledger and the collector)
SENSOR_STATUSES: dict[str, tuple[str, str]] = {
    "online": ("在线", "online"),
    "offline": ("离线", "offline"),
    "alarming": ("报警中", "alarming"),
    "fault": ("故障", "fault"),
}


def status_label(status: str, lang: str = "zh") -> str:
    """The status in words (``lang`` ``"zh"`` or ``"en"``); an unknown key as it is."""
    zh, en = ALERT_STATUSES.get(status, (status, status))
    return zh if lang == "zh" else en


def refusal(current: str, target: str) -> Said | None:
    """Why ``current → target`` is not allowed, or None when it is."""
    if target not in ALERT_STATUSES:
        choices = "、".join(ALERT_STATUSES)
        return Said(f"没有“{target}”这个处置状态，可选：{choices}。", f"No status '{target}'; choose one of {choices}.")
    if target in TRANSITIONS.get(current, frozenset()):
        return None
    now_zh, now_en = ALERT_STATUSES.get(current, (current, current))
    to_zh, to_en = ALERT_STATUSES[target]
    if current in FINAL:
        return Said(
            f"该告警已是“{now_zh}”，不能再改为“{to_zh}”。", f"The alert is already {now_en}; it cannot become {to_en}."
        )
    if current == target:
        return Said(f"该告警已经是“{now_zh}”状态。", f"The alert is already {now_en}.")
    allowed = [s for s in ALERT_STATUSES if s in TRANSITIONS.get(current, frozenset())]
    zh = "、".join(ALERT_STATUSES[s][0] for s in allowed)
    en = ", ".join(ALERT_STATUSES[s][1] for s in allowed)
    return Said(
        f"“{now_zh}”的告警不能直接改为“{to_zh}”，只能改为：{zh}。",
        f"A {now_en} alert cannot go straight to {to_en}; it can become: {en}.",
    )
