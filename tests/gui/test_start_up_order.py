"""Starting on a file: the window appears with the map drawn; docks, menus and the 3D view follow."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from onemap.gui.app import start
from onemap.gui.errors import open_message_boxes
from onemap.gui.main_window import MainWindow
from onemap.gui.scene3d.view import Scene3DView
from onemap.gui.settings import Settings
from tests.gui.guikit import make_window

ROOT = Path(__file__).resolve().parents[2]


def test_starting_on_a_file_shows_the_window_with_the_estates_already_on_the_map(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings, demo_copy: Path
) -> None:
    settings.set_basemap_for(demo_copy, "")
    window, hook = start(demo_copy, settings)
    qtbot.addWidget(window)
    try:
        # bound before the first frame: the window is never shown without its map
        assert window.isVisible() and window.session is not None and window.layers is not None
        assert window.layers.estates.plan is not None and len(window.layers.estates.item.data) > 0
        qtbot.waitUntil(lambda: window.table.model is not None and window.table.model.rowCount() == 150)
        assert window.status.counts.text() == "显示 150 / 共 150 个小区"
        assert window.filters.township.count() > 1  # the filter dock followed the first frame
    finally:
        hook.uninstall()
        window.close()


def test_a_file_refused_at_start_leaves_an_empty_window_with_its_sentence(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings, tmp_path: Path
) -> None:
    bad = tmp_path / "照片.gpkg"
    bad.write_bytes(b"\x89PNG this is a picture, not an inventory" * 10)
    window, hook = start(bad, settings)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: bool(open_message_boxes()))
        assert [box.text() for box in open_message_boxes()] == [
            "照片.gpkg 不是 GeoPackage 清单文件（不是 SQLite 数据库），请确认选择了 OneMap 的 .gpkg 文件。"
        ]
        assert window.isVisible() and window.session is None
    finally:
        for box in open_message_boxes():
            box.close()
        hook.uninstall()
        window.close()


def test_the_3d_view_is_made_when_its_tab_is_first_chosen(qtbot, settings: Settings, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    window: MainWindow = make_window(qtbot, settings, demo_copy)
    assert window.views.tabText(1) == "三维场景"
    assert not isinstance(window.views.widget(1), Scene3DView)  # not made at start: its OpenGL probe takes a second
    window.views.setCurrentIndex(1)
    assert isinstance(window.views.widget(1), Scene3DView) and window.views.currentIndex() == 1
    assert window.scene3d.view is window.views.widget(1) and window.scene3d.session is window.session
    assert window.views.count() == 2 and window.views.tabText(1) == "三维场景"
    window.close()


def test_the_hidden_start_probe_reports_the_first_painted_map_and_quits(demo_copy: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "APPDATA", "LOCALAPPDATA"):
        env[name] = str(tmp_path / name)
    env.update(QT_QPA_PLATFORM="offscreen", ONEMAP_PROBE_FIRST_PAINT="0.2", PYTHONPATH=str(ROOT))
    started = subprocess.run(
        [sys.executable, "-m", "onemap", str(demo_copy)], capture_output=True, text=True, timeout=120, env=env
    )
    assert started.returncode == 0, started.stderr
    lines = [line.split() for line in started.stdout.splitlines() if line.startswith("onemap-probe")]
    first = dict(field.split("=") for field in lines[0][1:])
    assert float(first["window_shown"]) <= float(first["map_painted"])
    assert float(first["peak_rss_mb"]) > 0 and lines[1][1] == "settled"
    assert 0 < float(first["cpu_s"]) < 120  # the CPU it took, beside the wall clock
