"""The main window: opening files, remembering things, surviving errors, keyboard and tools."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QTabBar

from onemap.gui.app import start
from onemap.gui.appsetup import cjk_family
from onemap.gui.errors import open_message_boxes
from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
from onemap.logs import log_dir
from onemap.view.extent import ground_factor
from onemap.view.state import LAYERS
from tests.gui.guikit import make_window, settle, show_around


def messages() -> list[str]:
    return [box.text() for box in open_message_boxes()]


def close_messages() -> None:
    for box in open_message_boxes():
        box.close()


def test_the_window_shows_the_inventory_name_and_every_dock(window: MainWindow) -> None:
    assert window.windowTitle() == "勉县 · 张伟的 清单.gpkg - OneMap 一张图"
    for dock in (window.details, window.table, window.legend, window.filters, window.layer_list):
        assert dock.windowTitle()
    assert window.views.tabText(0) == "二维地图"
    assert window.status.counts.text() == "显示 150 / 共 150 个小区"


def test_the_3d_scene_is_a_tab_beside_the_map(window: MainWindow) -> None:
    assert [window.views.tabText(i) for i in range(window.views.count())] == ["二维地图", "三维场景"]
    view = window.scene3d.view  # made when first asked for
    assert window.views.widget(1) is view
    assert QApplication.testAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


def test_more_views_can_be_added_as_tabs(window: MainWindow) -> None:
    index = window.add_view(QLabel("统计"), "统计")
    assert window.views.count() == 3 and window.views.tabText(index) == "统计"


def test_opening_a_bad_file_shows_its_sentence_and_keeps_the_open_inventory(window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "照片.gpkg"
    bad.write_bytes(b"\x89PNG this is a picture, not an inventory" * 10)
    assert not window.open_inventory(bad)
    assert messages() == [
        "照片.gpkg 不是 GeoPackage 清单文件（不是 SQLite 数据库），请确认选择了 OneMap 的 .gpkg 文件。"
    ]
    assert window.session is not None and window.session.path.name == "张伟的 清单.gpkg"
    close_messages()
    assert not window.open_inventory(tmp_path / "没有.gpkg")
    assert messages() == ["找不到文件：没有.gpkg。请检查路径是否正确。"]
    close_messages()


def test_dropping_a_gpkg_on_the_window_opens_it(qtbot, window: MainWindow, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "另一个.gpkg"
    shutil.copy(demo_file, other)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    drop = QDropEvent(
        QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(drop)
    assert window.session.path == other
    assert window.windowTitle().startswith("勉县 · 另一个.gpkg")


def test_recent_and_last_files_are_remembered_across_windows(
    qtbot,
    window: MainWindow,
    settings: Settings,  # type: ignore[no-untyped-def]
    demo_file: Path,
    tmp_path: Path,
) -> None:
    other = tmp_path / "第二个.gpkg"
    shutil.copy(demo_file, other)
    first = window.session.path
    assert window.open_inventory(other)
    assert settings.recent_files()[:2] == [other.resolve(), first.resolve()]
    assert settings.last_file() == other.resolve()
    menu = [a.text() for a in window.commands.recent_menu.actions()]
    assert menu[:2] == [str(other.resolve()), str(first.resolve())]
    window.commands.recent_menu.actions()[1].trigger()
    assert window.session.path.resolve() == first.resolve()


def test_the_window_layout_is_restored(qtbot, window: MainWindow, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    window.resize(720, 530)  # within the offscreen platform's 800x600 screen
    window.table.hide()
    size = (window.width(), window.height())  # the docks may hold it a few pixels larger
    assert abs(size[0] - 720) < 20 and abs(size[1] - 530) < 20
    window.close()
    again = make_window(qtbot, Settings(settings.path), None, size=None)
    assert (again.width(), again.height()) == size
    assert not again.table.isVisible()
    again.close()


def test_a_restored_layout_leaves_no_stray_tab_bars(qtbot, window: MainWindow, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    window.close()  # saves the layout with its tabbed docks
    again = make_window(qtbot, Settings(settings.path), None)
    settle(again)
    inside = again.rect()
    bars = [
        tuple(bar.tabText(i) for i in range(bar.count()))
        for bar in again.findChildren(QTabBar)
        if bar.parent() is again and bar.isVisible() and inside.intersects(bar.geometry())
    ]
    assert sorted(bars) == sorted(set(bars)), bars  # each group of tabbed docks shows one tab bar
    assert ("属性表", "告警") in bars and all(bar != ("属性表",) for bar in bars)
    again.close()


def test_a_broken_settings_file_is_set_aside_with_a_message(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("onemap.gui.settings.system_language", lambda: "zh")  # a Chinese machine
    path = tmp_path / "OneMap.ini"
    path.write_bytes(b"[files\nrecent=@Invalid(\n\x00\xff")
    settings = Settings(path)
    assert settings.broken_copy is not None and settings.broken_copy.exists()
    assert settings.recent_files() == []
    window, hook = start(None, settings)
    qtbot.addWidget(window)
    try:
        assert any("设置文件已损坏，已恢复默认设置" in m for m in messages())
    finally:
        hook.uninstall()
        close_messages()
        window.close()


def test_an_unexpected_error_shows_a_dialog_naming_the_log_and_the_app_keeps_running(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window_, hook = start(None, window.settings)
    qtbot.addWidget(window_)
    try:
        raise ZeroDivisionError("rtsp://admin:secret@10.0.0.1/ failed")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    finally:
        hook.uninstall()
    (text,) = messages()
    assert "意外错误" in text or "OneMap 遇到了一个意外错误" in text
    assert str(log_dir() / "onemap.log") in text
    assert "test_window.py" in text
    assert "secret" not in text
    close_messages()
    window.session.state.select([str(window.session.table.code[0])])  # still working
    assert window.details.title.text() == window.session.table.name[0]
    window_.close()


def test_the_keyboard_zooms_pans_and_goes_home(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    state, canvas = window.session.state, window.canvas
    canvas.setFocus()
    home = state.extent
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert state.extent.width == pytest.approx(home.width / 2, rel=1e-6)
    before = state.extent
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert state.extent.minx == pytest.approx(before.minx + before.width / 4, rel=1e-9)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert state.extent.width == pytest.approx(home.width, rel=1e-6)
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert state.extent.center == pytest.approx(home.center)


def test_the_wheel_zooms_about_the_cursor(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QWheelEvent

    canvas, state = window.canvas, window.session.state
    where = QPointF(300, 250)
    before = canvas.to_display(where)
    width = state.extent.width
    event = QWheelEvent(
        where,
        canvas.mapToGlobal(where),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas.viewport(), event)
    settle(window)
    assert state.extent.width < width
    after = canvas.to_display(where)
    assert after == pytest.approx(before, abs=state.resolution * 2)


def test_the_measure_tool_measures_on_the_ellipsoid(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    show_around(window, 0, 1000)
    window.commands.measure_distance.trigger()
    viewport = window.canvas.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(200, 400))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(900, 400))
    measurement = window.controller.measurement
    assert len(measurement.points) == 2
    state = window.session.state
    expected = 700 * state.resolution * ground_factor(state.extent.center[1])  # Web Mercator stretches by 1/cos(lat)
    assert measurement.length_m == pytest.approx(expected, rel=0.01)
    message = window.statusBar().currentMessage()
    assert message.startswith("距离 ") and message.endswith(" 公里")
    assert float(message.split()[1]) == pytest.approx(expected / 1000, rel=0.01)
    assert window.session.state.selection == ()  # measuring never identifies
    window.commands.measure_area.trigger()
    for x, y in ((200, 200), (600, 200), (600, 600)):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    assert window.controller.measurement.area_m2 > 0
    assert window.statusBar().currentMessage().startswith("面积 ")
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.controller.measuring


def test_switching_symbology_recolours_the_map_and_the_legend(window: MainWindow) -> None:
    window.commands.symbology.setCurrentIndex(window.commands.symbology.findData("year"))
    state = window.session.state
    assert state.symbology.kind == "year"
    assert window.legend.title.text() == "着色：按改造年度"
    labels = [label for kind, label, _n in window.legend.rows() if kind.startswith("class:")]
    assert labels == [f"{y} 年" for y in range(2019, 2027)]
    assert window.settings.symbology() == "year"
    colours = {b.color().name() for b in window.layers.estates.item.data["brush"]}
    assert colours <= {c.color for c in state.symbology.classes}
    assert len(colours) > 1


def test_layer_checkboxes_show_and_hide_layers(window: MainWindow) -> None:
    state = window.session.state
    for key in LAYERS:
        window.layer_list.item(key).setCheckState(Qt.CheckState.Unchecked)
        assert not state.layer_visible(key)
    assert not window.layers.estates.item.isVisible() and not window.layers.labels.item.isVisible()
    state.set_layer_visible("estates", True)
    assert window.layer_list.item("estates").checkState() == Qt.CheckState.Checked
    assert window.layers.estates.item.isVisible()


def test_the_status_bar_shows_position_scale_and_gauss_kruger_on_request(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    t = window.session.table
    window.controller.on_hover(float(t.x[0]), float(t.y[0]))
    assert window.status.position.text() == f"经度 {t.lon[0]:.6f}°  纬度 {t.lat[0]:.6f}°（CGCS2000）"
    assert window.status.scale.text().startswith("比例尺 1:")
    window.commands.gauss_kruger.setChecked(True)
    window.controller.on_hover(float(t.x[0]), float(t.y[0]))
    assert "EPSG:4545" in window.status.position.text()  # CGCS2000 3-degree zone 36 (CM 108E), one per dataset
    assert window.settings.show_gauss_kruger()


def test_chinese_text_is_drawn_with_a_font_that_has_the_glyphs(qapp: QApplication) -> None:
    family = cjk_family()
    assert family is not None
    assert QApplication.font().family() == family
    metrics = QFontMetrics(QApplication.font())
    assert all(metrics.inFont(ch) for ch in "一张图勉县桂园小区未填")
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def test_without_qt_the_viewer_import_fails_so_the_launcher_can_print_a_summary() -> None:
    import subprocess

    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in {'PySide6', 'shiboken6', 'pyqtgraph'}:\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "try:\n"
        "    import onemap.gui.app\n"
        "except ImportError:\n"
        "    print('refused')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "refused"
