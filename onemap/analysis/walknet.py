"""A walking network: road and path lines as a graph for :func:`scipy.sparse.csgraph.dijkstra`.

Lines come in CGCS2000 lon/lat and are laid in a :class:`~onemap.geo.geodesy.LocalMetricFrame`
centred on them (transverse Mercator: under 3e-5 scale error across a county), so edge
lengths are metres.  Line ends (and vertices) closer than ``tolerance_m`` become one node,
which joins streets digitised with small gaps.  Points (estates, facilities) are attached to
their nearest segment: the segment is split where the point's foot lies, and the point hangs
off that foot by its straight access distance, so a walk never starts at a far vertex.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely
from numpy.typing import NDArray

from onemap.geo.geodesy import LocalMetricFrame

if TYPE_CHECKING:  # scipy is imported where a network is built or walked: 31 MB a viewer without one never needs
    from scipy.sparse import csr_matrix

#: a zero-length edge would vanish from a sparse matrix: the shortest stand-in length
EPS_M = 1e-6


@dataclass
class WalkNetwork:
    """The road graph: node positions in local metres and the segments between them.

    Build it with :meth:`from_lines`.  ``source`` names where the lines came from (a file),
    for outputs that say which network they used.
    """

    frame: LocalMetricFrame
    node_xy: NDArray[np.float64]  # (n, 2) local metres
    seg_a: NDArray[np.int64]  # segment ends, node indices
    seg_b: NDArray[np.int64]
    source: str = ""

    @classmethod
    def from_lines(
        cls,
        lines_lonlat: Sequence[NDArray[np.float64]],
        *,
        tolerance_m: float = 1.0,
        cross: bool = True,
        source: str = "",
    ) -> WalkNetwork:
        """Build the graph from polylines, each an ``(k, 2)`` array of CGCS2000 ``(lon, lat)``.

        Parameters
        ----------
        lines_lonlat : sequence of ndarray
            One array per line part (multi-lines split into parts first).
        tolerance_m : float
            Vertices closer than this become one node.
        cross : bool
            Join lines where they cross (true for streets drawn as long lines over each other;
            false when crossings without a shared vertex are bridges).
        source : str
            Where the lines came from, carried into outputs.
        """
        parts = [np.asarray(p, dtype=np.float64).reshape(-1, 2) for p in lines_lonlat]
        parts = [p for p in parts if len(p) >= 2]
        if not parts:
            raise ValueError("no lines")
        every = np.concatenate(parts)
        frame = LocalMetricFrame(float(np.mean(every[:, 0])), float(np.mean(every[:, 1])))
        x, y = frame.to_local(every[:, 0], every[:, 1])
        xy = np.column_stack((x, y))
        if cross:
            parts, xy = _noded(parts, xy, min(0.1, tolerance_m))
        label = _snapped(xy, tolerance_m)
        ends = np.cumsum([len(p) for p in parts])
        starts = np.arange(len(xy) - 1)
        keep = ~np.isin(starts, ends - 1)  # no segment from one part's end to the next part's start
        a, b = label[starts[keep]], label[starts[keep] + 1]
        nodes = np.zeros((int(label.max()) + 1, 2))
        nodes[label] = xy  # one of the snapped vertices stands for its node
        real = a != b
        return cls(frame, nodes, a[real].astype(np.int64), b[real].astype(np.int64), source)

    @property
    def seg_length_m(self) -> NDArray[np.float64]:
        """Each segment's length in metres."""
        return np.asarray(np.hypot(*(self.node_xy[self.seg_b] - self.node_xy[self.seg_a]).T), dtype=np.float64)

    def local(self, lonlat: NDArray[np.float64]) -> NDArray[np.float64]:
        """``(n, 2)`` lon/lat as ``(n, 2)`` local metres."""
        lonlat = np.asarray(lonlat, dtype=np.float64).reshape(-1, 2)
        x, y = self.frame.to_local(lonlat[:, 0], lonlat[:, 1])
        return np.column_stack((x, y))

    def feet(self, xy: NDArray[np.float64]) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
        """For points in local metres: nearest segment, position along it (0..1), access metres."""
        a, b = self.node_xy[self.seg_a], self.node_xy[self.seg_b]
        tree = shapely.STRtree(shapely.linestrings(np.stack((a, b), axis=1)))
        which = tree.query_nearest(shapely.points(xy), all_matches=False)
        seg = np.empty(len(xy), dtype=np.int64)
        seg[which[0]] = which[1]
        d = b[seg] - a[seg]
        denom = np.maximum((d**2).sum(axis=1), EPS_M)
        t = np.clip(((xy - a[seg]) * d).sum(axis=1) / denom, 0.0, 1.0)
        foot = a[seg] + d * t[:, None]
        return seg, t, np.hypot(*(xy - foot).T)

    def components(self) -> int:
        """How many separate pieces the network has (1 when every street connects)."""
        from scipy.sparse.csgraph import connected_components

        return int(connected_components(self._matrix(self.seg_a, self.seg_b, self.seg_length_m))[0])

    def _matrix(self, i: NDArray[np.int64], j: NDArray[np.int64], w: NDArray[np.float64]) -> csr_matrix:
        return symmetric_graph(int(max(i.max(initial=0), j.max(initial=0))) + 1, i, j, w)


def symmetric_graph(n: int, i: NDArray[np.int64], j: NDArray[np.int64], w: NDArray[np.float64]) -> csr_matrix:
    """An undirected graph as a symmetric CSR matrix, keeping the shortest of parallel edges.

    (A plain COO-to-CSR conversion would add parallel edges' lengths together.)
    """
    from scipy.sparse import csr_matrix

    ii, jj = np.concatenate((i, j)), np.concatenate((j, i))
    ww = np.maximum(np.concatenate((w, w)), EPS_M)
    order = np.lexsort((ww, jj, ii))
    ii, jj, ww = ii[order], jj[order], ww[order]
    first = np.ones(len(ii), dtype=bool)
    first[1:] = (ii[1:] != ii[:-1]) | (jj[1:] != jj[:-1])
    return csr_matrix((ww[first], (ii[first], jj[first])), shape=(n, n))


def _noded(
    parts: list[NDArray[np.float64]], xy: NDArray[np.float64], grid_m: float
) -> tuple[list[NDArray[np.float64]], NDArray[np.float64]]:
    """The lines split wherever they cross or touch (in local metres), as new parts and their vertices.

    A union on a ``grid_m`` grid (snap-rounding) also splits a street where another one ends
    a hair's breadth from it, which a plain noding of floating-point lines misses.
    """
    lines = shapely.linestrings(xy, indices=np.repeat(np.arange(len(parts)), [len(p) for p in parts]))
    noded = shapely.get_parts(shapely.union_all(lines, grid_size=grid_m))
    pieces = [shapely.get_coordinates(g) for g in noded]
    return pieces, np.concatenate(pieces)


def _snapped(xy: NDArray[np.float64], tolerance_m: float) -> NDArray[np.int64]:
    """A node label per vertex: vertices within ``tolerance_m`` of each other share one."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    pairs = cKDTree(xy).query_pairs(tolerance_m, output_type="ndarray")
    n = len(xy)
    joined = csr_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, label = connected_components(joined, directed=False)
    return np.asarray(label, dtype=np.int64)
