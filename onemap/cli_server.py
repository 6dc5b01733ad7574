"""``onemap server init|grant``: a city's shared inventory on PostgreSQL + PostGIS.

Passwords are never arguments (they would show in ``ps``): OneMap takes them from the OS keyring
(service ``onemap-postgresql``, user ``login@host:port/db``) or libpq's ``.pgpass``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from onemap.store.server import is_server_url

log = logging.getLogger("onemap.server")


def inventory_spec(text: str) -> Path | str:
    """An inventory argument: a ``postgresql://`` URL stays text (a Path would fold its ``//``)."""
    return text if is_server_url(text) else Path(text)


def add_arguments(server: argparse.ArgumentParser) -> None:
    """``onemap server init URL --county CODE… [--from INV.gpkg]``, ``grant URL USER …`` and ``upgrade URL``."""
    sub = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    init = sub.add_parser("init", help="建库：表、角色、行级权限，可载入清单 / create the schema, roles and policies")
    init.add_argument("url", metavar="URL", help="postgresql://login@host:port/db (no password)")
    init.add_argument("--county", nargs="+", required=True, metavar="CODE", help="six-digit county codes")
    init.add_argument("--from", dest="source", type=Path, metavar="INV.gpkg", help="load this inventory file")
    init.add_argument("--json", action="store_true")
    grant = sub.add_parser("grant", help="授权已有数据库账号 / give an existing login its OneMap role")
    grant.add_argument("url", metavar="URL")
    grant.add_argument("login", metavar="USER")
    grant.add_argument("--role", required=True, choices=("admin", "county-editor", "township-editor", "viewer"))
    grant.add_argument("--county", metavar="CODE")
    grant.add_argument("--township", metavar="NAME")
    upgrade = sub.add_parser("upgrade", help="升级服务器清单结构 / apply this OneMap's new migrations (table owner)")
    upgrade.add_argument("url", metavar="URL")
    upgrade.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    """Run ``onemap server …``; refusals are :class:`~onemap.store.errors.InventoryError` sentences."""
    from onemap.store.server.init import grant_login, init_server

    if not is_server_url(args.url):
        print(_say(args.lang, "需要 postgresql:// 地址", "needs a postgresql:// URL"), file=sys.stderr)
        return 2
    if args.server_command == "upgrade":
        return _upgrade(args)
    if args.server_command == "grant":
        grant_login(args.url, args.login, args.role, args.county, args.township)
        print(_say(args.lang, f"已授予 {args.login} 角色 {args.role}", f"{args.login} is now {args.role}"))
        return 0
    if args.source is not None and not args.source.exists():
        from onemap.store.errors import InventoryError

        raise InventoryError("missing", args.source)
    summary = init_server(args.url, args.county, args.source)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        estates = summary["loaded"].get("estates", 0)
        print(
            _say(
                args.lang,
                f"已在 {summary['server']} 建好清单（区县 {'、'.join(args.county)}），载入 {estates} 个小区",
                f"Inventory created on {summary['server']} (counties {', '.join(args.county)}), "
                f"{estates} estates loaded",
            )
        )
    return 0


def _upgrade(args: argparse.Namespace) -> int:
    from onemap.store.server.upgrade import upgrade_server

    applied = upgrade_server(args.url)
    if args.json:
        print(json.dumps({"applied": applied}, ensure_ascii=False))
    elif applied:
        print(_say(args.lang, f"已升级：{'、'.join(applied)}", f"Upgraded: {', '.join(applied)}"))
    else:
        print(_say(args.lang, "服务器清单已是最新结构，未改动", "The server's schema is current; nothing changed"))
    return 0


