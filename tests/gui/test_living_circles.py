"""The 生活圈 dock: coverage in a job, the what-if tool answering a map click with the estates a
new facility would cover, and keeping that facility as an undoable, audited edit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from onemap.gui.jobs import wait_for_jobs
from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
from onemap.store import Inventory
from onemap.view.extent import to_display
from tests.gui.guikit import make_window, settle
from tests.gui.work_kit import close_messages


@pytest.fixture
def editor(qtbot, demo_copy: Path, settings: Settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings.q.setValue("settings/audit_user", "测试员")
    w = make_window(qtbot, settings, demo_copy)
    yield w
    close_messages()
    w.close()


def _computed(window: MainWindow) -> None:
    dock = window.living_circles
    dock.show()
    dock.run()
    wait_for_jobs()
    settle(window)
    assert dock.result, dock.report.text()


def test_coverage_runs_and_the_report_names_the_method(editor: MainWindow) -> None:
    _computed(editor)
    dock = editor.living_circles
    assert "绕行系数 1.3" in dock.report.text()
    assert len(dock.coverage_item.gaps) == len(dock.estates) > 0
    assert len(dock.facility_item.arrays) > 0


def test_the_what_if_tool_lists_the_estates_a_click_would_newly_cover(editor: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _computed(editor)
    dock = editor.living_circles
    lacking = next(e for e in dock.estates if "kindergarten" in dock.result[e.code].gaps)
    qtbot.mouseClick(dock.what_if_button, Qt.MouseButton.LeftButton)
    assert dock.mode == "what_if"
    x, y = to_display(np.array([lacking.location[0]]), np.array([lacking.location[1]]))
    editor.canvas.clicked.emit(float(x[0]), float(y[0]), Qt.KeyboardModifier.NoModifier)
    assert dock.coverage_item.what_if is not None
    assert lacking.code in dock.coverage_item.what_if.newly
    assert lacking.name in dock.report.text() and "新覆盖" in dock.report.text()
    assert dock.keep.isEnabled()
    before = len(dock.facility_item.arrays)
    qtbot.mouseClick(dock.keep, Qt.MouseButton.LeftButton)
    wait_for_jobs()
    settle(editor)
    assert len(dock.facility_item.arrays) == before + 1
    assert "kindergarten" not in dock.result[lacking.code].gaps  # re-run: the gap is filled
    editor.editing.history.undo()  # type: ignore[union-attr]
    with Inventory.open(editor.session.path, readonly=True) as inv:  # type: ignore[union-attr]
        assert len(inv.facilities()) == before
        assert any(e.table_name == "facilities" and e.action == "delete" for e in inv.history(None, 5))


def test_the_walking_network_is_the_sidecar_streets_then_the_chosen_file_remembered_across_windows(  # type: ignore[no-untyped-def]
    qtbot, demo_copy: Path, settings: Settings, tmp_path: Path, monkeypatch
) -> None:
    import pyogrio.raw
    import shapely
    from PySide6.QtWidgets import QFileDialog

    from onemap.demo.facilities import demo_streets
    from onemap.demo.reflayers import write_demo_layers

    sidecar = write_demo_layers(demo_copy)
    first = make_window(qtbot, settings, demo_copy)
    dock = first.living_circles
    assert dock.network is not None and dock.network.source.startswith(f"{sidecar.name}:roads 示意街道")
    _computed(first)
    assert "示意街道" in dock.report.text()
    dock.kind.setCurrentIndex(dock.kind.findData("primary_school"))
    dock.show_area.setChecked(True)  # the isochrone is drawn as one area too: rings around the streets
    assert dock.coverage_item.area is None  # read and worked out in a job, never on the UI thread (issue 12)
    qtbot.waitUntil(lambda: dock.coverage_item.area is not None, timeout=30_000)
    assert dock.coverage_item.area.lines and dock.coverage_item.area_rings  # type: ignore[union-attr]
    dock.show_area.setChecked(False)
    roads = tmp_path / "步行道.geojson"
    lines = demo_streets()
    pyogrio.raw.write(
        str(roads), shapely.to_wkb(shapely.linestrings(lines)), [], fields=[], geometry_type="LineString",
        crs="EPSG:4490", driver="GeoJSON",
    )  # fmt: skip
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(roads), ""))
    dock.choose_network()
    wait_for_jobs()
    first.close()
    second = make_window(qtbot, settings, demo_copy)
    assert second.living_circles.network is not None and second.living_circles.network.source == roads.name
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: ("", ""))
    second.living_circles.choose_network()  # Cancel: straight lines, kept too
    wait_for_jobs()
    second.close()
    third = make_window(qtbot, settings, demo_copy)
    assert third.living_circles.network is None
    third.close()


def test_cancel_frees_the_dock_at_once_and_coverage_can_run_again(editor: MainWindow, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    import threading

    from onemap.gui.coverage import dock as dock_module

    real, started = dock_module.measure, threading.Event()

    def until_cancelled(*args, progress, cancel, **kwargs):  # type: ignore[no-untyped-def]
        started.set()  # a long computation: it checks the cancel flag as coverage does between types
        while not cancel():
            threading.Event().wait(0.01)
        raise InterruptedError

    monkeypatch.setattr(dock_module, "measure", until_cancelled)
    dock = editor.living_circles
    dock.show()
    dock.run()
    assert started.wait(10) and dock.cancel.isVisibleTo(dock) and not dock.compute.isEnabled()
    dock.cancel.click()
    assert not dock.cancel.isVisibleTo(dock) and not dock.progress.isVisibleTo(dock) and dock.compute.isEnabled()
    assert dock.report.text() == "已取消"
    wait_for_jobs()
    monkeypatch.setattr(dock_module, "measure", real)
    _computed(editor)  # and the next run completes
