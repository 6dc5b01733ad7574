"""What ``onemap coverage`` and ``onemap facilities`` print: lines in Chinese or English, JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from typing import Any

from onemap.analysis.coverage import EstateCoverage
from onemap.analysis.coverage_summary import CoverageSummary
from onemap.analysis.facility_types import default_config
from onemap.analysis.walknet import WalkNetwork


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def method_line(summary: CoverageSummary, network: WalkNetwork | None, lang: str) -> str:
    """Which distance was used, as a sentence (every output says it)."""
    if network is not None:
        if lang == "zh":
            return f"距离：沿步行路网（{network.source}）计算。"
        return f"Distances: along the walking network ({network.source})."
    if lang == "zh":
        return f"距离：未载入路网，按直线距离 × 绕行系数 {summary.detour:g} 估算。"
    return f"Distances: no network loaded; straight line × detour factor {summary.detour:g}."


def coverage_lines(
    result: Mapping[str, EstateCoverage],
    names: Mapping[str, str],
    summary: CoverageSummary,
    network: WalkNetwork | None,
    lang: str,
) -> list[str]:
    """One line per estate with its gaps, then the county summary."""
    kinds = default_config().by_key()
    lines = []
    for code, cov in result.items():
        gaps = (
            "、".join(kinds[k].name(lang) for k in cov.gaps)
            if lang == "zh"
            else ", ".join(kinds[k].name(lang) for k in cov.gaps)
        )
        if lang == "zh":
            lines.append(f"{code} {names.get(code, '')}：" + (f"缺 {gaps}" if gaps else "完整社区清单已满足"))
        else:
            lines.append(f"{code} {names.get(code, '')}: " + (f"lacks {gaps}" if gaps else "checklist met"))
    lines.append(method_line(summary, network, lang))
    part = len(summary.served) < len(kinds)  # --type: the checklist's measured part only
    if lang == "zh":
        which = "所计算类型中的完整社区配套清单项" if part else "完整社区配套清单"
        lines.append(f"共 {summary.estates} 个小区，{summary.met} 个满足{which}。")
    else:
        which = "the measured types of the complete-community checklist" if part else "the complete-community checklist"
        lines.append(f"{summary.estates} estates, {summary.met} meet {which}.")
    for kind, served in summary.served.items():
        t = kinds[kind]
        metres = default_config().circles[t.circle]
        if lang == "zh":
            lines.append(f"  {t.zh}：{served}/{summary.estates} 个小区在 {metres:g} 米内")
        else:
            lines.append(f"  {t.en}: {served}/{summary.estates} estates within {metres:g} m")
    return lines


def facility_types(args: argparse.Namespace) -> int:
    """``onemap facilities types``: the type list and circle distances."""
    config = default_config()
    if args.json:
        _print_json(
            {
                "version": config.version,
                "detour_factor": config.detour_factor,
                "circles_m": config.circles,
                "types": [
                    {"key": t.key, "code": t.code, "zh": t.zh, "en": t.en, "circle": t.circle, "checklist": t.checklist}
                    for t in config.types
                ],
            }
        )
        return 0
    for t in config.types:
        mark = "✓" if t.checklist else " "
        metres = config.circles[t.circle]
        sys.stdout.write(f"{mark} {t.key:16} {t.code:9} {t.name(args.lang)}  ≤{metres:g} m\n")
    return 0


def facilities_list(args: argparse.Namespace) -> int:
    """``onemap facilities list``."""
    from onemap.cli_coverage import unknown_type
    from onemap.store import Inventory

    if (wrong := unknown_type(args.type, args.lang, also=("other",))) is not None:
        print(wrong, file=sys.stderr)
        return 2

    with Inventory.open(args.inventory, readonly=True) as inventory:
        found = inventory.facilities(args.type or None)
    if args.json:
        _print_json(
            [
                {
                    "fid": f.fid,
                    "name": f.name,
                    "type": f.kind,
                    "type_text": f.kind_text,
                    "estate": f.estate_code,
                    "township": f.township,
                    "lon": None if f.location is None else f.location[0],
                    "lat": None if f.location is None else f.location[1],
                }
                for f in found
            ]
        )
        return 0
    kinds = default_config().by_key()
    for f in found:
        kind = kinds[f.kind].name(args.lang) if f.kind in kinds else (f.kind_text or f.kind)
        sys.stdout.write(f"{f.fid}\t{kind}\t{f.name}\t{f.estate_code or ''}\n")
    sys.stdout.write((f"共 {len(found)} 个设施" if args.lang == "zh" else f"{len(found)} facilities") + "\n")
    return 0


def facilities_import(args: argparse.Namespace) -> int:
    """``onemap facilities import``: read, report, and (unless a dry run) add the rows, audited."""
    from onemap.cli_checks import crs_problem
    from onemap.io.facility_import import read_facilities
    from onemap.io.ledger_table import LedgerError
    from onemap.store import Inventory

    if problem := crs_problem(args.crs, args.lang):
        print(problem, file=sys.stderr)
        return 1
    if not args.into.exists():
        raise LedgerError(
            f"找不到清单 {args.into.name}：设施只能导入到已有的清单",
            f"Facilities go into an existing inventory and {args.into.name} does not exist",
        )
    found, report = read_facilities(args.source, crs=args.crs, sheet=args.sheet)
    report.dry_run = args.dry_run
    report.imported = [f.name for f in found]
    if found and not args.dry_run:
        with Inventory.open(args.into) as inventory:
            with inventory.backup_before_changes("before-import") as backup, inventory.transaction():
                inventory.add_facilities(found, f"导入 {args.source.name}")
            report.backup = None if backup.path is None else str(backup.path)
    if args.json:
        _print_json(report.as_dict())
    else:
        print(report.text(args.lang))
    return 0 if found else 1
