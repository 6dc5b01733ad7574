"""``onemap coverage`` and ``onemap facilities``: living-circle gaps and the facilities layer.

``onemap coverage INV.gpkg [--type T]... [--network ROADS.shp [--network-crs CRS] | --straight] [--json]``
(without ``--network``: the streets of the sidecar ``NAME.layers.gpkg`` when it has a roads
layer, else straight lines; ``--straight`` forces straight lines) prints each estate's
checklist gaps and a county summary; ``--json`` prints the stable list of
``{"estate", "type", "distance_m", "method", "facility", "within"}`` records (README).
``onemap facilities import SRC --into INV.gpkg [--crs …] [--sheet S] [--dry-run] [--json]``
adds facilities from a sheet or GIS file; ``onemap facilities list INV.gpkg [--type T]… [--json]``
and ``onemap facilities types [--json]`` show what is there and the type list.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from onemap.said import Said

#: the subcommands this module adds to ``onemap``
COMMANDS = ("coverage", "facilities")


def add_arguments(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``coverage`` and ``facilities`` to the ``onemap`` parser."""
    from onemap.analysis.facility_types import default_config

    keys = [t.key for t in default_config().types]
    cov = sub.add_parser("coverage", help="生活圈覆盖与配套缺口 / living-circle coverage and facility gaps")
    cov.add_argument("inventory", type=Path, metavar="INV.gpkg")
    cov.add_argument("--type", action="append", default=[], metavar="T", help=f"only these types: {', '.join(keys)}")
    cov.add_argument("--network", type=Path, metavar="ROADS", help="walking network lines (.shp/.gpkg/.geojson)")
    cov.add_argument(
        "--straight", action="store_true", help="straight line × detour factor, ignoring the sidecar streets"
    )
    cov.add_argument("--network-crs", help="the network's CRS when its file declares none (EPSG:n, gcj02, bd09)")
    cov.add_argument("--json", action="store_true")
    fac = sub.add_parser("facilities", help="配套设施：导入、列表、类型 / facilities: import, list, types")
    verbs = fac.add_subparsers(dest="verb", metavar="VERB", required=True)
    imp = verbs.add_parser("import", help="导入设施 / import facilities (.xlsx .csv .geojson .shp)")
    imp.add_argument("source", type=Path, metavar="SRC")
    imp.add_argument("--into", type=Path, required=True, metavar="INV.gpkg")
    imp.add_argument("--crs", default="auto", help="auto, EPSG:n, wgs84, cgcs2000, gcj02, bd09")
    imp.add_argument("--sheet", help="Excel sheet name or number")
    imp.add_argument("--dry-run", action="store_true")
    imp.add_argument("--json", action="store_true")
    lst = verbs.add_parser("list", help="列出设施 / list facilities")
    lst.add_argument("inventory", type=Path, metavar="INV.gpkg")
    lst.add_argument("--type", action="append", default=[], metavar="T", help=f"{', '.join(keys)}, other")
    lst.add_argument("--json", action="store_true")
    types = verbs.add_parser("types", help="设施类型与生活圈距离 / facility types and circle distances")
    types.add_argument("--json", action="store_true")
    for verb in (imp, lst, types):  # `onemap facilities list X --lang en` as for every command
        verb.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def _say(lang: str, said: Said) -> str:
    return str(said) if lang == "zh" else said.en


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def unknown_type(types: list[str], lang: str, also: tuple[str, ...] = ()) -> str | None:
    """One sentence naming a ``--type`` the type list lacks (and the keys it has), or None."""
    from onemap.analysis.facility_types import default_config

    config = default_config()
    keys = [t.key for t in config.types]
    wrong = [t for t in types if t not in keys and t not in also]
    if not wrong:
        return None
    listed = "、".join(f"{t.key}（{t.zh}）" for t in config.types)
    zh = f"没有“{'”“'.join(wrong)}”这种设施类型；可用的类型：{listed}。"
    en = f"There is no facility type {', '.join(repr(t) for t in wrong)}; the types are: {', '.join(keys)}."
    return _say(lang, Said(zh, en))


def cmd_coverage(args: argparse.Namespace) -> int:
    """Run ``onemap coverage``."""
    if (wrong := unknown_type(args.type, args.lang)) is not None:
        print(wrong, file=sys.stderr)
        return 2
    from onemap.analysis.coverage import measure
    from onemap.analysis.coverage_summary import summarise
    from onemap.analysis.walknet import WalkNetwork
    from onemap.cli_coverage_text import coverage_lines, method_line
    from onemap.io.walk_lines import NetworkError, read_network, sidecar_network
    from onemap.store import Inventory

    network: WalkNetwork | None = None
    try:  # --network wins; else the sidecar's schematic streets unless --straight
        if args.network is not None:
            network = read_network(args.network, crs=args.network_crs)
        else:
            network = None if args.straight else sidecar_network(args.inventory)
    except NetworkError as error:
        print(_say(args.lang, error.args[0]), file=sys.stderr)
        return 1
    with Inventory.open(args.inventory, readonly=True) as inventory:
        estates, facilities = inventory.estate_points(), inventory.facilities()
        names = {e.code: e.name for e in estates}
    result = measure(estates, facilities, types=args.type or None, network=network)
    if args.json:
        _print_json([row for cov in result.values() for row in cov.rows()])
        print(method_line(summarise(result), network, args.lang), file=sys.stderr)  # stdout stays the records
        return 0

    lines = coverage_lines(result, names, summarise(result), network, args.lang)
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def cmd_facilities(args: argparse.Namespace) -> int:
    """Run ``onemap facilities VERB``."""
    from onemap.cli_coverage_text import facilities_import, facilities_list, facility_types

    return {"import": facilities_import, "list": facilities_list, "types": facility_types}[args.verb](args)


HANDLERS = {"coverage": cmd_coverage, "facilities": cmd_facilities}
