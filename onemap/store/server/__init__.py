"""A city's shared inventory on PostgreSQL + PostGIS: the second backend behind the store's interface.

Only this package speaks to the server (psycopg, imported only when a server is used);
:func:`is_server_url` tells a ``postgresql://`` URL from a file path, and
:class:`~onemap.store.server.inventory.ServerInventory` reads and writes with the same methods as
the file's :class:`~onemap.store.inventory.Inventory`.
"""

from __future__ import annotations

_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(spec: object) -> bool:
    """Whether an inventory argument names a server (``postgresql://…``) rather than a file."""
    return isinstance(spec, str) and spec.startswith(_SCHEMES)
