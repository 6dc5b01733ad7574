"""The 3D view on the demo county under a real OpenGL context: drawing, picking, highlight, snapshots."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from onemap.gui.scene3d import Scene3DView
from onemap.gui.scene3d.snapshot import render_3d_png

pytestmark = pytest.mark.gl
SIZE = (800, 600)


def pixels(image: QImage) -> np.ndarray:
    """An image as an (h, w, 3) uint8 array."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    stride = image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * image.height())
    return raw.reshape(image.height(), stride)[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def tallest_building(scene):  # type: ignore[no-untyped-def]
    """(estate code, roof centre) of the demo county's tallest building."""
    bounds = scene.mesh.building_bounds
    b = int(np.nanargmax(bounds[:, 1, 2]))
    centre = (bounds[b, 0] + bounds[b, 1]) / 2.0
    return scene.mesh.estate_codes[scene.mesh.building_estate[b]], np.array([centre[0], centre[1], bounds[b, 1, 2]])


@pytest.fixture
def view(qtbot, gl_ready, demo_file: Path) -> Scene3DView:  # type: ignore[no-untyped-def]
    widget = Scene3DView(toolbar=False)
    qtbot.addWidget(widget)
    widget.resize(*SIZE)
    widget.show()
    qtbot.waitExposed(widget)
    widget.load(demo_file)
    return widget


def test_the_uploaded_mesh_puts_the_tallest_roof_at_its_recorded_height(view: Scene3DView, demo_file: Path) -> None:
    import sqlite3

    with sqlite3.connect(demo_file) as conn:
        tallest = conn.execute("SELECT max(coalesce(height_m, floors * 3.0)) FROM buildings").fetchone()[0]
    uploaded = view.layers.buildings.positions
    assert uploaded is not None and uploaded.dtype == np.float32
    assert uploaded[:, 2].max() == pytest.approx(tallest, abs=1e-4)


def test_clicking_a_building_on_screen_picks_and_highlights_its_estate(qtbot, view: Scene3DView) -> None:
    code, roof = tallest_building(view.scene)
    assert view.fly_to(code, animate=False)
    ((x, y),), _ = view.camera().project(roof - [0, 0, 0.5], view.canvas.width(), view.canvas.height())
    before = pixels(view.grab_image())[int(y), int(x)]
    with qtbot.waitSignal(view.estate_picked, timeout=2000) as picked:
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y)))
    assert picked.args == [code]
    assert view.selected_estate() == code
    image = pixels(view.grab_image())
    after = image[int(y), int(x)]
    # the roof keeps its (status) colour; the estate's bold orange edges and outline mark the selection
    assert np.abs(after.astype(int) - before.astype(int)).max() <= 3, (before, after)
    assert outline_pixels(image) > 50


def outline_pixels(image: np.ndarray) -> int:
    """How many pixels show the highlight's orange lines."""
    rgb = image[..., :3].astype(int)
    return int(((rgb[..., 0] > 190) & (rgb[..., 1] < 110) & (rgb[..., 2] < 60)).sum())


def test_the_gl_picture_agrees_with_the_core_camera(view: Scene3DView) -> None:
    code, roof = tallest_building(view.scene)
    view.fly_to(code, animate=False)
    view.select_estate(code)
    image = pixels(view.grab_image())
    ((x, y),), _ = view.camera().project(roof - [0, 0, 0.5], view.canvas.width(), view.canvas.height())
    assert tuple(image[int(y), int(x)][:3]) != (236, 233, 226)  # not bare ground: the roof is where we computed
    assert outline_pixels(image) > 50  # and the selection's outline is drawn round it


def test_selecting_an_estate_highlights_it_without_emitting_a_pick(qtbot, view: Scene3DView) -> None:
    code = view.scene.mesh.estate_codes[3]
    faces = view.scene.mesh.estate_face_slice(code)
    with qtbot.assertNotEmitted(view.estate_picked):
        view.select_estate(code)
    assert view.layers.highlight.vertex_count() == 3 * (faces.stop - faces.start)
    view.select_estate("")
    assert view.layers.highlight.vertex_count() == 0


def test_a_symbology_change_recolours_only_when_a_colour_changes(view: Scene3DView) -> None:
    view.set_symbology(lambda code: "#3060c0")
    first = view.layers.buildings.colours
    view.set_symbology(lambda code: "#3060c0")
    assert view.layers.buildings.colours is first
    view.set_symbology(lambda code: "#c03030")
    assert view.layers.buildings.colours is not first
    assert view.layers.buildings.vertex_count() == len(view.scene.mesh.positions)


