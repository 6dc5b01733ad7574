"""The GL items of one scene and the buffers behind them: colours, the filter and the highlight.

Buildings come as tile meshes (:mod:`onemap.scene.tiles`; a county's whole mesh is one tile),
drawn together by one faces item and one edges item. Rebuilds are as small as the change: a
change of tiles re-joins the buffers kept per tile, a symbology change recolours only when some
colour changed, a selection only the small highlight mesh, a filter a gather of each tile's
contiguous estate vertex ranges.
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import numpy as np
import pyqtgraph.opengl as gl
from numpy.typing import NDArray

from onemap.gui.scene3d import items
from onemap.gui.scene3d.terrain_item import TerrainItem
from onemap.scene.colours import BOUNDARY, ColourFn, colour_table
from onemap.scene.drape import plain_texture
from onemap.scene.mesh import BuildingMesh
from onemap.scene.scene import CountyScene

GROUND = (236, 233, 226, 255)
HIGHLIGHT = "#ff6020"
OUTLINE_COLOUR = (0.42, 0.36, 0.30, 0.85)
EDGE_COLOUR = (0.12, 0.12, 0.12, 0.35)
HIGHLIGHT_LINE_COLOUR = (0.85, 0.25, 0.0, 1.0)
BOUNDARY_COLOUR = BOUNDARY
#: building edges sharpen views closer than this (metres); from farther they turn the county grey
EDGE_DISTANCE_M = 3000.0
#: from this far buildings are specks: each estate also shows as a dot of its colour
MARKER_DISTANCE_M = 8000.0
MARKER_PX, MARKER_RING_PX, SELECTED_MARKER_PX, SELECTED_RING_PX = 9.0, 12.0, 15.0, 19.0
#: above this many estates the dots shrink, lose their rings and thin out to one per cell of the
#: camera distance / DOT_CELLS_PER_DISTANCE (220,000 ringed dots: 1.9 s a frame on llvmpipe)
MANY_MARKERS, SMALL_MARKER_PX, DOT_CELLS_PER_DISTANCE = 20_000, 4.0, 500.0
#: beyond this (metres) a building is under a pixel wide: the mesh is not drawn, the dots stand in for it
BUILDINGS_DISTANCE_M = 20000.0
#: the ground reaches this many scene extents beyond the data, so it meets the horizon
GROUND_REACH = 3.0


class _Tile:
    """One tile mesh's buffers after the filter: positions, colours and edges."""

    def __init__(self, mesh: BuildingMesh, table: NDArray[np.uint8], visible: NDArray[np.bool_] | None) -> None:
        self.mesh, self.table = mesh, table
        self.set_visible(visible)

    def set_visible(self, visible: NDArray[np.bool_] | None) -> None:
        mesh, self.visible = self.mesh, visible
        self.rows = None if visible is None else mesh.vertex_rows(visible)
        self.positions = mesh.positions if self.rows is None else mesh.positions[self.rows]
        self.edges = mesh.edges if visible is None else _filtered_edges(mesh, visible)
        self.colours = self.shaded()

    def shaded(self) -> NDArray[np.uint8]:
        colours = self.mesh.shaded(self.table)
        return colours if self.rows is None else colours[self.rows]


