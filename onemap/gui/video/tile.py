"""One camera's live picture: the newest decoded frame, a state overlay, snapshot and stream switch.

Decoding happens on :class:`~onemap.cameras.stream.LiveStream`'s worker thread; this widget only
looks, at most 25 times a second, whether a newer frame is there and then repaints, turning that
frame into a ``QImage`` inside ``paintEvent`` (so a picture is converted at most once per paint,
never once per decoded frame).  The camera's login never reaches a label or a tooltip: both show
:func:`~onemap.cameras.display_link`.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QRect, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from onemap.cameras import display_link
from onemap.cameras.stream import Frame, LiveStream, StreamState
from onemap.cameras.substreams import stream_link
from onemap.gui.i18n.language import ui_language

_STATE_COLOURS = {StreamState.PLAYING: "#1b7f3b", StreamState.OFFLINE: "#c62828", StreamState.RECONNECTING: "#e65100"}
PAINT_INTERVAL_MS = 40  # 25 Hz: above a sub-stream's 15 fps, below any display's refresh
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def pictures_folder() -> Path:
    """Where snapshots go: the user's Pictures folder (``图片``), subfolder ``OneMap``."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return Path(base or Path.home()) / "OneMap"


def frame_image(frame: Frame) -> QImage:
    """The frame as a QImage that owns its pixels (the array may be replaced meanwhile)."""
    width, height = frame.size
    return QImage(frame.rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


class _Relay(QObject):
    """Carries the worker's state changes to the GUI thread (queued)."""

    changed = Signal(object, object, str, str)  # stream, state, reason (zh, en)


class _Screen(QWidget):
    """The picture, scaled to fit, with the state written over it while there is none."""

    def __init__(self, tile: VideoTile) -> None:
        super().__init__(tile)
        self.tile = tile
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#101418"))
        frame = self.tile.latest()
        if frame is not None:
            image = frame_image(frame)
            scaled = image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, scaled.width(), scaled.height())
            target.moveCenter(self.rect().center())
            painter.drawImage(target, image)
            self.tile.painted = frame.number
        state = self.tile.state
        if state is not StreamState.PLAYING:
            if frame is not None:
                painter.fillRect(self.rect(), QColor(0, 0, 0, 150))
            lang = ui_language()
            painter.setPen(QColor("#ff8a65") if state is StreamState.OFFLINE else QColor("#ffffff"))
            font = QFont(painter.font())
            font.setPointSizeF(max(10.0, min(22.0, self.height() / 9)))
            painter.setFont(font)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, state.label(lang))
            reason = self.tile.reason_zh if lang == "zh" else self.tile.reason_en
            if reason:
                font.setPointSizeF(9.0)
                painter.setFont(font)
                below = self.rect().adjusted(0, int(self.height() * 0.35), 0, 0)
                painter.drawText(below, Qt.AlignmentFlag.AlignCenter, reason)
        painter.end()


