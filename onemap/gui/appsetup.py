"""Creating the QApplication: OpenGL sharing, a CJK-capable font, the style sheet, pyqtgraph options.

``Qt.AA_ShareOpenGLContexts`` must be set before the QApplication exists (the 3D view
shares its GL context with other widgets), so every entry point -- the viewer, the
snapshot command and the tests -- creates the application here.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from onemap.paths import data_path

#: CJK-capable families, preferred first: Windows, macOS, common Linux packages
CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "SimSun",
)
_TEST_TEXT = "一张图小区"


def make_application(argv: list[str] | None = None, *, offscreen: bool = False) -> QApplication:
    """The QApplication, created once with everything OneMap relies on.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments for Qt.
    offscreen : bool
        Use Qt's offscreen platform when no platform was chosen (headless snapshots).
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if offscreen and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setOrganizationName("OneMap")
    QCoreApplication.setApplicationName("OneMap")
    app = QApplication(argv if argv is not None else sys.argv[:1])
    configure(app)
    return app


def configure(app: QApplication) -> None:
    """Font, style sheet, icon and pyqtgraph defaults (also for an application made elsewhere, as in tests)."""
    import pyqtgraph as pg

    app.setApplicationDisplayName("OneMap 一张图")
    family = cjk_family()
    if family:
        font = QFont(family, 10)
        font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        app.setFont(font)
    app.setWindowIcon(QIcon(str(data_path("resources", "icons", "onemap.svg"))))
    app.setStyleSheet(data_path("resources", "styles", "onemap.qss").read_text("utf-8"))
    pg.setConfigOptions(antialias=False, background="w", foreground="k", useOpenGL=False)


def cjk_family() -> str | None:
    """The first installed font family that can draw Chinese, or ``None``."""
    families = set(QFontDatabase.families())
    for name in CJK_FAMILIES:
        if name in families:
            return name
    for name in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return name
    return None
