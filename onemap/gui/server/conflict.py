"""The conflict dialog: someone else changed the same field of an estate since you read it.

A save on the server names the row version it read; when another login changed one of the same
fields since, the store refuses with :class:`~onemap.store.server.errors.ServerError`
``changed_by`` (who, when).  :func:`save_estate` then shows both values side by side -- mine,
theirs, who, when -- and does what the user picks: keep theirs (nothing is written), or
overwrite with mine (the row version read again, the same change applied once more, so a third
editor's change in between is refused again rather than lost).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onemap.gui.i18n import tr
from onemap.gui.i18n.language import ui_language
from onemap.gui.watch.tips import shown_time

KEEP_THEIRS, OVERWRITE = "theirs", "mine"


def field_label(name: str, table: str = "estates") -> str:
    """A column's name in the interface language (an estate's, or a child row's of ``table``)."""
    from onemap.model import ESTATE_FIELD_LABELS, ESTATE_FIELD_LABELS_EN
    from onemap.store.labels import COLUMN_LABELS

    if name == "geom":
        return tr("范围面") if table == "estate_areas" else tr("位置")
    if ui_language() != "zh":
        return ESTATE_FIELD_LABELS_EN.get(name, name) if table == "estates" else name.replace("_", " ")
    return COLUMN_LABELS.get(table, {}).get(name) or ESTATE_FIELD_LABELS.get(name, name)


def shown_value(name: str, value: Any) -> str:
    """A value as the details dock shows it (status as its label, blank as 未填)."""
    from onemap.model import BLANK_ZH, status_label

    if name == "status":
        return status_label(value, ui_language())
    if value is None or value == "":
        return BLANK_ZH if ui_language() == "zh" else "(blank)"
    return ",".join(value) if isinstance(value, list | tuple) else str(value)


class ConflictDialog(QDialog):
    """Both values of each field in conflict; :attr:`choice` is ``theirs`` or ``mine`` once closed."""

    def __init__(
        self,
        parent: QWidget | None,
        estate: str,
        rows: list[tuple[str, Any, Any]],
        who: str,
        when: str,
        table: str = "estates",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("serverConflictDialog")
        self.setWindowTitle(tr("修改冲突"))
        self.choice = KEEP_THEIRS
        self.intro = intro = QLabel(
            tr("在您读取之后，{who} 于 {when} 修改了“{estate}”的相同字段。请选择保留哪一方的值：").format(
                who=who, when=shown_time(when), estate=estate
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels([tr("字段"), tr("我的值"), tr("{who} 的值").format(who=who)])
        for i, (name, mine, theirs) in enumerate(rows):
            for j, text in enumerate((field_label(name, table), shown_value(name, mine), shown_value(name, theirs))):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox()
        self.keep_button = QPushButton(tr("保留对方的值"))
        self.overwrite_button = QPushButton(tr("用我的值覆盖"))
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.overwrite_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.overwrite_button.setAutoDefault(False)
        self.keep_button.setDefault(True)  # Enter keeps what is on the server: nothing is lost by accident
        self.keep_button.clicked.connect(lambda: self._choose(KEEP_THEIRS))
        self.overwrite_button.clicked.connect(lambda: self._choose(OVERWRITE))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 120 + 32 * max(len(rows), 2))

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.done(QDialog.DialogCode.Accepted if choice == OVERWRITE else QDialog.DialogCode.Rejected)


def save_estate(parent: QWidget | None, server: Any, code: str, version: int, changes: dict[str, Any]) -> str:
    """Save ``changes`` to estate ``code`` read at ``version``; on a conflict ask (see the module's notes).

    Returns ``saved`` (no conflict), ``theirs`` (kept theirs: nothing written) or ``mine``
    (overwritten).  Other refusals (``denied``…) are raised for the caller to show.
    """
    from onemap.store.server.errors import ServerError

    try:
        server.update_estate(code, version=version, **changes)
        return "saved"
    except ServerError as error:
        if error.kind != "changed_by":
            raise
        refused = error
    dialog = conflict_dialog(parent, server, code, changes, refused)
    dialog.exec()
    if dialog.choice == OVERWRITE:
        server.update_estate(code, version=server.estate_version(code), **changes)
    return dialog.choice


def conflict_dialog(
    parent: QWidget | None, server: Any, code: str, changes: dict[str, Any], refused: Any
) -> ConflictDialog:
    """The dialog for a refusal ``refused`` (``changed_by``) of ``changes``, with their values read now."""
    from onemap.store.server.errors import ServerError

    assert isinstance(refused, ServerError)
    now = server.estate(code)
    rows = [(name, mine, getattr(now, name, None)) for name, mine in changes.items()]
    who, when = str(refused.fields.get("other", "")), str(refused.fields.get("at", ""))
    return ConflictDialog(parent, f"{now.name or code}（{code}）", rows, who, when)