class VideoTile(QFrame):
    """A camera's tile: name, state, 截图 and 主/子码流 over the live picture.

    Parameters
    ----------
    name : str
        The camera's name (estate and place), shown on the tile and used for snapshot files.
    link : str
        Its clean link; for a vendor layout the tile plays ``stream`` of it.
    stream : ``"main"`` or ``"sub"``
        Which stream to start with (a wall plays sub-streams).
    """

    state_changed = Signal(object)
    snapshot_saved = Signal(str)

    def __init__(self, name: str, link: str, *, stream: str = "sub", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoTile")
        self.setFrameShape(QFrame.Shape.Box)
        self.name, self.link = name, link
        self.stream_kind = stream if stream_link(link, "main") is not None else ""
        self.state, self.reason_zh, self.reason_en = StreamState.STOPPED, "", ""
        self.painted = 0
        self.live: LiveStream | None = None
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(PAINT_INTERVAL_MS)
        self._timer.timeout.connect(self._poll)

    def _build(self) -> None:
        self.title = QLabel(self.name)
        self.title.setToolTip(display_link(self.link))
        self.state_label = QLabel()
        self.message = QLabel()
        self.snap_button = QToolButton()
        self.snap_button.setText(self.tr("截图"))
        self.snap_button.setToolTip(self.tr("把当前画面保存到“图片”文件夹"))
        self.snap_button.clicked.connect(lambda: self.snapshot())
        self.switch_button = QToolButton()
        self.switch_button.setVisible(bool(self.stream_kind))
        self.switch_button.clicked.connect(self.switch_stream)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(self.title)
        bar.addWidget(self.state_label)
        bar.addStretch(1)
        bar.addWidget(self.message)
        bar.addWidget(self.switch_button)
        bar.addWidget(self.snap_button)
        self.picture = _Screen(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.picture, 1)
        self._label_stream()

    def _label_stream(self) -> None:
        other = {"main": self.tr("切到子码流"), "sub": self.tr("切到主码流")}
        self.switch_button.setText(self.tr("主码流") if self.stream_kind == "main" else self.tr("子码流"))
        self.switch_button.setToolTip(other.get(self.stream_kind, ""))

    # -- playing -----------------------------------------------------------------------------

    def playing_link(self) -> str:
        """The link the tile plays (the chosen stream of the camera's link)."""
        if self.stream_kind:
            return stream_link(self.link, self.stream_kind) or self.link  # type: ignore[arg-type]
        return self.link

    def start(self) -> None:
        """Start decoding (off the UI thread) and repainting."""
        self.stop()
        # one relay per stream, owned by the worker's callback (not by the tile): a tile deleted
        # while its worker still speaks leaves the relay alive and merely disconnected
        relay, cell = _Relay(), list[LiveStream]()
        relay.changed.connect(self._on_state)
        try:
            live = LiveStream(self.playing_link(), on_state=lambda *said: relay.changed.emit(cell[0], *said))
        except ValueError as refused:
            zh, en = refused.args
            self._on_state(None, StreamState.OFFLINE, zh, en)
            return
        cell.append(live)
        self.live = live
        live.start()
        self._timer.start()

    def stop(self) -> LiveStream | None:
        """Stop decoding without waiting; returns the stream so a caller can join its thread."""
        self._timer.stop()
        live, self.live = self.live, None
        if live is not None:
            live.stop()
        return live

    def latest(self) -> Frame | None:
        """The newest decoded frame, or None before the first."""
        return self.live.latest() if self.live is not None else None

    def switch_stream(self) -> None:
        """Main stream ↔ sub-stream (restarts the decoder)."""
        if self.stream_kind:
            self.stream_kind = "sub" if self.stream_kind == "main" else "main"
            self._label_stream()
            self.start()

    def _poll(self) -> None:
        frame = self.latest()
        if frame is not None and frame.number != self.painted:
            self.picture.update()

    def _on_state(self, live: LiveStream | None, state: StreamState, zh: str, en: str) -> None:
        if live is not self.live:
            return  # a stopped stream's last words (after a switch, or closing)
        self.state, self.reason_zh, self.reason_en = state, zh, en
        self.state_label.setText(f"● {state.label(ui_language())}")
        self.state_label.setStyleSheet(f"color: {_STATE_COLOURS.get(state, '#555555')}; margin-left: 6px")
        self.picture.update()
        self.state_changed.emit(state)

    # -- snapshot ----------------------------------------------------------------------------

    def snapshot(self, folder: Path | None = None, suffix: str = ".jpg") -> Path | None:
        """Save the newest frame as JPEG (or PNG) under ``folder`` (the Pictures folder); None if
        there is no picture yet or it could not be written (the tile says which)."""
        frame = self.latest()
        if frame is None:
            self._say(self.tr("还没有画面，无法截图"))
            return None
        folder = folder or pictures_folder()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"{_UNSAFE.sub('_', self.name).strip() or 'camera'}-{stamp}{suffix}"
        number = 1
        while path.exists():
            number += 1
            path = path.with_name(f"{path.stem.rsplit('~', 1)[0]}~{number}{suffix}")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            self._say(self.tr("无法创建文件夹 {folder}").format(folder=folder))
            return None
        if not frame_image(frame).save(str(path), quality=92):
            self._say(self.tr("截图未能保存到 {path}").format(path=path))
            return None
        self._say(self.tr("截图已保存：{name}").format(name=path.name), str(path))
        self.snapshot_saved.emit(str(path))
        return path

    def _say(self, text: str, tip: str = "") -> None:
        self.message.setText(text)
        self.message.setToolTip(tip)
        QTimer.singleShot(6000, self.message, lambda: self._unsay(text))

    def _unsay(self, text: str) -> None:
        if self.message.text() == text:  # not a newer message
            self.message.clear()
