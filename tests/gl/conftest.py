"""GL tests: a QApplication made with shared OpenGL contexts, and a skip with the reason when GL is missing.

Run them under an X server with GLX (Xvfb + Mesa llvmpipe on a headless machine):
``xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m pytest tests/gl``.
Qt's offscreen platform has no OpenGL, so GL tests skip there.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no X: Qt would abort; GL tests then skip

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

if QApplication.instance() is None:
    # Must precede the QApplication (pytest-qt's qapp fixture makes it later): a second GL view fails without it.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "gl: needs an OpenGL context (X with GLX); skipped with the reason otherwise")


@pytest.fixture
def gl_ready(qapp: QApplication) -> None:
    """Skip the test, saying why, when no OpenGL context can be made here."""
    from onemap.gui.scene3d.glcheck import opengl_problem, sharing_enabled

    problem = opengl_problem()
    if problem:
        pytest.skip(f"no OpenGL here: {problem}")
    if not sharing_enabled():
        pytest.skip("the QApplication was made before Qt.AA_ShareOpenGLContexts was set (run tests/gl on its own)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A hung Qt test is ended from a timer thread: a deadlock inside a Qt call never runs a signal handler."""
    here = Path(__file__).parent
    for item in items:  # the hook sees the whole run's items: mark only this folder's
        if here in item.path.parents:
            item.add_marker(pytest.mark.timeout(method="thread"))
