"""Render the main window's 3D tab with the live watch: alerts on poles, cameras and gas detectors near the view.

Usage: xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/screenshots_watch3d.py OUT_DIR

The demo inventory's county seat, with alerts of every type recorded from its own cameras and gas
detectors (as ``scripts/screenshots.py`` records them for the 2D map, some along the handling
cycle), seen from a few hundred metres so the devices stand too.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
sys.path.insert(0, str(Path(__file__).resolve().parent))

from screenshots import alert_marks  # noqa: E402

from onemap.demo import make_demo  # noqa: E402
from onemap.gui.app import start  # noqa: E402
from onemap.gui.appsetup import make_application  # noqa: E402
from onemap.gui.settings import Settings  # noqa: E402
from onemap.scene.camera import OrbitCamera  # noqa: E402


def main(out_dir: Path) -> None:
    home = Path(tempfile.mkdtemp(prefix="onemap-shots-watch3d-"))
    inventory = home / "勉县演示清单.gpkg"
    make_demo(inventory).close()
    app = make_application()
    settings = Settings(home / "OneMap.ini")
    settings.set_basemap_for(inventory, "")
    window, _hook = start(inventory, settings)
    window.resize(1600, 1000)

    def record() -> None:
        t = window.session.state.table
        seat = [i for i, town in enumerate(t.township) if town == "勉阳街道"]
        alert_marks(window, inventory, (float(t.x[seat].mean()), float(t.y[seat].mean())))
        window.views.setCurrentIndex(window.scene3d.index)
        QTimer.singleShot(3000, look)

    def look() -> None:
        view, marks = window.scene3d.view, window.watch_marks.model.alerts
        x, y = view.scene.frame.to_local(marks["lon"], marks["lat"])
        centre = (float(x.mean()), float(y.mean()), 0.0)
        view.set_camera(OrbitCamera(centre, 480.0, 36.0, 20.0, 60.0))
        QTimer.singleShot(2000, save)

    def save() -> None:
        window.watch_marks_3d.timer.stop()  # a still frame
        window.grab().save(str(out_dir / "main-window-3d-watch.png"))
        app.quit()

    QTimer.singleShot(4000, record)
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