def test_a_filter_draws_only_the_chosen_estates(view: Scene3DView) -> None:
    keep = set(view.scene.mesh.estate_codes[:2])
    view.set_visible_estates(keep)
    expected = sum(3 * (s.stop - s.start) for s in map(view.scene.mesh.estate_face_slice, keep))
    assert view.layers.buildings.vertex_count() == expected
    view.set_visible_estates(None)
    assert view.layers.buildings.vertex_count() == len(view.scene.mesh.positions)


def test_keys_zoom_and_home_returns_to_the_whole_county(qtbot, view: Scene3DView) -> None:
    home = view.camera()
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Plus)
    assert view.camera().distance < home.distance
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Home)
    assert view.camera().distance == pytest.approx(home.distance)
    assert view.camera().azimuth == pytest.approx(-90.0)


def test_two_gl_views_draw_side_by_side(qtbot, view: Scene3DView, demo_file: Path) -> None:
    second = Scene3DView(toolbar=False)
    qtbot.addWidget(second)
    second.resize(*SIZE)
    second.show()
    qtbot.waitExposed(second)
    second.load(demo_file)
    for widget in (view, second):
        assert pixels(widget.grab_image()).std() > 5


@pytest.mark.parametrize("estate", [None, "6107250001"], ids=["county", "one-estate"])
def test_snapshots_are_not_blank(gl_ready, demo_file: Path, tmp_path: Path, estate: str | None) -> None:
    out = render_3d_png(demo_file, tmp_path / "三维.png", size=(640, 400), estate_code=estate)
    image = pixels(QImage(str(out)))
    assert image.shape == (400, 640, 3)
    assert image.std() > 8
    assert len(np.unique(image.reshape(-1, 3), axis=0)) > 50


def test_a_snapshot_of_an_unknown_estate_says_so(gl_ready, demo_file: Path, tmp_path: Path) -> None:
    from onemap.gui.scene3d.snapshot import SnapshotError

    with pytest.raises(SnapshotError, match="没有编号为 9999 的小区"):
        render_3d_png(demo_file, tmp_path / "x.png", estate_code="9999")


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        env=environ,
        cwd=Path(__file__).parents[2],
    )


def test_without_opengl_the_view_explains_in_chinese_instead_of_crashing() -> None:
    result = run_python(
        """
        from PySide6.QtCore import QCoreApplication, Qt
        from PySide6.QtWidgets import QApplication, QLabel
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication([])
        from onemap.gui.scene3d import Scene3DView
        view = Scene3DView()
        view.select_estate("6107250001"); view.set_symbology(None); view.reset_view(); view.set_visible_estates(None)
        print(view.available, view.findChild(QLabel, "scene3dUnavailable").text().splitlines()[0])
    """,
        QT_QPA_PLATFORM="offscreen",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "三维视图不可用"]


def test_a_snapshot_without_a_display_raises_a_chinese_error(demo_file: Path, tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("displays are only optional on Linux")
    result = run_python(f"""
        from onemap.gui.scene3d.snapshot import SnapshotError, render_3d_png
        try:
            render_3d_png({str(demo_file)!r}, {str(tmp_path / "x.png")!r})
        except SnapshotError as error:
            print(error)
    """)
    assert result.returncode == 0, result.stderr
    assert "xvfb-run" in result.stdout and "三维快照" in result.stdout


def test_f_flies_to_the_selected_estate_in_a_short_animation(qtbot, view: Scene3DView) -> None:
    code, roof = tallest_building(view.scene)
    view.select_estate(code)
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: view.flying, timeout=1000)
    qtbot.waitUntil(lambda: not view.flying, timeout=3000)
    assert view.camera().distance < 1000
    assert np.hypot(*(np.array(view.camera().center[:2]) - roof[:2])) < 200


def test_a_selection_made_before_the_data_arrives_is_highlighted_when_it_does(qtbot, gl_ready, demo_file) -> None:  # type: ignore[no-untyped-def]
    widget = Scene3DView(toolbar=False)
    qtbot.addWidget(widget)
    widget.select_estate("6107250001")
    widget.load(demo_file)
    faces = widget.scene.mesh.estate_face_slice("6107250001")
    assert widget.layers.highlight.vertex_count() == 3 * (faces.stop - faces.start) > 0
