"""Real ledgers are incomplete: unlocated estates, empty inventories, blank fields."""

from __future__ import annotations

import shutil
from pathlib import Path

from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
from onemap.store import Inventory
from onemap.view.filters import EstateFilter
from tests.gui.guikit import make_window, settle


def test_unlocated_estates_are_in_the_table_but_not_on_the_map(
    qtbot,
    demo_copy: Path,
    settings: Settings,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = tmp_path / "未定位.gpkg"
    shutil.copy(demo_copy, path)
    with Inventory.open(path) as inventory:
        code = inventory.estates()[5].code
        with inventory.transaction():
            inventory.move_estate(code, None)
    window = make_window(qtbot, settings, path)
    state = window.session.state
    window.filters.located.setCurrentIndex(2)  # 未定位
    assert state.filter == EstateFilter(located=False)
    assert window.table.model.rowCount() == 1 and window.table.model.code_at(0) == code
    window.canvas.home()
    settle(window)
    assert len(window.layers.estates.item.data) == 0 and window.layers.estates.item.clusters is None
    state.select([code])
    assert window.details.field_values()["位置（CGCS2000 经度, 纬度）"] == "未填"
    window.zoom_to_selection()
    assert window.statusBar().currentMessage() == "没有选中已定位的小区"
    window.close()


def test_an_empty_inventory_opens_to_an_empty_map(qtbot, settings: Settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "空清单.gpkg"
    Inventory.create(path, county_code="610725", county_name="勉县").close()
    window: MainWindow = make_window(qtbot, settings, path, basemap=None)
    assert window.session is not None and len(window.session.table) == 0
    assert window.status.counts.text() == "显示 0 / 共 0 个小区"
    assert window.table.model.rowCount() == 0
    assert window.layers.basemap.mbtiles is None  # nothing to build a basemap from
    window.commands.search.setText("gy")
    window.apply_search()
    window.canvas.home()
    settle(window)
    assert window.legend.rows() == []
    window.close()
