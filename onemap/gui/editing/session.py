"""The Edit menu: a writable connection to the open inventory, its undo history, every way to change it.

The viewer's :class:`~onemap.view.session.MapSession` reads the file read-only.  Editing
opens a second, writable :class:`~onemap.store.Inventory` (the audit user from Settings)
and an :class:`~onemap.edit.EditHistory` over it, so every edit — the form, a drag on
the map, a delete, an undo — is one audited transaction.  A file that cannot be written
(read-only, locked by another program, from a newer OneMap) is viewed with editing
disabled and （只读） in the title bar, instead of failing on save.  After every do, undo
and redo the window refreshes the estates the command touched
(:meth:`MainWindow.refresh_estates`): just their rows, marks and dock entries, so map,
table, details, legend and 3D show the change without reading the whole file again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget
from shapely.geometry.base import BaseGeometry

from onemap.edit import DeleteEstate, EditCommand, EditHistory, EditRefused, HistoryEvent, MoveEstate, SetOutline
from onemap.gui.actions import make_action
from onemap.gui.editing.estate_drag import EstateDragger
from onemap.gui.editing.estate_form import EstateFormDialog
from onemap.gui.editing.outline_edit import OutlineEditor
from onemap.gui.editing.undo_actions import UndoActions
from onemap.gui.errors import show_message
from onemap.gui.i18n import keep_tr, tr
from onemap.gui.i18n.language import ui_language
from onemap.gui.jobs import message_of
from onemap.gui.settings import read_settings
from onemap.gui.window_base import WindowBase
from onemap.store import Inventory
from onemap.store.audit import default_user
from onemap.store.editlock import EditLock
from onemap.store.errors import ConflictError, InventoryError
from onemap.store.rows import point_blob
from onemap.view.extent import to_lonlat
from onemap.view.session import MapSession


@dataclass
class EditActions:
    """The Edit menu's own actions (Undo and Redo are :class:`UndoActions`)."""

    edit: QAction
    delete: QAction
    add: QAction
    move: QAction
    reshape: QAction
    menu: QMenu


def next_estate_code(inventory: Inventory) -> str:
    """A code no estate has (see :meth:`Inventory.next_code`)."""
    return inventory.next_code()


def audit_user(window: WindowBase) -> str | None:
    """The name Settings gives for the audit trail (None: the OS user)."""
    return read_settings(window.settings.q)[0].audit_user or None


