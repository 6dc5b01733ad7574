"""Reference layers in the viewer: the demo's schematic layers on first open, the dock's checkboxes and
order kept per inventory, a file added from disk, a bad file said while the map goes on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyogrio
import shapely
from PySide6.QtCore import Qt
from shapely.geometry import LineString

from onemap.demo.reflayers import write_demo_layers
from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
from onemap.view.culling import cluster_diameter_px
from onemap.view.extent import Extent
from tests.gui.guikit import make_window


def _titles(window: MainWindow) -> list[str]:
    panel = window.layer_list.reference
    return [panel.list.item(i).text() for i in range(panel.list.count())]


def test_the_demo_opens_with_its_schematic_layers_listed_drawn_and_credited(
    qtbot, demo_copy: Path, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    write_demo_layers(demo_copy)
    window = make_window(qtbot, settings, demo_copy)
    try:
        assert _titles(window) == ["城区道路（示意）", "汉江（示意）", "乡镇范围（示意）"]  # top layer first
        assert len(window.layers.reference.items) == 3
        assert "示意" in window.overlay.credit
        names = [n.text for n in window.layers.reference.names.names]
        assert names[0] == "勉县" and "武侯镇" in names  # county first, townships from the schematic layer
    finally:
        window.close()


def test_hiding_and_moving_a_layer_is_remembered_for_the_inventory(qtbot, demo_copy: Path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    write_demo_layers(demo_copy)
    window = make_window(qtbot, settings, demo_copy)
    panel = window.layer_list.reference
    try:
        panel.list.item(1).setCheckState(Qt.CheckState.Unchecked)  # the river
        assert [layer.name for layer in window.layers.reference.layers] == ["乡镇范围（示意）", "城区道路（示意）"]
        panel.list.setCurrentRow(2)  # townships, at the bottom
        panel.move_current(-1)
        assert _titles(window) == ["城区道路（示意）", "乡镇范围（示意）", "汉江（示意）"]
    finally:
        window.close()
    again = make_window(qtbot, settings, demo_copy)
    try:
        assert _titles(again) == ["城区道路（示意）", "乡镇范围（示意）", "汉江（示意）"]
        checks = [again.layer_list.reference.list.item(i).checkState() for i in range(3)]
        assert checks == [Qt.CheckState.Checked, Qt.CheckState.Checked, Qt.CheckState.Unchecked]
        assert len(again.layers.reference.items) == 2
    finally:
        again.close()


def test_a_file_added_shows_on_the_map_and_a_bad_one_is_said_in_the_status_bar(
    qtbot, demo_copy: Path, settings: Settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    road = tmp_path / "roads.geojson"
    line = LineString([(106.66, 33.15), (106.69, 33.16)])
    pyogrio.raw.write(
        road, shapely.to_wkb(np.array([line])), [np.array(["勉阳路"], dtype=object)], ["name"],
        driver="GeoJSON", geometry_type="LineString", crs="EPSG:4326",
    )  # fmt: skip
    broken = tmp_path / "broken.dxf"
    broken.write_bytes(b"0\nSECTION\n2\nENTITIES\n")
    window = make_window(qtbot, settings, demo_copy)
    try:
        window.layer_list.reference.add_files([road])
        assert window.layers is not None
        window.layers.settle()  # read in the background
        assert _titles(window) == ["roads"] and len(window.layers.reference.items) == 1
        item = window.layers.reference.items[0]
        assert not item.isVisible()  # 3 km of road seen from the whole county: under 80 px, not drawn
        window.session.state.request_zoom(Extent.from_lonlat(106.655, 33.145, 106.695, 33.165))
        assert item.isVisible() and not item.boundingRect().isEmpty()
        window.layer_list.reference.add_files([broken], "EPSG:4545")
        window.layers.settle()
        assert "broken.dxf" in window.status.currentMessage()
        assert len(window.layers.reference.items) == 1  # the map goes on with the good one
        assert settings.reference_layers_for(demo_copy)[0].path == str(road)
    finally:
        window.close()


def _names_and_rings(window: MainWindow) -> tuple[dict[str, tuple[float, ...]], np.ndarray, object]:
    """The place names drawn and the ring boxes painted (device pixels) after a fresh grab."""
    assert window.layers is not None
    window.canvas.grab()
    rings = window.layers.estates.item.rings  # type: ignore[attr-defined]
    assert rings is not None
    names = {text: (b.left(), b.top(), b.right(), b.bottom()) for text, b in window.layers.reference.names.drawn}
    return names, rings.boxes(), rings


def test_cluster_rings_make_way_for_place_names_at_county_and_province_zoom(
    qtbot, demo_copy: Path, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, settings, demo_copy)  # no township outlines, no layers: Mian's seats are named
    try:
        window.session.state.request_zoom()  # home: the whole county, estates in rings
        names, boxes, rings = _names_and_rings(window)
        assert len(boxes) >= 5 and "勉县" in names and "勉阳街道" in names
        planned = cluster_diameter_px(window.layers.estates.plan.clusters.count)
        assert (rings.moved | (rings.diameter < planned)).any()  # some ring made way (the seat's, at least)
        for text, (x0, y0, x1, y1) in names.items():
            over = (boxes[:, 0] < x1) & (x0 < boxes[:, 2]) & (boxes[:, 1] < y1) & (y0 < boxes[:, 3])
            assert not over.any(), text
            assert y1 - y0 < 24  # a legible size, not a stretched tile
        county = window.session.state.extent
        window.session.state.request_zoom(county.expanded(1.5))  # a province: four counties across, ~900 m a pixel
        names, boxes, rings = _names_and_rings(window)
        assert len(boxes) >= 1 and "勉县" in names
        for text, (x0, y0, x1, y1) in names.items():
            over = (boxes[:, 0] < x1) & (x0 < boxes[:, 2]) & (boxes[:, 1] < y1) & (y0 < boxes[:, 3])
            assert not over.any(), text
    finally:
        window.close()


def test_the_reference_panel_follows_a_language_switch(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from onemap.gui.i18n.language import install_language

    panel = window.layer_list.reference
    assert (panel.title.text(), panel.buttons["add"].text()) == ("参考图层", "添加…")
    try:
        install_language("en")
        qtbot.wait(20)
        assert (panel.title.text(), panel.buttons["add"].text(), panel.buttons["up"].text()) == (
            "Reference layers",
            "Add…",
            "Up",
        )
    finally:
        install_language("zh")


def test_a_pan_reuses_the_name_placement_and_it_matches_a_fresh_one(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage, QPainter, QTransform

    window.session.state.request_zoom()
    window.canvas.grab()
    item = window.layers.reference.names
    base = item.deviceTransform(window.canvas.viewportTransform())
    image = QImage(1400, 900, QImage.Format.Format_ARGB32_Premultiplied)

    def paint(dx: float, fresh: bool) -> list[tuple[str, tuple[float, float]]]:
        if fresh:
            item._placed_for = ()
        painter = QPainter(image)
        painter.setTransform(base * QTransform.fromTranslate(dx, 0))
        item.paint(painter)
        painter.end()
        return [(text, (round(box.left(), 3), round(box.top(), 3))) for text, box in item.drawn]

    paint(0, fresh=True)
    reused = paint(7, fresh=False)
    assert reused and reused == paint(7, fresh=True)


def test_a_large_dxf_is_read_in_the_background_so_the_estates_show_first(  # type: ignore[no-untyped-def]
    qtbot, demo_copy: Path, settings: Settings, tmp_path: Path
) -> None:
    import ezdxf

    from onemap.geo.crs import CGCS2000, transformer
    from onemap.geo.refstyle import RefLayerSpec

    x, y = transformer(CGCS2000, "EPSG:4545").transform(106.67, 33.15)
    doc = ezdxf.new()
    msp = doc.modelspace()
    for i in range(3000):  # ~1 s to read: a 1:500 sheet's houses
        left, bottom = x + i % 60 * 10, y + i // 60 * 10
        msp.add_lwpolyline([(left, bottom), (left + 8, bottom), (left + 8, bottom + 8)], close=True)
    sheet = tmp_path / "topo500.dxf"
    doc.saveas(sheet)
    settings.set_reference_layers_for(demo_copy, [RefLayerSpec(str(sheet), crs="EPSG:4545")])
    window = make_window(qtbot, settings, None)
    try:
        assert window.open_inventory(demo_copy)
        reference = window.layers.reference
        assert reference.layers == [] and reference.loader.pending  # the sheet is still being read ...
        assert window.layers.estates.plan is not None and len(window.layers.estates.plan.rows) + len(
            window.layers.estates.plan.clusters or []
        )  # ... while the estates are on the map
        qtbot.waitUntil(lambda: len(reference.items) == 1, timeout=60_000)
        assert len(reference.layers[0].shapes.areas) == 3000 and not reference.loader.pending
    finally:
        window.close()


def test_a_layers_style_edited_in_the_panel_is_drawn_and_remembered_for_the_inventory(  # type: ignore[no-untyped-def]
    qtbot, demo_copy: Path, settings: Settings
) -> None:
    from onemap.gui.docks.refstyle_editor import RefStyleDialog

    write_demo_layers(demo_copy)
    window = make_window(qtbot, settings, demo_copy)
    panel = window.layer_list.reference
    try:
        panel.list.setCurrentRow(2)  # townships, at the bottom
        index = panel.current_index()
        dialog = RefStyleDialog(panel.specs[index], panel)
        assert dialog.label.count() >= 2  # (none) and the layer's text fields
        dialog.set_colour("line", "#c03020")
        dialog.line_width.setValue(3.0)
        dialog.label.setCurrentIndex(1)
        chosen = dialog.chosen_style()
        dialog.close()
        panel.set_style(index, chosen)
        window.layers.settle()
        item = next(i for i in window.layers.reference.items if i.layer.name == "乡镇范围（示意）")
        assert item.pen.color().name() == "#c03020" and item.pen.widthF() == 3.0
        assert settings.reference_layers_for(demo_copy)[index].style == chosen
    finally:
        window.close()
    again = make_window(qtbot, settings, demo_copy)
    try:
        assert again.layer_list.reference.specs[index].style == chosen
        item = next(i for i in again.layers.reference.items if i.layer.name == "乡镇范围（示意）")
        assert item.pen.color().name() == "#c03020"
    finally:
        again.close()
