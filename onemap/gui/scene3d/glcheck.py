"""Can this machine draw the 3D view? One probe, with the reason in Chinese when it cannot."""

from __future__ import annotations

import os
import sys
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext

from onemap.said import Said

#: pyqtgraph.opengl needs OpenGL 2.1 (shaders, vertex buffers)
MIN_GL_VERSION = (2, 1)
NO_CONTEXT = Said(
    "无法创建 OpenGL 上下文：显卡驱动过旧，或远程桌面、虚拟机不支持 OpenGL。",
    "Cannot create an OpenGL context: the graphics driver is too old, or the remote desktop or "
    "virtual machine offers no OpenGL.",
)
NO_DISPLAY = Said(
    "没有可用的图形显示（DISPLAY 未设置）：三维渲染需要带 GLX 的 X 显示，请用 xvfb-run 运行。",
    "No display (DISPLAY is not set): 3D rendering needs an X display with GLX; run it with xvfb-run.",
)


def display_problem() -> str | None:
    """A sentence when Qt could not open a window at all (Linux without X or Wayland), else None."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY


@lru_cache(maxsize=1)
def opengl_problem() -> str | None:
    """None when an OpenGL context of version 2.1+ can be made, else a Chinese sentence saying why not.

    Needs the QGuiApplication to exist. The answer is cached: drivers do not change while running.
    """
    try:
        import OpenGL.GL  # noqa: F401
        import pyqtgraph.opengl  # noqa: F401
    except Exception as error:  # a missing libGL surfaces as ImportError, OSError or others
        return Said(
            f"三维视图需要 PyOpenGL 和系统 OpenGL 库，加载失败：{error}",
            f"The 3D view needs PyOpenGL and the system's OpenGL library, which failed to load: {error}",
        )
    platform = QGuiApplication.platformName()
    if platform in ("offscreen", "minimal"):
        return Said(
            f"当前 Qt 平台“{platform}”不提供 OpenGL：三维视图需要图形显示（无界面时请用 xvfb-run）。",
            f"The Qt platform '{platform}' offers no OpenGL: the 3D view needs a display (use xvfb-run without one).",
        )
    return _context_problem()


def _context_problem() -> str | None:
    context = QOpenGLContext()
    if not context.create():
        return NO_CONTEXT
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    if not context.makeCurrent(surface):
        return NO_CONTEXT
    try:
        version = context.format().version()
        if not context.isOpenGLES() and tuple(version) < MIN_GL_VERSION:
            return Said(
                f"OpenGL 版本 {version[0]}.{version[1]} 过低，三维视图需要 2.1 或更高版本。",
                f"OpenGL {version[0]}.{version[1]} is too old; the 3D view needs 2.1 or newer.",
            )
    finally:
        context.doneCurrent()
    return None


def sharing_enabled() -> bool:
    """Whether Qt.AA_ShareOpenGLContexts was set before the application was made (see make_application)."""
    return bool(QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts))
