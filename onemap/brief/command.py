"""``onemap brief``: briefing sheets and packets from the command line.

``onemap brief INV.gpkg (CODE... | --all | --where ...) -o OUT.pdf [--redact-phones] [--paper A4|A3]
[--landscape] [--font PATH] [--date YYYY-MM-DD]``.  One estate gives its sheet; several give a packet (cover,
contents, county summary, overview map, sheets) unless ``--sheets-only``.  Exit codes:
0 done (warnings allowed), 1 refused input (one Chinese sentence on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from onemap.cli_server import inventory_spec
from onemap.geo.refsets import add_layer_argument
from onemap.outputs import OutputFile
from onemap.said import error_text, in_lang
from onemap.store.errors import InventoryError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``brief`` arguments to a (sub)parser."""
    parser.add_argument("inventory", type=inventory_spec, metavar="INV.gpkg|URL")  # issue 16: URLs too
    parser.add_argument("codes", nargs="*", metavar="CODE", help="小区编码 / estate codes")
    parser.add_argument("--all", action="store_true", dest="all_estates", help="全部小区 / every estate")
    parser.add_argument("--where", action="append", help="筛选，例如 状态=在建 / a filter such as 状态=在建")
    parser.add_argument("-o", "--out", type=Path, required=True, metavar="OUT.pdf")
    parser.add_argument("--force", action="store_true", help="覆盖已有的 PDF / overwrite OUT.pdf if it exists")
    parser.add_argument("--redact-phones", action="store_true", help="电话打码 138****5678 / mask phone numbers")
    parser.add_argument("--paper", type=str.upper, choices=("A4", "A3"), default="A4")
    parser.add_argument("--landscape", action="store_true", help="横向 / landscape pages")
    parser.add_argument("--font", type=Path, metavar="PATH", help="TrueType 中文字体 (.ttf/.ttc) / a CJK TrueType font")
    parser.add_argument(
        "--basemap",
        metavar="SOURCE",
        help="底图：.mbtiles 文件、瓦片地址模板或 tianditu:vec|img（在线底图只用本机缓存）/ basemap: MBTiles, URL "
        "template or tianditu:vec|img (web sources from the local cache only)",
    )
    add_layer_argument(parser)
    parser.add_argument(
        "--date",
        type=date.fromisoformat,
        dest="report_date",
        metavar="YYYY-MM-DD",
        help="统计截止日期：列出此前30天的告警（默认今天）/ the report date: alerts of the 30 days up to it",
    )
    parser.add_argument("--sheets-only", action="store_true", help="只输出小区档案页 / estate sheets only")
    parser.add_argument(
        "--plan-budget",
        metavar="WAN",
        help="加入年度改造计划汇报，按此预算（万元）选取 / add the annual plan's 汇报 within this budget (万元)",
    )
    parser.add_argument("--plan-year", type=int, metavar="YEAR", help="计划年度（默认明年）/ the plan's year")
    parser.add_argument(
        "--3d-inset",
        action="store_true",
        dest="inset_3d",
        help="在位置图角上加三维示意（需要图形显示，服务器上用 xvfb-run）/ a 3D inset per sheet",
    )


def run(args: argparse.Namespace) -> int:
    """Run ``onemap brief``; returns the exit code."""
    # ReportLab loads here, not when the parser is built: other commands start faster
    from onemap.brief.build import build_packet, build_sheets, select_estates
    from onemap.brief.options import BriefCancelled, BriefOptions
    from onemap.store.inventory import Inventory

    lang = getattr(args, "lang", "zh")
    usage = _usage_problem(args, lang)
    if usage:
        print(usage, file=sys.stderr)
        return 2
    options = BriefOptions(
        paper=args.paper,
        landscape=args.landscape,
        redact_phones=args.redact_phones,
        font_path=args.font,
        mbtiles_path=args.basemap,
        layer_files=list(getattr(args, "layers", [])),
        report_date=args.report_date,
        plan_budget_wan=getattr(args, "plan_budget", None),
        plan_year=getattr(args, "plan_year", None),
    )
    try:
        with (
            OutputFile(
                args.out,
                [args.inventory, args.font, _file(args.basemap), *getattr(args, "layers", [])],
                force=getattr(args, "force", False),
            ) as temp,
            Inventory.open(args.inventory, readonly=True) as inventory,
        ):
            estates = select_estates(inventory, args.codes, all_estates=args.all_estates, where=args.where)
            if not estates:
                raise _Nothing(_say(lang, "none"))
            if args.inset_3d:
                insets = _render_insets(args, [e.code for e in estates])
                if insets is None:
                    raise _Nothing("")  # the renderer said why
                options = replace(options, inset_images=insets)
            if args.sheets_only or len(args.codes) == 1:
                result = build_sheets(inventory, estates, temp, options)
            else:
                result = build_packet(inventory, estates, temp, options, selection=_selection(args))
    except _Nothing as nothing:
        if str(nothing):
            print(nothing, file=sys.stderr)
        return 1
    except InventoryError as error:
        print(error.message(lang), file=sys.stderr)
        return 1
    except BriefCancelled:
        print(_say(lang, "cancelled"), file=sys.stderr)
        return 1
    except OSError as error:
        print(_say(lang, "unwritable", out=args.out, why=error.strerror or error), file=sys.stderr)
        return 1
    for warning in result.warnings:  # deeper modules' warnings carry their English twin
        print(f"{_say(lang, 'note')}{in_lang(warning, lang)}", file=sys.stderr)
    print(_say(lang, "done", out=args.out, pages=result.page_count, n=result.estates, s=result.seconds))
    return 0