def _say(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def checkout_arguments(checkout: argparse.ArgumentParser) -> None:
    """``onemap checkout URL --where … -o FIELD.gpkg [--force]``."""
    checkout.add_argument("url", metavar="URL")
    checkout.add_argument("--where", action="append", help="e.g. 镇街=勉阳街道")
    checkout.add_argument("-o", "--out", type=Path, required=True, metavar="FIELD.gpkg")
    checkout.add_argument("--force", action="store_true")


def checkin_arguments(checkin: argparse.ArgumentParser) -> None:
    """``onemap checkin FIELD.gpkg [--prefer server|field] [--server URL] [--json]``."""
    checkin.add_argument("field_file", type=Path, metavar="FIELD.gpkg")
    checkin.add_argument("--prefer", choices=("server", "field"), help="how to settle collisions (default: list them)")
    checkin.add_argument("--server", metavar="URL", help="another login or address for the same database")
    checkin.add_argument("--json", action="store_true")


def run_checkout(args: argparse.Namespace) -> int:
    """Export the matching estates with everything attached, and record where the file came from."""
    from onemap.io.export import export_gpkg
    from onemap.outputs import OutputFile
    from onemap.store import Inventory
    from onemap.store.server.checkin import mark_checkout

    with OutputFile(args.out, force=args.force) as temp:
        with Inventory.open(args.url, readonly=True) as inventory:
            count = export_gpkg(inventory, temp, args.where, overwrite=True)
        mark_checkout(temp, args.url if is_server_url(args.url) else Path(args.url), args.where)
    print(_say(args.lang, f"已签出 {count} 个小区到 {args.out}", f"{count} estates checked out to {args.out}"))
    return 0


def run_checkin(args: argparse.Namespace) -> int:
    """Send the field copy's changes back; exit 1 while collisions wait for a decision."""
    from onemap.store.server.checkin import checkin

    report = checkin(args.field_file, args.prefer, args.server)
    waiting = bool(report.collisions) and args.prefer is None
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1, default=str))
        return 1 if waiting else 0
    zh = args.lang == "zh"
    for c in report.collisions:
        server, field = (_shown(side, zh) for side in (c["server"], c["field_copy"]))
        where = f"{c.get('row') or c['code']} {c['field'] or ''}".rstrip()
        print(
            f"{where}: "
            + (
                f"服务器「{server}」（{c['server']['who']}，{c['server']['at']}）/ 外业「{field}」"
                f"（{c['field_copy']['who']}，{c['field_copy']['at']}）"
                if zh
                else f"server '{server}' ({c['server']['who']}, {c['server']['at']}) / field '{field}' "
                f"({c['field_copy']['who']}, {c['field_copy']['at']})"
            )
        )
    print(
        _say(
            args.lang,
            f"已签入 {len(report.applied)} 处修改，{report.unchanged} 处已在服务器上，{len(report.collisions)} 处冲突"
            + ("待决定（用 --prefer server|field）" if waiting else ""),
            f"{len(report.applied)} changes applied, {report.unchanged} already on the server, "
            f"{len(report.collisions)} collisions" + (" waiting (use --prefer server|field)" if waiting else ""),
        )
    )
    return 1 if waiting else 0


def run_import(args: argparse.Namespace) -> int:
    """``onemap import LEDGER --into URL``: the ledger import on a scratch copy, its result sent in one transaction.

    The copy holds what the ledger can touch (:func:`onemap.cli_server_scope.import_scope`), not the whole server.
    """
    import tempfile

    from onemap.cli_server_scope import import_scope
    from onemap.io.importer import ImportOptions, import_ledger
    from onemap.store import Inventory
    from onemap.store.server.ledger import push_import
    from onemap.store.server.scratch import make_scratch

    options = ImportOptions(crs=args.crs, county=args.county, sheet=args.sheet)
    with tempfile.TemporaryDirectory(prefix="onemap-import-") as folder:
        scratch = Path(folder) / "server.gpkg"
        with Inventory.open(args.into, readonly=True) as server:  # refuses an unreachable or mismatched server first
            scope = import_scope(server, args.source, options)
            counts = make_scratch(server, scratch, scope)
        log.info("import scratch copy of %s: counties %s, rows %s", args.into, scope.counties, counts)
        report = import_ledger(args.source, scratch, options)
        counts, sent = ({}, None) if args.dry_run else push_import(scratch, args.into)
    report.dry_run = args.dry_run
    if args.json:
        print(json.dumps({**report.as_dict(), "server": counts}, ensure_ascii=False, indent=1, default=str))
    else:
        print(report.text(args.lang))
        if sent is not None:
            print(
                _say(
                    args.lang,
                    f"已写入服务器：新增 {counts.get('estates', 0)} 个小区，{len(sent.applied)} 处修改",
                    f"Written to the server: {counts.get('estates', 0)} new estates, {len(sent.applied)} changes",
                )
            )
    return 0 if report.imported or report.updated or report.unchanged else 1


@contextmanager
def server_scratch(args: argparse.Namespace) -> Iterator[None]:
    """For a command that reads a file (``brief``, ``snapshot``): a server URL becomes a read-only scratch
    copy of what the command draws: the counties of the estates it chooses (codes, ``--estate``,
    ``--where``; every county the login sees when it chooses all) with everything attached, removed afterwards."""
    if not isinstance(args.inventory, str):
        yield
        return
    import tempfile

    from onemap.cli_server_scope import command_scope
    from onemap.store import Inventory
    from onemap.store.server.scratch import make_scratch

    url = args.inventory
    with tempfile.TemporaryDirectory(prefix="onemap-server-") as folder:
        with Inventory.open(url, readonly=True) as server:
            scratch = Path(folder) / f"{server.path.name}.gpkg"
            scope = command_scope(server, args)
            counts = make_scratch(server, scratch, scope, getattr(args, "where", None))
        log.info("%s scratch copy of %s: counties %s, rows %s", args.command, url, scope.counties, counts)
        args.inventory = scratch
        try:
            yield
        finally:
            args.inventory = url


def _shown(side: dict, zh: bool) -> object:  # type: ignore[type-arg]
    """One side of a collision for people: a deleted row says so."""
    if side.get("deleted"):
        return "已删除" if zh else "deleted"
    if side.get("edited"):
        return "已修改" if zh else "edited"
    return side["value"]
