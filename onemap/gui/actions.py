"""The main window's actions, menus and toolbar (Chinese text, shortcuts, icons)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QMainWindow, QMenu, QToolBar

from onemap.gui.i18n import tr
from onemap.gui.icons import icon
from onemap.view.symbology import SYMBOLOGY_KINDS


@dataclass
class Actions:
    """Every action of the main window, by role."""

    open: QAction
    export_image: QAction
    quit: QAction
    home: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_selection: QAction
    clear_selection: QAction
    measure_distance: QAction
    measure_area: QAction
    choose_basemap: QAction
    build_basemap: QAction
    no_basemap: QAction
    gauss_kruger: QAction
    about: QAction
    recent_menu: QMenu
    file_menu: QMenu
    view_menu: QMenu
    tools_menu: QMenu
    symbology: QComboBox
    search: QLineEdit
    toolbar: QToolBar
    #: the map's click modes (measuring, adding, moving): at most one is on
    map_modes: QActionGroup


def make_action(
    window: QMainWindow,
    text: str,
    name: str = "",
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    checkable: bool = False,
    tip: str = "",
) -> QAction:
    action = QAction(icon(name) if name else icon("none"), tr(text), window)
    action.setObjectName(f"action_{name or text}")
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    if tip:
        action.setToolTip(tr(tip))
        action.setStatusTip(tr(tip))
    return action


def build_actions(window: QMainWindow) -> Actions:
    """Create the actions, the menu bar and the toolbar of ``window``."""
    a = Actions(
        open=make_action(window, "打开清单…", "open", QKeySequence.StandardKey.Open, tip="打开一个 .gpkg 清单文件"),
        export_image=make_action(window, "导出地图图片…", "export-image", "Ctrl+E", tip="把当前地图保存为 PNG 图片"),
        quit=make_action(window, "退出", "", QKeySequence.StandardKey.Quit),
        home=make_action(window, "全图", "home", "Home", tip="显示整个县（Home 键）"),
        zoom_in=make_action(window, "放大", "zoom-in", QKeySequence.StandardKey.ZoomIn),
        zoom_out=make_action(window, "缩小", "zoom-out", QKeySequence.StandardKey.ZoomOut),
        zoom_selection=make_action(window, "缩放到选中", "zoom-selection", "Ctrl+J", tip="把选中的小区放到视图中央"),
        clear_selection=make_action(window, "取消选择", "clear", "Esc"),
        measure_distance=make_action(
            window,
            "测量距离",
            "measure-distance",
            "Ctrl+M",
            checkable=True,
            tip="依次点击各点，双击结束；椭球面（大地线）距离",
        ),
        measure_area=make_action(
            window,
            "测量面积",
            "measure-area",
            "Ctrl+Shift+M",
            checkable=True,
            tip="依次点击多边形各顶点，双击结束；椭球面面积",
        ),
        choose_basemap=make_action(window, "选择离线底图（MBTiles）…", "basemap"),
        build_basemap=make_action(window, "由清单生成底图", ""),
        no_basemap=make_action(window, "不显示底图", ""),
        gauss_kruger=make_action(window, "状态栏显示高斯-克吕格坐标", "", checkable=True),
        about=make_action(window, "关于 OneMap", ""),
        recent_menu=QMenu(tr("最近打开"), window),
        file_menu=QMenu(tr("文件"), window),
        view_menu=QMenu(tr("视图"), window),
        tools_menu=QMenu(tr("工具"), window),
        symbology=QComboBox(window),
        search=QLineEdit(window),
        toolbar=QToolBar(tr("工具栏"), window),
        map_modes=QActionGroup(window),
    )
    a.map_modes.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
    a.map_modes.addAction(a.measure_distance)
    a.map_modes.addAction(a.measure_area)
    a.recent_menu.setObjectName("recentMenu")
    a.view_menu.setObjectName("viewMenu")
    a.file_menu.setObjectName("fileMenu")
    a.tools_menu.setObjectName("toolsMenu")
    _menus(window, a)
    _toolbar(window, a)
    return a


def _menus(window: QMainWindow, a: Actions) -> None:
    bar = window.menuBar()
    file = a.file_menu
    bar.addMenu(file)
    file.addAction(a.open)
    file.addMenu(a.recent_menu)
    file.addSeparator()
    file.addAction(a.export_image)
    file.addSeparator()
    file.addAction(a.quit)
    bar.addMenu(a.view_menu)
    for action in (a.home, a.zoom_in, a.zoom_out, a.zoom_selection, a.clear_selection):
        a.view_menu.addAction(action)
    a.view_menu.addSeparator()
    a.view_menu.addAction(a.gauss_kruger)
    a.view_menu.addSeparator()
    map_menu = bar.addMenu(tr("地图"))
    for action in (a.choose_basemap, a.build_basemap, a.no_basemap):
        map_menu.addAction(action)
    tools = a.tools_menu
    bar.addMenu(tools)
    tools.addAction(a.measure_distance)
    tools.addAction(a.measure_area)
    bar.addMenu(tr("帮助")).addAction(a.about)


def _toolbar(window: QMainWindow, a: Actions) -> None:
    t = a.toolbar
    t.setObjectName("mainToolbar")
    t.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    window.addToolBar(t)
    t.addAction(a.open)
    t.addSeparator()
    for action in (a.home, a.zoom_in, a.zoom_out, a.zoom_selection):
        t.addAction(action)
    t.addSeparator()
    t.addAction(a.measure_distance)
    t.addAction(a.measure_area)
    t.addSeparator()
    a.symbology.setObjectName("symbologyCombo")
    a.symbology.setToolTip(tr("小区点的着色方式"))
    for kind, label in SYMBOLOGY_KINDS.items():
        a.symbology.addItem(tr(label), kind)
    t.addWidget(a.symbology)
    t.addSeparator()
    a.search.setObjectName("searchBox")
    a.search.setClearButtonEnabled(True)
    a.search.setPlaceholderText(tr("搜索名称、编码、地址或拼音首字母（如 gy）"))
    t.addWidget(a.search)
