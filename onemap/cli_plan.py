"""``onemap plan INV.gpkg --budget WAN [--year Y] [--weights W.toml] [--township-min N]
[--whole-districts] [-o PLAN.xlsx] [--pdf PLAN.pdf] [--json]``.

Chooses next year's estates by score rank within the budget (万元) and says for every estate
why it is in or out.  The JSON is ``{"budget_wan", "total_wan", "chosen": [codes],
"left_out": [{"estate", "reason"}], "year"}``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from onemap.checkup.plan import PER_HOUSEHOLD_WAN, PER_M2_WAN
from onemap.cli_checkup import choose_network, network_options, print_json, say


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``onemap plan``."""
    parser.add_argument("inventory", type=Path, metavar="INV.gpkg")
    parser.add_argument("--budget", required=True, metavar="WAN", help="预算（万元）/ budget in 万元")
    parser.add_argument("--year", type=int, default=date.today().year + 1, help="计划年度 / plan year")
    parser.add_argument("--weights", type=Path, metavar="W.toml")
    parser.add_argument("--township-min", type=int, default=0, metavar="N", help="每个镇街至少入选 N 个 / per township")
    parser.add_argument("--per-household", default=str(PER_HOUSEHOLD_WAN), metavar="WAN")
    parser.add_argument("--per-m2", default=str(PER_M2_WAN), metavar="WAN")
    parser.add_argument(
        "--whole-districts", action="store_true", help="片区整体入选 / a 片区 goes in whole or not at all"
    )
    parser.add_argument("-o", "--out", type=Path, metavar="PLAN.xlsx")
    parser.add_argument("--pdf", type=Path, metavar="PLAN.pdf", help="汇报（PDF）/ the report section as a PDF")
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--json", action="store_true")
    network_options(parser)


def run(args: argparse.Namespace) -> int:
    """Run ``onemap plan``."""
    from onemap.checkup.gather import estate_facts, plan_estates, read_checkup
    from onemap.checkup.plan import Costing, make_plan
    from onemap.checkup.plan_inputs import money
    from onemap.checkup.scoring import score
    from onemap.checkup.weights import WeightsError, default_weights, load_weights
    from onemap.store import Inventory

    amounts = {"budget": ("预算", "The budget"), "per_household": ("每户估算", "The per-household estimate"),
               "per_m2": ("每平方米估算", "The per-m² estimate")}  # fmt: skip
    for name, what in amounts.items():
        value, problem = money(getattr(args, name), what)
        if problem is not None:
            print(say(args.lang, str(problem), problem.en), file=sys.stderr)
            return 2
        setattr(args, name, value)
    try:
        weights = load_weights(args.weights) if args.weights else default_weights()
    except WeightsError as error:
        print(say(args.lang, error.message_zh, error.message_en), file=sys.stderr)
        return 1
    if not choose_network(args):
        return 1
    with Inventory.open(args.inventory, readonly=True) as inventory:
        facts = estate_facts(inventory, read_checkup(inventory))
        estates = plan_estates(inventory)
        districts = inventory.district_map()
    costing = Costing(args.per_household, args.per_m2)
    ranked = score(facts, weights, args.year)
    plan = make_plan(
        ranked, estates, args.budget, args.year, costing, args.township_min, districts, args.whole_districts
    )
    if args.out:
        from onemap.checkup.plan_xlsx import save_plan
        from onemap.outputs import OutputFile

        with OutputFile(args.out, [args.inventory], force=args.force) as temp:
            save_plan(plan, temp, args.lang)
    if args.pdf:
        from onemap.brief.plan_report import save_plan_pdf
        from onemap.outputs import OutputFile

        with OutputFile(args.pdf, [args.inventory], force=args.force) as temp:
            save_plan_pdf(plan, districts, temp)
    if args.json:
        print_json(plan.as_record(args.lang))
        return 0
    chosen = [line for line in plan.lines if line.chosen]
    for line in chosen:
        print(f"{line.score.rank}\t{line.estate.code}\t{line.estate.name}\t{line.cost_wan:g}")
    zh = f"{plan.year} 年度计划：入选 {len(chosen)} 个小区，{plan.total_wan:g} / {plan.budget_wan:g} 万元"
    print(
        say(args.lang, zh, f"Plan {plan.year}: {len(chosen)} estates, {plan.total_wan:g} of {plan.budget_wan:g} 万元")
    )
    return 0
