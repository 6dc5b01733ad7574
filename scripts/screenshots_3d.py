"""Render the main window with its 3D tab on one estate (needs X with GLX: see scripts/screenshots).

Usage: xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/screenshots_3d.py OUT_DIR
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

from onemap.demo import make_demo  # noqa: E402
from onemap.gui.app import start  # noqa: E402
from onemap.gui.appsetup import make_application  # noqa: E402
from onemap.gui.settings import Settings  # noqa: E402

ESTATE = "6107250001"


def main(out_dir: Path) -> None:
    home = Path(tempfile.mkdtemp(prefix="onemap-shots-3d-"))
    inventory = home / "勉县演示清单.gpkg"
    make_demo(inventory).close()
    app = make_application()
    settings = Settings(home / "OneMap.ini")
    settings.set_basemap_for(inventory, "")
    window, _hook = start(inventory, settings)
    window.resize(1600, 1000)

    def show_3d() -> None:
        window.views.setCurrentIndex(window.scene3d.index)
        window.session.state.select([ESTATE], current=ESTATE)
        QTimer.singleShot(3000, fly)

    def fly() -> None:
        window.scene3d.view.fly_to(ESTATE, animate=False)
        QTimer.singleShot(1500, save)

    def save() -> None:
        window.grab().save(str(out_dir / "main-window-3d.png"))
        app.quit()

    QTimer.singleShot(4000, show_3d)
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
