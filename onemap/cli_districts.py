"""``onemap districts INV.gpkg [--max-households N] [--within M] [--same-community] [--save] [--json]``.

Proposes 片区 from the eligible estates (default weights' gates), best-scored first; ``--save``
keeps the proposal in the inventory (replacing the 片区 it had), ``--assign CODE=NAME`` moves
one estate (``CODE=`` takes it out).  The JSON is a list of ``{"name", "township", "estates",
"households"}``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from onemap.checkup.districts import DEFAULT_MAX_HOUSEHOLDS, DEFAULT_WITHIN_M
from onemap.cli_checkup import print_json, say


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``onemap districts``."""
    parser.add_argument("inventory", type=Path, metavar="INV.gpkg")
    parser.add_argument("--max-households", default=str(DEFAULT_MAX_HOUSEHOLDS), metavar="N")
    parser.add_argument("--within", default=str(DEFAULT_WITHIN_M), metavar="M", help="相邻距离（米）/ metres")
    parser.add_argument("--same-community", action="store_true", help="不跨社区 / never across communities")
    parser.add_argument(
        "--roads", type=Path, metavar="ROADS", help="主干路图层：片区不跨路 / no 片区 across these roads"
    )
    parser.add_argument("--roads-layer", metavar="NAME", help="GeoPackage/KML 中的图层名 / layer inside the file")
    parser.add_argument("--roads-crs", metavar="EPSG", help="道路图层的坐标系 / the road layer's CRS if undeclared")
    parser.add_argument("--save", action="store_true", help="保存为清单中的片区 / keep in the inventory")
    parser.add_argument("--assign", action="append", default=[], metavar="CODE=NAME", help="调整片区 / move an estate")
    parser.add_argument("-o", "--out", type=Path, metavar="DISTRICTS.xlsx", help="片区表 / the 片区 sheet")
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    """Run ``onemap districts``."""
    from onemap.store import Inventory

    if args.assign:
        members = {}
        for text in args.assign:
            code, _sep, name = text.partition("=")
            members[code.strip()] = name.strip() or None
        with Inventory.open(args.inventory) as inventory:
            unknown = sorted(set(members) - {str(r[0]) for r in inventory.estate_columns(["code"])})
            if unknown:  # said before anything is written
                zh = f"清单中没有这些小区编码：{'、'.join(unknown)}；片区未作调整。"
                en = f"No estate has the code(s) {', '.join(unknown)}; no 片区 was changed."
                print(say(args.lang, zh, en), file=sys.stderr)
                return 1
            with inventory.transaction():
                changed = inventory.set_districts(members)
        print(say(args.lang, f"已调整 {changed} 个小区的片区", f"{changed} estates moved"))
        return 0
    from onemap.checkup.districts import propose
    from onemap.checkup.gather import district_estates
    from onemap.checkup.plan_inputs import count, metres

    args.max_households, problem = count(args.max_households, ("每个片区的户数上限", "The households cap"))
    if problem is None:
        args.within, problem = metres(args.within, ("相邻距离", "The neighbour distance"))
    if problem is not None:
        print(say(args.lang, str(problem), problem.en), file=sys.stderr)
        return 2
    barrier = None
    if args.roads:
        from onemap.checkup.district_geometry import RoadBarrier, road_lines
        from onemap.geo.reflayers import RefLayerError, load_layer

        try:
            lines = road_lines(load_layer(args.roads, layer=args.roads_layer, crs=args.roads_crs).shapes.lines.xy)
        except RefLayerError as error:
            said = error.args[0]
            print(say(args.lang, str(said), said.en), file=sys.stderr)
            return 1
        if not lines:  # points or areas only: no road to keep 片区 apart, and saying nothing would mislead
            zh = f"{args.roads.name} 中没有线要素，不能作为分隔片区的道路；未提出片区。"
            en = f"{args.roads.name} holds no lines, so it cannot keep 片区 apart; no 片区 proposed."
            print(say(args.lang, zh, en), file=sys.stderr)
            return 1
        barrier = RoadBarrier(lines)
    with Inventory.open(args.inventory, readonly=not args.save) as inventory:
        estates = district_estates(inventory, date.today().year)
        found = propose(estates, args.max_households, args.within, args.same_community, barrier)
        if args.save:
            old = dict.fromkeys(inventory.district_map(), None)
            with inventory.transaction():
                inventory.set_districts({**old, **{c: d.name for d in found for c in d.estates}})
    if args.out:
        from onemap.checkup.districts_xlsx import save_districts
        from onemap.outputs import OutputFile

        with Inventory.open(args.inventory, readonly=True) as inventory:
            names = {str(r[0]): str(r[1] or "") for r in inventory.estate_columns(["code", "name"])}
        with OutputFile(args.out, [args.inventory], force=args.force) as temp:
            save_districts(found, names, temp, args.lang)
    if args.json:
        print_json([d.as_record() for d in found])
        return 0
    for d in found:
        print(f"{d.name}\t{d.township}\t{len(d.estates)}\t{d.households}\t{'、'.join(d.estates)}")
    many = sum(len(d.estates) > 1 for d in found)
    print(
        say(
            args.lang,
            f"共 {len(found)} 个片区（{many} 个含两个以上小区）",
            f"{len(found)} 片区 ({many} with two or more estates)",
        ),
        file=sys.stdout,
    )
    return 0
