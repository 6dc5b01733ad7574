"""One named XYZ/WMTS basemap source: name, URL template, tile matrix set, attribution, "our own", key.

The dialog refuses (in one sentence, below the fields) a source it could not open: an empty or
taken name, a URL that is no tile template, a tile matrix set that is not Web Mercator's.  The
key goes to the OS keyring under the source's own account, never into a settings file.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from onemap.cameras.credentials import keyring_available
from onemap.geo.websources import NamedSource
from onemap.geo.webspecs import custom_spec, load_key, split_key, store_key
from onemap.geo.webtiles import WebTileError
from onemap.gui.i18n import tr
from onemap.gui.i18n.language import ui_language


class WebSourceDialog(QDialog):
    """Add or edit one :class:`NamedSource` (``taken``: the other sources' names)."""

    def __init__(self, source: NamedSource | None, taken: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("webSourceDialog")
        self.setWindowTitle(tr("瓦片源") if source is None else tr("瓦片源：{name}").format(name=source.name))
        self.taken = taken
        self.old = source
        source = source or NamedSource("", "")
        form = QFormLayout(self)
        self.name = self._field(form, tr("名称"), source.name, tr("例如 陕西天地图、县自然资源局瓦片"))
        self.url = self._field(
            form, tr("瓦片地址模板"), source.url, "https://…/{z}/{x}/{y}.png  |  …/wmts?…&TILEMATRIX={z}…"
        )
        self.url.setMinimumWidth(520)
        self.matrix_set = self._field(
            form, tr("瓦片矩阵集（WMTS）"), source.matrix_set, tr("WMTS 才需要：w、GoogleMapsCompatible 或 EPSG:3857")
        )
        self.attribution = self._field(form, tr("署名"), source.attribution, tr("印在地图下方，例如 © 某某局"))
        self.key = self._field(form, tr("密钥（tk）"), "", self._key_hint())
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setEnabled(keyring_available())
        self.own = QCheckBox(tr("本单位自有的底图（允许批量预下载）"))
        self.own.setChecked(source.own)
        form.addRow(self.own)
        self.problem = QLabel("")
        self.problem.setObjectName("webSourceProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e")
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @staticmethod
    def _field(form: QFormLayout, label: str, text: str, hint: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setPlaceholderText(hint)
        form.addRow(label, edit)
        return edit

    def _key_hint(self) -> str:
        if self.old is not None and load_key(self.old.account) is not None:
            return tr("已保存在系统钥匙串中（留空则不变）")
        return tr("地址含 {tk} 时填写；只存入系统钥匙串")

    def chosen(self) -> NamedSource:
        """The source as edited (a key typed into the URL is taken out of it)."""
        url, _key = split_key(self.url.text().strip())
        return NamedSource(
            name=self.name.text().strip(),
            url=url,
            matrix_set=self.matrix_set.text().strip(),
            attribution=self.attribution.text().strip(),
            own=self.own.isChecked(),
        )

    def why_not(self) -> str | None:
        """Why the fields do not make a usable source (one sentence), ``None`` when they do."""
        source = self.chosen()
        if not source.name:
            return tr("请给瓦片源起一个名称。")
        if source.name in self.taken:
            return tr("已有名为“{name}”的瓦片源。").format(name=source.name)
        try:
            custom_spec(source.template())
        except WebTileError as error:
            return error.message(ui_language())
        return None

    def accept(self) -> None:
        """Close only on a usable source; its key (typed in the field or the URL) goes to the keyring."""
        why = self.why_not()
        if why is not None:
            self.problem.setText(why)
            self.adjustSize()  # room for the sentence's second line
            return
        source = self.chosen()
        _url, typed_in_url = split_key(self.url.text().strip())
        key = self.key.text().strip() or typed_in_url or ""
        self.key.clear()
        if not key and self.old is not None and self.old.name != source.name:
            key = load_key(self.old.account) or ""  # a renamed source keeps its key
            if key:
                store_key(self.old.account, "")
        if key and not store_key(source.account, key):
            self.problem.setText(tr("本机没有可用的系统钥匙串，密钥未保存，也没有写入任何文件。"))
            return
        super().accept()
