"""Editing an estate on the server from the viewer: the estate form, saved with the row version it read.

The form is the file's (:class:`~onemap.gui.editing.estate_form.EstateFormDialog`); only saving
differs: the estate's fields the user changed go to the server in one transaction naming the
version read when the form opened, and a conflict with another login's change opens the
conflict dialog (:func:`~onemap.gui.server.conflict.save_estate`).  Child rows (contacts,
cameras …) are shown but saved only through ``checkout``/``checkin`` for now.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from onemap.gui.editing.estate_form import EstateFormDialog
from onemap.gui.errors import show_message
from onemap.gui.i18n import tr
from onemap.gui.jobs import message_of
from onemap.model import ESTATE_COLUMNS

if TYPE_CHECKING:
    from onemap.gui.main_window import MainWindow

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
