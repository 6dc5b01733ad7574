"""What a re-imported ledger row really changes in an estate the inventory already has.

An export imported back (CSV, XLSX, GeoJSON, shapefile) must change nothing: no field,
no point, no outline, no child row rewritten, nothing in the audit trail, and the report
counts no update.  Values are compared the way the export wrote them: points to 1e-8°
(the CSV's eight decimals, about a millimetre), outlines as shapes whatever their ring
order, cameras by their links (a ledger carries no camera names).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from shapely.geometry.base import BaseGeometry

from onemap.io.flat import clean_link
from onemap.model import ESTATE_COLUMNS, Estate
from onemap.store.geometry import as_multipolygon

#: how far (degrees) a point may move and still be the same point
SAME_POINT = 1e-8
#: the estate fields a ledger row can change
_COMPARED = tuple(name for name in ESTATE_COLUMNS if name not in ("code", "updated_at"))
_COMPARED_OF = attrgetter(*_COMPARED)


@dataclass
class Changes:
    """The parts of one estate a ledger row changes."""

    fields: dict[str, Any] = field(default_factory=dict)
    location: bool = False
    outline: bool = False
    children: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.fields or self.location or self.outline or self.children)


def changes_between(current: Estate, incoming: Estate, children: dict[str, str]) -> Changes:
    """Compare the inventory's ``current`` estate with the ledger's ``incoming`` one.

    Parameters
    ----------
    current : Estate
        The estate as stored, with outline and child rows.
    incoming : Estate
        The estate the ledger row describes; its blanks never count as changes.
    children : dict
        Child table -> Estate attribute, for the child tables the ledger carries columns for.
    """
    found = Changes()
    # Estate.attributes() of both, without building two dicts per row: each read in one call
    for name, value, old in zip(_COMPARED, _COMPARED_OF(incoming), _COMPARED_OF(current), strict=True):
        if value is None or value == old:  # blank in the ledger, or what the file holds: no change
            continue
        value = _column(value)
        if value is not None and not _same(_column(old), value):
            found.fields[name] = value
    if incoming.location is not None:
        found.location = current.location is None or not all(
            math.isclose(a, b, abs_tol=SAME_POINT) for a, b in zip(current.location, incoming.location, strict=True)
        )
    if incoming.outline is not None:
        found.outline = not _same_shape(current.outline, incoming.outline)
    for table, attr in children.items():
        if not _same_children(table, getattr(current, attr), getattr(incoming, attr)):
            found.children.add(table)
    return found


def _column(value: Any) -> Any:
    """A field as :meth:`Estate.attributes` gives it (category lists comma-joined, ``None`` for none)."""
    if isinstance(value, list):
        return ",".join(value) if value else None
    return value


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, float | int) and isinstance(new, float | int) and old is not None:
        return math.isclose(old, new, rel_tol=1e-12, abs_tol=1e-9)
    return bool(old == new)


def _same_shape(old: BaseGeometry | None, new: BaseGeometry) -> bool:
    if old is None:
        return False
    a, b = as_multipolygon(old), as_multipolygon(new)
    return a is not None and b is not None and bool(a.normalize().equals_exact(b.normalize(), tolerance=SAME_POINT))


def _same_children(table: str, old: list[Any], new: list[Any]) -> bool:
    if table == "cameras" and _raw_camera_keys(old) == _raw_camera_keys(new):
        return True  # the same links as written are the same links cleaned: no need to parse them again
    return _child_keys(table, old) == _child_keys(table, new)


def _raw_camera_keys(rows: list[Any]) -> list[tuple[str, str]]:
    return sorted(((r.link or "", r.gb_id if not r.link else "") for r in rows), key=repr)


def _child_keys(table: str, rows: list[Any]) -> list[tuple[Any, ...]]:
    """Child rows as the ledger carries them, in a stable order."""
    keys: list[tuple[Any, ...]]
    if table == "contacts":
        keys = [(r.role, r.name, r.title, r.phone) for r in rows]
    elif table == "funding":
        keys = [(r.source, round(r.amount_wan or 0.0, 6)) for r in rows]
    elif table == "renovation_items":
        keys = [(r.category, r.item) for r in rows]
    elif table == "cameras":
        keys = [(clean_link(r.link) or "", r.gb_id if not r.link else "") for r in rows]
    else:
        keys = [tuple(vars(r).values()) for r in rows]
    return sorted(keys, key=repr)
