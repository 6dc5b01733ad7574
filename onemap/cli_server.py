"""``onemap server init|grant``: a city's shared inventory on PostgreSQL + PostGIS.

Passwords are never arguments (they would show in ``ps``): OneMap takes them from the OS keyring
(service ``onemap-postgresql``, user ``login@host:port/db``) or libpq's ``.pgpass``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from onemap.store.server import is_server_url


def inventory_spec(text: str) -> Path | str:
    """An inventory argument: a ``postgresql://`` URL stays text (a Path would fold its ``//``)."""
    return text if is_server_url(text) else Path(text)


def add_arguments(server: argparse.ArgumentParser) -> None:
    """``onemap server init URL --county CODE… [--from INV.gpkg]`` and ``onemap server grant URL USER …``."""
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


def run(args: argparse.Namespace) -> int:
    """Run ``onemap server …``; refusals are :class:`~onemap.store.errors.InventoryError` sentences."""
    from onemap.store.server.init import grant_login, init_server

    if not is_server_url(args.url):
        print(_say(args.lang, "需要 postgresql:// 地址", "needs a postgresql:// URL"), file=sys.stderr)
        return 2
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


def _say(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en
