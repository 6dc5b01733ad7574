"""``onemap score INV.gpkg [--weights W.toml] [--compare OLD.toml] [--year Y] [--json]``.

Scores every estate (eligibility gates first, then weighted criteria) and prints them best
first with each criterion's points; ``--compare`` prints who moved between two weightings.
The JSON is a list of ``{"estate", "score", "rank", "eligible", "parts", "reasons"}``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from onemap.cli_checkup import choose_network, network_options, print_json, say


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``onemap score``."""
    parser.add_argument("inventory", type=Path, metavar="INV.gpkg")
    parser.add_argument("--weights", type=Path, metavar="W.toml", help="权重文件（默认：内置 2025 版）/ weight file")
    parser.add_argument("--compare", type=Path, metavar="OLD.toml", help="与另一权重文件比较名次 / who moved vs OLD")
    parser.add_argument("--year", type=int, default=date.today().year, help="计算房龄的年份 / year for building age")
    parser.add_argument("-o", "--out", type=Path, metavar="SCORES.xlsx", help="评分表 / the score sheet")
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--json", action="store_true")
    network_options(parser)


def run(args: argparse.Namespace) -> int:
    """Run ``onemap score``."""
    from onemap.checkup.gather import estate_facts, read_checkup
    from onemap.checkup.scoring import measure, moves, rank
    from onemap.checkup.weights import WeightsError, default_weights, load_weights
    from onemap.store import Inventory

    try:
        weights = load_weights(args.weights) if args.weights else default_weights()
        old = load_weights(args.compare) if args.compare else None
    except WeightsError as error:
        print(say(args.lang, error.message_zh, error.message_en), file=sys.stderr)
        return 1
    if not choose_network(args):
        return 1
    with Inventory.open(args.inventory, readonly=True) as inventory:
        facts = estate_facts(inventory, read_checkup(inventory))
    scores = rank(facts, measure(facts, weights, args.year), weights)
    if old is not None:
        before = rank(facts, measure(facts, old, args.year), old)
        moved = moves(before, scores)
        if args.json:
            print_json([{"estate": m.code, "before": m.before, "after": m.after} for m in moved])
            return 0
        names = {f.code: f.name for f in facts}
        lines = [f"{m.code}\t{names[m.code]}\t{m.before} → {m.after}\t{'+' if m.up > 0 else ''}{m.up}" for m in moved]
        lines.append(
            say(
                args.lang,
                f"{len(moved)} 个小区名次变化（{old.version} → {weights.version}）",
                f"{len(moved)} estates moved ({old.version} → {weights.version})",
            )
        )
        sys.stdout.write("\n".join(lines) + "\n")
        return 0
    names = {f.code: f.name for f in facts}
    if args.out:
        from onemap.checkup.score_xlsx import save_scores
        from onemap.outputs import OutputFile

        with OutputFile(args.out, [args.inventory, args.weights, args.compare], force=args.force) as temp:
            save_scores(scores, names, weights, temp, args.lang)
    if args.json:
        print_json([s.as_record(args.lang) for s in scores])
        return 0
    head = say(args.lang, "名次\t小区编码\t小区名称\t得分\t符合条件", "rank\tcode\testate\tscore\teligible")
    lines = [head + "\t" + "\t".join(weights.weights)]
    for s in scores:
        ok = say(args.lang, "是", "yes") if s.eligible else "；".join(say(args.lang, zh, en) for zh, en in s.reasons)
        lines.append(
            "\t".join([str(s.rank), s.code, names[s.code], f"{s.score:g}", ok, *(f"{v:g}" for v in s.parts.values())])
        )
    eligible = sum(s.eligible for s in scores)
    lines.append(
        say(
            args.lang,
            f"共 {len(scores)} 个小区，符合条件 {eligible} 个；权重版本 {weights.version}",
            f"{len(scores)} estates, {eligible} eligible; weights {weights.version}",
        )
    )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
