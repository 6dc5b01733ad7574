"""Editing on the server from the viewer: the Edit menu as on a file, and the version-checked estate form.

Once a server session is open, :func:`start_editing` gives the window's Edit menu a writable
connection as the login (:class:`~onemap.store.server.inventory.ServerInventory`) and an undo
history over it (:class:`ServerHistory`): the form with its child rows, moving a point,
reshaping an outline, deleting and adding estates, 片区 membership and 配套设施 (add,
move, retype, delete), undo and redo each land as one transaction
audited as the login, and row-level security refuses what lies outside its county or township.
An edit another login overtook is refused naming them and opens the conflict dialog: keep
theirs, or make mine again over what is there now.  A viewer's login stays read-only, said in
the title bar.  :class:`ServerEstateForm` (Edit ▸ 在服务器上编辑小区…, hidden once the Edit menu
writes as the login) saves only the estate's own fields, naming the row version read when the
form opened (:func:`~onemap.gui.server.conflict.save_estate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from onemap.edit import (
    EditCommand,
    EditGroup,
    EditHistory,
    MoveEstate,
    SetOutline,
)
from onemap.gui.editing.estate_form import EstateFormDialog
from onemap.gui.errors import show_message
from onemap.gui.i18n import tr
from onemap.gui.jobs import message_of
from onemap.model import ESTATE_COLUMNS

if TYPE_CHECKING:
    from onemap.gui.main_window import MainWindow
    from onemap.gui.server.control import ServerControl
    from onemap.store import Inventory

# fields the form shows but the server sets itself (or that name the row)
_NOT_SENT = frozenset(("code", "updated_at"))


@dataclass
class _Writer:
    """What the form asks of an edit history: the inventory it writes (here the server)."""

    inventory: Any


class ServerEstateForm(EstateFormDialog):
    """The estate form on a server's estate; :attr:`outcome` is ``saved``, ``mine`` or ``theirs`` once saved."""

    def __init__(self, window: MainWindow, server: Any, code: str) -> None:
        from onemap.edit.form import EstateForm
        from onemap.store.rows import CHILD_LISTS, CHILD_TABLES

        self.main, self.server, self.code = window, server, code
        self.version = server.estate_version(code)  # before the read: a change in between is caught
        estate = server.estate(code)
        fids = {t: [getattr(row, "fid", None) for row in getattr(estate, CHILD_LISTS[t])] for t in CHILD_TABLES}
        super().__init__(_Writer(server), EstateForm(estate, fids, code, {}), parent=window)  # type: ignore[arg-type]
        self.setObjectName("serverEstateForm")
        self.outcome = ""

    def changes(self) -> dict[str, Any]:
        """The estate's fields the user changed since the form opened."""
        self._changed()
        from onemap.edit.form_check import coerced

        typed, opened = coerced(self.form.estate), coerced(self._opened)  # a blank box is None, "12" is 12
        return {
            name: getattr(typed, name)
            for name in ESTATE_COLUMNS
            if name not in _NOT_SENT and getattr(typed, name) != getattr(opened, name)
        }

    def save(self) -> bool:
        """Send the changed fields; a conflict asks mine or theirs; other refusals keep the form open."""
        from onemap.gui.server.conflict import save_estate

        if not self.save_button.isEnabled():
            return False
        changes = self.changes()
        if changes:
            try:
                self.outcome = save_estate(self, self.server, self.code, self.version, changes)
            except Exception as error:
                show_message(self, tr("无法保存"), message_of(error))
                return False
            self.main.refresh_estates([self.code], ["estates"])
        self.accept()
        return True


def edit_on_server(window: MainWindow, writer: Any) -> ServerEstateForm | None:
    """Open the form on the window's current estate, writing through ``writer`` (a ServerInventory)."""
    session = window.session
    code = None if session is None else session.state.current
    if code is None:
        return None
    try:
        form = ServerEstateForm(window, writer, code)
    except Exception as error:
        show_message(window, tr("无法编辑"), message_of(error))
        return None
    form.open()
    return form


class ServerHistory(EditHistory):
    """Undo and redo on the server; an edit another login overtook asks mine or theirs (the conflict dialog)."""

    def __init__(self, inventory: Any, window: MainWindow) -> None:
        super().__init__(inventory)
        self.window = window

    def push_and_apply(self, command: EditCommand) -> bool:
        """Make the edit; on ``changed_by`` show both values: theirs stays (False) or mine is made again."""
        from onemap.gui.server.conflict import OVERWRITE, ConflictDialog
        from onemap.store.server.writes import StaleEdit

        try:
            return super().push_and_apply(command)
        except StaleEdit as refused:
            mine = _wanted(command)
            rows = [(name, mine.get(name, "—"), theirs) for name, theirs in refused.changed.items()]
            code = refused.key.split("/", 1)[0]
            row = self.inventory.estate_row(code) or {}
            where = f"{row.get('name') or code}（{refused.key}）"
            fields = refused.fields
            who, when = str(fields.get("other", "")), str(fields.get("at", ""))
            dialog = ConflictDialog(self.window, where, rows, who, when, refused.table)
            dialog.exec()
            if dialog.choice != OVERWRITE:
                self.window.refresh_estates(command.estate_codes)  # show what they left
                return False
        _forget_what_was_read(command)  # mine again, over what is there now (a third login's change meanwhile is lost)
        return super().push_and_apply(command)


def _wanted(command: EditCommand) -> dict[str, Any]:
    """Field -> what this edit wanted to write, for the conflict dialog's 我的值 column."""
    if isinstance(command, EditGroup):
        return {k: v for part in command.commands for k, v in _wanted(part).items()}
    if isinstance(command, MoveEstate):
        return {"geom": "—" if command.location is None else "{:.6f}, {:.6f}".format(*command.location)}
    if isinstance(command, SetOutline):
        return {"geom": tr("新画的范围面") if command.outline is not None else tr("删除范围面")}
    return dict(getattr(command, "changes", {}) or {})


def _forget_what_was_read(command: EditCommand) -> None:
    for part in command.commands if isinstance(command, EditGroup) else [command]:
        if hasattr(part, "expected"):
            part.expected = None
        if isinstance(part, SetOutline):
            part.shown_outline = None


def start_editing(control: ServerControl) -> None:
    """The Edit menu on the server session just opened: writable as the login, or read-only with the reason."""
    from onemap.store.server.inventory import ServerInventory
    from onemap.store.server.viewreads import split_view_url

    window, session = control.window, control.session
    editing = window.editing
    if session is None:
        return
    try:
        writer = control.writer or ServerInventory.open(split_view_url(session.url)[0])
    except Exception as error:
        editing.readonly_reason = message_of(error)
        window.update_title()
        return
    control.writer = writer
    if not writer.may_write():
        control.edit_action.setEnabled(False)  # the version-checked form too: the database would refuse it
        editing.readonly_reason = tr("账号 {login} 在这个服务器清单上只能查看，不能修改").format(login=writer.login)
        window.update_title()
        return
    history = ServerHistory(writer, window)
    # the server answers the Inventory's write API the edit commands use (onemap.store.server.edits)
    editing.inventory, editing.history, editing.readonly_reason = cast("Inventory", writer), history, ""
    editing.undo.set_history(history)
    # the Edit menu's own form now saves on the server with its child rows and undo: one form, not two
    control.edit_action.setVisible(False)
    editing._update_actions()
    window.update_title()