class SceneLayers:
    """Ground, the tiles' buildings and edges, outlines and the highlight, added to one ``GLViewWidget``."""

    def __init__(self, view: gl.GLViewWidget) -> None:
        self.ground = items.ArrayMeshItem(items.BACKDROP)
        #: the terrain with the basemap draped on it (a scene with ``terrain`` set; else the flat ground alone)
        self.terrain = TerrainItem()
        self._texture: NDArray[np.uint8] | None = None
        self.buildings = items.ArrayMeshItem(items.SOLID)
        self.edges = items.line_item(EDGE_COLOUR, 1.0)
        self.outlines = items.line_item(OUTLINE_COLOUR, 1.5)
        self.boundaries = items.line_item(BOUNDARY_COLOUR, 2.0)
        self.highlight = items.ArrayMeshItem(items.HIGHLIGHT)
        #: paint the highlighted estate's buildings orange (the viewer); False keeps their colour (PDF insets)
        self.highlight_fill = True
        self.highlight_lines = items.line_item(HIGHLIGHT_LINE_COLOUR, 2.5)
        self.marker_rings = items.marker_item(MARKER_RING_PX)
        self.markers = items.marker_item(MARKER_PX)
        self.selected_ring = items.marker_item(SELECTED_RING_PX)
        self.selected_marker = items.marker_item(SELECTED_MARKER_PX)
        order = {
            self.ground: -11,
            self.terrain: -10,
            self.boundaries: -9,
            self.outlines: -8,
            self.buildings: -7,
            self.edges: -6,
            self.highlight: -5,
            self.highlight_lines: -4,
            self.marker_rings: -3,
            self.markers: -2,
            self.selected_ring: -1,
            self.selected_marker: 0,
        }
        for item, depth in order.items():
            item.setDepthValue(depth)
            view.addItem(item)
        self._scene: CountyScene | None = None
        self._colour_fn: ColourFn | None = None
        self._tiles: dict[Hashable, _Tile] = {}
        self._visible_codes: set[str] | None = None
        self._highlighted: str | None = None
        self._dots: tuple[NDArray[np.float32], NDArray[np.float32]] = (
            np.empty((0, 3), np.float32),
            np.empty((0, 4), np.float32),
        )
        self._dot_cell: float | None = None  # the cell the dots were thinned to; None: not placed yet
        self._outline_estates: NDArray[np.int64] | None = None
        self._outline_index: NDArray[np.int64] | None = None  # each outline estate's index in the scene
        self._distance = 0.0

    # -- data ------------------------------------------------------------------------------

    def set_scene(self, scene: CountyScene) -> None:
        """New data: ground, boundaries, outlines and markers rebuilt (tiles change through ``set_tiles``)."""
        # the filter stays (the binding sets it again); a tiled scene draws outlines only of its tiles in view
        self._scene = scene
        self.terrain.set_detail(None, (0.0, 0.0, 1.0, 1.0))  # a finer texture belongs to the old ground
        self._outline_estates = np.empty(0, dtype=np.int64) if scene.tiled else None
        codes = np.asarray(scene.estate_codes, dtype=str)
        self._outline_index = np.searchsorted(codes, np.asarray(scene.outlines.estate_codes, dtype=str))
        lo, hi = scene.bounds()
        pad = GROUND_REACH * float(np.max(hi[:2] - lo[:2])) + 2000.0
        quad = items.ground_quad(lo, hi, pad)
        self.ground.set_arrays(quad, np.tile(np.array(GROUND, dtype=np.uint8), (len(quad), 1)))
        self._set_terrain()
        items.set_lines(self.boundaries, scene.boundaries)
        items.set_lines(self.outlines, self._filtered_outlines(scene))
        self._upload_markers()

    @property
    def texture(self) -> NDArray[np.uint8] | None:
        """The texture draped on the ground (None: plain ground)."""
        return self._texture

    def set_detail(self, texture: NDArray[np.uint8] | None, box: tuple[float, float, float, float]) -> None:
        """A finer texture over ``box`` (local metres ``(x0, y0, x1, y1)``) of the ground; None: none."""
        terrain = None if self._scene is None else self._scene.terrain
        if terrain is None or texture is None:
            self.terrain.set_detail(None, (0.0, 0.0, 1.0, 1.0))
            return
        x0, y0, x1, y1 = terrain.extent
        u = ((box[0] - x0) / (x1 - x0), (box[2] - x0) / (x1 - x0))
        v = ((box[1] - y0) / (y1 - y0), (box[3] - y0) / (y1 - y0))
        self.terrain.set_detail(texture, (u[0], v[0], u[1], v[1]))

    def set_texture(self, texture: NDArray[np.uint8] | None) -> None:
        """Drape ``texture`` (the basemap over the terrain's extent, row 0 south) on the ground; None: plain."""
        self._texture = texture
        self._set_terrain()

    def _set_terrain(self) -> None:
        terrain = None if self._scene is None else self._scene.terrain
        if terrain is None:
            self.terrain.clear()
            return
        texture = self._texture if self._texture is not None else plain_texture(GROUND)
        self.terrain.set_ground(*terrain.grid_mesh(), texture)

    def set_tiles(self, meshes: dict[Hashable, BuildingMesh], estates: NDArray[np.int64] | None = None) -> None:
        """Draw these tile meshes (keyed by tile): new ones are uploaded, gone ones removed, the rest kept.

        ``estates`` (indices into the scene's codes) limits the outlines drawn to those of the tiles
        in view (a nation's 1.7 million outline segments would cost every frame); None draws all.
        """
        if self._scene is not None and not _same(estates, self._outline_estates):
            self._outline_estates = estates
            items.set_lines(self.outlines, self._filtered_outlines(self._scene))
        old = self._tiles
        self._tiles = {}
        for key, mesh in meshes.items():
            if mesh.n_faces == 0:
                continue
            tile = old.get(key)
            if tile is None or tile.mesh is not mesh:
                tile = _Tile(mesh, colour_table(mesh.estate_codes, self._colour_fn), self._mask(mesh))
            self._tiles[key] = tile
        if self._tiles.keys() != old.keys() or any(t is not old[k] for k, t in self._tiles.items()):
            self._upload()
        self.set_highlight(self._highlighted)

    @property
    def tile_meshes(self) -> dict[Hashable, BuildingMesh]:
        """The tile meshes on show, by tile."""
        return {key: tile.mesh for key, tile in self._tiles.items()}

    def _upload(self) -> None:
        """All tiles' buffers into the one buildings item and one edges item (a GL item per tile
        would cost its draw-call overhead every frame: one per tile slowed orbiting by half)."""
        tiles = list(self._tiles.values())
        self.buildings.set_arrays(
            np.concatenate([np.empty((0, 3), np.float32), *(t.positions for t in tiles)]),
            np.concatenate([np.empty((0, 4), np.uint8), *(t.colours for t in tiles)]),
        )
        items.set_lines(self.edges, np.concatenate([np.empty((0, 3), np.float32), *(t.edges for t in tiles)]))
        self.set_camera_distance(self._distance)

    def _recolour(self) -> None:
        tiles = list(self._tiles.values())
        self.buildings.set_colours(np.concatenate([np.empty((0, 4), np.uint8), *(t.colours for t in tiles)]))

    def set_symbology(self, colour_fn: ColourFn | None) -> None:
        """Recolour the tiles whose estates' colours changed."""
        self._colour_fn = colour_fn
        if self._scene is None:
            return
        changed = False
        for tile in self._tiles.values():
            table = colour_table(tile.mesh.estate_codes, colour_fn)
            if np.array_equal(table, tile.table):
                continue
            tile.table, changed = table, True
            tile.colours = tile.shaded()
        if changed:
            self._recolour()
        self._upload_markers()

    def set_visible(self, codes: set[str] | None) -> None:
        """Draw only the estates in ``codes`` (None: all)."""
        if self._scene is None or codes == self._visible_codes:
            return
        self._visible_codes = codes
        for tile in self._tiles.values():
            tile.set_visible(self._mask(tile.mesh))
        self._upload()
        items.set_lines(self.outlines, self._filtered_outlines(self._scene))
        self._upload_markers()

    def is_visible(self, code: str) -> bool:
        """Whether the filter lets ``code`` through."""
        return self._visible_codes is None or code in self._visible_codes

    def set_highlight(self, code: str | None) -> None:
        """Draw ``code``'s buildings in the highlight colour with bold edges and outline (None clears)."""
        self._highlighted = code
        index = None if self._scene is None or code is None else self._scene.index_of(code)
        if self._scene is None or code is None or index is None:
            self.highlight.set_arrays(np.empty((0, 3), np.float32), np.empty((0, 4), np.uint8))
            items.set_lines(self.highlight_lines, np.empty((0, 3), np.float32))
            for item in (self.selected_ring, self.selected_marker):
                item.setData(pos=np.empty((0, 3), np.float32))
            self.set_camera_distance(self._distance)
            return
        at = _marker_positions(self._scene)[[index]]
        # the selected estate keeps its status colour: the ring round its dot and its outline mark it
        own = colour_table((code,), self._colour_fn)[0].astype(np.float32) / 255.0
        self.selected_ring.setData(pos=at, color=HIGHLIGHT_LINE_COLOUR)
        self.selected_marker.setData(pos=at, color=tuple(float(v) for v in own))
        self.set_camera_distance(self._distance)
        tile = next((t for t in self._tiles.values() if t.mesh.estate_index(code) is not None), None)
        mesh = None if tile is None else tile.mesh
        faces = slice(0, 0) if mesh is None else mesh.estate_face_slice(code)
        rows = slice(3 * faces.start, 3 * faces.stop)
        if self.highlight_fill and tile is not None and mesh is not None:
            # drawn over the estate in its own status colour, so a filter that hides nothing else
            # still shows it; the bold outline marks it as the selection
            own = tile.table[mesh.estate_index(code) or 0]
            self.highlight.set_arrays(mesh.positions[rows], _shaded_rgba(own, mesh.shade[rows]))
        else:  # no highlight mesh (PDF insets): the bold outline alone marks the estate
            self.highlight.set_arrays(np.empty((0, 3), np.float32), np.empty((0, 4), np.uint8))
        edges = np.empty((0, 3), np.float32) if mesh is None else mesh.estate_edge_positions(code)
        items.set_lines(self.highlight_lines, np.concatenate([edges, self._scene.outlines.estate_positions(code)]))

    def set_camera_distance(self, distance_m: float) -> None:
        """Near: building edges (from afar they turn the county grey). Far: one dot per estate, and from
        very far no buildings at all (sub-pixel, yet a large county's mesh would cost seconds a frame)."""
        self._distance = distance_m
        far = distance_m >= MARKER_DISTANCE_M
        self._place_dots()
        self.buildings.setVisible(distance_m < BUILDINGS_DISTANCE_M)
        self.edges.setVisible(distance_m < EDGE_DISTANCE_M and _has_points(self.edges))
        self.outlines.setVisible(distance_m < BUILDINGS_DISTANCE_M and _has_points(self.outlines))
        for item in (self.markers, self.marker_rings, self.selected_ring, self.selected_marker):
            item.setVisible(far and _has_points(item))

    # -- buffers ---------------------------------------------------------------------------

    def _mask(self, mesh: BuildingMesh) -> NDArray[np.bool_] | None:
        codes = self._visible_codes
        return None if codes is None else np.array([c in codes for c in mesh.estate_codes], dtype=bool)

    def _upload_markers(self) -> None:
        scene = self._scene
        if scene is None:
            return
        keep = np.array([self.is_visible(c) for c in scene.estate_codes], dtype=np.bool_)
        colours = colour_table(scene.estate_codes, self._colour_fn)[keep].astype(np.float32) / 255.0
        self._dots, self._dot_cell = (_marker_positions(scene)[keep], colours), None
        self.set_camera_distance(self._distance)

    def _place_dots(self) -> None:
        """Every estate's dot; beyond :data:`MANY_MARKERS` one small ringless dot per screen-sized cell
        (llvmpipe draws a point sprite in about 4 microseconds: 220,000 of them took 0.9 s a frame)."""
        positions, colours = self._dots
        if len(positions) <= MANY_MARKERS:
            if self._dot_cell is None:
                self.markers.setData(pos=positions, color=colours, size=MARKER_PX)
                self.marker_rings.setData(pos=positions, color=(0.15, 0.15, 0.15, 0.8))
            self._dot_cell = 0.0
            return
        cell = 2.0 ** round(math.log2(max(self._distance, 1.0) / DOT_CELLS_PER_DISTANCE))
        if cell == self._dot_cell:
            return
        self._dot_cell = cell
        ij = np.floor(positions[:, :2] / cell).astype(np.int64)
        _cells, first = np.unique(ij[:, 0] * (1 << 32) + ij[:, 1], return_index=True)
        self.markers.setData(pos=positions[first], color=colours[first], size=SMALL_MARKER_PX)
        self.marker_rings.setData(pos=positions[:0], color=(0.15, 0.15, 0.15, 0.8))

    def _filtered_outlines(self, scene: CountyScene) -> NDArray[np.float32]:
        outlines = scene.outlines
        if (self._visible_codes is None and self._outline_estates is None) or len(outlines.estate_codes) == 0:
            return outlines.positions
        keep_estate = np.ones(len(outlines.estate_codes), dtype=np.bool_)
        if self._visible_codes is not None:
            keep_estate &= np.array([c in self._visible_codes for c in outlines.estate_codes], dtype=np.bool_)
        if self._outline_estates is not None and self._outline_index is not None:
            in_view = np.zeros(len(scene.estate_codes), dtype=np.bool_)
            in_view[self._outline_estates] = True
            keep_estate &= in_view[self._outline_index]
        return np.asarray(outlines.positions[np.repeat(keep_estate[outlines.segment_estate], 2)], dtype=np.float32)


