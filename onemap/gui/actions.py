"""The main window's actions, menus and toolbar (Chinese text, shortcuts, icons).

Texts are marked with ``QT_TRANSLATE_NOOP("", …)`` and set with :func:`~onemap.gui.i18n.keep_tr`,
so :meth:`MainWindow.changeEvent` can set them again in a new language (:func:`retranslate`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QMainWindow, QMenu, QToolBar

from onemap.gui.i18n import keep_tr, retranslate_kept, tr
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
    """An action whose ``text`` and ``tip`` (sources marked ``QT_TRANSLATE_NOOP("", …)``) follow the language."""
    action = QAction(icon(name) if name else icon("none"), "", window)
    keep_tr(action, "setText", text)
    action.setObjectName(f"action_{name or text}")
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    if tip:
        keep_tr(action, "setToolTip", tip)
        keep_tr(action, "setStatusTip", tip)
    return action


def _menu(window: QMainWindow, title: str) -> QMenu:
    menu = QMenu(window)
    keep_tr(menu, "setTitle", title)
    return menu


def build_actions(window: QMainWindow) -> Actions:
    """Create the actions, the menu bar and the toolbar of ``window``."""
    a = Actions(
        open=make_action(
            window,
            QT_TRANSLATE_NOOP("", "打开清单…"),
            "open",
            QKeySequence.StandardKey.Open,
            tip=QT_TRANSLATE_NOOP("", "打开一个 .gpkg 清单文件"),
        ),
        export_image=make_action(
            window,
            QT_TRANSLATE_NOOP("", "导出地图图片…"),
            "export-image",
            "Ctrl+E",
            tip=QT_TRANSLATE_NOOP("", "把当前地图保存为 PNG 图片"),
        ),
        quit=make_action(window, QT_TRANSLATE_NOOP("", "退出"), "", QKeySequence.StandardKey.Quit),
        home=make_action(
            window, QT_TRANSLATE_NOOP("", "全图"), "home", "Home", tip=QT_TRANSLATE_NOOP("", "显示整个县（Home 键）")
        ),
        zoom_in=make_action(window, QT_TRANSLATE_NOOP("", "放大"), "zoom-in", QKeySequence.StandardKey.ZoomIn),
        zoom_out=make_action(window, QT_TRANSLATE_NOOP("", "缩小"), "zoom-out", QKeySequence.StandardKey.ZoomOut),
        zoom_selection=make_action(
            window,
            QT_TRANSLATE_NOOP("", "缩放到选中"),
            "zoom-selection",
            "Ctrl+J",
            tip=QT_TRANSLATE_NOOP("", "把选中的小区放到视图中央"),
        ),
        clear_selection=make_action(window, QT_TRANSLATE_NOOP("", "取消选择"), "clear", "Esc"),
        measure_distance=make_action(
            window,
            QT_TRANSLATE_NOOP("", "测量距离"),
            "measure-distance",
            "Ctrl+M",
            checkable=True,
            tip=QT_TRANSLATE_NOOP("", "依次点击各点，双击结束；椭球面（大地线）距离"),
        ),
        measure_area=make_action(
            window,
            QT_TRANSLATE_NOOP("", "测量面积"),
            "measure-area",
            "Ctrl+Shift+M",
            checkable=True,
            tip=QT_TRANSLATE_NOOP("", "依次点击多边形各顶点，双击结束；椭球面面积"),
        ),
        choose_basemap=make_action(window, QT_TRANSLATE_NOOP("", "选择离线底图（MBTiles）…"), "basemap"),
        build_basemap=make_action(window, QT_TRANSLATE_NOOP("", "由清单生成底图"), ""),
        no_basemap=make_action(window, QT_TRANSLATE_NOOP("", "不显示底图"), ""),
        gauss_kruger=make_action(window, QT_TRANSLATE_NOOP("", "状态栏显示高斯-克吕格坐标"), checkable=True),
        about=make_action(window, QT_TRANSLATE_NOOP("", "关于 OneMap"), ""),
        recent_menu=_menu(window, QT_TRANSLATE_NOOP("", "最近打开")),
        file_menu=_menu(window, QT_TRANSLATE_NOOP("", "文件")),
        view_menu=_menu(window, QT_TRANSLATE_NOOP("", "视图")),
        tools_menu=_menu(window, QT_TRANSLATE_NOOP("", "工具")),
        symbology=QComboBox(window),
        search=QLineEdit(window),
        toolbar=QToolBar(window),
        map_modes=QActionGroup(window),
    )
    a.map_modes.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
    a.map_modes.addAction(a.measure_distance)
    a.map_modes.addAction(a.measure_area)
    keep_tr(a.toolbar, "setWindowTitle", QT_TRANSLATE_NOOP("", "工具栏"))
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
    map_menu = _menu(window, QT_TRANSLATE_NOOP("", "地图"))
    map_menu.setObjectName("mapMenu")
    bar.addMenu(map_menu)
    for action in (a.choose_basemap, a.build_basemap, a.no_basemap):
        map_menu.addAction(action)
    tools = a.tools_menu
    bar.addMenu(tools)
    tools.addAction(a.measure_distance)
    tools.addAction(a.measure_area)
    help_menu = _menu(window, QT_TRANSLATE_NOOP("", "帮助"))
    help_menu.setObjectName("helpMenu")
    bar.addMenu(help_menu)
    help_menu.addAction(a.about)


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
    keep_tr(a.symbology, "setToolTip", QT_TRANSLATE_NOOP("", "小区点的着色方式"))
    for kind, label in SYMBOLOGY_KINDS.items():  # labels listed for lupdate in onemap.gui.i18n.core_text
        a.symbology.addItem(tr(label), kind)
    t.addWidget(a.symbology)
    t.addSeparator()
    a.search.setObjectName("searchBox")
    a.search.setClearButtonEnabled(True)
    keep_tr(a.search, "setPlaceholderText", QT_TRANSLATE_NOOP("", "搜索名称、编码、地址或拼音首字母（如 gy）"))
    t.addWidget(a.search)


def retranslate(window: QMainWindow, a: Actions) -> None:
    """Set the window's kept texts (actions, menus, toolbar) and the symbology names in the current language."""
    retranslate_kept(window)
    for i in range(a.symbology.count()):
        a.symbology.setItemText(i, tr(SYMBOLOGY_KINDS[a.symbology.itemData(i)]))
