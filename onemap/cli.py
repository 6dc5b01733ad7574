"""The ``onemap`` command: a thin layer over the public API.

Exit codes: 0 done (warnings allowed), 1 nothing done or input refused, 2 usage error.
Refusals are one sentence on stderr, never a traceback; unexpected errors are logged
(without credentials) and named with the log's path.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from onemap import __version__, cli_checkup, cli_coverage, cli_districts, cli_plan, cli_score
from onemap.cli_alerts import alerts_arguments, cmd_alerts
from onemap.cli_server import add_arguments as server_arguments
from onemap.cli_server import (
    checkin_arguments,
    checkout_arguments,
    inventory_spec,
    run_checkin,
    run_checkout,
    server_scratch,
)
from onemap.cli_server import run as cmd_server
from onemap.cli_server import run_import as run_server_import
from onemap.cli_text import say
from onemap.io.ledger_table import LedgerError
from onemap.store.errors import InventoryError

log = logging.getLogger("onemap.cli")
COMMANDS: tuple[str, ...] = (
    "demo",
    "import",
    "list",
    "show",
    "validate",
    "export",
    "brief",
    "snapshot",
    "history",
    "alerts",
    "watch",
)
COMMANDS += ("checkup", "score", "plan", "districts")  # check-up, scoring, plan, 片区 (cli_checkup … .py)
COMMANDS += ("server", "checkout", "checkin")  # issue 16: onemap/cli_server.py
COMMANDS += cli_coverage.COMMANDS  # coverage, facilities


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="onemap", description="OneMap 一张图：老旧小区改造清单")
    parser.add_argument("--version", action="version", version=f"onemap {__version__}")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="message language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="生成演示清单（勉县） / make a demo inventory")
    demo.add_argument("out", type=Path, metavar="OUT.gpkg")
    demo.add_argument("--estates", type=_positive, default=150)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--force", action="store_true", help="overwrite OUT.gpkg if it exists (never an input)")
    demo.add_argument("--json", action="store_true")

    imp = sub.add_parser("import", help="导入台账 / import a ledger (.xlsx, .csv, .geojson)")
    imp.add_argument("source", type=Path, metavar="SRC")
    imp.add_argument(
        "--into", type=inventory_spec, required=True, metavar="INV.gpkg|URL", help="created if it does not exist"
    )
    imp.add_argument("--crs", default="auto", help="auto, EPSG:n, wgs84, cgcs2000, gcj02 (高德/腾讯), bd09 (百度)")
    imp.add_argument("--county", help="county admin code for a new inventory, e.g. 610725")
    imp.add_argument("--sheet", help="Excel sheet name or number (default: the one holding the ledger)")
    imp.add_argument("--dry-run", action="store_true", help="change nothing, print the same report")
    imp.add_argument("--json", action="store_true")
    imp.add_argument("--report", type=Path, metavar="REPORT.xlsx", help="also save the report as a workbook")
    imp.add_argument("--force", action="store_true", help="overwrite REPORT.xlsx if it exists")

    lst = sub.add_parser("list", help="列出小区 / list estates")
    lst.add_argument("inventory", type=inventory_spec, metavar="INV.gpkg")
    lst.add_argument("--where", action="append", help="e.g. 状态=在建, renewal_year>=2023, name~桂园")
    lst.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="显示一个小区 / show one estate")
    show.add_argument("inventory", type=inventory_spec, metavar="INV.gpkg")
    show.add_argument("code")
    show.add_argument("--json", action="store_true")

    val = sub.add_parser("validate", help="检查清单文件 / check an inventory file")
    val.add_argument("inventory", type=inventory_spec, metavar="INV.gpkg|URL")
    val.add_argument("--full", action="store_true", help="SQLite's full integrity check (indexes too; slower)")
    val.add_argument("--json", action="store_true")

    exp = sub.add_parser("export", help="导出 / export (.gpkg, .geojson, .csv, .xlsx, .kml, .shp)")
    exp.add_argument("inventory", type=inventory_spec, metavar="INV.gpkg")
    exp.add_argument(
        "out",
        type=Path,
        metavar="OUT",
        help="格式由扩展名决定；.shp 另写 OUT_outlines.shp（范围面）/ the suffix picks the format "
        "(.gpkg .geojson .csv .xlsx .kml .shp); .shp also writes OUT_outlines.shp (outlines)",
    )
    exp.add_argument("--where", action="append")
    exp.add_argument("--force", action="store_true")
    from onemap.brief.command import add_arguments as brief_arguments  # imports no ReportLab

    brief_arguments(sub.add_parser("brief", help="简报 PDF / briefing sheets and packets"))
    from onemap.gui.snapshot import add_arguments as snapshot_arguments  # imports no Qt

    snapshot_arguments(sub.add_parser("snapshot", help="地图快照 PNG / the map as a picture"))
    history_arguments(sub.add_parser("history", help="修改记录（含其他程序的修改） / the audit trail"))
    alerts_arguments(sub.add_parser("alerts", help="告警列表与处置 / alerts: list, advance, close"))
    from onemap.cli_watch import add_arguments as watch_arguments  # the collector's modules load only in run

    watch_arguments(sub.add_parser("watch", help="事件采集器 / the live-watch collector (MQTT, push, pull)"))
    cli_checkup.add_arguments(sub.add_parser("checkup", help="城市体检：导入、汇总、问题清单 / the check-up"))
    cli_score.add_arguments(sub.add_parser("score", help="评分排序 / score and rank estates"))
    cli_plan.add_arguments(sub.add_parser("plan", help="年度计划 / the annual plan within a budget"))
    cli_districts.add_arguments(sub.add_parser("districts", help="片区（组团连片） / group estates into 片区"))
    server_arguments(sub.add_parser("server", help="共享清单服务器（PostgreSQL） / the shared inventory server"))
    checkout_arguments(sub.add_parser("checkout", help="从服务器签出外业清单 / check a field copy out"))
    checkin_arguments(sub.add_parser("checkin", help="把外业修改签入服务器 / check a field copy back in"))
    cli_coverage.add_arguments(sub)  # coverage, facilities
    _lang_after_command(sub)
    return parser


def _lang_after_command(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    # `onemap list X --lang en` works as well as `onemap --lang en list X`
    for command in sub.choices.values():
        command.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def history_arguments(history: argparse.ArgumentParser) -> None:
    """``onemap history INV.gpkg [CODE] [--json] [--limit N]``."""
    history.add_argument("inventory", type=inventory_spec, metavar="INV.gpkg")
    history.add_argument("code", nargs="?", metavar="CODE", help="one estate and its rows (default: all)")
    history.add_argument("--limit", type=_positive, help="only the newest N changes")
    history.add_argument("--json", action="store_true")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_console()
    from onemap.logs import setup_logging

    log_path = setup_logging()
    lang, rest = _viewer_language(argv)
    if not rest or (rest[0] not in COMMANDS and not rest[0].startswith("-")):
        from onemap.launch import open_server_viewer, open_viewer

        if rest and rest[0].startswith(("postgresql://", "postgres://")):  # a shared inventory (issue 16)
            return open_server_viewer(rest[0], lang)
        return open_viewer(Path(rest[0]) if rest else None, lang)
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:  # usage errors (2) and --help/--version (0)
        return int(exit_.code or 0)
    if args.command is None:
        build_parser().print_help()
        return 2
    _print_notices(args.lang)
    try:
        code = int(HANDLERS[args.command](args))
        sys.stdout.flush()  # a closed pipe shows up here, inside the handlers below
        return code
    except BrokenPipeError:
        return _reader_went_away()
    except InventoryError as error:
        print(error.message(args.lang), file=sys.stderr)
        return 1
    except LedgerError as error:
        print(error.message_zh if args.lang == "zh" else error.message_en, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(say(args.lang, "cancelled"), file=sys.stderr)
        return 1
    except Exception as error:  # the last line of defence: say where the details are
        from onemap.store.files import storage_error

        # what the database engine said, by its code: busy or locked is never "damaged"
        stored = storage_error(error, getattr(args, "inventory", None) or getattr(args, "into", None))
        if stored is not None:
            print(stored.message(args.lang), file=sys.stderr)
            return 1
        log.exception("onemap %s failed", args.command)
        print(say(args.lang, "internal", log=log_path), file=sys.stderr)
        return 1


def _reader_went_away() -> int:
    """Output piped into ``head`` that stopped reading: nothing went wrong, say nothing."""
    # Python flushes stdout again at exit and would complain about the closed pipe then
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 0


def _viewer_language(argv: list[str]) -> tuple[str | None, list[str]]:
    """``onemap --lang en [FILE]``: the language asked for and the arguments without it.

    Only ``zh``/``en`` are taken out; anything else stays for the parser to refuse.
    """
    lang, rest, i = None, [], 0
    while i < len(argv):
        if argv[i] == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("zh", "en"):
            lang, i = argv[i + 1], i + 2
        elif argv[i] in ("--lang=zh", "--lang=en"):
            lang, i = argv[i].partition("=")[2], i + 1
        else:
            rest.append(argv[i])
            i += 1
    return lang, rest


def _print_notices(lang: str) -> None:
    """The store's notices ("waiting for another program…") as one line each on stderr."""
    said: set[str] = set()

    class Printer(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            notice = getattr(record, "notice", None)
            line = notice.message(lang) if notice is not None else record.getMessage()
            if line not in said:  # an outline read for every sheet it appears on is named once
                said.add(line)
                print(line, file=sys.stderr, flush=True)

    notices = logging.getLogger("onemap.notice")
    notices.handlers = [h for h in notices.handlers if type(h).__name__ != "Printer"] + [Printer()]


def _utf8_console() -> None:
    # Windows consoles may be GBK: never crash on a character they cannot show.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def cmd_demo(args: argparse.Namespace) -> int:
    from onemap.demo import make_demo
    from onemap.demo.reflayers import write_demo_layers
    from onemap.geo.refsets import sidecar_path
    from onemap.outputs import OutputFile
    from onemap.summary import inventory_summary, summary_text

    # the summary is read before the rename: an open file cannot be replaced on Windows
    with (
        OutputFile(args.out, force=args.force) as temp,
        make_demo(temp, args.estates, args.seed, overwrite=True) as inventory,
    ):
        summary = {**inventory_summary(inventory), "file": str(args.out)}
    if args.force or not sidecar_path(args.out).exists():  # a layers file of the user's own is kept
        write_demo_layers(args.out)  # schematic streets, river, townships beside it (onemap/demo/reflayers.py)
    if args.json:
        _print_json(summary)
    else:
        print(summary_text(summary, args.lang))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from onemap.cli_checks import county_problem, crs_problem
    from onemap.io.importer import ImportOptions, import_ledger
    from onemap.outputs import OutputError, check_output, same_file

    if problem := crs_problem(args.crs, args.lang) or county_problem(args.county, args.lang):
        print(problem, file=sys.stderr)
        return 1
    if isinstance(args.into, str):  # a postgresql:// URL (issue 16)
        return run_server_import(args)
    if args.source.exists() and same_file(args.source, args.into):
        raise OutputError("same_as_input", args.into, detail=str(args.source))
    if args.report is not None:
        check_output(args.report, [args.source, args.into], force=args.force)
    created = not args.into.exists()
    options = ImportOptions(crs=args.crs, county=args.county, sheet=args.sheet, dry_run=args.dry_run)
    report = import_ledger(args.source, args.into, options)
    if args.report is not None:
        _save_report(report, args)
    if args.json:
        _print_json(report.as_dict())
    else:
        print(report.text(args.lang))
    if created:
        _say_new_codes(args)
    # a ledger whose rows all matched unchanged estates is done too: only a ledger with no usable row is not
    return 0 if report.imported or report.updated or report.unchanged else 1


def _say_new_codes(args: argparse.Namespace) -> None:
    if args.county is None:
        print(say(args.lang, "new_without_county", name=args.into.name), file=sys.stderr)
        return
    from onemap.geo.boundaries import county_name

    print(
        say(
            args.lang,
            "new_with_county",
            name=args.into.name,
            code=args.county,
            county=county_name(args.county) or args.county,
        ),
        file=sys.stderr,
    )


def _save_report(report: Any, args: argparse.Namespace) -> None:
    from onemap.io.report_xlsx import save_report_xlsx
    from onemap.outputs import OutputFile

    with OutputFile(args.report, [args.source, args.into], force=args.force) as temp:
        save_report_xlsx(report, temp, args.lang)


def cmd_list(args: argparse.Namespace) -> int:
    from onemap.model import blank_word, status_label
    from onemap.store import Inventory
    from onemap.store.check_status import status_key

    with Inventory.open(args.inventory, readonly=True) as inventory:
        estates = inventory.estates(args.where)
    if args.json:
        _print_json(
            [
                {
                    **e.attributes(),
                    "lon": e.location[0] if e.location else None,
                    "lat": e.location[1] if e.location else None,
                }
                for e in estates
            ]
        )
        return 0
    blank = blank_word(args.lang)
    lines = [
        f"{e.code}\t{e.name}\t{e.township or blank}\t{status_label(status_key(e.status), args.lang)}"
        f"\t{e.renewal_year or blank}"
        for e in estates
    ]
    lines.append(say(args.lang, "list_total", n=len(estates)))
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from onemap.store import Inventory
    from onemap.summary import estate_record, estate_text

    with Inventory.open(args.inventory, readonly=True) as inventory:
        estate = inventory.estate(args.code)
    if args.json:
        _print_json(estate_record(estate))
    else:
        print(estate_text(estate, args.lang))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from onemap.store.check import check_inventory
    from onemap.store.server.check import check_server

    is_url = isinstance(args.inventory, str)  # a postgresql:// URL: the server's own checks (issue 16)
    report = check_server(args.inventory) if is_url else check_inventory(args.inventory, full=args.full)
    if args.json:
        _print_json(report.as_dict())
    elif not report.usable:
        finding = report.findings[0]
        print(finding.message if args.lang == "zh" else finding.message_en, file=sys.stderr)
    else:
        _print_findings(report, args.lang)
    return 0 if report.usable else 1


def _print_findings(report: Any, lang: str) -> None:
    colon = "：" if lang == "zh" else ": "
    for finding in report.findings:
        text = finding.message if lang == "zh" else finding.message_en
        where = "" if finding.where == "file" else f"[{finding.where}] "
        level = say(lang, "validate_error" if finding.level == "error" else "validate_warning")
        print(f"{level}{colon}{where}{text}")
    print(say(lang, "validate_usable", n=report.estates, k=len(report.findings)))


def cmd_export(args: argparse.Namespace) -> int:
    from onemap.io.export import EXPORT_FORMATS, export
    from onemap.outputs import OutputFile
    from onemap.store import Inventory

    if args.out.suffix.lower() not in EXPORT_FORMATS:
        print(
            say(args.lang, "export_format", suffix=args.out.suffix, choices=", ".join(EXPORT_FORMATS)), file=sys.stderr
        )
        return 2
    notices: list[tuple[str, str]] = []
    with (
        OutputFile(args.out, [args.inventory], force=args.force) as temp,
        Inventory.open(args.inventory, readonly=True) as inventory,
    ):
        count = export(inventory, temp, args.where, overwrite=True, notices=notices)
    print(say(args.lang, "export_done", n=count, out=args.out))
    for zh, en in notices:  # what the format could not hold (a shapefile's text cut at 254 bytes)
        print(zh if args.lang == "zh" else en, file=sys.stderr)
    return 0


def cmd_snapshot(args: argparse.Namespace) -> int:
    from onemap.gui.snapshot import run

    with server_scratch(args):  # a postgresql:// URL: drawn from a read-only scratch copy (issue 16)
        return run(args)


def cmd_brief(args: argparse.Namespace) -> int:
    import tempfile

    from onemap.brief.command import run

    if not args.inset_3d:
        with server_scratch(args):  # a postgresql:// URL: built from a read-only scratch copy (issue 16)
            return run(args)
    with server_scratch(args), tempfile.TemporaryDirectory(prefix="onemap-3d-") as folder:
        args.render_insets = lambda inventory, codes, _near: _render_3d_insets(inventory, codes, Path(folder))
        return run(args)


def _render_3d_insets(inventory: Path, codes: list[str], folder: Path) -> dict[str, Path]:
    """3D inset pictures for ``onemap brief --3d-inset`` (the PDF embeds them; the folder goes)."""
    try:
        from onemap.gui.scene3d.snapshot import render_3d_insets
    except ImportError as error:
        from onemap.said import Said

        raise RuntimeError(
            Said(
                "三维示意需要图形界面组件（pip install 'onemap[gui]'）。",
                "The 3D insets need the GUI components (pip install 'onemap[gui]').",
            )
        ) from error
    return render_3d_insets(inventory, codes, folder)


def cmd_history(args: argparse.Namespace) -> int:
    from onemap.store import Inventory
    from onemap.store.trail import as_line, as_record

    with Inventory.open(args.inventory, readonly=True) as inventory:
        found = inventory.history(args.code, args.limit)
        if args.code is not None and not found:
            inventory.estate(args.code)  # an unknown code gets the store's sentence
    if args.json:
        _print_json([as_record(entry) for entry in found])
        return 0
    lines = [as_line(entry, args.lang) for entry in found]
    lines.append(f"共 {len(found)} 条修改记录" if args.lang == "zh" else f"{len(found)} changes")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from onemap.cli_watch import run

    return run(args)


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "import": cmd_import,
    "list": cmd_list,
    "show": cmd_show,
    "validate": cmd_validate,
    "export": cmd_export,
    "brief": cmd_brief,
    "snapshot": cmd_snapshot,
    "history": cmd_history,
    "alerts": cmd_alerts,
    "watch": cmd_watch,
    "server": cmd_server,
    "checkout": run_checkout,
    "checkin": run_checkin,
}
HANDLERS.update(
    {"checkup": cli_checkup.run, "score": cli_score.run, "plan": cli_plan.run, "districts": cli_districts.run}
)
HANDLERS.update(cli_coverage.HANDLERS)  # coverage, facilities


if __name__ == "__main__":
    raise SystemExit(main())
