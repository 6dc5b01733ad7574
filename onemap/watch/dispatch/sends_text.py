"""Dispatch sends as ``onemap alerts`` shows them: JSON records per alert, and a short summary in words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from onemap.store.dispatch_sends import DispatchSend

#: result -> (Chinese, English), in the order a summary lists them
RESULTS: dict[str, tuple[str, str]] = {
    "sent": ("成功", "sent"),
    "deduplicated": ("已去重", "deduplicated"),
    "queued": ("待合并", "queued to merge"),
    "failed": ("失败", "failed"),
    "ambiguous": ("结果不明", "no answer"),
    "refused": ("未发送", "refused"),
}


def sends_by_alert(sends: Iterable[DispatchSend]) -> dict[int, list[dict[str, Any]]]:
    """alert id -> its sends as JSON objects (every column but the alert id), oldest first."""
    found: dict[int, list[dict[str, Any]]] = {}
    for send in sends:
        record = {k: v for k, v in asdict(send).items() if k != "alert_id"}
        found.setdefault(send.alert_id, []).append(record)
    return found


def _counts(sends: list[dict[str, Any]], lang: str) -> str:
    counted = Counter(str(s.get("result", "")) for s in sends)
    order = [r for r in RESULTS if counted[r]] + sorted(r for r in counted if r not in RESULTS)
    words = [f"{(RESULTS.get(r) or (r, r))[0 if lang == 'zh' else 1]} {counted[r]}" for r in order]
    return ("，" if lang == "zh" else ", ").join(words)


def sends_summary(sends: list[dict[str, Any]], lang: str = "zh") -> str:
    """One alert's sends in a few words: ``成功 3，失败 1`` (``—`` when nothing was sent)."""
    return _counts(sends, lang) if sends else "—"


def sends_total(sends: list[dict[str, Any]], lang: str = "zh") -> str:
    """What the list's last line adds: ``；派发 4 次：成功 3，失败 1`` (nothing when there were none)."""
    if not sends:
        return ""
    if lang == "zh":
        return f"；派发 {len(sends)} 次：{_counts(sends, lang)}"
    return f"; {len(sends)} dispatch sends: {_counts(sends, lang)}"
