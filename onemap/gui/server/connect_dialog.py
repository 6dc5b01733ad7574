"""File ▸ 连接服务器…: where the shared inventory is, which county to open, and the password once.

The password goes to the OS keyring (service ``onemap-postgresql``) only when the user ticks the
box; otherwise it is held in memory for this run.  It never reaches the settings, the recent
list, the title bar or a log: the dialog hands back a URL without it.
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
    QVBoxLayout,
    QWidget,
)

from onemap.gui.i18n import tr
from onemap.store.server.viewreads import split_view_url, url_fields, view_url


class ConnectDialog(QDialog):
    """Host, port, database, user, an optional county filter, and a password field."""

    def __init__(self, parent: QWidget | None = None, url: str = "", reason: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("connectServerDialog")
        self.setWindowTitle(tr("连接服务器"))
        self.host, self.database, self.user = QLineEdit("127.0.0.1"), QLineEdit("onemap"), QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.county = QLineEdit()
        self.county.setPlaceholderText(tr("如 610725，多个用逗号分隔；留空打开全部"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("留空则使用系统钥匙串或 .pgpass"))
        self.save = QCheckBox(tr("保存密码到系统钥匙串"))
        form = QFormLayout()
        for label, field in (
            (tr("服务器"), self.host),
            (tr("端口"), self.port),
            (tr("数据库"), self.database),
            (tr("用户名"), self.user),
            (tr("区县代码"), self.county),
            (tr("密码"), self.password),
        ):
            form.addRow(label, field)
        form.addRow("", self.save)
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.reason.setObjectName("connectReason")
        self.reason.setVisible(bool(reason))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("连接"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        if url:
            self.fill(url)
        if reason:
            self.password.setFocus()

    def fill(self, url: str) -> None:
        """Show a viewer URL's parts (``postgresql://user@host:port/db?county=…``)."""
        parts, counties = url_fields(url), split_view_url(url)[1]
        self.host.setText(str(parts.get("host", "")))
        self.port.setValue(int(parts.get("port", 5432) or 5432))
        self.database.setText(str(parts.get("dbname", "")))
        self.user.setText(str(parts.get("user", "")))
        self.county.setText(",".join(counties))

    def url(self) -> str:
        """The viewer URL asked for: no password in it, ever."""
        from urllib.parse import quote

        user = quote(self.user.text().strip(), safe="")
        login = f"{user}@" if user else ""
        base = (
            f"postgresql://{login}{self.host.text().strip()}:{self.port.value()}/"
            f"{quote(self.database.text().strip(), safe='')}"
        )
        return view_url(base, self.county.text().replace("，", ",").split(","))

    def typed_password(self) -> str | None:
        """The password typed (``None`` when left blank: the keyring or .pgpass answers)."""
        return self.password.text() or None
