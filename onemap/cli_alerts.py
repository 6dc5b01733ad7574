"""``onemap alerts``: list the inventory's alerts, or advance one through the handling cycle.

``onemap alerts INV [--since ISO|7d|24h] [--status S]... [--type T]... [--township T] [--estate CODE]
[--limit N] [--json]`` lists, newest first, each alert with its dispatch sends (``sends`` in JSON, a
summary column in the table); ``--close ID --note TEXT`` and ``--advance ID --to STATUS
[--note TEXT]`` run the same audited transition as the viewer (:meth:`AlertBook.advance`).
Exit codes as everywhere: 0 done, 1 refused (an unknown alert, a move the cycle does not allow),
2 usage error.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

from onemap.said import Said
from onemap.watch.alert import Alert
from onemap.watch.cycle import ALERT_STATUSES
from onemap.watch.event import SHANGHAI, AlertType, parse_time

_RELATIVE = re.compile(r"(\d+)\s*([dhm])")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def since(text: str, now: datetime | None = None) -> datetime:
    """``7d``, ``24h``, ``30m`` before now, or an ISO date or time (Beijing time unless it says otherwise)."""
    found = _RELATIVE.fullmatch(text.strip().lower())
    if found:
        now = now or datetime.now(SHANGHAI)
        return now - timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})
    try:
        return parse_time(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{text}”不是时间：请写 7d、24h、30m 或 2026-12-01T08:00 / not a time: write 7d, 24h, 30m or an ISO time"
        ) from None


def alerts_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``onemap alerts``."""
    parser.add_argument("inventory", type=Path, metavar="INV.gpkg")
    parser.add_argument("--since", type=since, help="7d, 24h, 30m or an ISO time (default: all)")
    parser.add_argument("--status", action="append", choices=list(ALERT_STATUSES), default=[])
    parser.add_argument("--type", action="append", choices=[str(t) for t in AlertType], default=[])
    parser.add_argument("--township", help="one township (镇/街道)")
    parser.add_argument("--estate", metavar="CODE", help="one estate")
    parser.add_argument("--limit", type=int, default=500, help="at most N alerts (default 500)")
    parser.add_argument("--json", action="store_true")
    move = parser.add_mutually_exclusive_group()
    move.add_argument("--close", type=int, metavar="ID", help="close alert ID (办结; needs --note)")
    move.add_argument("--advance", type=int, metavar="ID", help="move alert ID to --to STATUS")
    parser.add_argument("--to", choices=list(ALERT_STATUSES), help="the status for --advance")
    parser.add_argument("--note", help="what was done (required to close or call a false alarm)")
    parser.add_argument("--who", help="who does it (default: the OneMap user)")


def cmd_alerts(args: argparse.Namespace) -> int:
    """Run ``onemap alerts``."""
    if args.advance is not None and args.to is None:
        print(_text(args.lang, Said("--advance 需要 --to 状态。", "--advance needs --to STATUS.")), file=sys.stderr)
        return 2
    if args.close is not None or args.advance is not None:
        return _move(args)
    return _list(args)


def _text(lang: str, said: Said) -> str:
    return str(said) if lang == "zh" else said.en


def _list(args: argparse.Namespace) -> int:
    from onemap.store import Inventory
    from onemap.watch.alerts import AlertBook
    from onemap.watch.dispatch.sends_text import sends_by_alert, sends_summary, sends_total

    with Inventory.open(args.inventory, readonly=True) as inventory:
        found = AlertBook(inventory).alerts(
            since=args.since,
            statuses=args.status,
            types=args.type,
            estate=args.estate,
            township=args.township,
            limit=args.limit,
        )
        sends = sends_by_alert(inventory.dispatch_sends([alert.id for alert in found]))
    if args.json:
        records = [{**alert.as_record(), "sends": sends.get(alert.id, [])} for alert in found]
        print(json.dumps(records, ensure_ascii=False, indent=1))
        return 0
    lines = [_header(args.lang)]
    lines += [f"{_line(alert, args.lang)}\t{sends_summary(sends.get(alert.id, []), args.lang)}" for alert in found]
    total = f"共 {len(found)} 条告警" if args.lang == "zh" else f"{len(found)} alerts"
    lines.append(total + sends_total([s for alert in found for s in sends.get(alert.id, [])], args.lang))
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _header(lang: str) -> str:
    if lang == "zh":
        return "编号\t级别\t类型\t状态\t次数\t首次时间\t最近时间\t小区\t镇（街道）\t设备\t派发"
    return "id\tlevel\ttype\tstatus\tcount\tfirst\tlast\testate\ttownship\tdevice\tdispatch"


def _line(alert: Alert, lang: str) -> str:
    def when(moment: datetime) -> str:
        return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")

    value = "" if alert.value is None else f"（{alert.value:g}）"
    return "\t".join(
        (
            str(alert.id),
            str(alert.level),
            alert.type_label(lang) + value,
            alert.status_label(lang) + ("" if alert.episode_open else ("，已消警" if lang == "zh" else ", cleared")),
            str(alert.count),
            when(alert.first_time),
            when(alert.last_time),
            f"{alert.estate_name or ''}（{alert.estate_code}）",
            alert.township or "",
            alert.device,
        )
    )


def _move(args: argparse.Namespace) -> int:
    from onemap.store.alert_steps import alert_step_writer
    from onemap.store.audit import default_user
    from onemap.watch.alerts import AlertBook, AlertRefused

    alert_id, target = (args.close, "closed") if args.close is not None else (args.advance, args.to)
    with alert_step_writer(args.inventory, args.who or default_user()) as inventory:  # beside a running collector too
        try:
            alert = AlertBook(inventory).advance(alert_id, target, args.who or inventory.audit.who, args.note)
        except AlertRefused as refused:
            print(refused.message(args.lang), file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps(alert.as_record(), ensure_ascii=False, indent=1))
    elif args.lang == "zh":
        print(f"告警 {alert.id} 已改为“{alert.status_label('zh')}”。")
    else:
        print(f"Alert {alert.id} is now {alert.status_label('en')}.")
    return 0
