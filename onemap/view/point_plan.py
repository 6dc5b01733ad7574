"""What the estate layer draws for the current view: markers, aggregates, and labels.

The plan covers more than the view (half a view on every side), so panning within it
needs no new data for the renderer; aggregates are computed once per cell size for all
filtered estates and reused until the filter or symbology changes.  At or below
:data:`AGGREGATE_MIN_RES` metres per pixel (where outlines appear) every estate gets its
own marker.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from onemap.view.culling import (
    CLUSTER_MIN,
    Clusters,
    Members,
    Rows,
    aggregate_members,
    cluster_cell_m,
    cluster_diameter_px,
    recoloured,
)
from onemap.view.extent import Extent
from onemap.view.labels import LabelCandidate, Measure, PlacedLabel, place_labels
from onemap.view.state import ViewState

#: labels are tried only when at most this many single points are in view
LABEL_CANDIDATE_LIMIT = 2500
#: no aggregation at or below this resolution (display metres per pixel)
AGGREGATE_MIN_RES = 12.0
_PAD = 0.5


@dataclass(frozen=True)
class PointPlan:
    """Single estates (``rows``) and aggregates (``clusters``) for the part of the map in ``region``.

    ``cell_m`` is the aggregate cell size, 0 when nothing is aggregated at this zoom.
    """

    rows: Rows
    clusters: Clusters | None
    region: Extent
    resolution: float
    cell_m: float = 0.0

    @property
    def aggregated(self) -> bool:
        """True when some estates are drawn as aggregates."""
        return self.clusters is not None and len(self.clusters) > 0


class PointPlanner:
    """Plans the estate layer for a :class:`ViewState`, reusing work between views.

    Parameters
    ----------
    state : ViewState
        The state to plan for; the planner drops its caches when the filter or the
        symbology changes.
    min_count : int
        Estates in one grid cell from which they are drawn as one aggregate.
    """

    def __init__(self, state: ViewState, min_count: int = CLUSTER_MIN) -> None:
        self.state = state
        self.min_count = min_count
        self._cells: dict[float, tuple[Clusters, Rows]] = {}
        #: each cell size's aggregated rows and their clusters (a recolour recounts class shares from them)
        self._members: dict[float, Members] = {}
        self._stale: set[float] = set()  # cell sizes whose class shares are to be counted again
        self._plan: PointPlan | None = None
        state.filter_changed.connect(self.invalidate)
        state.symbology_changed.connect(self.invalidate)

    def invalidate(self) -> None:
        """Forget cached plans and aggregates."""
        self._cells.clear()
        self._members.clear()
        self._stale.clear()
        self._plan = None

    def recolour(self, rows: Rows) -> None:
        """Some estates changed class and nothing else: aggregates none of them is in are kept.

        A marker takes its colour from the state's classes when drawn, so only aggregates
        holding one of these estates (their rings of class shares) must be made again.
        """
        for cell, (_clusters, sparse) in self._cells.items():
            if not np.isin(rows, sparse).all():  # in an aggregate: its class shares, counted again when drawn
                self._stale.add(cell)
        self._plan = None

    @property
    def current(self) -> PointPlan | None:
        """The plan the layer draws now."""
        return self._plan

    def cluster_at(self, x: float, y: float) -> Extent | None:
        """The area an aggregate under a display point stands for (``None`` when no aggregate is hit).

        Clicking an aggregate zooms to it rather than picking one of its estates.
        """
        plan = self._plan
        if plan is None or plan.clusters is None or not len(plan.clusters):
            return None
        c = plan.clusters
        radius = cluster_diameter_px(c.count) / 2 * self.state.resolution
        hit = np.flatnonzero(np.hypot(c.x - x, c.y - y) <= radius)
        if not len(hit):
            return None
        i = int(hit[np.argmax(c.count[hit])])
        half = plan.cell_m
        return Extent(c.x[i] - half, c.y[i] - half, c.x[i] + half, c.y[i] + half)

    def plan(self) -> tuple[PointPlan, bool]:
        """The plan for the state's current view, and whether it differs from the last one."""
        state = self.state
        cell = 0.0 if state.resolution <= AGGREGATE_MIN_RES else cluster_cell_m(state.resolution)
        old = self._plan
        if old is not None and self._still_good(old, cell):
            return old, False
        region = state.extent.expanded(_PAD)
        if cell:
            clusters, sparse = self._aggregates(cell)
            inside = state.points.within(region)
            rows = sparse[np.isin(sparse, inside, assume_unique=True)] if len(sparse) else sparse
            new = PointPlan(rows, clusters.subset(clusters.within(region)), region, state.resolution, cell)
        else:
            rows = state.points.within(region)
            new = PointPlan(rows[state.mask[rows]], None, region, state.resolution)
        self._plan = new
        return new, True

    def _aggregates(self, cell: float) -> tuple[Clusters, Rows]:
        state = self.state
        if cell not in self._cells:
            rows = state.filtered_rows[state.table.located[state.filtered_rows]]
            clusters, sparse, self._members[cell] = aggregate_members(
                state.table.x, state.table.y, state.classes, rows, cell, len(state.symbology.classes), self.min_count
            )
            self._cells[cell] = clusters, sparse
        elif cell in self._stale:  # only classes changed: the same clusters, their shares counted again
            clusters, sparse = self._cells[cell]
            self._cells[cell] = recoloured(clusters, self._members[cell], state.classes), sparse
        self._stale.discard(cell)
        return self._cells[cell]

    def _still_good(self, plan: PointPlan, cell: float) -> bool:
        if plan.cell_m != cell or not plan.region.contains(self.state.extent):
            return False
        return bool(cell) or self.state.resolution > plan.resolution / 4

    # -- labels -------------------------------------------------------------------------

    def screen_xy(self, rows: Rows) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Screen pixel positions of rows' points in the state's current view."""
        state, ext = self.state, self.state.extent
        w, h = state.size_px
        px = (state.table.x[rows] - ext.minx) / ext.width * w
        py = (ext.maxy - state.table.y[rows]) / ext.height * h
        return px, py

    def labels(
        self,
        measure: Measure,
        line_px: float,
        marker_px: float = 10.0,
        selected_px: float = 28.0,
        reserved: list[tuple[float, float, float, float]] | None = None,
    ) -> list[PlacedLabel]:
        """Names that fit in the current view without overlapping, most important first.

        The selection comes first (its highlight ring, ``selected_px`` across, is kept
        clear), then estates with more households; aggregates and the ``reserved`` screen
        boxes (scale bar, north arrow) are never covered.
        """
        plan = self._plan
        if plan is None:
            return []
        rows = self._in_view(plan.rows)
        if len(rows) > LABEL_CANDIDATE_LIMIT:
            return []
        rows = self._by_priority(rows)
        px, py = self.screen_xy(rows)
        names, selected = self.state.table.name, set(self.state.selected_rows.tolist())
        candidates = [
            LabelCandidate(
                int(r),
                float(x),
                float(y),
                str(names[r] or self.state.table.code[r]),
                selected_px if r in selected else 0.0,
            )
            for r, x, y in zip(rows, px, py, strict=True)
        ]
        w, h = self.state.size_px
        return place_labels(
            candidates,
            measure,
            width_px=w,
            height_px=h,
            line_px=line_px,
            marker_px=marker_px,
            obstacles=self._cluster_boxes(plan) + list(reserved or ()),
        )

    def _cluster_boxes(self, plan: PointPlan) -> list[tuple[float, float, float, float]]:
        if plan.clusters is None or not len(plan.clusters):
            return []
        ext, (w, h) = self.state.extent, self.state.size_px
        c = plan.clusters.subset(plan.clusters.within(ext))
        px = (c.x - ext.minx) / ext.width * w
        py = (ext.maxy - c.y) / ext.height * h
        r = cluster_diameter_px(c.count) / 2 + 1
        return list(zip((px - r).tolist(), (py - r).tolist(), (px + r).tolist(), (py + r).tolist(), strict=True))

    def _in_view(self, rows: Rows) -> Rows:
        ext, table = self.state.extent, self.state.table
        x, y = table.x[rows], table.y[rows]
        return rows[(x >= ext.minx) & (x <= ext.maxx) & (y >= ext.miny) & (y <= ext.maxy)]

    def _by_priority(self, rows: Rows) -> Rows:
        # the selection first, then more households, ties in file order: sorting just the rows in view
        # (no rank of every estate to keep, which an edit of households would make again)
        households = np.nan_to_num(self.state.table.households[rows], nan=-1.0)
        selected = np.isin(rows, self.state.selected_rows)
        return rows[np.lexsort((rows, -households, ~selected))]
