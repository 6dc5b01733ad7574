"""``onemap checkup``: survey sheets in, indicator roll-ups and the problem list out.

``onemap checkup INV import SHEET.xlsx [--sheet S] [--dry-run] [--json]`` imports findings
(every row imported or reported with its row, field and reason); ``rollup [--level L]
[--json]`` prints the indicators per estate, community, township or county; ``problems -o
OUT.xlsx [--force]`` writes the problem list (问题清单); ``items [--estate CODE]...`` turns
problems into renovation items of their estates (一区一策).  Exit codes: 0 done (rows
reported allowed), 1 nothing done or refused, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from onemap.checkup.indicators import CURRENT_VERSION
from onemap.checkup.rollup import LEVELS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``onemap checkup``."""
    parser.add_argument("inventory", type=Path, metavar="INV.gpkg")
    actions = parser.add_subparsers(dest="action", required=True, metavar="import|rollup|problems|items|stats")
    sheet = actions.add_parser("import", help="导入体检调查表 / import a survey sheet")
    sheet.add_argument("sheet_file", type=Path, metavar="SHEET.xlsx")
    sheet.add_argument("--sheet", help="工作表名称或序号 / sheet name or number")
    sheet.add_argument("--dry-run", action="store_true")
    sheet.add_argument("--json", action="store_true")
    roll = actions.add_parser("rollup", help="指标汇总 / indicator roll-up")
    roll.add_argument("--level", choices=LEVELS, default="township")
    roll.add_argument("--version", default=CURRENT_VERSION, help="指标版本 / indicator wording version")
    roll.add_argument("--json", action="store_true")
    network_options(roll)
    problems = actions.add_parser("problems", help="问题清单 Excel / the problem list as Excel")
    problems.add_argument("-o", "--out", type=Path, required=True, metavar="OUT.xlsx")
    problems.add_argument("--version", default=CURRENT_VERSION)
    problems.add_argument("--force", action="store_true")
    network_options(problems)
    items = actions.add_parser("items", help="问题转为改造内容 / problems into renovation items")
    items.add_argument("--estate", action="append", metavar="CODE", help="only these estates (default: all)")
    items.add_argument("--version", default=CURRENT_VERSION)
    stats = actions.add_parser("stats", help="统计调查报表 / the national statistical survey as Excel")
    stats.add_argument("-o", "--out", type=Path, required=True, metavar="OUT.xlsx")
    stats.add_argument("--year", type=int, required=True, help="改造年度 / renewal year")
    stats.add_argument(
        "--template",
        type=Path,
        metavar="T.toml",
        help="报表模板文件或内置版本（2025、2025.2）/ template file or shipped version",
    )
    stats.add_argument("--force", action="store_true")


def network_options(parser: argparse.ArgumentParser) -> None:
    """``--network``/``--straight`` as ``onemap coverage`` has them: the facility indicators walk the same streets."""
    parser.add_argument("--network", type=Path, metavar="ROADS", help="步行路网 / walking network lines")
    parser.add_argument("--network-crs", help="路网坐标系 / the network's CRS when its file declares none")
    parser.add_argument("--straight", action="store_true", help="直线距离×绕行系数 / straight line × detour")


def choose_network(args: argparse.Namespace) -> bool:
    """Make the command's ``--network``/``--straight`` the check-up's; False (said on stderr) when unreadable."""
    from onemap.checkup.network_choice import choose, forget
    from onemap.io.walk_lines import NetworkError, read_network

    if getattr(args, "network", None) is not None:
        try:
            choose(args.inventory, read_network(args.network, crs=args.network_crs))
        except NetworkError as error:
            print(str(error.args[0]) if args.lang == "zh" else error.args[0].en, file=sys.stderr)
            return False
    elif getattr(args, "straight", False):
        choose(args.inventory, None)
    else:  # a command without either flag walks the default, whatever an earlier one in this process chose
        forget(args.inventory)
    return True


def run(args: argparse.Namespace) -> int:
    """Run ``onemap checkup``."""
    from onemap.cli_checkup_actions import ACTIONS

    if not choose_network(args):
        return 1
    return ACTIONS[args.action](args)


def say(lang: str, zh: str, en: str) -> str:
    """One sentence in the chosen language."""
    return zh if lang == "zh" else en


def print_json(data: object) -> None:
    """JSON on stdout, Chinese kept readable."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
