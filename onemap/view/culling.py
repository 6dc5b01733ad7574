"""Which points to draw: cull to the view with a sorted index, aggregate where they crowd.

Estate points live in memory (:class:`~onemap.view.estate_table.EstateTable`); a
:class:`PointIndex` sorts them by x once, so a view query is two binary searches and a
y test over the strip in between.

Zoomed out, points are binned on a world-aligned grid about :data:`CLUSTER_CELL_PX`
pixels wide (the cells do not move while panning).  A cell holding at least
:data:`CLUSTER_MIN` estates is drawn as one circle with its count and its most common
class; estates in sparser cells keep their own markers.  So a county seat becomes a
few numbered circles while outlying estates stay visible, and however many estates
the file holds, the map never draws more than a few thousand symbols.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from onemap.view.extent import Extent

Rows = NDArray[np.intp]
#: aggregate cell size in screen pixels (rounded to a power of two of display metres)
CLUSTER_CELL_PX = 40.0
#: a cell with at least this many estates is drawn as one aggregate
CLUSTER_MIN = 3


class PointIndex:
    """Located points sorted by x, for view culling and nearest-point queries.

    Parameters
    ----------
    x, y : ndarray
        Display coordinates (EPSG:3857) of every row; NaN rows are left out.
    """

    def __init__(self, x: NDArray[np.float64], y: NDArray[np.float64]) -> None:
        rows = np.flatnonzero(~(np.isnan(x) | np.isnan(y)))
        order = np.argsort(x[rows], kind="stable")
        self.rows: Rows = rows[order]
        self.xs = x[self.rows]
        self.ys = y[self.rows]

    def __len__(self) -> int:
        return len(self.rows)

    def within(self, extent: Extent) -> Rows:
        """Rows whose point lies in ``extent`` (edges included), in x order."""
        return self.rows[self._positions(extent)]

    def nearest(
        self, x: float, y: float, radius: float, mask: NDArray[np.bool_] | None = None
    ) -> tuple[Rows, NDArray[np.float64]]:
        """Rows within ``radius`` of ``(x, y)`` and their distances, nearest first.

        Parameters
        ----------
        x, y : float
            The query point in display metres.
        radius : float
            Search radius in display metres.
        mask : ndarray of bool, optional
            Per table row; only rows where it is true are considered (the filter).
        """
        positions = self._positions(Extent(x - radius, y - radius, x + radius, y + radius))
        rows = self.rows[positions]
        if mask is not None:
            keep = mask[rows]
            rows, positions = rows[keep], positions[keep]
        distance = np.hypot(self.xs[positions] - x, self.ys[positions] - y)
        inside = distance <= radius
        order = np.argsort(distance[inside], kind="stable")
        return rows[inside][order], distance[inside][order]

    def _positions(self, extent: Extent) -> NDArray[np.intp]:
        lo = int(np.searchsorted(self.xs, extent.minx, side="left"))
        hi = int(np.searchsorted(self.xs, extent.maxx, side="right"))
        ys = self.ys[lo:hi]
        return lo + np.flatnonzero((ys >= extent.miny) & (ys <= extent.maxy))


@dataclass(frozen=True)
class Clusters:
    """Aggregated points: one entry per occupied grid cell.

    ``hist[i, c]`` counts the estates of class ``c`` in cluster ``i`` (the map draws it as a
    ring of class shares); ``dominant`` is its largest class.
    """

    x: NDArray[np.float64]
    y: NDArray[np.float64]
    count: NDArray[np.int64]
    dominant: NDArray[np.int16]
    cell_m: float
    hist: NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.x)

    def subset(self, keep: NDArray[np.bool_]) -> Clusters:
        """The clusters where ``keep`` is true."""
        return Clusters(self.x[keep], self.y[keep], self.count[keep], self.dominant[keep], self.cell_m, self.hist[keep])

    def within(self, extent: Extent) -> NDArray[np.bool_]:
        """Mask of clusters whose centre lies in ``extent``."""
        return (self.x >= extent.minx) & (self.x <= extent.maxx) & (self.y >= extent.miny) & (self.y <= extent.maxy)


def cluster_diameter_px(count: NDArray[np.int64]) -> NDArray[np.float64]:
    """Aggregate circle diameter in pixels: grows with the log of the count, in 2-pixel steps."""
    return 2 * np.round((18 + 8 * np.log10(np.maximum(count, 1))) / 2)


def cluster_cell_m(resolution_m_per_px: float, cell_px: float = CLUSTER_CELL_PX) -> float:
    """Aggregate cell size in display metres: ``cell_px`` pixels rounded to a power of two."""
    return float(2.0 ** round(math.log2(max(resolution_m_per_px * cell_px, 1e-6))))


def aggregate(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    classes: NDArray[np.int16],
    rows: Rows,
    cell_m: float,
    n_classes: int,
    min_count: int = CLUSTER_MIN,
) -> tuple[Clusters, Rows]:
    """Bin the points of ``rows`` into world-aligned cells of ``cell_m`` metres.

    Returns
    -------
    clusters : Clusters
        One per cell holding at least ``min_count`` points, at the mean position of its
        points, with the class most of them have (ties go to the lower class index).
        Neighbouring clusters whose circles would overlap are merged into the larger.
    sparse : ndarray of int
        The rows in the other cells, to be drawn one by one.
    """
    clusters, sparse, _members = aggregate_members(x, y, classes, rows, cell_m, n_classes, min_count)
    return clusters, sparse


def aggregate_members(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    classes: NDArray[np.int16],
    rows: Rows,
    cell_m: float,
    n_classes: int,
    min_count: int = CLUSTER_MIN,
) -> tuple[Clusters, Rows, Members]:
    """:func:`aggregate`, and which cluster each aggregated row went into (for :func:`recoloured`)."""
    if not len(rows):
        empty = np.empty(0)
        hist = np.empty((0, n_classes), np.int64)
        clusters = Clusters(empty, empty, np.empty(0, np.int64), np.empty(0, np.int16), cell_m, hist)
        return clusters, rows, Members(rows, rows)
    cx = np.floor(x[rows] / cell_m).astype(np.int64)
    cy = np.floor(y[rows] / cell_m).astype(np.int64)
    _ids, first, inverse, count = np.unique(cx * 2**32 + cy, return_index=True, return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    cells = np.column_stack([cx[first], cy[first]])
    dense = count >= min_count
    sum_x = np.bincount(inverse, weights=x[rows], minlength=len(count))[dense]
    sum_y = np.bincount(inverse, weights=y[rows], minlength=len(count))[dense]
    hist = np.zeros((len(count), n_classes), dtype=np.int64)
    np.add.at(hist, (inverse, classes[rows]), 1)
    into = np.arange(int(dense.sum()))
    clusters = _merge_overlapping(cells[dense], count[dense].copy(), sum_x, sum_y, hist[dense], cell_m, into)
    dense_index = np.cumsum(dense) - 1  # a cell's index among the dense ones
    inside = dense[inverse]
    return clusters, rows[~inside], Members(rows[inside], into[dense_index[inverse[inside]]])


@dataclass(frozen=True)
class Members:
    """The aggregated rows and the cluster each is in."""

    rows: Rows
    cluster: Rows


def recoloured(clusters: Clusters, members: Members, classes: NDArray[np.int16]) -> Clusters:
    """The same clusters with the class shares of ``classes`` (only classes changed: no estate moved, came or went)."""
    n_classes = clusters.hist.shape[1]
    key = members.cluster * n_classes + classes[members.rows]
    hist = np.bincount(key, minlength=len(clusters) * n_classes).reshape(len(clusters), n_classes)
    return Clusters(clusters.x, clusters.y, clusters.count, hist.argmax(axis=1).astype(np.int16), clusters.cell_m, hist)


def _merge_overlapping(
    cells: NDArray[np.int64],
    count: NDArray[np.int64],
    sum_x: NDArray[np.float64],
    sum_y: NDArray[np.float64],
    hist: NDArray[np.int64],
    cell_m: float,
    into: Rows,
) -> Clusters:
    """Merge each cluster into a larger neighbour when their circles would touch on screen.

    ``into`` (one per cluster given, ``arange`` on entry) ends as the index of the cluster
    returned that each went into.
    """
    m_per_px = cell_m / CLUSTER_CELL_PX
    where = {(int(a), int(b)): k for k, (a, b) in enumerate(cells.tolist())}
    alive = np.ones(len(cells), dtype=bool)
    for k in np.argsort(-count, kind="stable").tolist():
        if not alive[k]:
            continue
        cx, cy = cells[k]
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                j = where.get((int(cx) + dx, int(cy) + dy))
                if j is None or j == k or not alive[j]:
                    continue
                reach = (cluster_diameter_px(count[k]) + cluster_diameter_px(count[j])) / 2 * m_per_px
                if (
                    np.hypot(sum_x[k] / count[k] - sum_x[j] / count[j], sum_y[k] / count[k] - sum_y[j] / count[j])
                    < reach
                ):
                    count[k] += count[j]
                    sum_x[k] += sum_x[j]
                    sum_y[k] += sum_y[j]
                    hist[k] += hist[j]
                    alive[j] = False
                    into[j] = k
    while not np.array_equal(into[into], into):  # j may have taken in others before: follow to the end
        into[:] = into[into]
    into[:] = (np.cumsum(alive) - 1)[into]
    n = count[alive]
    kept = hist[alive]
    return Clusters(sum_x[alive] / n, sum_y[alive] / n, n, kept.argmax(axis=1).astype(np.int16), cell_m, kept)
