"""Estate outlines on the ground: line segments for drawing, polygons for picking the ground."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

from onemap.scene.extrude import explode
from onemap.scene.frame import SceneFrame

#: lines sit this far above the ground so the ground plane never hides them
OUTLINE_LIFT_M = 0.3
BOUNDARY_LIFT_M = 0.2
#: boundaries are drawn simplified to this tolerance, metres
BOUNDARY_SIMPLIFY_M = 20.0
#: outlines are projected, split and cut into segments this many at a time (the temporaries of
#: 220,000 at once were the peak of a national scene's build)
CHUNK = 20_000


@dataclass(frozen=True)
class OutlineLines:
    """Outline rings as separate segments (``GL_LINES`` pairs) in the scene frame.

    Attributes
    ----------
    positions : ndarray of float32, shape (2 * n_segments, 3)
    segment_estate : ndarray of int32, shape (n_segments,)
        Index into ``estate_codes``; each estate's segments are contiguous.
    estate_codes : tuple of str
        Sorted codes of the estates that have an outline.
    polygon_wkb : ndarray of bytes
        Outline parts in metres as WKB, for finding which estate a ground point is in (decoded only
        where :attr:`polygon_bounds` hold the point: a nation's 220,000 kept as GEOS polygons were 86 MB).
    polygon_bounds : ndarray of float64, shape (n_polygons, 4)
        Each part's ``(minx, miny, maxx, maxy)``.
    polygon_estate : ndarray of int32
    """

    positions: NDArray[np.float32]
    segment_estate: NDArray[np.int32]
    estate_codes: tuple[str, ...]
    polygon_wkb: NDArray[np.object_]
    polygon_bounds: NDArray[np.float64]
    polygon_estate: NDArray[np.int32]

    def polygons(self, rows: NDArray[np.intp] | slice = slice(None)) -> NDArray[np.object_]:
        """Outline parts ``rows`` (all by default) as shapely polygons, exactly those they were made from."""
        return np.asarray(shapely.from_wkb(self.polygon_wkb[rows]), dtype=object)

    def estate_positions(self, code: str) -> NDArray[np.float32]:
        """The segment pairs of one estate's outline (empty when it has none)."""
        i = int(np.searchsorted(self.estate_codes, code))
        if i >= len(self.estate_codes) or self.estate_codes[i] != code:
            return np.empty((0, 3), dtype=np.float32)
        rows = np.flatnonzero(self.segment_estate == i)
        return np.asarray(self.positions[(rows[:, None] * 2 + np.arange(2)).ravel()], dtype=np.float32)

    def replaced(self, codes: set[str], new: OutlineLines) -> OutlineLines:
        """These outlines with those of ``codes`` swapped for ``new`` (an edit's).

        Spliced, not re-sorted: each changed estate's segments and polygons are contiguous, so the
        others are copied over in runs between them and keep their order (a sort of a nation's
        880,000 segments and a set of its 220,000 codes cost a few hundred ms and tens of MB an edit).
        """
        old = self.estate_codes
        changed = sorted(set(codes) | set(new.estate_codes))
        union = _spliced(old, set(codes), new.estate_codes)
        if union is not old:  # an estate gained or lost its outline: the others' indices shift
            remap = np.searchsorted(np.asarray(union, dtype=str), np.asarray(old, dtype=str)).astype(np.int32)
        else:
            remap = None
        # each changed code's run in the old arrays (empty where it had none) and its index in ``union``
        starts = [bisect.bisect_left(old, c) for c in changed]
        stops = [s + int(s < len(old) and old[s] == c) for s, c in zip(starts, changed, strict=True)]
        new_at = np.asarray([bisect.bisect_left(union, c) for c in new.estate_codes], dtype=np.int32)

        def spliced(
            values: NDArray[Any], owner: NDArray[np.int32], new_values: NDArray[Any], new_owner: NDArray[np.int32]
        ) -> list[NDArray[Any]]:
            lo = np.searchsorted(owner, starts)
            hi = np.searchsorted(owner, stops)
            new_lo = np.searchsorted(new_owner, [bisect.bisect_left(new.estate_codes, c) for c in changed])
            new_hi = np.searchsorted(new_owner, [bisect.bisect_right(new.estate_codes, c) for c in changed])
            pieces, at = [], 0
            for a, b, na, nb in zip(lo, hi, new_lo, new_hi, strict=True):
                pieces += [values[at:a], new_values[na:nb]]
                at = b
            return [*pieces, values[at:]]

        seg_old = self.positions.reshape(-1, 2, 3)
        seg_estate = self.segment_estate if remap is None else remap[self.segment_estate]
        poly_estate = self.polygon_estate if remap is None else remap[self.polygon_estate]
        pairs = spliced(seg_old, self.segment_estate, new.positions.reshape(-1, 2, 3), new.segment_estate)
        seg_owner = spliced(seg_estate, self.segment_estate, new_at[new.segment_estate], new.segment_estate)
        wkb = spliced(self.polygon_wkb, self.polygon_estate, new.polygon_wkb, new.polygon_estate)
        boxes = spliced(self.polygon_bounds, self.polygon_estate, new.polygon_bounds, new.polygon_estate)
        poly_owner = spliced(poly_estate, self.polygon_estate, new_at[new.polygon_estate], new.polygon_estate)
        return OutlineLines(
            positions=np.concatenate([np.empty((0, 2, 3), np.float32), *pairs]).reshape(-1, 3).astype(np.float32),
            segment_estate=np.concatenate([np.empty(0, np.int32), *seg_owner]).astype(np.int32),
            estate_codes=union,
            polygon_wkb=np.concatenate([np.empty(0, dtype=object), *wkb]),
            polygon_bounds=np.concatenate([np.empty((0, 4)), *boxes]),
            polygon_estate=np.concatenate([np.empty(0, np.int32), *poly_owner]).astype(np.int32),
        )


def _spliced(old: tuple[str, ...], gone: set[str], new: tuple[str, ...]) -> tuple[str, ...]:
    """``old`` (sorted) less ``gone`` plus ``new``, sorted; ``old`` itself when that is the same."""
    fresh = set(new)
    lost = [c for c in gone - fresh if (i := bisect.bisect_left(old, c)) < len(old) and old[i] == c]
    added = [c for c in fresh if not ((i := bisect.bisect_left(old, c)) < len(old) and old[i] == c)]
    if not lost and not added:
        return old
    codes = list(old)
    for c in lost:
        del codes[bisect.bisect_left(codes, c)]
    for c in added:
        bisect.insort(codes, c)
    return tuple(codes)


def build_outlines(codes: NDArray[np.object_], geoms_lonlat: NDArray[np.object_], frame: SceneFrame) -> OutlineLines:
    """Outline segments and polygons of every estate, in ``frame``.

    Parameters
    ----------
    codes : ndarray of str
        The estate of each geometry.
    geoms_lonlat : ndarray of shapely geometries
        Outlines in CGCS2000 lon/lat.
    frame : SceneFrame
    """
    geoms = np.asarray(geoms_lonlat, dtype=object)
    parts, owners = [np.empty(0, dtype=object)], [np.empty(0, dtype=np.int64)]
    for start in range(0, len(geoms), CHUNK):  # each geometry on its own: chunks give what one pass gives
        polys, owner = explode(frame.geometries_to_local(geoms[start : start + CHUNK]))
        parts.append(polys)
        owners.append(owner + start)
    owner = np.concatenate(owners)
    return outlines_from_polygons(np.asarray(codes, dtype=str)[owner], np.concatenate(parts))


def outlines_from_polygons(codes: NDArray[np.str_], polys: NDArray[np.object_]) -> OutlineLines:
    """Outlines from valid, oriented polygons in scene metres, ``codes[i]`` the estate of ``polys[i]``."""
    estate_codes, inverse = np.unique(np.asarray(codes, dtype=str), return_inverse=True)
    owner = np.arange(len(polys))
    polygon_estate = inverse[owner].astype(np.int32)
    order = np.argsort(polygon_estate, kind="stable")
    polys, polygon_estate = polys[order], polygon_estate[order]
    positions, segment_polygon = ring_segments(polys, OUTLINE_LIFT_M)
    return OutlineLines(
        positions=positions,
        segment_estate=polygon_estate[segment_polygon].astype(np.int32),
        estate_codes=tuple(str(c) for c in estate_codes),
        polygon_wkb=np.asarray(shapely.to_wkb(polys), dtype=object).reshape(-1),
        polygon_bounds=np.asarray(shapely.bounds(polys), dtype=np.float64).reshape(-1, 4),
        polygon_estate=polygon_estate,
    )


def ring_segments(polys: NDArray[np.object_], z: float) -> tuple[NDArray[np.float32], NDArray[np.int64]]:
    """Every ring segment of the polygons as ``GL_LINES`` pairs at height ``z``, and each one's polygon."""
    if len(polys) > CHUNK:  # a chunk at a time: the rings of a nation's outlines at once were 100 MB
        pieces = [ring_segments(polys[start : start + CHUNK], z) for start in range(0, len(polys), CHUNK)]
        owners = [owner + start for (_p, owner), start in zip(pieces, range(0, len(polys), CHUNK), strict=True)]
        return np.concatenate([p for p, _o in pieces]), np.concatenate(owners)
    rings, ring_owner = shapely.get_rings(polys, return_index=True)
    coords, ring_of_point = shapely.get_coordinates(rings, return_index=True)
    same = ring_of_point[:-1] == ring_of_point[1:]
    pairs = np.stack([coords[:-1][same], coords[1:][same]], axis=1).reshape(-1, 2)
    positions = np.hstack([pairs, np.full((len(pairs), 1), z)]).astype(np.float32)
    return positions, ring_owner[ring_of_point[:-1][same]].astype(np.int64)


def boundary_lines(geoms_lonlat: NDArray[np.object_], frame: SceneFrame) -> NDArray[np.float32]:
    """Administrative boundaries (county, township) as ground line pairs in ``frame``."""
    if len(geoms_lonlat) == 0:
        return np.empty((0, 3), dtype=np.float32)
    polys, _ = explode(frame.geometries_to_local(np.asarray(geoms_lonlat, dtype=object)))
    # a nation's 577 county outlines are 750,000 points: drawn every frame, wide lines cost llvmpipe
    # hundreds of milliseconds; at 20 m no view of the boundary changes
    return ring_segments(shapely.simplify(polys, BOUNDARY_SIMPLIFY_M), BOUNDARY_LIFT_M)[0]
