"""Render OneMap's screenshots into docs/screenshots/ from a fresh demo inventory.

Everything runs in a private temporary home (settings, basemap cache, logs), so the
pictures do not depend on the machine's own settings and the run changes nothing there.
Run through ``scripts/screenshots``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1600, 1000)


def private_home() -> Path:
    home = Path(tempfile.mkdtemp(prefix="onemap-shots-"))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "APPDATA", "LOCALAPPDATA"):
        os.environ[name] = str(home / name.lower())
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return home


def settle(window, seconds: float = 0.3) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
    window.layers.settle()
    QApplication.processEvents()


#: the alerts the details-dock screenshot shows: (type, level, hours ago, events folded, status)
SHOT_ALERTS = (
    ("gas_leak", 1, 0.4, 6, "new"),
    ("smoke_fire", 2, 20, 1, "dispatched"),
    ("illegal_parking", 3, 60, 14, "handled"),
    ("device_offline", 4, 200, 1, "closed"),
)


def details_with_alerts(window, path: Path) -> Path:  # type: ignore[no-untyped-def]
    """The details dock of an estate with gas detectors, after four alerts were written as the collector does."""
    from datetime import UTC, datetime, timedelta

    from onemap.watch.alert import stamp

    inventory = window.editing.history.inventory
    sensor = next(s for s in inventory.sensors() if s.status == "online")
    with inventory.transaction():
        for kind, level, hours, count, status in SHOT_ALERTS:
            when = stamp(datetime.now(UTC) - timedelta(hours=hours))
            values = {"estate_code": sensor.estate_code, "device_kind": "sensor", "device_fid": sensor.fid}
            values |= {"device": sensor.imei, "type": kind, "level": level, "first_time": when, "last_time": when}
            inventory.insert_alert(values | {"count": count, "status": status, "source": "screenshot"}, None)
    window.session.state.select([sensor.estate_code])
    window.refresh_estates([sensor.estate_code], ["alerts"])
    window.details.raise_()
    settle(window)
    scroll = window.details.widget()
    scroll.ensureWidgetVisible(window.details.watch, 0, 0)
    settle(window)
    window.details.grab().save(str(path))
    return path


def alert_marks(window, inventory: Path, seat: tuple[float, float]) -> None:  # type: ignore[no-untyped-def]
    """The live watch on the map: alerts of every type recorded from the seat's own cameras and gas
    detectors (one pulsing, others along the handling cycle), a camera check, at estate zoom."""
    from datetime import datetime, timedelta

    import numpy as np

    from onemap.store import Inventory
    from onemap.view.extent import Extent
    from onemap.view.filters import EstateFilter
    from onemap.view.watch_marks import MarkColumns
    from onemap.watch.alerts import AlertBook
    from onemap.watch.event import SHANGHAI, AlertType, DeviceKey, Event

    state = window.session.state
    window.commands.search.setText("")
    state.set_filter(EstateFilter())
    window.commands.symbology.setCurrentIndex(window.commands.symbology.findData("status"))
    t0 = datetime(2026, 12, 6, 16, 20, tzinfo=SHANGHAI)
    with Inventory.open(inventory, user="监控中心") as store:
        cams, sensors = MarkColumns(store.camera_marks()), MarkColumns(store.sensor_marks())
        near_c = np.argsort(np.hypot(cams.x - seat[0], cams.y - seat[1]))
        near_s = np.argsort(np.hypot(sensors.x - seat[0], sensors.y - seat[1]))
        plan = [
            (AlertType.SMOKE_FIRE, 1),
            (AlertType.INTRUSION, 2),
            (AlertType.ILLEGAL_PARKING, 3),
            (AlertType.ABSENT_POST, 3),
            (AlertType.DEVICE_OFFLINE, 3),
            (AlertType.DEVICE_FAULT, 4),
            (AlertType.OTHER, 4),
        ]
        events = [
            Event(
                "onemap",
                DeviceKey("gb28181", str(cams["gb_id"][near_c[2 * i]])),
                kind,
                level,
                t0 + timedelta(minutes=i),
            )
            for i, (kind, level) in enumerate(plan)
        ]
        events.append(
            Event(
                "ctwing",
                DeviceKey("imei", str(sensors["imei"][near_s[0]])),
                AlertType.GAS_LEAK,
                1,
                t0 + timedelta(minutes=9),
                value=31.5,
            )
        )
        book = AlertBook(store)
        alerts = book.record_all(events)
        steps = {2: ["dispatched"], 3: ["accepted"], 4: ["accepted", "handled"]}  # along the handling cycle
        for index, moves in steps.items():
            for to in moves:
                book.advance(alerts[index].id, to, "值班员")
    window.refresh_estates((), ["alerts"])
    code = str(cams["estate_code"][near_c[1]])
    window.details.camera_panel.check_finished.emit(code, [True, False, True, True, True])
    marks = window.watch_marks.model.alerts
    window.canvas.show_extent(Extent.around(marks.x, marks.y).expanded(0.2, 500.0))
    window.layer_list.raise_()  # the layer list, with 摄像头, 传感器 and 告警
    window.watch_marks.pulse.timer.stop()
    window.watch_marks.pulse.phase = 0.3  # a still frame of the ring growing out of the new alerts
    window.watch_marks.settle()
def show_alerts(window, wanted: int = 14) -> None:  # type: ignore[no-untyped-def]
    """Run the 演示 mode until the alert dock lists ``wanted`` alerts, then click the most severe."""
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtWidgets import QApplication

    window.feed.start_demo(speed=3000)
    dock, end = window.alert_dock, time.monotonic() + 60
    while dock.model.rowCount() < wanted and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)
    dock.raise_()
    window.resizeDocks([dock], [340], Qt.Orientation.Vertical)
    severe = min(dock.model.rows[:8], key=lambda a: a.level)
    dock.activate(severe)
    settle(window, 1.0)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the details of the estate left behind
    settle(window, 0.3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    home = private_home()
    sys.path.insert(0, str(ROOT))
    from onemap.demo import make_demo
    from onemap.gui.appsetup import make_application
    from onemap.gui.i18n.language import install_language
    from onemap.gui.main_window import MainWindow
    from onemap.gui.settings import Settings
    from onemap.gui.snapshot_render import render
    from onemap.view.extent import Extent

    app = make_application(offscreen=True)
    inventory = home / "勉县演示清单.gpkg"
    make_demo(inventory).close()
    from onemap.demo.reflayers import write_demo_layers

    write_demo_layers(inventory)  # as the viewer's own first-start demo has them (onemap/launch.py)
    args.out.mkdir(parents=True, exist_ok=True)

    window = MainWindow(Settings(home / "OneMap.ini"))
    window.resize(*SIZE)
    window.show()
    window.open_inventory(inventory)
    while window.layers.basemap.mbtiles is None:  # the first start builds the inventory's own basemap
        app.processEvents()
        time.sleep(0.02)
    settle(window)
    shots = []

    def shot(name: str) -> None:
        settle(window)
        path = args.out / name
        window.grab().save(str(path))
        shots.append(path)

    shot("main-window-county.png")

    state = window.session.state
    t = state.table
    seat = [i for i, town in enumerate(t.township) if town == "勉阳街道"]
    cx, cy = float(t.x[seat].mean()), float(t.y[seat].mean())
    window.canvas.show_extent(Extent(cx - 1700, cy - 1100, cx + 1700, cy + 1100))
    shot("main-window-county-seat.png")

    row = min(seat, key=lambda i: (t.x[i] - cx) ** 2 + (t.y[i] - cy) ** 2)
    code = str(t.code[row])
    state.select([code])
    window.canvas.show_extent(Extent(t.x[row] - 260, t.y[row] - 170, t.x[row] + 260, t.y[row] + 170))
    window.details.raise_()
    shot("main-window-selected-estate.png")
    if not install_language("en"):
        sys.exit("screenshots: English needs resources/translations/onemap_en.qm (run scripts/build_translations)")
    shot("main-window-en.png")  # the same view in English: menus, docks, tabs, status bar
    install_language("zh")
    window.details.widget().verticalScrollBar().setValue(10_000)
    shot("main-window-selected-estate-more.png")
    shots.append(details_with_alerts(window, args.out / "details-dock-alerts.png"))
    show_alerts(window)  # the 演示 mode's synthetic alerts in the alert dock, one clicked
    shot("main-window-alert-dock.png")
    window.feed.stop_demo()

    state.clear_selection()
    window.commands.symbology.setCurrentIndex(window.commands.symbology.findData("category"))
    window.commands.search.setText("gy")
    window.apply_search()
    window.filters.statuses["under_construction"].setChecked(True)
    window.filters.statuses["completed"].setChecked(True)
    window.canvas.home()
    shot("main-window-search-and-filter.png")
    alert_marks(window, inventory, (cx, cy))
    shot("main-window-alert-marks.png")
    window.close()

    for name, kwargs in (("snapshot-county.png", {}), ("snapshot-estate.png", {"estate": code})):
        image = render(inventory, size=(1600, 1000), **kwargs)
        image.save(str(args.out / name))
        shots.append(args.out / name)
    from screenshots_video import video_shots  # (scripts/) the tile and the wall, on ffmpeg's test pattern

    shots += video_shots(inventory, args.out)
    for path in shots:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
