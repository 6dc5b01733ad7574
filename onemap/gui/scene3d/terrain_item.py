"""The ground as one GL item: the terrain grid with the basemap as its texture, hill-shaded.

pyqtgraph has a textured quad (``GLImageItem``) and untextured meshes; the draped ground needs
both, so this item draws the grid's triangles (an index buffer over shared vertices) with a
small shader that multiplies the texture by each vertex's hillshade. A second, finer texture may
cover a box of the ground (around an estate): inside it, it is drawn instead of the county's. It follows
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
uniform sampler2D u_detail;
uniform vec4 u_box;
uniform float u_has_detail;
{in_} vec2 v_texcoord;
{in_} float v_shade;
{decl}
void main() {{
    vec4 colour = {texture}(u_texture, v_texcoord);
    vec2 d = (v_texcoord - u_box.xy) / (u_box.zw - u_box.xy);
    if (u_has_detail > 0.5 && d.x >= 0.0 && d.y >= 0.0 && d.x <= 1.0 && d.y <= 1.0) {{
        colour = {texture}(u_detail, d);
    }}
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
        self._detail_data: NDArray[np.uint8] | None = None
        self._detail: Any = None
        self._detail_box = (0.0, 0.0, 1.0, 1.0)
        self._detail_dirty = False

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

    def set_detail(self, texture: NDArray[np.uint8] | None, box_uv: tuple[float, float, float, float]) -> None:
        """A finer texture over ``box_uv`` (``(u0, v0, u1, v1)`` of the ground's texture); None: none."""
        self._detail_data = None if texture is None else np.ascontiguousarray(texture, dtype=np.uint8)
        self._detail_box = box_uv if texture is not None else (0.0, 0.0, 1.0, 1.0)
        self._detail_dirty = True
        self.update()

    def clear(self) -> None:
        """Draw nothing."""
        self._vertices = self._indices = self._texture_data = None
        self.update()

    @property
    def detail(self) -> tuple[NDArray[np.uint8], tuple[float, float, float, float]] | None:
        """The finer texture and its uv box, None without one."""
        return None if self._detail_data is None else (self._detail_data, self._detail_box)

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
        _load_texture(self._texture, self._texture_data)

    def paint(self) -> None:
        if self._vertices is None or self._indices is None:
            return
        if self._dirty:
            self._upload()
            self._dirty = False
        if self._detail_dirty:
            if self._detail_data is not None:
                if self._detail is None:
                    self._detail = GL.glGenTextures(1)
                _load_texture(self._detail, self._detail_data)
            self._detail_dirty = False
        self._draw()

    def _draw(self) -> None:
        assert self._indices is not None
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
        detail = self._detail_data is not None and self._detail is not None
        GL.glActiveTexture(GL.GL_TEXTURE1)
        GL.glBindTexture(GL.GL_TEXTURE_2D, self._detail if detail else 0)
        GL.glActiveTexture(GL.GL_TEXTURE0)
        GL.glBindTexture(GL.GL_TEXTURE_2D, self._texture)
        with program:
            GL.glUniformMatrix4fv(GL.glGetUniformLocation(program, "u_mvp"), 1, False, mvp)
            GL.glUniform1i(GL.glGetUniformLocation(program, "u_texture"), 0)
            GL.glUniform1i(GL.glGetUniformLocation(program, "u_detail"), 1)
            GL.glUniform4f(GL.glGetUniformLocation(program, "u_box"), *self._detail_box)
            GL.glUniform1f(GL.glGetUniformLocation(program, "u_has_detail"), 1.0 if detail else 0.0)
            self._ibo.bind()
            GL.glDrawElements(GL.GL_TRIANGLES, len(self._indices), GL.GL_UNSIGNED_INT, None)
            self._ibo.release()
        for loc in locations:
            if loc != -1:
                GL.glDisableVertexAttribArray(loc)
        GL.glActiveTexture(GL.GL_TEXTURE1)
        GL.glBindTexture(GL.GL_TEXTURE_2D, 0)
        GL.glActiveTexture(GL.GL_TEXTURE0)
        GL.glBindTexture(GL.GL_TEXTURE_2D, 0)


def _load_texture(texture: Any, data: NDArray[np.uint8]) -> None:
    """Upload ``data`` (``(h, w, 4)`` uint8) into ``texture``: linear, clamped at its edges."""
    GL.glBindTexture(GL.GL_TEXTURE_2D, texture)
    for name, value in (
        (GL.GL_TEXTURE_MIN_FILTER, GL.GL_LINEAR),
        (GL.GL_TEXTURE_MAG_FILTER, GL.GL_LINEAR),
        (GL.GL_TEXTURE_WRAP_S, GL.GL_CLAMP_TO_EDGE),
        (GL.GL_TEXTURE_WRAP_T, GL.GL_CLAMP_TO_EDGE),
    ):
        GL.glTexParameteri(GL.GL_TEXTURE_2D, name, value)
    h, w = data.shape[:2]
    GL.glPixelStorei(GL.GL_UNPACK_ALIGNMENT, 1)
    GL.glTexImage2D(GL.GL_TEXTURE_2D, 0, GL.GL_RGBA, w, h, 0, GL.GL_RGBA, GL.GL_UNSIGNED_BYTE, data)
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
