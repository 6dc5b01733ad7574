"""The GL items of the 3D view: array-fed meshes and line sets with explicit GL state.

``ArrayMeshItem`` hands pyqtgraph's ``GLMeshItem`` ready float32 positions and uint8
colours, skipping ``MeshData`` (which would copy and re-derive a million-vertex mesh on
every change). Every item states the whole GL state it needs: pyqtgraph never resets state
between items, so one item's depth mask or polygon offset would otherwise leak into the next.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph.opengl as gl
from numpy.typing import NDArray
from OpenGL import GL
from pyqtgraph.opengl.items.GLMeshItem import DirtyFlag

_BASE = {
    GL.GL_DEPTH_TEST: True,
    GL.GL_BLEND: False,
    GL.GL_CULL_FACE: False,
    GL.GL_POLYGON_OFFSET_FILL: False,
    "glDepthFunc": (GL.GL_LESS,),
    "glDepthMask": (GL.GL_TRUE,),
}
#: faces pushed back a little so edges and the highlight's lines drawn on them always win
SOLID = {**_BASE, GL.GL_POLYGON_OFFSET_FILL: True, "glPolygonOffset": (1.0, 1.0)}
#: drawn over identical faces of the main mesh: equal depth passes
HIGHLIGHT = {**SOLID, "glDepthFunc": (GL.GL_LEQUAL,)}
#: painted first, as a backdrop: never hides anything
BACKDROP = {**_BASE, GL.GL_DEPTH_TEST: False, "glDepthMask": (GL.GL_FALSE,)}
LINES = {
    **_BASE,
    GL.GL_BLEND: True,
    "glBlendFunc": (GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA),
    "glDepthFunc": (GL.GL_LEQUAL,),
}
#: always on top (the selected estate's outline shows through buildings in front of it)
OVERLAY_LINES = {**LINES, GL.GL_DEPTH_TEST: False}


class ArrayMeshItem(gl.GLMeshItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """Unindexed triangles from ``(3n, 3)`` float32 positions and ``(3n, 4)`` uint8 colours."""

    def __init__(self, gl_options: dict[object, object] | None = None) -> None:
        super().__init__(shader=None, smooth=False, computeNormals=False, glOptions=gl_options or SOLID)
        self._positions: NDArray[np.float32] | None = None
        self._colours: NDArray[np.uint8] | None = None
        self._dirty = DirtyFlag(0)

    def set_arrays(self, positions: NDArray[np.float32], colours: NDArray[np.uint8]) -> None:
        """Replace geometry and colours (both uploaded on the next paint)."""
        self._positions = np.ascontiguousarray(positions, dtype=np.float32) if len(positions) else None
        self._colours = np.ascontiguousarray(colours, dtype=np.uint8) if len(positions) else None
        self._dirty |= DirtyFlag.POSITION | DirtyFlag.COLOR
        self.update()

    def set_colours(self, colours: NDArray[np.uint8]) -> None:
        """Replace the colours only (a symbology change)."""
        if self._positions is None:
            return
        self._colours = np.ascontiguousarray(colours, dtype=np.uint8)
        self._dirty |= DirtyFlag.COLOR
        self.update()

    @property
    def positions(self) -> NDArray[np.float32] | None:
        """The vertex buffer last handed to the item."""
        return self._positions

    @property
    def colours(self) -> NDArray[np.uint8] | None:
        """The colour buffer last handed to the item."""
        return self._colours

    def vertex_count(self) -> int:
        """How many vertices the item draws."""
        return 0 if self._positions is None else len(self._positions)

    def parseMeshData(self) -> DirtyFlag:
        dirty, self._dirty = self._dirty, DirtyFlag(0)
        self.vertexes, self.colors, self.faces, self.normals = self._positions, self._colours, None, None
        return dirty


def line_item(
    colour: tuple[float, float, float, float],
    width: float,
    antialias: bool = False,
    gl_options: dict[object, object] | None = None,
) -> gl.GLLinePlotItem:
    """An empty ``GL_LINES`` item (segment pairs) with one colour.

    Smoothed lines cost llvmpipe dearly (a county's outlines halve the frame rate): only the
    few lines of a highlight ask for them.
    """
    return gl.GLLinePlotItem(
        pos=np.zeros((0, 3), dtype=np.float32),
        color=colour,
        width=width,
        mode="lines",
        antialias=antialias,
        glOptions=gl_options or LINES,
    )


def set_lines(item: gl.GLLinePlotItem, positions: NDArray[np.float32]) -> None:
    """Replace the segment pairs of a line item (hidden when there are none)."""
    item.setData(pos=np.ascontiguousarray(positions, dtype=np.float32).reshape(-1, 3))
    item.setVisible(len(positions) > 0)


def marker_item(size_px: float) -> gl.GLScatterPlotItem:
    """Round dots of a fixed size in pixels, drawn over everything (estates seen from afar)."""
    return gl.GLScatterPlotItem(
        pos=np.zeros((0, 3), dtype=np.float32), size=size_px, pxMode=True, glOptions=OVERLAY_LINES
    )


def ground_quad(lo: NDArray[np.float64], hi: NDArray[np.float64], pad: float) -> NDArray[np.float32]:
    """Two triangles covering the box ``lo``-``hi`` grown by ``pad`` metres, at z = 0."""
    x0, y0, x1, y1 = lo[0] - pad, lo[1] - pad, hi[0] + pad, hi[1] + pad
    return np.array([[x0, y0, 0], [x1, y0, 0], [x1, y1, 0], [x0, y0, 0], [x1, y1, 0], [x0, y1, 0]], dtype=np.float32)
