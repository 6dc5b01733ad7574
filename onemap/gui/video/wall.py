"""The video wall: 1×1, 2×2, 3×3 or 4×4 tiles on sub-streams, in pages beyond one screenful.

Only the tiles of the page shown decode (Mian's 18 cameras on a 4×4 wall are two pages, so at most
16 decoders run); turning the page or closing the window stops the others at once, and
:meth:`VideoWall.stop_all` waits for their threads (the main window calls it when it closes).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from onemap.cameras.stream import LiveStream
from onemap.gui.video.tile import VideoTile
from onemap.store.live_cameras import LiveCamera

LAYOUTS = (1, 2, 3, 4)


def camera_title(camera: LiveCamera) -> str:
    """``estate · place`` (what the tile and its snapshot file are called)."""
    parts = [camera.estate_name or camera.estate_code, camera.name or ""]
    return " · ".join(part for part in parts if part)


class VideoWall(QWidget):
    """A window of camera tiles.

    Parameters
    ----------
    cameras : sequence of LiveCamera
        What to show, in order.
    title : str
        The window's title (an estate's name, or the county's).
    columns : int
        1–4: the grid is ``columns × columns``.
    stream : ``"sub"`` or ``"main"``
        The stream each tile starts on (a wall: sub; one camera alone: main).
    """

    closed = Signal()

    def __init__(
        self,
        cameras: Sequence[LiveCamera],
        title: str,
        *,
        columns: int = 2,
        stream: str = "sub",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("videoWall")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.cameras, self.stream = list(cameras), stream
        self.columns, self.page = columns, 0
        self.tiles: list[VideoTile] = []
        self._ending: list[LiveStream] = []
        self._build()
        self.set_columns(columns)

    def _build(self) -> None:
        self.layout_box = QComboBox()
        for n in LAYOUTS:
            self.layout_box.addItem(f"{n}×{n}", n)
        self.layout_box.setToolTip(self.tr("每页的画面数"))
        self.layout_box.currentIndexChanged.connect(lambda i: self.set_columns(LAYOUTS[i]))
        self.previous = QPushButton(self.tr("上一页"))
        self.next = QPushButton(self.tr("下一页"))
        self.previous.clicked.connect(lambda: self.set_page(self.page - 1))
        self.next.clicked.connect(lambda: self.set_page(self.page + 1))
        self.page_label = QLabel()
        self.status = QLabel()
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("布局")), self.layout_box, self.previous, self.page_label, self.next):
            bar.addWidget(widget)
            widget.setVisible(len(self.cameras) > 1)  # one camera alone: no layout, no pages
        bar.addStretch(1)
        bar.addWidget(self.status)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.grid_host, 1)

    # -- layout and pages --------------------------------------------------------------------

    @property
    def per_page(self) -> int:
        """Tiles on one page."""
        return self.columns * self.columns

    @property
    def pages(self) -> int:
        """How many pages the cameras take (at least one)."""
        return max(1, -(-len(self.cameras) // self.per_page))

    def set_columns(self, columns: int) -> None:
        """Switch to a ``columns × columns`` grid, keeping the first camera shown on screen."""
        if columns not in LAYOUTS:
            raise ValueError(f"layout {columns}×{columns} is not one of {LAYOUTS}")
        first = self.page * self.per_page
        self.columns = columns
        self.layout_box.blockSignals(True)
        self.layout_box.setCurrentIndex(LAYOUTS.index(columns))
        self.layout_box.blockSignals(False)
        self.set_page(first // self.per_page, force=True)

    def set_page(self, page: int, *, force: bool = False) -> None:
        """Show page ``page`` (0-based): its tiles start, the previous page's stop."""
        page = min(max(page, 0), self.pages - 1)
        if page == self.page and not force:
            return
        self.page = page
        self._clear()
        shown = self.cameras[page * self.per_page : (page + 1) * self.per_page]
        for index, camera in enumerate(shown):
            tile = VideoTile(camera_title(camera), camera.link or "", stream=self.stream, parent=self.grid_host)
            tile.snapshot_saved.connect(self._on_snapshot)
            self.grid.addWidget(tile, index // self.columns, index % self.columns)
            self.tiles.append(tile)
            tile.start()
        for row in range(self.columns):  # empty cells keep their share of the window
            self.grid.setRowStretch(row, 1)
            self.grid.setColumnStretch(row, 1)
        self.page_label.setText(self.tr("第 {page}/{pages} 页").format(page=page + 1, pages=self.pages))
        self.previous.setEnabled(page > 0)
        self.next.setEnabled(page < self.pages - 1)
        if not self.cameras:
            self.status.setText(self.tr("没有可播放的摄像头"))

    def _clear(self) -> None:
        for tile in self.tiles:
            live = tile.stop()
            if live is not None:
                self._ending.append(live)
            self.grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        for row in range(LAYOUTS[-1]):
            self.grid.setRowStretch(row, 0)
            self.grid.setColumnStretch(row, 0)

    def _on_snapshot(self, path: str) -> None:
        self.status.setText(self.tr("截图已保存到 {path}").format(path=path))

    # -- closing -----------------------------------------------------------------------------

    def stop_all(self, wait: float = 3.0) -> bool:
        """Stop every decoder of this wall and wait up to ``wait`` seconds for their threads."""
        self._clear()
        deadline = time.monotonic() + wait
        ending, self._ending = self._ending, []
        return all(live.join(max(0.0, deadline - time.monotonic())) for live in ending)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_all()
        self.closed.emit()
        super().closeEvent(event)
