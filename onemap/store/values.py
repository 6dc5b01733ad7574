"""Values on their way into the file: credentials stripped, real changes told from non-changes.

Every insert and update in :mod:`onemap.store.writes` passes its values through
:func:`storable`, so no text field (notes, address, a camera link, a GB/T 28181
configuration string) can carry a password into the file, and through :func:`differs`, so
the audit trail records only what really changed.
"""

from __future__ import annotations

from typing import Any

from shapely.errors import ShapelyError

from onemap.cameras import strip_secrets
from onemap.store.geometry import decode
from onemap.store.rows import storable_link

#: values not compared when checking that a row still holds what OneMap read
NOT_COMPARED = frozenset({"fid", "updated_at"})


def storable(table: str, values: dict[str, Any], *, links_parsed: bool = False) -> dict[str, Any]:
    """``values`` as the file may hold them: every text without credentials.

    A camera link's ``user:password@`` goes to the keyring (or is dropped) first, unless
    ``links_parsed`` says :func:`~onemap.store.rows.child_values` did that already; a
    text that was nothing but a secret becomes NULL.
    """
    clean = {}
    for name, value in values.items():
        if table == "cameras" and name == "link" and isinstance(value, str) and not links_parsed:
            value = storable_link(value)
        if isinstance(value, str) and value:
            value = strip_secrets(value) or None
        clean[name] = value
    return clean


def differs(old: Any, new: Any) -> bool:
    """Whether storing ``new`` over ``old`` is a real change (1998 == 1998.0; same shape = same)."""
    if old is None or new is None:
        return old is not new
    if isinstance(old, bytes | memoryview) or isinstance(new, bytes | memoryview):
        return not same_geometry(bytes(old), bytes(new))
    numbers = (int, float)
    if isinstance(old, numbers) and isinstance(new, numbers) and not isinstance(new, bool):
        return float(old) != float(new)
    return bool(old != new)


def same_geometry(old: bytes, new: bytes) -> bool:
    """Equal blobs, or blobs holding exactly the same coordinates (another writer's header)."""
    if old == new:
        return True
    try:
        a, b = decode(old), decode(new)
    except (ValueError, ShapelyError):
        return False
    if a is None or b is None:
        return a is b
    return a.geom_type == b.geom_type and bool(a.equals_exact(b, 0.0))


def shown(value: Any) -> str:
    """A stored value for a sentence: 未填 for blank, geometry as short WKT, never a secret."""
    if value is None or value == "":
        return "未填"
    if isinstance(value, bytes | memoryview):
        try:
            geom = decode(bytes(value))
        except (ValueError, ShapelyError):
            return "（图形）"
        text = "（空图形）" if geom is None else geom.wkt
    else:
        text = strip_secrets(str(value))
    return text if len(text) <= 60 else text[:57] + "…"
