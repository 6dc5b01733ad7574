"""One channel of the 派发规则 page: on or off, its non-secret fields, password fields for its secrets.

A password field never shows what the keyring holds: its placeholder only says whether a
secret is stored.  What is typed goes to the keyring when the page saves, and is cleared.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLineEdit, QWidget

from onemap.watch.dispatch.editing import FIELD_NAMES, KINDS, ChannelForm
from onemap.watch.dispatch.keys import load_secret

#: the core's channel titles and field names, for lupdate (shown through :func:`tr_page`)
_WORDS = (
    QT_TRANSLATE_NOOP("DispatchRulesPage", "短信（阿里云 SendSms）"),
    QT_TRANSLATE_NOOP("DispatchRulesPage", "企业微信群机器人"),
    QT_TRANSLATE_NOOP("DispatchRulesPage", "钉钉群机器人"),
    QT_TRANSLATE_NOOP("DispatchRulesPage", "电子邮件（SMTP）"),
    QT_TRANSLATE_NOOP("DispatchRulesPage", "地址"),
    QT_TRANSLATE_NOOP("DispatchRulesPage", "短信签名"),
    QT_TRANSLATE_NOOP("DispatchRulesPage", "模板编号"),
    QT_TRANSLATE_NOOP("DispatchRulesPage", "消息格式"),
    QT_TRANSLATE_NOOP("DispatchRulesPage", "邮件服务器"),
    QT_TRANSLATE_NOOP("DispatchRulesPage", "端口"),
    QT_TRANSLATE_NOOP("DispatchRulesPage", "用户名"),
    QT_TRANSLATE_NOOP("DispatchRulesPage", "发件人"),
    QT_TRANSLATE_NOOP("DispatchRulesPage", "抄送地址"),
)


def tr_page(text: str) -> str:
    """``text`` translated in the 派发规则 page's context."""
    return QCoreApplication.translate("DispatchRulesPage", text)


class ChannelBox(QGroupBox):
    """One channel: checkable (on/off), its fields, its secrets (password fields), default or not."""

    def __init__(self, form: ChannelForm, parent: QWidget | None = None) -> None:
        super().__init__(tr_page(KINDS[form.kind][1]), parent)
        self.setObjectName(f"channel_{form.kind}")
        self.kind, self.name = form.kind, form.name
        self.setCheckable(True)
        self.setChecked(form.enabled)
        layout = QFormLayout(self)
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        for name in KINDS[form.kind][2]:
            if name == "format":
                combo = QComboBox(self)
                combo.addItems(["text", "markdown"])
                combo.setCurrentText(form.options.get(name, "markdown" if form.kind == "dingtalk" else "text"))
                self.fields[name] = combo
            else:
                self.fields[name] = QLineEdit(form.options.get(name, ""), self)
            self.fields[name].setObjectName(f"{form.kind}_{name}")
            layout.addRow(tr_page(FIELD_NAMES[name]), self.fields[name])
        self.secrets: dict[str, QLineEdit] = {}
        for what in KINDS[form.kind][3]:
            edit = QLineEdit(self)
            edit.setObjectName(f"{form.kind}_{what}")
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            stored = load_secret(form.name, what) is not None
            edit.setPlaceholderText(self.tr("已保存在系统钥匙串中（留空则不变）") if stored else self.tr("未设置"))
            self.secrets[what] = edit
            layout.addRow(self.tr("密钥（{what}）").format(what=what), edit)
        self.default = QCheckBox(self.tr("默认通道（未单独设置的角色用它）"), self)
        self.default.setChecked(form.default)
        layout.addRow(self.default)

    def form(self) -> ChannelForm:
        """What the box says (secrets not included)."""
        typed = {n: (w.currentText() if isinstance(w, QComboBox) else w.text().strip()) for n, w in self.fields.items()}
        return ChannelForm(self.kind, self.name, self.isChecked(), self.default.isChecked(), typed)

    def typed_secrets(self) -> dict[tuple[str, str], str]:
        """``(channel, what)`` -> what was typed in each password field (empty: unchanged)."""
        return {(self.name, what): edit.text() for what, edit in self.secrets.items()}
