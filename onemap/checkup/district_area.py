"""One closed area per 片区: its members' outlines joined across the gaps between them.

:func:`one_area` is the geometry (Web Mercator in, Web Mercator out); :func:`township_areas`
reads the townships' boundaries from the inventory's sidecar reference layers, the area a
片区's outline must stay in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

#: the sidecar layer and field that name the townships (the demo's and the README's convention)
TOWNSHIP_LAYER, TOWNSHIP_FIELD = "townships", "name"


def _parts(geom: BaseGeometry) -> list[BaseGeometry]:
    return [g for g in getattr(geom, "geoms", [geom]) if not g.is_empty]


def _tree_gaps(parts: Sequence[BaseGeometry]) -> list[tuple[int, int, float]]:
    """The gaps of the shortest tree joining the parts: (i, j, metres) per edge.

    Prim's algorithm on the parts' distance matrix (a 片区 has tens of members; scipy's graph
    code is not loaded for it, so a packet's worker stays small).
    """
    if len(parts) < 2:
        return []
    geoms = np.array(parts, dtype=object)
    gaps = shapely.distance(geoms[:, None], geoms[None, :])
    inside = np.zeros(len(parts), dtype=bool)
    inside[0] = True
    best, link = gaps[0].copy(), np.zeros(len(parts), dtype=np.int64)
    edges = []
    for _ in range(len(parts) - 1):
        j = int(np.argmin(np.where(inside, np.inf, best)))
        edges.append((int(link[j]), j, float(best[j])))
        inside[j] = True
        closer = gaps[j] < best
        best, link = np.where(closer, gaps[j], best), np.where(closer, j, link)
    return edges


def one_area(shapes: Sequence[BaseGeometry], pad: float, within: BaseGeometry | None = None) -> BaseGeometry:
    """The members' outlines closed into one polygon that contains them all.

    Apart members are joined along the shortest tree between them, each of its gaps spanned by
    the convex hull of the two members it joins (so the area is as wide as the estates and
    follows their spacing); a closing of ``pad`` then fills lanes.

    Parameters
    ----------
    shapes : sequence of BaseGeometry
        The members' outlines (Web Mercator).
    pad : float
        Mercator metres of the closing that fills lanes between members.
    within : BaseGeometry, optional
        The area (Web Mercator) to keep the outline in; members poking out of it stay whole.

    Returns
    -------
    BaseGeometry
        A Polygon unless ``within`` cut it in two (then the uncut one is kept).
    """
    merged = shapely.union_all([shapely.make_valid(s) for s in shapes])
    parts = _parts(merged)
    # each gap of the shortest tree joining the parts is spanned by the hull of its two ends
    waists = [shapely.convex_hull(shapely.union(parts[i], parts[j])) for i, j, _gap in _tree_gaps(parts)]
    joined = shapely.union_all([merged, *waists]) if waists else merged
    closed = joined.buffer(pad, join_style="mitre").buffer(-pad, join_style="mitre")
    closed = shapely.union(closed, joined)  # the closing never eats into a member
    if within is not None and not within.is_empty:
        clipped = shapely.union(shapely.intersection(closed, shapely.make_valid(within)), merged)
        if len(_parts(clipped)) == 1:
            closed = clipped
    return closed


def district_areas(inventory: Any, members: Mapping[str, str]) -> dict[str, BaseGeometry]:
    """片区 name -> its members' township boundary (lon/lat), for :func:`~onemap.checkup.district_geometry.dissolve`.

    ``inventory`` is an open inventory with a ``path`` on disk; ``members`` estate code -> 片区.
    A 片区 whose members name no township, or whose township has no boundary, is left out.
    """
    path = getattr(inventory, "path", None)
    if not members or not isinstance(path, str | Path) or not Path(path).is_file():
        return {}
    towns: dict[str, Counter[str]] = {}
    for code, township in inventory.estate_columns(["code", "township"]):
        if str(code) in members and township:
            towns.setdefault(members[str(code)], Counter())[str(township)] += 1
    of = {name: count.most_common(1)[0][0] for name, count in towns.items()}
    areas = township_areas(Path(path), set(of.values()))
    return {name: areas[town] for name, town in of.items() if town in areas}


def township_areas(inventory: Path, townships: set[str] | None = None) -> dict[str, BaseGeometry]:
    """Township name -> boundary (lon/lat) from the sidecar's ``townships`` layer (these, or all); empty when none."""
    from onemap.geo.refsets import sidecar_path

    sidecar = sidecar_path(inventory)
    if townships is not None and not townships or not sidecar.is_file():
        return {}
    from onemap.store.gpkg_layers import feature_layers, read_layer

    # a plain GeoPackage is read through SQLite (no GDAL, ~30 MB); else with pyogrio, as before
    listed = feature_layers(sidecar)
    if listed is not None and TOWNSHIP_LAYER not in listed:
        return {}
    read = read_layer(sidecar, TOWNSHIP_LAYER, lambda _fields: TOWNSHIP_FIELD) if listed is not None else None
    if read is not None and read.texts is not None:
        pairs = list(zip(read.texts, read.geoms, strict=True))
    else:
        import pyogrio

        try:
            if TOWNSHIP_LAYER not in {str(row[0]) for row in pyogrio.list_layers(str(sidecar))}:
                return {}
            _meta, _fids, wkb, fields = pyogrio.raw.read(str(sidecar), layer=TOWNSHIP_LAYER, columns=[TOWNSHIP_FIELD])
        except Exception:  # an unreadable sidecar: outlines unclipped, as before
            return {}
        pairs = [
            (name, None if blob is None else shapely.from_wkb(blob)) for name, blob in zip(fields[0], wkb, strict=True)
        ]
    found: dict[str, BaseGeometry] = {}
    for name, shape in pairs:
        if (townships is None or str(name) in townships) and shape is not None:
            found[str(name)] = shape
    return found
