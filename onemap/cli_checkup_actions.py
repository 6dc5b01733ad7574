"""The four actions of ``onemap checkup`` (see :mod:`onemap.cli_checkup`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from onemap.cli_checkup import print_json, say


def _import(args: argparse.Namespace) -> int:
    from onemap.checkup.sheet_import import import_survey_sheet
    from onemap.checkup.sheets import FIELD_NAMES

    result = import_survey_sheet(args.inventory, args.sheet_file, args.sheet, dry_run=args.dry_run)
    read, written = result.read, result.written
    reported = [
        {"row": p.row, "field": FIELD_NAMES[p.field], "reason": say(args.lang, p.reason_zh, p.reason_en)}
        for p in read.problems
    ]
    if args.json:
        print_json({"rows": read.rows, "imported": written, "would_import": len(read.findings), "reported": reported})
    else:
        for p in reported:
            print(
                say(
                    args.lang,
                    f"第 {p['row']} 行 {p['field']}：{p['reason']}",
                    f"row {p['row']} {p['field']}: {p['reason']}",
                ),
                file=sys.stderr,
            )
        done = len(read.findings)
        zh = f"共 {read.rows} 行：导入 {done} 行，未导入 {len(reported)} 行"
        en = f"{read.rows} rows: {done} imported, {len(reported)} reported"
        dry = say(args.lang, "（试导入，未写入）", " (dry run, nothing written)") if args.dry_run else ""
        print(say(args.lang, zh, en) + dry)
    return 0 if read.findings else 1


def _rollup(args: argparse.Namespace) -> int:
    from onemap.checkup.gather import read_checkup
    from onemap.checkup.rollup import roll_up
    from onemap.store import Inventory

    with Inventory.open(args.inventory, readonly=True) as inventory:
        data = read_checkup(inventory, args.version)
        districts = inventory.district_map()
    rollup = roll_up(data.wording, data.places, data.findings, data.gaps, districts)
    groups = rollup.figures[args.level]
    if args.json:
        indicators = [
            {"code": c, "name": i.label(args.lang), "unit": i.unit, "source": i.source}
            for c, i in data.wording.indicators.items()
        ]
        print_json(
            {
                "version": rollup.version,
                "facility_distance": rollup.method,
                "facility_network": data.gaps.source or None,
                "level": args.level,
                "indicators": indicators,
                "groups": groups,
            }
        )
        return 0
    names = list(data.wording.indicators)
    lines = ["\t".join([say(args.lang, "单位", "group"), *names])]
    lines += ["\t".join([g, *(f"{v[c]:g}" for c in names)]) for g, v in sorted(groups.items())]
    method = data.gaps.method_text(args.lang)
    lines.append(
        say(
            args.lang,
            f"指标版本 {rollup.version}；设施距离：{method}",
            f"indicator version {rollup.version}; facility distance: {method}",
        )
    )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _problems(args: argparse.Namespace) -> int:
    from onemap.checkup.gather import read_checkup
    from onemap.checkup.problems import problem_lines
    from onemap.checkup.problems_xlsx import save_problem_list
    from onemap.checkup.rollup import roll_up
    from onemap.outputs import OutputFile
    from onemap.store import Inventory

    with Inventory.open(args.inventory, readonly=True) as inventory:
        data = read_checkup(inventory, args.version)
    lines = problem_lines(data.wording, data.places, data.findings, data.gaps, data.building_names)
    rollup = roll_up(data.wording, data.places, data.findings, data.gaps)
    with OutputFile(args.out, [args.inventory], force=args.force) as temp:
        save_problem_list(lines, rollup, data.wording, temp, args.lang)
    print(
        say(args.lang, f"问题清单 {len(lines)} 条，已写入 {args.out}", f"{len(lines)} problems written to {args.out}")
    )
    return 0


def _items(args: argparse.Namespace) -> int:
    from onemap.checkup.gather import read_checkup
    from onemap.checkup.problems import problem_lines, renovation_items
    from onemap.store import Inventory

    with Inventory.open(args.inventory) as inventory:
        data = read_checkup(inventory, args.version)
        lines = problem_lines(data.wording, data.places, data.findings, data.gaps, data.building_names)
        wanted = set(args.estate or [line.estate_code for line in lines])
        items = renovation_items(
            [line for line in lines if line.estate_code in wanted], inventory.renovation_item_list()
        )
        with inventory.transaction():
            for item in items:
                inventory.add_child("renovation_items", item)
    print(
        say(
            args.lang,
            f"新增改造内容 {len(items)} 项（{len(wanted)} 个小区）",
            f"{len(items)} renovation items added ({len(wanted)} estates)",
        )
    )
    return 0


def _stats(args: argparse.Namespace) -> int:
    from onemap.checkup.stats_survey import save_survey
    from onemap.model import OUTPUT_FIELDS
    from onemap.outputs import OutputFile
    from onemap.store import Inventory

    columns = ["code", "name", "township", "community", "built_year", "buildings", "households", "floor_area_m2",
               "renewal_year", "status", "start_date", "finish_date", "investment_wan", *OUTPUT_FIELDS]  # fmt: skip
    with Inventory.open(args.inventory, readonly=True) as inventory:
        estates = inventory.year_estate_rows(args.year, columns)
    with OutputFile(args.out, [args.inventory], force=args.force) as temp:
        blank = save_survey(estates, args.year, temp, args.template)
    zh = f"已写出 {args.year} 年度统计调查报表（{len(estates)} 个小区）；{len(blank)} 个栏目清单中暂无数据，需手填"
    print(
        say(args.lang, zh, f"{args.year} survey written ({len(estates)} estates); {len(blank)} columns to fill by hand")
    )
    return 0


ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import": _import,
    "rollup": _rollup,
    "problems": _problems,
    "items": _items,
    "stats": _stats,
}
