"""地图 ▸ 在线底图 ▸ 设置: online access (off by default), the 天地图 key, 审图号, cache size, the user's sources.

The key is typed into a password field and goes straight to the OS keyring; the field shows
only whether one is kept.  Without a usable keyring the dialog says so and keeps nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from onemap.cameras.credentials import keyring_available
from onemap.geo.websources import NamedSource
from onemap.geo.webspecs import TIANDITU, load_key, store_key
from onemap.gui.i18n import tr
from onemap.gui.online_settings import OnlineSettings


class OnlineBasemapDialog(QDialog):
    """Edit :class:`OnlineSettings` and the 天地图 key."""

    def __init__(self, settings: OnlineSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onlineBasemapDialog")
        self.setWindowTitle(tr("在线底图设置"))
        self.settings = settings
        form = QFormLayout(self)
        self.online = QCheckBox(tr("允许联网获取底图瓦片（关闭时 OneMap 不建立任何网络连接）"))
        self.online.setChecked(settings.online)
        form.addRow(self.online)
        self.key = QLineEdit()
        self.key.setObjectName("tiandituKey")
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        has_key = load_key(f"{TIANDITU}:vec") is not None
        self.key.setPlaceholderText(tr("已保存在系统钥匙串中（留空则不变）") if has_key else tr("天地图密钥（tk）"))
        self.key.setEnabled(keyring_available())
        form.addRow(tr("天地图密钥"), self.key)
        if not keyring_available():
            form.addRow(QLabel(tr("本机没有可用的系统钥匙串，无法保存密钥。")))
        self.review = QLineEdit(settings.review_number)
        self.review.setPlaceholderText(tr("例如 GS(20xx)xxxx号，按天地图公布的填写"))
        form.addRow(tr("审图号"), self.review)
        self.cache_mb = QSpinBox()
        self.cache_mb.setRange(16, 65536)
        self.cache_mb.setSuffix(" MB")
        self.cache_mb.setValue(settings.cache_mb)
        form.addRow(tr("每个底图的磁盘缓存"), self.cache_mb)
        self.sources = list(settings.sources)
        self.dropped: list[NamedSource] = []
        form.addRow(tr("其他瓦片源"), self._source_list())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> OnlineSettings:
        """The settings as edited (the key is not part of them)."""
        return OnlineSettings(
            online=self.online.isChecked(),
            cache_mb=self.cache_mb.value(),
            review_number=self.review.text().strip(),
            sources=list(self.sources),
        )

    def _source_list(self) -> QWidget:
        """The named XYZ/WMTS sources with 添加…, 编辑… and 删除 beside them."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.source_list = QListWidget()
        self.source_list.setObjectName("webSourceList")
        self.source_list.setFixedHeight(104)
        self.source_list.itemDoubleClicked.connect(lambda _item: self.edit_source())
        row.addWidget(self.source_list, 1, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        for name, text, slot in (
            ("addSource", tr("添加…"), self.add_source),
            ("editSource", tr("编辑…"), self.edit_source),
            ("removeSource", tr("删除"), self.remove_source),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            column.addWidget(button)
        column.addStretch(1)
        row.addLayout(column)
        self._fill()
        return box

    def _fill(self) -> None:
        self.source_list.clear()
        for source in self.sources:
            own = tr("（自有）") if source.own else ""
            self.source_list.addItem(f"{source.name}{own}  —  {source.url}")

    def add_source(self) -> NamedSource | None:
        """Ask for a new source (:class:`WebSourceDialog`); it joins the list when the dialog is accepted."""
        return self._edit(None)

    def edit_source(self) -> NamedSource | None:
        """Edit the selected source."""
        row = self.source_list.currentRow()
        return self._edit(row) if 0 <= row < len(self.sources) else None

    def _edit(self, row: int | None) -> NamedSource | None:
        from onemap.gui.dialogs.web_source_dialog import WebSourceDialog

        old = None if row is None else self.sources[row]
        taken = {s.name for s in self.sources} - ({old.name} if old else set())
        dialog = WebSourceDialog(old, taken, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        source = dialog.chosen()
        if row is None:
            self.sources.append(source)
        else:
            self.sources[row] = source
        self._fill()
        return source

    def remove_source(self) -> None:
        """Drop the selected source (its key leaves the keyring with it when the dialog is accepted)."""
        row = self.source_list.currentRow()
        if 0 <= row < len(self.sources):
            self.dropped.append(self.sources.pop(row))
            self._fill()

    def keep_key(self) -> bool:
        """Put a typed key in the keyring (nothing typed: the kept one stays); ``False`` if it could not be kept."""
        typed = self.key.text().strip()
        self.key.clear()
        for source in self.dropped:
            if source.name not in {s.name for s in self.sources}:
                store_key(source.account, "")
        return store_key(f"{TIANDITU}:vec", typed) if typed else True
