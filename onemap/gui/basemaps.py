"""Which basemap the open inventory shows: the user's MBTiles file, none, or its own generated one.

The choice is remembered per inventory.  With nothing chosen, the inventory's own basemap
(:mod:`onemap.gui.basemap_builder`) is shown, built in the background the first time.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from onemap.geo.mbtiles import MBTiles, MBTilesError
from onemap.gui.basemap_builder import basemap_path_for, build_basemap
from onemap.gui.errors import show_message
from onemap.gui.i18n import tr
from onemap.gui.window_base import WindowBase
from onemap.gui.workers import Job
from onemap.view.session import MapSession


class BasemapControl:
    """The main window's basemap commands."""

    def __init__(self, window: WindowBase) -> None:
        self.window = window

    def open_for(self, session: MapSession) -> None:
        """Show the basemap remembered for a freshly opened inventory."""
        chosen = self.window.settings.basemap_for(session.path)
        if chosen == "":
            return
        if chosen:
            self.show(Path(chosen), remember=False)
        else:
            self.generate()

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
                mbtiles = MBTiles(path)
            except MBTilesError as error:
                show_message(w, tr("无法打开底图"), str(error))
                return False
        w.layers.basemap.set_source(mbtiles)
        w.overlay.set_attribution(mbtiles.attribution if mbtiles else "")
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
            return
        if w.layers.basemap.path == out:
            w.layers.basemap.set_source(None)  # let go of the file before it is replaced
        job = Job(lambda progress, cancel: build_basemap(session, out, progress=progress, cancel=cancel), "basemap")
        job.progressed.connect(w.status.show_progress)
        job.done.connect(lambda result: self._built(session, result))
        job.failed.connect(self._failed)
        w.jobs.append(job)
        job.start()

    def _failed(self, message: str) -> None:
        self.window.status.show_progress(None)
        self.window.status.showMessage(tr("底图生成失败：{message}").format(message=message), 8000)

    def _built(self, session: MapSession, result: Path | None) -> None:
        self.window.status.show_progress(None)
        if result is not None and session is self.window.session:
            self.show(result, remember=False)
            self.window.status.showMessage(tr("已由清单生成离线底图"), 5000)
