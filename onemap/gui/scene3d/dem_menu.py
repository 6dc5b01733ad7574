"""The 3D tab's ground as the user chose it: a DEM per inventory (the map menu's entries) and the basemap.

The DEM path is kept in the user's settings per inventory, never in the inventory file. A file
that is not elevation data (or has no CRS) is refused with its sentence when chosen, and the
3D tab keeps the ground it had.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from onemap.geo.rastererror import RasterError
from onemap.gui.errors import show_message
from onemap.gui.i18n import keep_tr, tr
from onemap.gui.i18n.language import ui_language
from onemap.gui.scene3d.ground_setup import GENERATED, Ground

if TYPE_CHECKING:
    from onemap.gui.main_window import MainWindow
    from onemap.gui.settings import Settings


def ground_choice(settings: Settings, inventory: Path) -> Ground:
    """``(DEM or None, basemap)`` for an inventory: the DEM chosen for it and the basemap its 2D map shows."""
    dem = settings.dem_for(inventory)
    basemap = settings.basemap_for(inventory)
    return (Path(dem) if dem else None, None if basemap == "" else (Path(basemap) if basemap else GENERATED))


def install(window: MainWindow) -> tuple[QAction, QAction]:
    """Add 选择高程数据（DEM）… and 不使用高程数据 to the window's map menu."""
    choose, clear = QAction(window), QAction(window)
    keep_tr(choose, "setText", str(QT_TRANSLATE_NOOP("", "三维地形：选择高程数据（DEM）…")))
    keep_tr(clear, "setText", str(QT_TRANSLATE_NOOP("", "三维地形：不使用高程数据")))
    choose.setObjectName("action_choose_dem")
    clear.setObjectName("action_no_dem")
    choose.triggered.connect(lambda: _choose(window))
    clear.triggered.connect(lambda: set_dem(window, None))
    menu = window.findChild(QMenu, "mapMenu")
    if menu is not None:
        menu.addSeparator()
        menu.addActions([choose, clear])
    return choose, clear


def _choose(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(
        window, tr("选择高程数据（DEM）"), "", tr("高程 GeoTIFF (*.tif *.tiff);;所有文件 (*)")
    )
    if path:
        set_dem(window, Path(path))


def set_dem(window: MainWindow, dem: Path | None) -> bool:
    """Use ``dem`` (None: flat ground) for the open inventory's 3D tab; a bad file gets its sentence."""
    if window.session is None:
        return False
    if dem is not None:
        problem = dem_problem(dem)
        if problem is not None:
            show_message(window, tr("无法使用高程数据"), problem)
            return False
    window.settings.set_dem_for(window.session.path, "" if dem is None else str(dem))
    tab = window.scene3d_if_made
    if tab is not None:
        tab.stale = True
        if tab.view.isVisible():
            tab.rebuild()
    return True


def dem_problem(dem: Path) -> str | None:
    """Why ``dem`` cannot be the 3D ground (None when it can): checked on its header, quickly."""
    from onemap.geo.geotiff import is_elevation, open_dataset

    lang = ui_language()
    try:
        dataset = open_dataset(dem)
    except RasterError as error:
        return error.message(lang)
    try:
        if not is_elevation(dataset):
            return RasterError("not_dem", dem, f"{dataset.count} × {dataset.dtypes[0]}").message(lang)
    finally:
        dataset.close()
    return None
