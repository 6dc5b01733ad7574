"""The main window: the map in the middle, docks around it, one inventory at a time.

The window owns the open :class:`~onemap.view.session.MapSession` and binds every view
to it; views never talk to each other, only to the session's state.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QFileDialog, QMessageBox, QTabWidget, QWidget

from onemap.gui.actions import Actions, build_actions, retranslate
from onemap.gui.basemaps import BasemapControl
from onemap.gui.cameras.marks import CameraMarks
from onemap.gui.canvas.layers import MapLayers
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.overlay import MapOverlay
from onemap.gui.coverage import install as install_living_circles
from onemap.gui.docks.alerts import AlertDock
from onemap.gui.docks.details import DetailsDock
from onemap.gui.docks.filters import FilterDock
from onemap.gui.docks.layers import LayerDock
from onemap.gui.docks.legend import LegendDock
from onemap.gui.docks.table import TableDock
from onemap.gui.editing.session import EditingSession
from onemap.gui.errors import show_message
from onemap.gui.estate_refresh import EstateRefresh
from onemap.gui.gc_ui import collect_on_ui_thread
from onemap.gui.i18n import tr
from onemap.gui.jobs import message_of
from onemap.gui.map_controller import MapController
from onemap.gui.menus import WorkMenus
from onemap.gui.reflayers_control import RefLayerControl
from onemap.gui.scene3d import dem_menu
from onemap.gui.scene3d.binding import Scene3DTab
from onemap.gui.search_text import WarmOnFocus, warm_text
from onemap.gui.server.control import install_server
from onemap.gui.settings import Settings
from onemap.gui.statusbar import MapStatusBar
from onemap.gui.video.live import LiveViews
from onemap.gui.video.wall import VideoWall
from onemap.gui.watch.feed import AlertFeed
from onemap.gui.watch.marks import WatchMarkLayers
from onemap.gui.watch.mode import DemoMode
from onemap.gui.window_base import WindowBase
from onemap.gui.workers import Job
from onemap.settings import KEYS
from onemap.store.errors import InventoryError
from onemap.store.server import is_server_url
from onemap.userdirs import remember
from onemap.view.session import MapSession
from onemap.view.state import LAYERS

if TYPE_CHECKING:
    from onemap.edit.history import HistoryEvent

log = logging.getLogger("onemap.gui")
#: a view tab's source title, kept on its widget
_TAB_TITLE = "onemap_tab_title"
SEARCH_DELAY_MS = 250
#: pinyin is indexed in the background this long after opening (not to slow the first paint)
WARM_SEARCH_AFTER_MS = 1500
#: a window opened on an inventory fills its docks after the map's first frame, or after this long
FINISH_OPENING_AFTER_MS = 3000


class MainWindow(WindowBase):
    """OneMap's main window."""

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        collect_on_ui_thread()  # workers never finalise Qt objects (a deadlock otherwise)
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        self._saved_layout = self.settings.window_state()
        self._pending_tabs: list[tuple[QDockWidget, QDockWidget]] = []
        self.session: MapSession | None = None
        self.layers: MapLayers | None = None
        self.jobs: list[Job] = []
        self.setWindowTitle(tr("OneMap 一张图"))
        QApplication.setApplicationDisplayName(tr("OneMap 一张图"))  # platforms add it to window titles
        self.setAcceptDrops(True)
        self.canvas = MapCanvas()
        self.overlay = MapOverlay(self.canvas)
        self.views = QTabWidget()
        self.views.setObjectName("viewTabs")
        self.views.setTabBarAutoHide(True)
        self.views.setDocumentMode(True)
        self.add_view(self.canvas, QT_TRANSLATE_NOOP("", "二维地图"))
        # The 3D tab's view is made when first asked for (its OpenGL probe alone takes a second):
        # until then an empty page holds its place, so the tab bar is there from the first frame.
        self._scene3d: Scene3DTab | None = None
        self._scene3d_page = QWidget()
        self.add_view(self._scene3d_page, str(QT_TRANSLATE_NOOP("", "三维场景")))
        self.views.currentChanged.connect(self._on_view_chosen)
        self._views_of: MapSession | None = None
        self.setCentralWidget(self.views)
        self.status = MapStatusBar(self)
        self.setStatusBar(self.status)
        self.details = DetailsDock(self)
        self.table = TableDock(self)
        self.legend = LegendDock(self)
        self.filters = FilterDock(self)
        self.layer_list = LayerDock(self)
        self._place_docks()
        self.commands = build_actions(self)
        self.controller = MapController(self.canvas, self.status)
        self.basemaps = BasemapControl(self)
        self.reflayers = RefLayerControl(self)  # reference layers kept per inventory (onemap/gui/reflayers_control.py)
        self.editing: EditingSession = EditingSession(self)
        self.camera_marks = CameraMarks(self.canvas)
        self.details.camera_panel.status_changed.connect(self.camera_marks.set_one)
        self.details.camera_panel.check_finished.connect(self.camera_marks.set_all)
        self.watch_marks = WatchMarkLayers(self.canvas, self.camera_marks)
        self.controller.mark_tip = self.watch_marks.tooltip_at
        self.work = WorkMenus(self)
        self.live_views = LiveViews(self, self.commands.view_menu)
        self.refresher = EstateRefresh(self)
        self.alert_dock = AlertDock(self)  # the live half: alert dock, feed, 演示 mode (onemap.gui.watch)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.alert_dock)
        self.alert_dock.hide()  # hidden while it joins the table's tabs: else Qt leaves a stray tab bar
        self.tabifyDockWidget(self.table, self.alert_dock)
        self.alert_dock.show()
        self.table.raise_()
        self.commands.view_menu.addAction(self.alert_dock.toggleViewAction())
        self.feed = AlertFeed(self, self.alert_dock)
        self.living_circles = install_living_circles(self)  # 生活圈 dock and layers (onemap.gui.coverage)
        self.demo_mode = DemoMode(self, self.feed)
        self.server = install_server(self)  # postgresql:// inventories (onemap.gui.server)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._connect(self.commands)
        self._restore_window()
        self.refresh_recent_menu()

    # -- layout ----------------------------------------------------------------------------

    def add_view(self, widget: QWidget, title: str) -> int:
        """Add a central view tab (the 3D scene goes here); returns its index.

        ``title`` is a source text (marked ``QT_TRANSLATE_NOOP("", …)``): the tab shows it
        translated, and again in the new language after a language change.
        """
        widget.setProperty(_TAB_TITLE, title)
        return self.views.addTab(widget, tr(title))

    @property
    def scene3d(self) -> Scene3DTab:
        """The 3D tab, made (and bound to the open session) the first time it is asked for."""
        if self._scene3d is None:
            from onemap.gui.scene3d.groundlook import follow_window
            from onemap.gui.scene3d.watchmarks import WatchMarks3D  # OpenGL only once the 3D tab is asked for

            self._scene3d = Scene3DTab(self._put_scene3d)
            self._scene3d.ground = lambda path: dem_menu.ground_choice(self.settings, path)  # DEM + drape
            follow_window(self._scene3d.look, self)  # the 2D map's reference layers on the ground (groundlook.py)
            self.watch_marks_3d = WatchMarks3D(self._scene3d, self.watch_marks)  # the live watch in 3D too
            if self.session is not None and self._views_of is self.session:
                self._scene3d.bind(self.session)
        return self._scene3d

    @property
    def scene3d_if_made(self) -> Scene3DTab | None:
        """The 3D tab when it exists; changes need not make it (it reads the file when first shown)."""
        return self._scene3d

    def _put_scene3d(self, widget: QWidget, title: str) -> int:
        """The 3D view takes its page's place in the tabs (and stays current if the page was)."""
        index = self.views.indexOf(self._scene3d_page)
        current = self.views.currentIndex() == index
        widget.setProperty(_TAB_TITLE, title)
        self.views.blockSignals(True)
        self.views.insertTab(index, widget, tr(title))
        self.views.removeTab(index + 1)
        self.views.blockSignals(False)
        if current:
            self.views.setCurrentIndex(index)
        self._scene3d_page.deleteLater()
        return index

    def _on_view_chosen(self, index: int) -> None:
        if self._scene3d is None and self.views.widget(index) is self._scene3d_page:
            self.scene3d.view.show()  # made now; shown, it builds its scene

    def _place_docks(self) -> None:
        """Filters (and layers) over the legend on the left, details on the right, the table under the map."""
        area = Qt.DockWidgetArea
        for corner, side in (
            (Qt.Corner.TopLeftCorner, area.LeftDockWidgetArea),
            (Qt.Corner.BottomLeftCorner, area.LeftDockWidgetArea),
            (Qt.Corner.TopRightCorner, area.RightDockWidgetArea),
            (Qt.Corner.BottomRightCorner, area.RightDockWidgetArea),
        ):
            self.setCorner(corner, side)
        self.addDockWidget(area.LeftDockWidgetArea, self.filters)
        self.addDockWidget(area.LeftDockWidgetArea, self.legend)
        self.addDockWidget(area.RightDockWidgetArea, self.details)
        self.addDockWidget(area.BottomDockWidgetArea, self.table)
        self.tabifyDockWidget(self.filters, self.layer_list)
        self.filters.raise_()

    def _default_dock_sizes(self) -> None:
        self.resizeDocks([self.filters, self.details], [300, 400], Qt.Orientation.Horizontal)
        self.resizeDocks([self.filters, self.legend], [330, max(self.height() - 430, 250)], Qt.Orientation.Vertical)
        self.resizeDocks([self.table], [max(self.height() // 4, 180)], Qt.Orientation.Vertical)

    def tabifyDockWidget(self, first: QDockWidget, second: QDockWidget) -> None:
        """Tab ``second`` with ``first``, after the saved layout is restored when there is one.

        Docks tabbed before ``restoreState`` leave their tab bars behind, drawn as stray tabs
        over the window (a 属性表 tab at its top left), so with a saved layout the pairs wait.
        """
        if self._saved_layout is not None:
            self._pending_tabs.append((first, second))
        else:
            super().tabifyDockWidget(first, second)

    def _restore_window(self) -> None:
        geometry, state = self.settings.window_geometry(), self._saved_layout
        self._saved_layout = None  # from here on docks are tabbed at once
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1440, 900)
        restored = state is not None and self.restoreState(state)
        for first, second in self._pending_tabs:
            if not restored or not _named_in(state, second):  # a dock the saved layout does not know
                self.tabifyDockWidget(first, second)
        self._pending_tabs.clear()
        if not restored:
            QTimer.singleShot(0, self._default_dock_sizes)  # sizes apply once the window is laid out

    def _connect(self, a: Actions) -> None:
        a.open.triggered.connect(self.choose_inventory)
        a.export_image.triggered.connect(self.export_image)
        a.quit.triggered.connect(self.close)
        a.home.triggered.connect(self.canvas.home)
        a.zoom_in.triggered.connect(lambda: self.canvas.zoom(0.5))
        a.zoom_out.triggered.connect(lambda: self.canvas.zoom(2.0))
        a.zoom_selection.triggered.connect(self.zoom_to_selection)
        a.clear_selection.triggered.connect(self.escape)
        a.measure_distance.toggled.connect(lambda on: self._measure("distance", on))
        a.measure_area.toggled.connect(lambda on: self._measure("area", on))
        a.choose_basemap.triggered.connect(self.choose_basemap)
        a.build_basemap.triggered.connect(lambda: self.generate_basemap(force=True))
        a.no_basemap.triggered.connect(lambda: self.set_basemap(None))
        self.dem_actions = dem_menu.install(self)  # 3D terrain: choose a DEM per inventory
        a.gauss_kruger.setChecked(self.settings.show_gauss_kruger())
        a.gauss_kruger.toggled.connect(self._toggle_gauss_kruger)
        a.about.triggered.connect(self.about)
        a.symbology.currentIndexChanged.connect(self._on_symbology_chosen)
        a.search.textChanged.connect(lambda _t: self._search_timer.start())
        a.search.returnPressed.connect(self.search_now)
        self._search_timer.timeout.connect(self.apply_search)
        WarmOnFocus(a.search, lambda: warm_text(self.session, self.jobs))  # issue 12: search text on first focus
        for dock in (self.details, self.legend, self.filters, self.layer_list, self.table):
            a.view_menu.addAction(dock.toggleViewAction())

    # -- opening ---------------------------------------------------------------------------

    def choose_inventory(self) -> None:
        """Ask for a .gpkg file and open it."""
        start = str(self.session.path.parent) if self.session else ""
        path, _ = QFileDialog.getOpenFileName(self, tr("打开清单"), start, tr("OneMap 清单 (*.gpkg);;所有文件 (*)"))
        if path:
            self.open_inventory(Path(path))

    def open_inventory(self, path: Path | str, session: MapSession | None = None) -> bool:
        """Open an inventory (or show ``session``, opened on it already); a refused file gets its
        one-sentence reason in a dialog.  A ``postgresql://`` URL opens the shared inventory."""
        if isinstance(path, str) and is_server_url(path):
            return self.server.open_url(path)
        path = Path(path)
        if session is None:
            try:
                session = MapSession.open(path)
            except InventoryError as error:
                show_message(self, tr("无法打开清单"), message_of(error))
                return False
        self.close_session()
        self._bind(session)
        self._opened(session)
        return True

    def open_at_start(self, session: MapSession) -> None:
        """Show an inventory opened before the window is: the map first, everything else after its first frame.

        The window is shown with the map drawn in the same moment (no blank window); the docks,
        the editing connection and the menus follow once that frame is on screen (or after three
        seconds, should the window not be painted at all).
        """
        self.close_session()
        self._bind_map(session)
        waiting = [True]

        def finish() -> None:
            if waiting[0]:
                waiting[0] = False
                self.canvas.frame_painted.disconnect(soon)
            if self.session is session and self._views_of is not session:
                self._bind_views(session)
                self._opened(session)

        def soon() -> None:
            QTimer.singleShot(0, finish)  # after the frame reached the screen

        self.canvas.frame_painted.connect(soon)
        QTimer.singleShot(FINISH_OPENING_AFTER_MS, finish)

    def _opened(self, session: MapSession) -> None:
        path = session.path
        self.editing.open_file(path)
        self.work.update_actions()
        self.update_title()
        self.settings.add_recent(path)
        self.refresh_recent_menu()
        remember(path)
        self.status.showMessage(tr("已打开 {name}").format(name=path.name), 5000)

    def _bind(self, session: MapSession) -> None:
        self._bind_map(session)
        self._bind_views(session)

    def _bind_map(self, session: MapSession) -> None:
        """What the first frame shows: the map's layers, the legend and the status bar."""
        self.session = session
        self.update_title()
        self.layers = MapLayers(self.canvas, session)
        session.state.set_symbology(self.settings.symbology())
        self.commands.symbology.blockSignals(True)
        self.commands.symbology.setCurrentIndex(max(self.commands.symbology.findData(session.state.symbology.kind), 0))
        self.commands.symbology.blockSignals(False)
        for view in (self.legend, self.status):
            view.bind(session)
        self.controller.bind(session)
        self.camera_marks.bind(session)
        self.living_circles.bind(session)
        session.state.extent_changed.connect(self._on_extent_change)
        session.state.filter_changed.connect(self._follow_search_text)
        self.canvas.bind(session.state)
        self.status.set_gauss_kruger(self.commands.gauss_kruger.isChecked())
        self.basemaps.open_for(session)
        self.reflayers.open_for(session)

    def _bind_views(self, session: MapSession) -> None:
        """The docks, editing, menus and the 3D tab (if made) follow ``session``."""
        self._views_of = session
        for view in (self.details, self.table, self.filters, self.layer_list):
            view.bind(session)
        self.editing.bind(session)
        self.work.bind(session)
        if self._scene3d is not None:
            self._scene3d.bind(session)
        self.watch_marks.bind(session)
        self.living_circles.load_facilities()  # after the first frame: millions are read in a job
        self.refresher.start()
        self.feed.bind(session)
        self.demo_mode.follow(True)
        QTimer.singleShot(WARM_SEARCH_AFTER_MS, lambda: self._warm_search(session))

    def close_session(self) -> None:
        """Close the open inventory (layers, docks, background jobs, the writable connection)."""
        self.editing.close_file()
        self.camera_marks.clear()
        self._unbind()
        self.update_title()

    def refresh_estates(self, codes: Iterable[str], tables: Iterable[str] | None = None) -> bool:
        """Show some estates as the file holds them now, refreshing only what they reach.

        The entry point for every change to some estates while a file is open: an edit, an
        undo or redo, another program's write (the window watches for them), a live alert,
        a server's notice.  Rows, map marks, table rows, details, legend and filter counts,
        statistics (once, a moment later) and the 3D scene follow; see
        :class:`~onemap.gui.estate_refresh.EstateRefresh`.  ``tables``: the tables written,
        when known.  Returns False when the file could not be read.
        """
        return self.refresher.refresh(codes, tables)

    def follow_history(self, event: HistoryEvent) -> None:
        """An edit, undo or redo of a facility: that facility on the map (the 生活圈 dock's layer)."""
        self.living_circles.follow(event)

    def reload_session(self) -> bool:
        """Read the whole open file again (a whole-file change: an import, a migration, a change the
        audit trail cannot attribute), keeping filter, selection, layers and extent."""
        old = self.session
        if old is None:
            return False
        try:
            session = MapSession.open(old.path)
        except InventoryError as error:
            show_message(self, tr("无法重新读取清单"), message_of(error, path=old.path))
            return False
        state, extent = old.state, self.canvas.visible_extent()
        visible = {name: state.layer_visible(name) for name in LAYERS}
        self._unbind()
        self._bind(session)
        for name, on in visible.items():
            session.state.set_layer_visible(name, on)
        session.state.set_filter(state.filter)
        session.state.select(state.selection, state.current, state.alternatives)
        self.canvas.show_extent(extent)
        return True

    def update_title(self) -> None:
        """The county and file in the title bar, with （只读） when the file cannot be edited."""
        if self.session is None:
            self.setWindowTitle(tr("OneMap 一张图"))
            return
        title = self.session.title + (tr("（只读）") if self.editing.readonly_reason else "")
        self.setWindowTitle(tr("{title} - OneMap 一张图").format(title=title))

    def _unbind(self) -> None:
        self.refresher.stop()
        self.server.stop()
        self.feed.unbind()  # stops the 演示 collector's thread too
        self.demo_mode.follow(False)
        for job in self.jobs:
            job.cancel()
        self.jobs.clear()
        if self.session is None:
            return
        self.session.state.extent_changed.disconnect(self._on_extent_change)
        self.session.state.filter_changed.disconnect(self._follow_search_text)
        self.canvas.unbind()
        if self._scene3d is not None:
            self._scene3d.unbind()
        self._views_of = None
        self.controller.bind(None)
        self.editing.unbind()
        self.camera_marks.bind(None)
        self.living_circles.bind(None)
        self.watch_marks.bind(None)
        self.work.unbind()
        for view in (self.details, self.table, self.legend, self.filters, self.layer_list, self.status):
            view.unbind()
        if self.layers is not None:
            self.reflayers.close()
            self.layers.close()
            self.layers = None
        self.overlay.set_attribution("")
        self.session.close()
        self.session = None

    def refresh_recent_menu(self) -> None:
        """Rebuild File > Recent (missing files shown greyed)."""
        menu = self.commands.recent_menu
        menu.clear()
        files = self.settings.recent_files()
        for path in files:
            action = menu.addAction(str(path))
            action.setEnabled(isinstance(path, str) or path.exists())  # a server URL: try it
            action.triggered.connect(lambda _=False, p=path: self.open_inventory(p))
        if not files:
            menu.addAction(tr("（无）")).setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(tr("清空列表"), self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.clear_recent()
        self.refresh_recent_menu()

    # -- basemap (see onemap.gui.basemaps) -------------------------------------------------

    def choose_basemap(self) -> None:
        """Ask for an MBTiles file and show it."""
        self.basemaps.choose()

    def set_basemap(self, path: Path | None, remember: bool = True) -> bool:
        """Show an MBTiles basemap (``None``: none); a bad file gets a message and leaves the map as it was."""
        return self.basemaps.show(path, remember)

    def generate_basemap(self, force: bool = False) -> None:
        """Show the inventory's own basemap, building it in the background when needed."""
        self.basemaps.generate(force)

    # -- search, symbology, view -------------------------------------------------------------

    def apply_search(self) -> None:
        """Filter by the search box's text now."""
        self._search_timer.stop()
        if self.session is not None:
            state = self.session.state
            state.set_filter(state.filter.with_(text=self.commands.search.text().strip()))

    def search_now(self) -> None:
        """Enter in the search box: filter, then select a single match or show all matches."""
        self.apply_search()
        if self.session is None or not self.commands.search.text().strip():
            return
        state = self.session.state
        rows = state.filtered_rows
        if len(rows) == 1:
            state.select([str(state.table.code[rows[0]])])
            state.zoom_to_selection()
        elif len(rows):
            from onemap.view.extent import Extent

            extent = Extent.around(state.table.x[rows], state.table.y[rows])
            if extent is not None:
                state.request_zoom(extent)

    def _follow_search_text(self) -> None:
        if self.session is None:
            return
        text = self.session.state.filter.text
        if text != self.commands.search.text().strip():
            self.commands.search.blockSignals(True)
            self.commands.search.setText(text)
            self.commands.search.blockSignals(False)

    def _on_symbology_chosen(self, index: int) -> None:
        kind = self.commands.symbology.itemData(index)
        self.settings.set_symbology(kind)
        if self.session is not None:
            self.session.state.set_symbology(kind)

    def _on_extent_change(self) -> None:
        if self.layers is None or self.session is None:
            return
        plan = self.layers.estates.plan
        res = self.session.state.resolution
        self.legend.set_view_state(
            bool(plan and plan.aggregated),
            res <= self.layers.outlines.max_res and self.session.state.layer_visible("outlines"),
            res <= self.layers.buildings.max_res and self.session.state.layer_visible("buildings"),
        )

    def zoom_to_selection(self) -> None:
        """Show the selected estates."""
        if self.session is not None and not self.session.state.zoom_to_selection():
            self.status.showMessage(tr("没有选中已定位的小区"), 4000)

    def escape(self) -> None:
        """Esc: leave the measure tool or the add mode, else clear the selection."""
        if self.editing.escape():
            return
        if self.controller.measuring:
            self.commands.measure_distance.setChecked(False)
            self.commands.measure_area.setChecked(False)
        elif self.session is not None:
            self.session.state.clear_selection()

    def _measure(self, mode: str, on: bool) -> None:
        if on:
            self.controller.start_measuring(mode)
        elif not (self.commands.measure_distance.isChecked() or self.commands.measure_area.isChecked()):
            self.controller.stop_measuring()
            self.status.clearMessage()

    def _toggle_gauss_kruger(self, on: bool) -> None:
        self.settings.set_show_gauss_kruger(on)
        self.settings.q.setValue(KEYS["coordinate_display"], "gk" if on else "lonlat")  # what Settings shows
        self.status.set_gauss_kruger(on)

    def _warm_search(self, session: MapSession) -> None:
        if session is not self.session or session.state.search.pinyin_ready:
            return
        job = Job(lambda _progress, cancel: session.state.search.prepare(cancel=cancel), "pinyin")
        self.jobs.append(job)
        job.start()

    def export_image(self) -> None:
        """Save the map as shown (with legend) to a PNG file."""
        if self.session is None or self.layers is None:
            return
        default = str(self.session.path.with_suffix(".png"))
        path, _ = QFileDialog.getSaveFileName(self, tr("导出地图图片"), default, tr("PNG 图片 (*.png)"))
        if path:
            from onemap.gui.i18n.language import ui_language
            from onemap.gui.snapshot_render import compose
            from onemap.outputs import OutputFile
            from onemap.store.errors import InventoryError

            image = compose(self.canvas, self.session, self.layers.estates.plan)
            try:  # the file dialog asked before replacing a file; never over the inventory; temp + rename
                with OutputFile(path, [self.session.path], force=True) as temp:
                    if not image.save(str(temp), "PNG"):
                        raise OSError("PNG")
            except InventoryError as error:
                show_message(self, tr("导出失败"), error.message(ui_language()))
            else:
                self.status.showMessage(tr("已导出 {path}").format(path=path), 5000)

    def about(self) -> None:
        """The About box."""
        from onemap import __version__

        show_message(
            self,
            tr("关于 OneMap"),
            tr("OneMap 一张图 {version}\n老旧小区改造清单的桌面地图。").format(version=__version__),
            icon=QMessageBox.Icon.Information,
        )

    # -- window events ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text the window set in code, again in the current language (docks redo their own)."""
        retranslate(self, self.commands)
        QApplication.setApplicationDisplayName(tr("OneMap 一张图"))  # platforms add it to window titles
        for i in range(self.views.count()):
            title = self.views.widget(i).property(_TAB_TITLE)
            if isinstance(title, str):
                self.views.setTabText(i, tr(title))
        self.editing.retranslate()
        self.update_title()
        self.refresh_recent_menu()
        self.status.update_counts()
        self.status.update_scale()
        if hasattr(self, "feed"):  # (a language change can come while the window is being built)
            self.feed.show_state()  # 实时告警：… at once, not at the feed's next one-second tick
        self.canvas.viewport().update()  # the north arrow's 北

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(_droppable(u.toLocalFile()) for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            path = Path(url.toLocalFile())
            if path.suffix.lower() == ".gpkg":
                self.open_inventory(path)
                event.acceptProposedAction()
                return
            if path.suffix.lower() == ".mbtiles":
                self.set_basemap(path)
                event.acceptProposedAction()
                return

    def open_live_view(self, camera_fid: int) -> VideoWall | None:
        """Play camera ``camera_fid`` live in a window of its own (main stream); None without a link."""
        return self.live_views.open_camera(camera_fid)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.live_views.close_all()
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.close_session()
        self.editing.close()
        self.controller.measure_item.close()
        super().closeEvent(event)


def _droppable(name: str) -> bool:
    return name.lower().endswith((".gpkg", ".mbtiles"))


def _named_in(state: QByteArray | None, dock: QDockWidget) -> bool:
    """Whether a ``saveState`` blob places ``dock`` (Qt stores object names as UTF-16 big-endian)."""
    return state is not None and dock.objectName().encode("utf-16-be") in bytes(state.data())
