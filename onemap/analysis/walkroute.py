"""Walking distances on a :class:`~onemap.analysis.walknet.WalkNetwork` with points attached.

:class:`Routed` is the network with every estate and facility hung on it (each on its own
foot node along its nearest segment); a multi-source Dijkstra from the facilities of one type,
limited to a distance, gives every estate its nearest one of that type in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from onemap.analysis.walknet import WalkNetwork, symmetric_graph

if TYPE_CHECKING:  # scipy is imported where a route is walked (see onemap.analysis.walknet)
    from scipy.sparse import csr_matrix


@dataclass
class Routed:
    """A network with points attached: ``point_node[k]`` is point k's node in ``graph``."""

    network: WalkNetwork
    graph: csr_matrix
    point_node: NDArray[np.int64]

    @classmethod
    def attach(cls, network: WalkNetwork, points_lonlat: NDArray[np.float64]) -> Routed:
        """Hang every point (``(m, 2)`` lon/lat) on its nearest segment and build the graph."""
        xy = network.local(points_lonlat)
        m, n0 = len(xy), len(network.node_xy)
        seg, t, access = network.feet(xy) if m else (np.zeros(0, np.int64), np.zeros(0), np.zeros(0))
        length = network.seg_length_m
        foot = n0 + np.arange(m)
        point = n0 + m + np.arange(m)
        i, j, w = [network.seg_a, point], [network.seg_b, foot], [length, access]
        if m:
            order = np.lexsort((t, seg))
            s, tt, q = seg[order], t[order], foot[order]
            new = np.ones(m, dtype=bool)
            new[1:] = s[1:] != s[:-1]
            last = np.ones(m, dtype=bool)
            last[:-1] = s[:-1] != s[1:]
            prev_t = np.where(new, 0.0, np.roll(tt, 1))
            prev_node = np.where(new, network.seg_a[s], np.roll(q, 1))
            i += [prev_node, q[last]]
            j += [q, network.seg_b[s[last]]]
            w += [(tt - prev_t) * length[s], (1.0 - tt[last]) * length[s[last]]]
        graph = symmetric_graph(n0 + 2 * m, np.concatenate(i), np.concatenate(j), np.concatenate(w))
        return cls(network, graph, point)

    def nearest(
        self, sources: NDArray[np.int64], targets: NDArray[np.int64], limit_m: float
    ) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
        """For target points: walking metres to the nearest source point and which one (-1: none).

        ``sources`` and ``targets`` index the attached points; beyond ``limit_m`` a target
        gets ``inf`` and -1.
        """
        if len(sources) == 0:
            return np.full(len(targets), np.inf), np.full(len(targets), -1, dtype=np.int64)
        from scipy.sparse.csgraph import dijkstra

        dist, _, origin = dijkstra(
            self.graph,
            directed=True,
            indices=self.point_node[sources],
            min_only=True,
            limit=limit_m,
            return_predecessors=True,
        )
        at = self.point_node[targets]
        back = {int(node): k for k, node in zip(sources, self.point_node[sources], strict=True)}
        which = np.array([back.get(int(o), -1) for o in origin[at]], dtype=np.int64)
        return np.asarray(dist[at], dtype=np.float64), which

    def reach_m(self, sources: NDArray[np.int64], limit_m: float) -> NDArray[np.float64]:
        """Walking metres from the nearest of ``sources`` to every graph node (inf beyond the limit)."""
        if len(sources) == 0:
            return np.full(self.graph.shape[0], np.inf)
        from scipy.sparse.csgraph import dijkstra

        dist = dijkstra(self.graph, directed=True, indices=self.point_node[sources], min_only=True, limit=limit_m)
        return np.asarray(dist, dtype=np.float64)

    def service_lines(self, reach: NDArray[np.float64], within_m: float) -> list[NDArray[np.float64]]:
        """The network reachable within ``within_m`` as ``(2, 2)`` lon/lat segments (an isochrone).

        A segment only partly within is cut where the distance runs out.
        """
        net = self.network
        a, b, length = net.seg_a, net.seg_b, net.seg_length_m
        da, db = reach[a], reach[b]
        swap = db < da
        a, b, da, db = np.where(swap, b, a), np.where(swap, a, b), np.minimum(da, db), np.maximum(da, db)
        keep = da <= within_m
        a, b, da, db, length = a[keep], b[keep], da[keep], db[keep], length[keep]
        # the far end counts when reached along this segment or another way within the limit
        frac = np.where(db <= within_m, 1.0, np.clip((within_m - da) / np.maximum(length, 1e-9), 0.0, 1.0))
        pa, pb = net.node_xy[a], net.node_xy[b]
        end = pa + (pb - pa) * frac[:, None]
        lon_a, lat_a = net.frame.to_lonlat(pa[:, 0], pa[:, 1])
        lon_b, lat_b = net.frame.to_lonlat(end[:, 0], end[:, 1])
        return [np.array([[x1, y1], [x2, y2]]) for x1, y1, x2, y2 in zip(lon_a, lat_a, lon_b, lat_b, strict=True)]
