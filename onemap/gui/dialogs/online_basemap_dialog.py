"""地图 ▸ 在线底图 ▸ 设置: online access (off by default), the 天地图 key, 审图号, cache size, the user's own source.

The key is typed into a password field and goes straight to the OS keyring; the field shows
only whether one is kept.  Without a usable keyring the dialog says so and keeps nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from onemap.cameras.credentials import keyring_available
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
        self.custom_url = QLineEdit(settings.custom_url)
        self.custom_url.setObjectName("customUrl")
        self.custom_url.setPlaceholderText(
            "https://…/{z}/{x}/{y}.png  |  …/wmts?…&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}"
        )
        form.addRow(tr("自定义瓦片地址"), self.custom_url)
        self.custom_attribution = QLineEdit(settings.custom_attribution)
        form.addRow(tr("自定义底图署名"), self.custom_attribution)
        self.custom_own = QCheckBox(tr("本单位自有的底图（允许批量预下载）"))
        self.custom_own.setChecked(settings.custom_own)
        form.addRow(self.custom_own)
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
            custom_url=self.custom_url.text().strip(),
            custom_attribution=self.custom_attribution.text().strip(),
            custom_own=self.custom_own.isChecked(),
        )

    def keep_key(self) -> bool:
        """Put a typed key in the keyring (nothing typed: the kept one stays); ``False`` if it could not be kept."""
        typed = self.key.text().strip()
        self.key.clear()
        return store_key(f"{TIANDITU}:vec", typed) if typed else True
