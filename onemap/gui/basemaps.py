"""Which basemap the open inventory shows: an MBTiles file, 天地图 or one of the user's web sources, none, or its own.

The choice is remembered per inventory (a file path, ``tianditu:vec``, ``source:NAME`` for a
named source of :mod:`onemap.geo.websources`, or a URL template with ``{tk}`` in place of a
key).  With nothing chosen, the inventory's own basemap (:mod:`onemap.gui.basemap_builder`) is
shown, built in the background the first time.  Web sources go online only when the user
turned online access on (地图 ▸ 在线底图 ▸ 设置); their first problem (wrong key, server down)
is said once in the status bar and the map stays.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu

from onemap.geo.tilesource import TileSource, open_source, source_errors
from onemap.geo.webtiles import WebTileError
from onemap.gui.basemap_builder import basemap_path_for, build_basemap, is_current
from onemap.gui.errors import show_message
from onemap.gui.i18n import keep_tr, tr
from onemap.gui.i18n.language import ui_language
from onemap.gui.online_settings import OnlineSettings, is_web_spec
from onemap.gui.window_base import WindowBase
from onemap.gui.workers import Job
from onemap.said import error_text
from onemap.view.session import MapSession


class BasemapControl:
    """The main window's basemap commands."""

    def __init__(self, window: WindowBase) -> None:
        self.window = window
        self.menu: QMenu | None = None
        menu = window.findChild(QMenu, "mapMenu")
        if menu is not None:
            self._install(menu)

    def _install(self, map_menu: QMenu) -> None:
        self.menu = map_menu.addMenu("")
        self.menu.setObjectName("onlineBasemapMenu")
        keep_tr(self.menu, "setTitle", str(QT_TRANSLATE_NOOP("", "在线底图")))  # again at a language switch
        items = (
            (QT_TRANSLATE_NOOP("", "天地图 矢量（含注记）"), lambda: self.show_spec("tianditu:vec")),
            (QT_TRANSLATE_NOOP("", "天地图 影像（含注记）"), lambda: self.show_spec("tianditu:img")),
            (None, None),  # the user's named XYZ/WMTS sources go here (_list_sources)
            (QT_TRANSLATE_NOOP("", "预下载当前视图（仅自有底图）"), self.prefetch_view),
            (QT_TRANSLATE_NOOP("", "在线底图设置…"), self.edit_settings),
        )
        for text, slot in items:
            if text is None:
                self.menu.addSeparator()
                continue
            action = self.menu.addAction("")
            action.triggered.connect(slot)
            keep_tr(action, "setText", str(text))
        self.menu.aboutToShow.connect(self._list_sources)
        self._list_sources()

    def _list_sources(self) -> None:
        """One menu entry per named source, after the 天地图 entries (again each time the menu opens)."""
        assert self.menu is not None
        for action in self.menu.actions():
            if action.property("webSource"):
                self.menu.removeAction(action)
                action.deleteLater()
        separator = next(a for a in self.menu.actions() if a.isSeparator())
        for source in self.online().sources:
            action = QAction(source.name, self.menu)
            action.setProperty("webSource", source.spec)
            action.triggered.connect(lambda _=False, spec=source.spec: self.show_spec(spec))
            self.menu.insertAction(separator, action)

    def online(self) -> OnlineSettings:
        """The online-basemap settings now."""
        return OnlineSettings.read(self.window.settings.q)

    def open_for(self, session: MapSession) -> None:
        """Show the basemap remembered for a freshly opened inventory."""
        chosen = self.window.settings.basemap_for(session.path)
        if chosen == "":
            return
        if chosen and is_web_spec(chosen):
            self.show_spec(chosen, remember=False)
        elif chosen:
            self.show(Path(chosen), remember=False)
        else:
            self.generate()

    def show_spec(self, spec: str, remember: bool = True) -> bool:
        """Show a web source (``tianditu:vec``, a URL template); an unusable one gets its sentence in a dialog."""
        w = self.window
        if w.layers is None or w.session is None:
            return False
        try:
            source = open_source(spec, self.online().options(spec))
        except WebTileError as error:
            show_message(w, tr("无法使用在线底图"), error.message(ui_language()))
            return False
        self._use(source)
        if remember:
            w.settings.set_basemap_for(w.session.path, spec)
        if not self.online().online:
            w.status.showMessage(tr("在线底图未开启：只显示已缓存的瓦片（地图 ▸ 在线底图 ▸ 在线底图设置）"), 10000)
        return True

    def _use(self, source: TileSource | None) -> None:
        w = self.window
        assert w.layers is not None
        w.layers.basemap.on_problem = self._on_problem
        w.layers.basemap.set_source(source)
        w.overlay.set_attribution(str(source.attribution or "") if source is not None else "")

    def _on_problem(self, error: object) -> None:
        """A source's first problem, once, in the status bar (the map keeps its vectors)."""
        if isinstance(error, BaseException):
            self.window.status.showMessage(error_text(error, ui_language()), 15000)

    def edit_settings(self) -> None:
        """The online-basemap settings dialog; a changed choice reopens a shown web source under it."""
        from onemap.gui.dialogs.online_basemap_dialog import OnlineBasemapDialog

        w = self.window
        dialog = OnlineBasemapDialog(self.online(), w)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        kept = dialog.keep_key() and dialog.chosen().write_sources(w.settings.q)
        self._list_sources()
        if not kept:
            show_message(w, tr("密钥未保存"), tr("本机没有可用的系统钥匙串，密钥未保存，也没有写入任何文件。"))
        shown = w.settings.basemap_for(w.session.path) if w.session is not None else None
        if shown and is_web_spec(shown):
            self.show_spec(shown, remember=False)

    def prefetch_view(self) -> None:
        """Pre-download the view's tiles (a few zooms deeper) of a source the user marked as their own."""
        from onemap.geo.prefetch import prefetch, refusal
        from onemap.geo.websource import WebSource

        w = self.window
        source = w.layers.basemap.source if w.layers is not None else None
        if not isinstance(source, WebSource) or w.session is None:
            show_message(w, tr("无法预下载"), tr("请先显示一个在线底图。"))
            return
        if (why := refusal(source)) is not None:
            show_message(w, tr("无法预下载"), why.message(ui_language()))
            return
        from onemap.view.tiling import zoom_for

        state = w.session.state
        zoom = zoom_for(state.resolution, source.minzoom, source.maxzoom)
        zooms = range(zoom, min(zoom + 3, source.maxzoom) + 1)
        extent = (state.extent.minx, state.extent.miny, state.extent.maxx, state.extent.maxy)
        job = Job(lambda progress, cancel: prefetch(source, extent, zooms, progress, cancel), "prefetch")
        job.progressed.connect(w.status.show_progress)
        job.done.connect(lambda held: self._prefetched(held))
        job.failed.connect(self._failed)
        w.jobs.append(job)
        job.start()

    def _prefetched(self, held: object) -> None:
        self.window.status.show_progress(None)
        self.window.status.showMessage(tr("已预下载 {count} 个瓦片到本机缓存").format(count=held), 8000)

    def choose(self) -> None:
        """Ask for an MBTiles file."""
        path, _ = QFileDialog.getOpenFileName(
            self.window, tr("选择离线底图"), "", tr("MBTiles 底图 (*.mbtiles);;所有文件 (*)")
        )
        if path:
            self.show(Path(path))

    def show(self, path: Path | None, remember: bool = True) -> bool:
        """Show an MBTiles file (``None``: no basemap); a bad file gets its sentence in a dialog."""
        w = self.window
        if w.layers is None or w.session is None:
            return False
        mbtiles = None
        if path is not None:
            try:
                mbtiles = open_source(path)
            except source_errors() as error:  # one sentence, the map stays
                show_message(w, tr("无法打开底图"), error_text(error, ui_language()))
                return False
        self._use(mbtiles)
        if remember:
            w.settings.set_basemap_for(w.session.path, str(path) if path else "")
        return True

    def generate(self, force: bool = False) -> None:
        """Show the inventory's own basemap, building it in the background when missing (or ``force``)."""
        w, session = self.window, self.window.session
        if session is None or w.layers is None or not (len(session.admin) or session.state.shown_count):
            return
        out = basemap_path_for(session.path)
        if out.exists() and not force:
            self.show(out, remember=False)
            if is_current(out):
                return
            # made by an older builder (county names baked in): shown meanwhile, rebuilt beside it
            staging = out.with_name(out.stem + ".rebuild.mbtiles")
        else:
            staging = out
            if w.layers.basemap.path == out:
                w.layers.basemap.set_source(None)  # let go of the file before it is replaced

        def build(progress: Callable[[float, str], None], cancel: Callable[[], bool]) -> Path | None:
            return build_basemap(session, staging, progress=progress, cancel=cancel)

        job = Job(build, "basemap")
        job.progressed.connect(w.status.show_progress)
        job.done.connect(lambda result: self._built(session, self._swap_in(result, out)))
        job.failed.connect(self._failed)
        w.jobs.append(job)
        job.start()

    def _swap_in(self, built: Path | None, out: Path) -> Path | None:
        """Put a rebuilt basemap in the old one's place (the shown file let go first: Windows locks it)."""
        if built is None or built == out:
            return built
        w = self.window
        if w.layers is not None and w.layers.basemap.path == out:
            w.layers.basemap.set_source(None)
        built.replace(out)
        return out

    def _failed(self, message: str) -> None:
        self.window.status.show_progress(None)
        self.window.status.showMessage(tr("底图生成失败：{message}").format(message=message), 8000)

    def _built(self, session: MapSession, result: Path | None) -> None:
        self.window.status.show_progress(None)
        if result is not None and session is self.window.session:
            self.show(result, remember=False)
            self.window.status.showMessage(tr("已由清单生成离线底图"), 5000)
