"""Edit ▸ Undo / Redo as QActions bound both ways to an :class:`~onemap.edit.EditHistory`.

Triggering an action undoes or redoes in the history; every change of the history (a
Save in the form, a move on the map, an undo from anywhere) updates both actions' text
(撤销 修改户数 / Undo Edit households) and whether they are enabled.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from onemap.edit import EditHistory, EditRefused, HistoryEvent
from onemap.gui.errors import show_message
from onemap.gui.i18n.language import ui_language
from onemap.gui.jobs import message_of
from onemap.store.errors import InventoryError


class UndoActions(QObject):
    """The Undo (Ctrl+Z) and Redo (Ctrl+Y, also Ctrl+Shift+Z) actions of one window.

    Parameters
    ----------
    history : EditHistory or None
        The history to follow; None disables both until :meth:`set_history`.
    parent : QWidget, optional
        The window: owns the actions and parents the message when an undo is refused.

    Signals
    -------
    history_changed(event)
        The history's :class:`~onemap.edit.HistoryEvent` (push, undo, redo, clear), on
        the UI thread, so views can redraw ``event.estate_codes``.
    refused(message)
        An undo or redo the store refused (the value was changed by something else);
        the step stays on the stack and a message box says why.
    """

    history_changed = Signal(object)
    refused = Signal(str)

    def __init__(self, history: EditHistory | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._window = parent
        self.history: EditHistory | None = None
        self.undo = QAction(parent or self)
        self.undo.setObjectName("action_undo")
        self.undo.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo = QAction(parent or self)
        self.redo.setObjectName("action_redo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.undo.triggered.connect(self.undo_step)
        self.redo.triggered.connect(self.redo_step)
        self.set_history(history)
        # the window's language changes (every widget gets one): watching it, not every event of the application
        self._watched = parent if parent is not None else QCoreApplication.instance()
        if self._watched is not None:
            self._watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange and watched is self._watched:
            self.refresh()
        return False

    def set_history(self, history: EditHistory | None) -> None:
        """Follow another history (another file was opened), or none."""
        if self.history is not None:
            self.history.unsubscribe(self._on_history)
        self.history = history
        if history is not None:
            history.subscribe(self._on_history)
        self.refresh()

    def close(self) -> None:
        """Stop following the history (the window closes)."""
        self.set_history(None)

    def refresh(self) -> None:
        """Texts and enabled states from the history, in the interface language."""
        history, lang = self.history, ui_language()
        if history is None:
            self.undo.setText(self.tr("撤销"))
            self.redo.setText(self.tr("重做"))
        else:
            self.undo.setText(history.undo_text(lang))
            self.redo.setText(history.redo_text(lang))
        self.undo.setEnabled(history is not None and history.can_undo())
        self.redo.setEnabled(history is not None and history.can_redo())
        self.undo.setStatusTip(self.undo.text())
        self.redo.setStatusTip(self.redo.text())

    def undo_step(self) -> None:
        """Undo the latest edit (what Ctrl+Z does)."""
        self._step(lambda h: h.undo())

    def redo_step(self) -> None:
        """Redo the latest undone edit (what Ctrl+Y does)."""
        self._step(lambda h: h.redo())

    def _step(self, move) -> None:  # type: ignore[no-untyped-def]
        if self.history is None:
            return
        try:
            move(self.history)
        except (EditRefused, InventoryError) as error:
            message = message_of(error)
            self.refused.emit(message)
            show_message(self._window, self.tr("无法撤销或重做"), message)
            self.refresh()

    def _on_history(self, event: HistoryEvent) -> None:
        self.refresh()
        self.history_changed.emit(event)
