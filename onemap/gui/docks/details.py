"""The details dock: everything about the current estate, in the interface's language, 未填 for blanks.

Filled from :func:`onemap.view.details.estate_details` in :func:`ui_language` (again on a
language switch); user text is always shown as plain text (never rich text), and phones
get a copy button.  With Settings' phone masking on (the default) phones read 138****5678
and their copy button is disabled: the full number never reaches the screen or the clipboard.  Cameras are a
:class:`~onemap.gui.cameras.panel.CameraPanel`: open in the player set in Settings,
check reachability, copy the GB/T 28181 ID.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QProgressBar,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from onemap.gui.cameras.panel import CameraPanel
from onemap.gui.checkup.score_panel import SCORE_TABLES, ScorePanel
from onemap.gui.docks.details_update import fit_height, hold_heights, show_now, update_fields, update_history
from onemap.gui.docks.details_watch import EstateWatchPanel
from onemap.gui.i18n import keep_tr, tr
from onemap.gui.i18n.language import ui_language
from onemap.gui.icons import icon
from onemap.gui.uiload import child, load_form
from onemap.model import BLANK_EN, BLANK_ZH, Estate, blank_word
from onemap.phones import mask_phone
from onemap.store.audit import AuditEntry
from onemap.view.details import ContactRow, EstateDetails, estate_details
from onemap.view.rowchange import RowChange
from onemap.view.session import MapSession

HISTORY_ROWS = 15


def value_label(text: str) -> QLabel:
    """A selectable, wrapping plain-text value; blanks (未填, (blank)) in grey."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if text in (BLANK_ZH, BLANK_EN):
        label.setObjectName("blankValue")
    return label


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget in a layout."""
    if isinstance(layout, QFormLayout):
        while layout.rowCount():  # takeAt would leave the form's rows behind, empty
            layout.removeRow(0)
        return
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


class DetailsDock(QDockWidget):
    """Shows the state's current estate; offers the others that were under the cursor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_tr(self, "setWindowTitle", QT_TRANSLATE_NOOP("", "小区详情"))
        self.setObjectName("detailsDock")
        self.form = load_form("details", retranslate=True)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.form)
        for panel in (self.form, child(self.form, QWidget, "detailsBody")):  # grown at the bottom: paint what is new
            panel.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setWidget(scroll)
        f = self.form
        self.empty: QLabel = child(f, QLabel, "detailsEmpty")
        self.body: QWidget = child(f, QWidget, "detailsBody")
        self.title: QLabel = child(f, QLabel, "detailsTitle")
        self.subtitle: QLabel = child(f, QLabel, "detailsSubtitle")
        self.others_box: QWidget = child(f, QWidget, "othersBox")
        self.others: QComboBox = child(f, QComboBox, "othersCombo")
        self.fields: QFormLayout = child(f, QGroupBox, "fieldsGroup").layout()
        self.contacts: QGridLayout = child(f, QGroupBox, "contactsGroup").layout()
        self.cameras: QVBoxLayout = child(f, QGroupBox, "camerasGroup").layout()
        self.camera_panel = CameraPanel()
        self.cameras.addWidget(self.camera_panel)
        self.watch = EstateWatchPanel()  # sensors and alerts of the last 30 days (details_watch.py)
        body = self.body.layout()
        body.insertWidget(body.indexOf(child(f, QGroupBox, "camerasGroup")) + 1, self.watch)
        self.score = ScorePanel()  # 评分 of the selected estate (onemap/gui/checkup/score_panel.py)
        body.insertWidget(body.indexOf(child(f, QGroupBox, "fundingGroup")), self.score)
        self.funding: QGridLayout = child(f, QGroupBox, "fundingGroup").layout()
        self.items: QFormLayout = child(f, QGroupBox, "itemsGroup").layout()
        self.history: QVBoxLayout = child(f, QGroupBox, "historyGroup").layout()
        for label in (self.title, self.subtitle):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setObjectName("detailsEmpty")
        self.title.setObjectName("detailsTitle")
        self.subtitle.setObjectName("detailsSubtitle")
        self.others.activated.connect(self._on_other_chosen)
        self.session: MapSession | None = None
        self.details: EstateDetails | None = None
        # the estate and history shown, to put them in words again on a language switch
        self.source: tuple[Estate, list[AuditEntry]] | None = None
        self.mask_phones = True  # Settings' default; the window sets the stored value
        self.copy_buttons: list[QToolButton] = []
        self._show_empty()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.watch.catch_up()  # the alerts of the estate selected while the dock was hidden

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()  # the form's group titles: its loader retranslates them
        super().changeEvent(event)

    def refresh(self) -> None:
        """Show the current estate again: in the interface's language, with phones masked or not."""
        if self.source is not None:
            self.show_details(estate_details(*self.source, lang=ui_language()), source=self.source)
        elif self.details is not None:
            self.show_details(self.details)
        self.watch.relabel()

    def set_mask_phones(self, on: bool) -> None:
        """Settings' phone masking: 138****5678 and no copying when on (applied at once)."""
        if on != self.mask_phones:
            self.mask_phones = on
            self.refresh()

    def bind(self, session: MapSession) -> None:
        """Follow a session's current estate."""
        self.unbind()
        self.session = session
        session.state.selection_changed.connect(self._on_selection_change)
        session.state.rows_changed.connect(self._on_rows_change)
        self._on_selection_change()

    def unbind(self) -> None:
        """Stop following."""
        if self.session is not None:
            self.session.state.selection_changed.disconnect(self._on_selection_change)
            self.session.state.rows_changed.disconnect(self._on_rows_change)
        self.session = None
        self._show_empty()

    def _show_empty(self) -> None:
        self.details = None
        self.source = None
        self.camera_panel.clear()
        self.watch.clear()
        self.score.clear()
        self.body.hide()
        self.empty.show()

    def _on_selection_change(self) -> None:
        state = self.session.state if self.session is not None else None
        if state is None or state.current is None:
            self._show_empty()
            return
        if self.details is not None and self.details.code == state.current:
            self._fill_others()
            return
        inventory = self.session.inventory  # type: ignore[union-attr]
        estate = inventory.estate(state.current)
        history = inventory.history(state.current, HISTORY_ROWS)
        self.show_details(estate_details(estate, history, lang=ui_language()), source=(estate, history))
        self.camera_panel.set_cameras(estate.code, estate.cameras)
        self.watch.follow(inventory, estate, self.isVisible())
        self.score.follow(inventory, estate.code)

    def alerts_written(self) -> None:
        """Alerts were written whose estates the audit trail does not name (a collector's writes):
        read the alerts of the estate on show again, if one is."""
        if self.details is None or self.source is None or self.session is None:
            return
        self.watch.follow(self.session.inventory, self.source[0], self.isVisible())

    def _on_rows_change(self, change: RowChange) -> None:
        """The estate on show was refreshed (its row, or a child row: contacts, cameras…): read it again
        and change only what differs."""
        old, state = self.details, self.session.state if self.session is not None else None
        if old is None or state is None or old.code not in change.codes or state.current != old.code:
            if state is not None and state.alternatives:
                self._fill_others()  # a name in the "others here" list may have changed
            return
        inventory = self.session.inventory  # type: ignore[union-attr]
        estate = inventory.estate(old.code)
        history = inventory.history(old.code, HISTORY_ROWS)
        new = estate_details(estate, history, lang=ui_language())
        self.details, self.source = new, (estate, history)
        self.title.setText(new.title)
        self.subtitle.setText(new.subtitle)
        self._fill_others()
        held = hold_heights(self.widget(), len(new.history) > len(old.history))  # with fit_height: only it moves
        if new.fields != old.fields and not update_fields(self.fields, old, new):
            self._fill_fields(new)
        if new.contacts != old.contacts:
            self._fill_contacts(new)
        if (new.funding, new.funding_total) != (old.funding, old.funding_total):
            self._fill_funding(new)
        if new.items != old.items:
            self._fill_items(new)
        if new.history != old.history and not update_history(self.history, old, new, value_label):
            self._fill_history(new)  # the first change of an estate: its "no changes" line replaced
            show_now(self.history)
        if new.cameras != old.cameras:
            self.camera_panel.set_cameras(estate.code, estate.cameras)
        if change.wrote("alerts") or change.wrote("sensors"):
            self.watch.follow(inventory, estate, self.isVisible())
        if any(change.wrote(t) for t in SCORE_TABLES):  # a finding (survey form, sheet import) moves the score
            self.score.rows_written(inventory, estate.code, recount=change.patch.structural)
        fit_height(self.widget(), held)

    def show_details(self, details: EstateDetails, source: tuple[Estate, list[AuditEntry]] | None = None) -> None:
        """Fill the dock (``source``: the estate and history ``details`` were made from, for a language switch)."""
        self.details = details
        self.source = source
        self.empty.hide()
        self.body.show()
        self.title.setText(details.title)
        self.subtitle.setText(details.subtitle)
        self._fill_others()
        self._fill_fields(details)
        self._fill_contacts(details)
        self._fill_funding(details)
        self._fill_items(details)
        self._fill_history(details)

    def _fill_others(self) -> None:
        state = self.session.state if self.session is not None else None
        alternatives = [c for c in (state.alternatives if state else ()) if c != (state.current if state else None)]
        self.others_box.setVisible(bool(alternatives))
        self.others.blockSignals(True)
        self.others.clear()
        if state is not None and alternatives:
            self.others.addItem(tr("（光标处共 {n} 个小区，选择查看）").format(n=len(alternatives) + 1), None)
            for code in alternatives:
                row = state.table.row_of(code)
                name = state.table.name[row] if row is not None else code
                self.others.addItem(f"{name}（{code}）", code)
        self.others.blockSignals(False)

    def _on_other_chosen(self, index: int) -> None:
        code = self.others.itemData(index)
        if code and self.session is not None:
            state = self.session.state
            state.select([code], alternatives=state.alternatives)

    def _fill_fields(self, d: EstateDetails) -> None:
        clear_layout(self.fields)
        for label, value in d.fields:
            name = QLabel(label)
            name.setObjectName("fieldLabel")
            self.fields.addRow(name, value_label(value))

    def field_values(self) -> dict[str, str]:
        """The 基本信息 rows as shown, label to value."""
        role = QFormLayout.ItemRole
        return {
            self.fields.itemAt(i, role.LabelRole).widget().text(): self.fields.itemAt(i, role.FieldRole).widget().text()
            for i in range(self.fields.rowCount())
        }

    def _fill_contacts(self, d: EstateDetails) -> None:
        clear_layout(self.contacts)
        self.copy_buttons = []
        if not d.contacts:
            self.contacts.addWidget(value_label(blank_word(ui_language())), 0, 0)
        for row, c in enumerate(d.contacts):
            role = QLabel(c.role)
            role.setObjectName("fieldLabel")
            self.contacts.addWidget(role, row, 0)
            self.contacts.addWidget(value_label(f"{c.name} {c.title}".strip()), row, 1)
            self.contacts.addWidget(value_label(self.phone_shown(c)), row, 2)
            button = QToolButton()
            button.setIcon(icon("copy"))
            masked = self.mask_phones and c.phone is not None
            button.setToolTip(tr("电话已隐藏中间四位，不能复制（可在设置中关闭）") if masked else tr("复制电话号码"))
            button.setAccessibleName(tr("复制{role}的电话").format(role=c.role))
            button.setEnabled(c.phone is not None and not self.mask_phones)
            phone = None if self.mask_phones else c.phone  # a masked dock holds no full number at all
            button.clicked.connect(lambda _=False, phone=phone: self.copy_phone(phone))
            self.contacts.addWidget(button, row, 3)
            self.copy_buttons.append(button)
        self.contacts.setColumnStretch(1, 1)

    def phone_shown(self, contact: ContactRow) -> str:
        """A contact's phone as the dock shows it: masked (138****5678) when Settings says so."""
        if self.mask_phones and contact.phone is not None:
            return mask_phone(contact.phone_text) or mask_phone(contact.phone)
        return contact.phone_text

    def copy_phone(self, phone: str | None) -> None:
        """Put a phone number on the clipboard."""
        if phone:
            QGuiApplication.clipboard().setText(phone)
            window = self.window()
            bar = window.statusBar() if hasattr(window, "statusBar") else None
            if bar is not None:
                bar.showMessage(tr("已复制电话号码 {phone}").format(phone=phone), 4000)

    def _fill_funding(self, d: EstateDetails) -> None:
        clear_layout(self.funding)
        for row, (source, amount, share) in enumerate(d.funding):
            self.funding.addWidget(QLabel(source), row, 0)
            amount_label = value_label(amount)
            amount_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.funding.addWidget(amount_label, row, 1)
            bar = QProgressBar()
            bar.setObjectName("fundingShare")
            bar.setRange(0, 1000)
            bar.setValue(round(share * 1000))
            bar.setTextVisible(False)
            bar.setMinimumWidth(30)
            self.funding.addWidget(bar, row, 2)
            self.funding.addWidget(QLabel(f"{share:.0%}"), row, 3)
        total = QLabel(tr("合计"))
        total.setObjectName("fieldLabel")
        self.funding.addWidget(total, len(d.funding), 0)
        self.funding.addWidget(value_label(d.funding_total), len(d.funding), 1)
        self.funding.setColumnStretch(2, 1)

    def _fill_items(self, d: EstateDetails) -> None:
        clear_layout(self.items)
        if not d.items:
            self.items.addRow(value_label(blank_word(ui_language())))
        for category, items in d.items:
            name = QLabel(category)
            name.setObjectName("fieldLabel")
            self.items.addRow(name, value_label("、".join(items)))

    def _fill_history(self, d: EstateDetails) -> None:
        clear_layout(self.history)
        if not d.history:
            self.history.addWidget(value_label(tr("无修改记录")))
        for when, who, text in d.history:
            meta = value_label(f"{when} · {who}")
            meta.setObjectName("historyMeta")
            self.history.addWidget(meta)
            self.history.addWidget(value_label(text))
