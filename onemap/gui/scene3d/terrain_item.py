"""The ground as one GL item: the terrain grid with the basemap as its texture, hill-shaded.

pyqtgraph has a textured quad (``GLImageItem``) and untextured meshes; the draped ground needs
both, so this item draws the grid's triangles (an index buffer over shared vertices) with a
small shader that multiplies the texture by each vertex's hillshade. It follows
``GLImageItem``'s way of choosing the GLSL dialect for the context at hand.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph.opengl as gl
from numpy.typing import NDArray
from OpenGL import GL
from OpenGL.GL import shaders
from PySide6 import QtGui, QtOpenGL

from onemap.gui.scene3d.items import SOLID

_VERTEX = """
uniform mat4 u_mvp;
{attr} vec3 a_position;
{attr} vec2 a_texcoord;
{attr} float a_shade;
{out} vec2 v_texcoord;
{out} float v_shade;
void main() {{
    gl_Position = u_mvp * vec4(a_position, 1.0);
    v_texcoord = a_texcoord;
    v_shade = a_shade;
}}
"""
_FRAGMENT = """
#ifdef GL_ES
precision mediump float;
#endif
uniform sampler2D u_texture;
{in_} vec2 v_texcoord;
{in_} float v_shade;
{decl}
void main() {{
    vec4 colour = {texture}(u_texture, v_texcoord);
    {target} = vec4(min(colour.rgb * v_shade, vec3(1.0)), 1.0);
}}
"""
_LEGACY = {"attr": "attribute", "out": "varying", "in_": "varying", "decl": "", "texture": "texture2D"}
_CORE = {"attr": "in", "out": "out", "in_": "in", "decl": "out vec4 fragColor;", "texture": "texture"}


class TerrainItem(gl.GLGraphicsItem.GLGraphicsItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """A textured, shaded triangle grid (:meth:`onemap.scene.terrain.Terrain.grid_mesh` and a texture)."""

    _programs: dict[int, Any] = {}

    def __init__(self) -> None:
        super().__init__()
        self.setGLOptions(SOLID)
        self._vertices: NDArray[np.float32] | None = None
        self._indices: NDArray[np.uint32] | None = None
        self._texture_data: NDArray[np.uint8] | None = None
        self._texture: Any = None
        self._dirty = False
        self._vbo = QtOpenGL.QOpenGLBuffer(QtOpenGL.QOpenGLBuffer.Type.VertexBuffer)
        self._ibo = QtOpenGL.QOpenGLBuffer(QtOpenGL.QOpenGLBuffer.Type.IndexBuffer)

    def set_ground(
        self,
        positions: NDArray[np.float32],
        texcoords: NDArray[np.float32],
        shade: NDArray[np.float32],
        indices: NDArray[np.uint32],
        texture: NDArray[np.uint8],
    ) -> None:
        """The grid and its texture (``(h, w, 4)`` uint8, row 0 at ``v = 0``, the south)."""
        self._vertices = np.ascontiguousarray(np.column_stack([positions, texcoords, shade]), dtype=np.float32)
        self._indices = np.ascontiguousarray(indices, dtype=np.uint32)
        self._texture_data = np.ascontiguousarray(texture, dtype=np.uint8)
        self._dirty = True
        self.update()

    def clear(self) -> None:
        """Draw nothing."""
        self._vertices = self._indices = self._texture_data = None
        self.update()

    @property
    def vertex_count(self) -> int:
        """How many grid points the item holds."""
        return 0 if self._vertices is None else len(self._vertices)

    def _upload(self) -> None:
        assert self._vertices is not None and self._indices is not None and self._texture_data is not None
        for buffer, data in ((self._vbo, self._vertices), (self._ibo, self._indices)):
            if not buffer.isCreated():
                buffer.create()
            buffer.bind()
            buffer.allocate(data, data.nbytes)  # type: ignore[call-overload]  # PySide6 takes a buffer
            buffer.release()
        if self._texture is None:
            self._texture = GL.glGenTextures(1)
        GL.glBindTexture(GL.GL_TEXTURE_2D, self._texture)
        for name, value in (
            (GL.GL_TEXTURE_MIN_FILTER, GL.GL_LINEAR),
            (GL.GL_TEXTURE_MAG_FILTER, GL.GL_LINEAR),
            (GL.GL_TEXTURE_WRAP_S, GL.GL_CLAMP_TO_EDGE),
            (GL.GL_TEXTURE_WRAP_T, GL.GL_CLAMP_TO_EDGE),
        ):
            GL.glTexParameteri(GL.GL_TEXTURE_2D, name, value)
        h, w = self._texture_data.shape[:2]
        GL.glPixelStorei(GL.GL_UNPACK_ALIGNMENT, 1)
        GL.glTexImage2D(GL.GL_TEXTURE_2D, 0, GL.GL_RGBA, w, h, 0, GL.GL_RGBA, GL.GL_UNSIGNED_BYTE, self._texture_data)
        GL.glBindTexture(GL.GL_TEXTURE_2D, 0)

    def paint(self) -> None:
        if self._vertices is None or self._indices is None:
            return
        if self._dirty:
            self._upload()
            self._dirty = False
        self.setupGLState()
        program = _program()
        mvp = np.array(self.mvpMatrix().data(), dtype=np.float32)
        stride = 6 * 4
        locations = [GL.glGetAttribLocation(program, name) for name in ("a_position", "a_texcoord", "a_shade")]
        self._vbo.bind()
        for loc, size, offset in zip(locations, (3, 2, 1), (0, 12, 20), strict=True):
            if loc != -1:
                GL.glVertexAttribPointer(loc, size, GL.GL_FLOAT, False, stride, GL.GLvoidp(offset))
                GL.glEnableVertexAttribArray(loc)
        self._vbo.release()
        GL.glActiveTexture(GL.GL_TEXTURE0)
        GL.glBindTexture(GL.GL_TEXTURE_2D, self._texture)
        with program:
            GL.glUniformMatrix4fv(GL.glGetUniformLocation(program, "u_mvp"), 1, False, mvp)
            GL.glUniform1i(GL.glGetUniformLocation(program, "u_texture"), 0)
            self._ibo.bind()
            GL.glDrawElements(GL.GL_TRIANGLES, len(self._indices), GL.GL_UNSIGNED_INT, None)
            self._ibo.release()
        for loc in locations:
            if loc != -1:
                GL.glDisableVertexAttribArray(loc)
        GL.glBindTexture(GL.GL_TEXTURE_2D, 0)


def _program() -> Any:
    """The shader program for the current context (compiled once per context)."""
    context = QtGui.QOpenGLContext.currentContext()
    group = context.shareGroup()
    key = id(group)
    program = TerrainItem._programs.get(key)
    if program is not None:
        return program
    # a program belongs to its share group: forget it with the group (a later group may reuse the id)
    group.destroyed.connect(lambda *_: TerrainItem._programs.pop(key, None))
    version = context.format().version()
    if context.isOpenGLES():
        header, words = ("#version 300 es\n", _CORE) if version >= (3, 0) else ("", _LEGACY)
    else:
        header, words = ("#version 140\n", _CORE) if version >= (3, 1) else ("", _LEGACY)
    fragment = _FRAGMENT.format(**words, target="fragColor" if words is _CORE else "gl_FragColor")
    program = shaders.compileProgram(
        shaders.compileShader([header, _VERTEX.format(**words)], GL.GL_VERTEX_SHADER),
        shaders.compileShader([header, fragment], GL.GL_FRAGMENT_SHADER),
    )
    TerrainItem._programs[key] = program
    return program
