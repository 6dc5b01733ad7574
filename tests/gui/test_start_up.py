"""Starting the viewer as a new user does: ``onemap [--lang en] FILE``, with or without a display, first or later."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from onemap.gui.app import start
from onemap.gui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
MAXIMISED = Qt.WindowState.WindowMaximized
NO_X = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="X11/Wayland displays only")


def viewer_without_display(file: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m onemap [ARGS] FILE`` with no DISPLAY, no WAYLAND_DISPLAY and no QT_QPA_PLATFORM, plus ``env``."""
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run(
        [sys.executable, "-m", "onemap", *args, str(file)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=file.parent,
        env={**base, "PYTHONPATH": str(ROOT), **env},
    )


@NO_X
def test_the_viewer_with_no_display_says_so_in_one_sentence_and_exits_1(demo_copy: Path) -> None:
    started = viewer_without_display(demo_copy)
    assert started.returncode == 1, started.stderr  # not -6: Qt's abort
    assert started.stderr.startswith("没有图形显示：") and "xvfb-run" in started.stderr
    assert started.stderr.count("\n") == 1 and started.stdout == ""


@NO_X
def test_the_xcb_platform_with_no_display_says_so_in_english_with_lang_en(demo_copy: Path) -> None:
    started = viewer_without_display(demo_copy, "--lang", "en", QT_QPA_PLATFORM="xcb")
    assert started.returncode == 1, started.stderr
    assert started.stderr.startswith("No display: run it in a desktop session, or use xvfb-run")
    assert started.stderr.count("\n") == 1


@NO_X
def test_a_platform_plugin_qt_cannot_start_gives_the_same_sentence_not_an_abort(demo_copy: Path) -> None:
    # DISPLAY names an X server that is not there: only Qt finds out, and it calls qFatal
    started = viewer_without_display(demo_copy, "--lang", "en", QT_QPA_PLATFORM="xcb", DISPLAY=":1987")
    assert started.returncode == 1, started.stderr
    assert started.stderr.startswith("No display:") and started.stderr.count("\n") == 1


def test_the_first_start_opens_maximised_and_later_starts_restore_the_saved_size(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings
) -> None:
    first, hook = start(None, settings)
    qtbot.addWidget(first)
    try:
        assert first.windowState() & MAXIMISED
        first.showNormal()
        first.resize(700, 500)  # within the offscreen platform's 800x600 screen
        size = (first.width(), first.height())
    finally:
        hook.uninstall()
        first.close()  # saves the geometry
    again, hook = start(None, Settings(settings.path))
    qtbot.addWidget(again)
    try:
        assert not again.windowState() & MAXIMISED
        assert (again.width(), again.height()) == size
    finally:
        hook.uninstall()
        again.close()


#: runs ``onemap.cli.main(ARGV)`` in its own process (app.exec() leaves a QApplication unable to
#: retranslate, so never in the test process) and prints what the window shows once it has the file
VIEWER_PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from onemap.gui.appsetup import make_application
from onemap.gui.main_window import MainWindow
from onemap.gui.i18n.language import ui_language

app = make_application()
def look():
    for w in app.topLevelWidgets():
        if isinstance(w, MainWindow) and w.session is not None:
            print(json.dumps({"lang": ui_language(), "menus": [a.text() for a in w.menuBar().actions()],
                              "file": w.session.path.name,
                              "maximised": bool(w.windowState() & Qt.WindowState.WindowMaximized)}))
            w.close()
            app.quit()
timer = QTimer()
timer.timeout.connect(look)
timer.start(100)
QTimer.singleShot(60_000, app.quit)
from onemap.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_onemap_lang_en_with_a_file_opens_the_viewer_in_english(demo_copy: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    env.update({name: str(tmp_path / name.lower()) for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "LOCALAPPDATA")})
    opened = subprocess.run(
        [sys.executable, "-c", VIEWER_PROBE, "--lang", "en", str(demo_copy)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert opened.returncode == 0, opened.stderr[-3000:]
    seen = json.loads(opened.stdout.strip().splitlines()[-1])
    assert seen["file"] == demo_copy.name and seen["lang"] == "en"
    assert seen["menus"][:3] == ["File", "Edit", "View"]
    assert seen["maximised"]  # a fresh profile: the first start


def test_a_refused_file_is_named_in_english_with_lang_en(tmp_path: Path) -> None:
    bad = tmp_path / "台账.gpkg"
    bad.write_text("not a database", "utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    refused = subprocess.run(
        [sys.executable, "-m", "onemap", "--lang", "en", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert refused.returncode == 1
    assert refused.stderr.startswith("台账.gpkg is not a GeoPackage inventory") and refused.stderr.count("\n") == 1