class _Nothing(Exception):
    """No estate to print (or no 3D inset renderer): the temporary PDF goes, nothing is written."""


_TEXT = {
    "none": ("没有符合条件的小区，未生成 PDF。", "No estate matches; no PDF was made."),
    "cancelled": ("已取消，未生成 PDF。", "Cancelled; no PDF was made."),
    "unwritable": (
        "无法写入 {out}（{why}）：文件可能正在 PDF 阅读器中打开，或没有写入权限。",
        "Could not write {out} ({why}): it may be open in a PDF reader, or you may not write there.",
    ),
    "note": ("提示：", "Note: "),
    "done": (
        "已生成 {out}：{pages} 页，{n} 个小区，用时 {s:.1f} 秒",
        "Made {out}: {pages} pages, {n} estates, {s:.1f} s",
    ),
    "choose": (
        "请只用一种方式选择小区：小区编码、--all 或 --where（例如 onemap brief 清单.gpkg --all -o 简报.pdf）。",
        "Choose the estates one way only: codes, --all or --where (e.g. onemap brief INV.gpkg --all -o OUT.pdf).",
    ),
    "pdf": ("输出文件应以 .pdf 结尾：{name}", "The output should end in .pdf: {name}"),
    "no_gui": (
        "三维示意需要图形界面组件（pip install 'onemap[gui]'）。",
        "The 3D insets need the GUI components (pip install 'onemap[gui]').",
    ),
}


def _say(lang: str, key: str, **values: object) -> str:
    zh, en = _TEXT[key]
    return (zh if lang == "zh" else en).format(**values)


def _render_insets(args: argparse.Namespace, codes: list[str]) -> dict[str, Path] | None:
    """3D pictures from the renderer the command line injected (the core never imports Qt)."""
    render = getattr(args, "render_insets", None)
    if render is None:
        print(_say(getattr(args, "lang", "zh"), "no_gui"), file=sys.stderr)
        return None
    try:
        return dict(render(args.inventory, codes, args.out.resolve().parent))
    except RuntimeError as error:  # the renderer's own sentence: no display, no OpenGL
        print(error_text(error, getattr(args, "lang", "zh")), file=sys.stderr)
        return None


def _usage_problem(args: argparse.Namespace, lang: str) -> str | None:
    chosen = sum([bool(args.codes), bool(args.all_estates), bool(args.where)])
    if chosen != 1:
        return _say(lang, "choose")
    if args.out.suffix.lower() != ".pdf":
        return _say(lang, "pdf", name=args.out.name)
    if getattr(args, "plan_budget", None) is not None:
        from onemap.checkup.plan_inputs import money

        args.plan_budget, problem = money(args.plan_budget)
        if problem is not None:
            return str(problem) if lang == "zh" else problem.en
    return None


def _selection(args: argparse.Namespace) -> str:
    if args.all_estates:
        return "全部小区"
    if args.where:
        from onemap.store.where import parse_where

        return f"筛选条件：{parse_where(args.where).text}"
    return f"指定的 {len(args.codes)} 个小区"


def _file(basemap: str | None) -> Path | None:
    """The basemap as a file input (a web source is none: it cannot be the output)."""
    if not basemap or "://" in basemap or basemap.lower().startswith("tianditu:"):
        return None
    return Path(basemap)
