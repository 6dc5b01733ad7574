"""The undo stack: Ctrl+Z / Ctrl+Y over every edit, as a plain object a Qt view can follow.

Like ``QUndoStack`` but Qt-free: :meth:`EditHistory.push_and_apply` makes an edit and
remembers it; observers get a :class:`HistoryEvent` after every change of the stack, so a
menu can say 撤销 修改户数 and the map can redraw the estates involved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from onemap.edit.command import EditCommand
from onemap.store import Inventory

EventKind = Literal["push", "undo", "redo", "clear"]
Observer = Callable[["HistoryEvent"], None]
_UNDO = {"zh": "撤销", "en": "Undo"}
_REDO = {"zh": "重做", "en": "Redo"}


@dataclass(frozen=True)
class HistoryEvent:
    """What just happened to the stack, and the estates a view should redraw."""

    kind: EventKind
    command: EditCommand | None
    estate_codes: tuple[str, ...]
    can_undo: bool
    can_redo: bool


class EditHistory:
    """Undo and redo for one open inventory.

    Parameters
    ----------
    inventory : Inventory
        The open, writable inventory the edits go to.
    limit : int
        Undo steps kept; the oldest fall off beyond it.
    """

    def __init__(self, inventory: Inventory, limit: int = 100) -> None:
        if limit < 1:
            raise ValueError("an undo history needs room for at least one step")
        self.inventory = inventory
        self.limit = limit
        self._done: list[EditCommand] = []
        self._undone: list[EditCommand] = []
        self._observers: list[Observer] = []

    def push_and_apply(self, command: EditCommand) -> bool:
        """Make the edit and put it on the stack; False (nothing pushed) when it changed nothing.

        Raises whatever the store raises (the file is then unchanged and the stack too).
        """
        command.apply(self.inventory)
        if not command.changed:
            return False
        self._done.append(command)
        del self._done[: -self.limit]
        self._undone.clear()
        self._notify("push", command)
        return True

    def undo(self) -> EditCommand | None:
        """Take back the latest edit; None when there is nothing to undo.

        Raises
        ------
        EditRefused
            When the values were changed since by something outside this history; the
            step stays on the stack.
        """
        if not self._done:
            return None
        command = self._done[-1]
        command.revert(self.inventory)
        self._undone.append(self._done.pop())
        self._notify("undo", command)
        return command

    def redo(self) -> EditCommand | None:
        """Make the latest undone edit again; None when there is nothing to redo."""
        if not self._undone:
            return None
        command = self._undone[-1]
        command.apply(self.inventory)
        self._done.append(self._undone.pop())
        self._notify("redo", command)
        return command

    def clear(self, inventory: Inventory | None = None) -> None:
        """Forget every step (another file was opened, or an import changed this one)."""
        if inventory is not None:
            self.inventory = inventory
        self._done.clear()
        self._undone.clear()
        self._notify("clear", None)

    def can_undo(self) -> bool:
        """Whether there is a step to undo."""
        return bool(self._done)

    def can_redo(self) -> bool:
        """Whether there is a step to redo."""
        return bool(self._undone)

    def undo_text(self, lang: str = "zh") -> str:
        """Menu text: 撤销 修改户数 (just 撤销 when there is nothing to undo)."""
        return _menu(_UNDO, self._done, lang)

    def redo_text(self, lang: str = "zh") -> str:
        """Menu text: 重做 修改户数 (just 重做 when there is nothing to redo)."""
        return _menu(_REDO, self._undone, lang)

    def __len__(self) -> int:
        return len(self._done)

    def subscribe(self, observer: Observer) -> None:
        """Call ``observer(event)`` after every push, undo, redo and clear."""
        self._observers.append(observer)

    def unsubscribe(self, observer: Observer) -> None:
        """Stop calling ``observer`` (a closing view)."""
        if observer in self._observers:
            self._observers.remove(observer)

    def _notify(self, kind: EventKind, command: EditCommand | None) -> None:
        codes = () if command is None else command.estate_codes
        event = HistoryEvent(kind, command, codes, self.can_undo(), self.can_redo())
        for observer in list(self._observers):
            observer(event)


def _menu(verb: dict[str, str], stack: list[EditCommand], lang: str) -> str:
    word = verb["zh" if lang == "zh" else "en"]
    return f"{word} {stack[-1].describe(lang)}" if stack else word