def _filtered_edges(mesh: BuildingMesh, visible: NDArray[np.bool_]) -> NDArray[np.float32]:
    edge_estate = np.repeat(np.arange(len(mesh.estate_codes)), np.diff(mesh.estate_edges))
    return np.asarray(mesh.edges[np.repeat(visible[edge_estate], 2)], dtype=np.float32)


def _marker_positions(scene: CountyScene) -> NDArray[np.float32]:
    """Each estate's dot: over the middle of its buildings and outline, at its roof height."""
    box = scene.estate_bounds
    return np.column_stack([(box[:, 0, :2] + box[:, 1, :2]) / 2.0, box[:, 1, 2]]).astype(np.float32)


def _same(a: NDArray[np.int64] | None, b: NDArray[np.int64] | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and np.array_equal(a, b))


def _has_points(item: object) -> bool:
    pos = getattr(item, "pos", None)
    return pos is not None and len(pos) > 0


def _shaded_rgba(colour: NDArray[np.uint8], shade: NDArray[np.float32]) -> NDArray[np.uint8]:
    rgba = np.empty((len(shade), 4), dtype=np.uint8)
    rgb = np.asarray(colour[:3], dtype=np.float32)
    rgba[:, :3] = np.clip(rgb[None, :] * shade[:, None] + 0.5, 0, 255).astype(np.uint8)
    rgba[:, 3] = 255
    return rgba
