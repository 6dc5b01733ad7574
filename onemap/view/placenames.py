"""Which place names the map shows, and how much each matters.

County names first, then townships, then the names a reference layer carries (rivers,
roads).  Township names come from the inventory's township outlines; without them from an
imported township layer (polygons with labels); without that, for Mian, from the real seats
the demo knows.  The map draws them above the estates, so no cluster covers a place name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely

from onemap.geo.crs import CGCS2000, WEB_MERCATOR, transformer
from onemap.geo.reflayers import RefLayer

#: rank -> (pixel size, bold, finest display metres per pixel at which it is still shown)
RANKS = {0: (15, True, 2_000.0), 1: (13, False, 200.0), 2: (11, False, 40.0)}


@dataclass(frozen=True)
class PlaceName:
    """A name at a point (display metres) with its rank (0 county, 1 township, 2 other)."""

    x: float
    y: float
    text: str
    rank: int


def place_names(
    admin_names: list[str],
    admin_levels: list[str],
    admin_geoms_3857: np.ndarray,
    layers: Iterable[RefLayer],
    county_code: str | None,
) -> list[PlaceName]:
    """Every place name the map may show, most important first.

    Parameters
    ----------
    admin_names, admin_levels, admin_geoms_3857
        The inventory's admin areas (:class:`onemap.view.polygons.AdminAreas`).
    layers : iterable of RefLayer
        The reference layers shown, bottom first.
    county_code : str or None
        The inventory's county (``onemap_meta``); Mian's seats stand in for missing townships.
    """
    names: list[PlaceName] = []
    has_townships = False
    points = shapely.point_on_surface(admin_geoms_3857) if len(admin_geoms_3857) else []
    for name, level, point in zip(admin_names, admin_levels, points, strict=False):
        if point is None or shapely.is_empty(point):
            continue
        rank = 0 if level == "county" else 1
        has_townships |= rank == 1
        names.append(PlaceName(shapely.get_x(point), shapely.get_y(point), name, rank))
    others: list[PlaceName] = []
    for layer in layers:
        township_like = layer.shapes.kind == "polygons"
        for label in layer.shapes.labels:
            if township_like and has_townships:
                continue
            others.append(PlaceName(label.x, label.y, label.text, 1 if township_like else 2))
        has_townships |= township_like and bool(layer.shapes.labels)
    if not has_townships:
        names.extend(_seat_names(county_code))
    names.extend(others)
    names.sort(key=lambda p: p.rank)
    return names


def _seat_names(county_code: str | None) -> list[PlaceName]:
    from onemap.demo.places import MIAN_CODE, mian_seats

    if county_code != MIAN_CODE:
        return []
    seats = [seat for seat, _w in mian_seats()]
    x, y = transformer(CGCS2000, WEB_MERCATOR).transform([s.lon for s in seats], [s.lat for s in seats])
    return [PlaceName(float(a), float(b), s.township, 1) for a, b, s in zip(x, y, seats, strict=True)]
