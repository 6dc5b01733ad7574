"""Real windows on real files, under Qt's offscreen platform.

OpenGL context sharing must be switched on before the QApplication exists, so it is
set here, at import, before pytest-qt creates the application.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

from onemap.gui.appsetup import configure  # noqa: E402
from onemap.gui.main_window import MainWindow  # noqa: E402
from onemap.gui.settings import Settings  # noqa: E402
from onemap.settings import KEYS  # noqa: E402
from tests.gui.guikit import make_window  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _onemap_look(qapp: QApplication) -> None:
    configure(qapp)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings in a private file, the interface in Chinese whatever the machine's locale."""
    settings = Settings(tmp_path / "config" / "OneMap.ini")
    settings.q.setValue(KEYS["language"], "zh")
    return settings


@pytest.fixture
def window(qtbot, demo_copy: Path, settings: Settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The main window on a private copy of the demo inventory."""
    w = make_window(qtbot, settings, demo_copy)
    yield w
    w.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A hung Qt test is ended from a timer thread: a deadlock inside a Qt call never runs a signal handler."""
    here = Path(__file__).parent
    for item in items:  # the hook sees the whole run's items: mark only this folder's
        if here in item.path.parents:
            item.add_marker(pytest.mark.timeout(method="thread"))