def ask(parent: QWidget, title: str, text: str, on_yes) -> QMessageBox:  # type: ignore[no-untyped-def]
    """A non-blocking Yes/No question (No is the default); ``on_yes()`` runs when Yes is clicked."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)
    box.setObjectName("onemapQuestion")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.accepted.connect(on_yes)  # Yes has the accept role
    box.open()
    return box


#: seconds an edit waits for another program holding the file before it is refused
UI_WAIT_LIMIT_S = 5.0


class EditingSession(QObject):
    """The writable side of the window's open inventory, and the Edit menu over it.

    Attributes
    ----------
    inventory : Inventory or None
        The writable connection (None while nothing is open or the file is read-only).
    history : EditHistory or None
        Undo and redo over :attr:`inventory`.
    readonly_reason : str
        Why the open file cannot be edited ("" when it can, or nothing is open).
    """

    def __init__(self, window: WindowBase) -> None:
        super().__init__(window)
        self.window = window
        self.inventory: Inventory | None = None
        self.history: EditHistory | None = None
        self.readonly_reason = ""
        self.edit_lock: EditLock | None = None
        self.session: MapSession | None = None
        self.form: EstateFormDialog | None = None
        self.undo = UndoActions(None, window)
        self.undo.history_changed.connect(self._on_history)
        self.actions = self._build_actions()
        self.dragger = EstateDragger(window.canvas, window.status, self.move_estate)
        self.outline_editor = OutlineEditor(window.canvas, window.status, self._stored_outline, self.reshape_outline)
        self._connect()
        self._update_actions()

    def _build_actions(self) -> EditActions:
        w = self.window
        a = EditActions(
            edit=make_action(
                w,
                QT_TRANSLATE_NOOP("", "编辑小区…"),
                "",
                "F2",
                tip=QT_TRANSLATE_NOOP("", "在表单中修改当前小区的各项信息"),
            ),
            delete=make_action(
                w,
                QT_TRANSLATE_NOOP("", "删除小区"),
                "",
                QKeySequence.StandardKey.Delete,
                tip=QT_TRANSLATE_NOOP("", "删除当前小区（可撤销）"),
            ),
            add=make_action(
                w,
                QT_TRANSLATE_NOOP("", "新建小区"),
                checkable=True,
                tip=QT_TRANSLATE_NOOP("", "在地图上点击新小区的位置，再填写表单"),
            ),
            move=make_action(
                w,
                QT_TRANSLATE_NOOP("", "移动小区"),
                checkable=True,
                tip=QT_TRANSLATE_NOOP("", "按住小区点拖到新位置后松开（可撤销）"),
            ),
            reshape=make_action(
                w,
                QT_TRANSLATE_NOOP("", "改范围面"),
                checkable=True,
                tip=QT_TRANSLATE_NOOP("", "拖动所选小区范围面的顶点改变其形状（可撤销）"),
            ),
            menu=QMenu(w),
        )
        keep_tr(a.menu, "setTitle", QT_TRANSLATE_NOOP("", "编辑"))
        a.menu.setObjectName("editMenu")
        a.menu.addActions([self.undo.undo, self.undo.redo])
        a.menu.addSeparator()
        a.menu.addActions([a.edit, a.add, a.move, a.reshape])
        a.menu.addSeparator()
        a.menu.addAction(a.delete)
        w.menuBar().insertMenu(w.commands.view_menu.menuAction(), a.menu)
        w.commands.map_modes.addAction(a.add)
        w.commands.map_modes.addAction(a.move)
        w.commands.map_modes.addAction(a.reshape)
        return a

    def _connect(self) -> None:
        a = self.actions
        a.edit.triggered.connect(self.edit_current)
        a.delete.triggered.connect(self.delete_current)
        a.add.toggled.connect(self._on_add_toggled)
        a.move.toggled.connect(self.dragger.set_active)
        a.reshape.toggled.connect(self.outline_editor.set_active)
        self.undo.refused.connect(lambda _message: self.window.refresh_estates(()))  # what another program wrote

    # -- the file ----------------------------------------------------------------------------

    @property
    def writable(self) -> bool:
        """Whether edits can be made now."""
        return self.history is not None

    def open_file(self, path: Path) -> None:
        """Open ``path`` for writing too; a file that refuses leaves the window read-only."""
        self.close_file()
        try:
            self.edit_lock = EditLock.acquire(path, audit_user(self.window) or default_user())
            inventory = Inventory.open(path, user=audit_user(self.window))
        except InventoryError as error:
            self._release_lock()
            self.readonly_reason = error.message(ui_language())
        else:
            inventory.wait_limit_s = UI_WAIT_LIMIT_S  # an edit blocks the window: refuse sooner than the CLI
            self.inventory, self.history = inventory, EditHistory(inventory)
            self.undo.set_history(self.history)
            if inventory.backup is not None:  # the writable open migrated an older file
                self.window.reload_session()
        self._update_actions()
        self.window.update_title()
        if self.readonly_reason:
            self.window.status.showMessage(tr("只读：{reason}").format(reason=self.readonly_reason), 10000)

    def reopen_file(self) -> None:
        """Open the file afresh after something else wrote it (an import): the undo steps no longer apply."""
        if self.inventory is None or self.history is None:
            return
        path, history = self.inventory.path, self.history
        self.inventory.close()
        try:
            self.inventory = Inventory.open(path, user=audit_user(self.window))
            self.inventory.wait_limit_s = UI_WAIT_LIMIT_S
        except InventoryError:
            self.close_file()
            self.open_file(path)
            return
        history.clear(self.inventory)

    def close_file(self) -> None:
        """Let go of the writable connection (another file is opened, or the window closes)."""
        self.actions.add.setChecked(False)
        self.actions.move.setChecked(False)
        self.actions.reshape.setChecked(False)
        if self.form is not None:
            self.form.close()
        self.undo.set_history(None)
        self.history = None
        if self.inventory is not None:
            self.inventory.close()
            self.inventory = None
        self._release_lock()
        self.readonly_reason = ""
        self._update_actions()

    def _release_lock(self) -> None:
        if self.edit_lock is not None:
            self.edit_lock.release()
        self.edit_lock = None

    def close(self) -> None:
        """The window closes."""
        self.close_file()
        self.undo.close()
        self.dragger.close()
        self.outline_editor.close()

    # -- following the view -------------------------------------------------------------------

    def bind(self, session: MapSession) -> None:
        """Follow a (re)opened session's selection; the map modes carry over."""
        self.unbind()
        self.session = session
        session.state.selection_changed.connect(self._update_actions)
        self.dragger.bind(session)
        self.outline_editor.bind(session)
        if self.actions.add.isChecked():
            self.window.controller.pick_point(self._on_point_picked)
        self._update_actions()

    def unbind(self) -> None:
        """The session closes."""
        if self.session is not None:
            self.session.state.selection_changed.disconnect(self._update_actions)
        self.session = None
        self.dragger.bind(None)
        self.outline_editor.bind(None)
        self._update_actions()

    def _on_history(self, event: HistoryEvent) -> None:
        if event.kind != "clear":
            self.window.refresh_estates(event.estate_codes)
            self.window.follow_history(event)  # a facility edit: that facility on the map

    def retranslate(self) -> None:
        """After a language change: the read-only status tips again, in the new language."""
        self._update_actions()

    def _update_actions(self) -> None:
        a, can = self.actions, self.writable and self.session is not None
        current = self.session.state.current if self.session is not None else None
        a.edit.setEnabled(can and current is not None)
        a.delete.setEnabled(can and current is not None)
        a.add.setEnabled(can)
        a.move.setEnabled(can)
        a.reshape.setEnabled(can)
        tip = tr("清单以只读方式打开，不能编辑：{reason}").format(reason=self.readonly_reason)
        for action in (a.edit, a.delete, a.add, a.move, a.reshape):
            action.setStatusTip(tip if self.readonly_reason else action.toolTip())

    # -- edits -----------------------------------------------------------------------------------

    def edit_current(self) -> EstateFormDialog | None:
        """Open the form on the current estate."""
        code = self.session.state.current if self.session is not None else None
        if self.history is None or code is None:
            return None
        try:
            return self._show_form(EstateFormDialog.for_estate(self.history, code, parent=self.window))
        except InventoryError as error:
            show_message(self.window, tr("无法编辑"), error.message(ui_language()))
            return None

    def _show_form(self, form: EstateFormDialog) -> EstateFormDialog:
        if self.form is not None:
            self.form.close()
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.destroyed.connect(lambda _=None, f=form: self._forget_form(f))
        self.form = form
        form.open()
        return form

    def _forget_form(self, form: EstateFormDialog) -> None:
        if self.form is form:
            self.form = None

    def delete_current(self) -> QMessageBox | None:
        """Ask, then delete the current estate through the history."""
        state = self.session.state if self.session is not None else None
        if self.history is None or state is None or state.current is None:
            return None
        code = state.current
        row = state.table.row_of(code)
        name = (state.table.name[row] if row is not None else None) or code
        text = tr("删除小区“{name}”（{code}）及其范围面、楼栋、联系人、摄像头、资金和改造内容？\n可以用“撤销”恢复。")
        expected = self._shown_row(code)  # refused if another program changed the estate since
        return ask(
            self.window,
            tr("删除小区"),
            text.format(name=name, code=code),
            lambda: self._push(DeleteEstate(code, name, expected=expected), tr("无法删除")),
        )

    def move_estate(self, code: str, lonlat_4490: tuple[float, float]) -> bool:
        """Move an estate's point (a drag on the map ends here); refused if another program moved it since."""
        return self._push(MoveEstate(code, lonlat_4490, expected=self._shown_point(code)), tr("无法移动"))

    def _shown_point(self, code: str) -> dict[str, bytes | None] | None:
        """The point the map shows (what OneMap last read), for the store's lost-update check."""
        table = self.session.state.table if self.session is not None else None
        row = None if table is None else table.row_of(code)
        if table is None or row is None or math.isnan(float(table.lon[row])):
            return None
        return {"geom": point_blob((float(table.lon[row]), float(table.lat[row])))}

    def _shown_row(self, code: str) -> dict[str, Any] | None:
        """The estate's fields as the details dock shows them, and its point as the map does."""
        source = getattr(self.window.details, "source", None)
        if not source or source[0].code != code:
            return self._shown_point(code)
        return {**source[0].attributes(), **(self._shown_point(code) or {})}

    def reshape_outline(self, code: str, outline: BaseGeometry) -> bool:
        """Replace an estate's outline (a vertex drag on the map ends here).

        Refused if another program changed the estate's row, or the outline the drag started
        from, since OneMap read them.
        """
        shown = self.outline_editor.shown if self.outline_editor.code in (code, None) else None
        command = SetOutline(code, outline, expected=self._shown_row(code), shown_outline=shown)
        return self._push(command, tr("无法修改范围面"))

    def _stored_outline(self, code: str) -> BaseGeometry | None:
        """The outline as the file holds it now (the writable connection; None when not editable)."""
        if self.inventory is None:
            return None
        try:
            return self.inventory.outline(code)
        except InventoryError:
            return None

    def _push(self, command: EditCommand, title: str) -> bool:
        if self.history is None:
            return False
        try:
            return self.history.push_and_apply(command)
        except (EditRefused, InventoryError) as error:
            show_message(self.window, title, message_of(error, ui_language(), self.history.inventory.path))
            if isinstance(error, ConflictError):
                self.window.refresh_estates(command.estate_codes)  # show what the other program wrote
            return False

    # -- new estates -------------------------------------------------------------------------------

    def _on_add_toggled(self, on: bool) -> None:
        self.window.controller.pick_point(self._on_point_picked if on else None)
        if on:
            self.window.status.showMessage(tr("在地图上点击新小区的位置（Esc 取消）"))
        else:
            self.window.status.clearMessage()

    def _on_point_picked(self, x: float, y: float) -> None:
        self.actions.add.setChecked(False)
        self.add_estate_at(to_lonlat(x, y))

    def add_estate_at(self, lonlat_4490: tuple[float, float] | None) -> EstateFormDialog | None:
        """Open the form for a new estate at a point (EPSG:4490); Save adds it and selects it."""
        if self.history is None or self.inventory is None:
            return None
        code = next_estate_code(self.inventory)
        form = EstateFormDialog.for_new_estate(self.history, code, lonlat_4490, parent=self.window)
        form.saved.connect(lambda command, c=code: self._select_new(c, command))
        return self._show_form(form)

    def _select_new(self, code: str, command: EditCommand | None) -> None:
        if command is not None and self.session is not None:
            self.session.state.select([code])

    def escape(self) -> bool:
        """Esc: leave the add mode; False when there was nothing to leave."""
        if self.actions.add.isChecked():
            self.actions.add.setChecked(False)
            return True
        return False
