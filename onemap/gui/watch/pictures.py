"""A small window showing an alert's pictures (the JPEGs a camera pushed with it), one at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from onemap.gui.i18n import tr
from onemap.watch.alert import Alert, unstamp
from onemap.watch.event import SHANGHAI


class PictureDialog(QDialog):
    """Non-modal: stays open beside the map while the user goes on; :meth:`show_alert` replaces its pictures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertPictures")
        self.pictures: list[tuple[str, bytes]] = []
        self.shown = -1
        self.image = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.image.setMinimumSize(480, 300)
        self.caption = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.previous = QPushButton(tr("上一张"))
        self.previous.clicked.connect(lambda: self.show_picture(self.shown - 1))
        self.next = QPushButton(tr("下一张"))
        self.next.clicked.connect(lambda: self.show_picture(self.shown + 1))
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous)
        buttons.addStretch(1)
        buttons.addWidget(self.caption)
        buttons.addStretch(1)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addLayout(buttons)
        self.resize(720, 520)

    def show_alert(self, alert: Alert, pictures: list[tuple[str, bytes]]) -> None:
        """Show ``pictures`` (``(taken_at, JPEG)``) of ``alert``, the first one first."""
        demo = tr("（演示数据）") if alert.source == "demo" else ""
        title = tr("告警图片：{estate} {type}").format(
            estate=alert.estate_name or alert.estate_code, type=alert.type_label()
        )
        self.setWindowTitle(title + demo)
        self.pictures = pictures
        self.show_picture(0)
        self.show()
        self.raise_()

    def show_picture(self, index: int) -> bool:
        """Show picture ``index``; False (and a sentence) when it cannot be decoded."""
        if not 0 <= index < len(self.pictures):
            return False
        self.shown = index
        taken, jpeg = self.pictures[index]
        pixmap = QPixmap()
        ok = pixmap.loadFromData(jpeg, "JPEG") or pixmap.loadFromData(jpeg)
        if ok:
            self.image.setPixmap(
                pixmap.scaled(
                    self.image.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
        else:
            self.image.setText(tr("这张图片无法显示（不是有效的 JPEG）。"))
        when = unstamp(taken).astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S") if taken else ""
        self.caption.setText(f"{index + 1} / {len(self.pictures)}  {when}")
        self.previous.setEnabled(index > 0)
        self.next.setEnabled(index + 1 < len(self.pictures))
        return ok
