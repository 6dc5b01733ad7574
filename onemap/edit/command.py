"""The undoable edit: one store change that knows how to take itself back.

``apply`` and ``revert`` each run one :meth:`Inventory.transaction`, so every do, undo
and redo is a complete change in the file and in its ``audit_log``, or no change at all.
Subclasses write ``do`` and ``undo`` (which run inside that transaction) and
``describe``.  A linear history replays a command only in the state it was made for, so
codes stay right; only child-row ``fid`` values move, see :mod:`onemap.edit.rowids`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from onemap.edit.rowids import row_ids
from onemap.store import Inventory


class EditRefused(ValueError):
    """An edit that cannot be made (or taken back) safely, with a sentence in both languages."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_zh)
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, lang: str = "zh") -> str:
        """The sentence in Chinese (``"zh"``) or English."""
        return self.message_zh if lang == "zh" else self.message_en


class EditCommand(ABC):
    """One undoable change to an inventory."""

    #: False after ``apply`` when the edit turned out to change nothing (not worth an undo step)
    changed: bool = True

    def apply(self, inventory: Inventory) -> None:
        """Make the change (first time or redo) in one transaction."""
        with row_ids(inventory).staged(), inventory.transaction():
            self.do(inventory)

    def revert(self, inventory: Inventory) -> None:
        """Take the change back in one transaction."""
        with row_ids(inventory).staged(), inventory.transaction():
            self.undo(inventory)

    @abstractmethod
    def do(self, inventory: Inventory) -> None:
        """The change itself; runs inside the caller's transaction."""

    @abstractmethod
    def undo(self, inventory: Inventory) -> None:
        """The change taken back; runs inside the caller's transaction."""

    @abstractmethod
    def describe(self, lang: str = "zh") -> str:
        """What the edit does, for a menu: 修改户数 / Edit households."""

    @property
    @abstractmethod
    def estate_codes(self) -> tuple[str, ...]:
        """The estates this edit touches (after it is applied), for views to redraw."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.describe('en')}>"


class EditGroup(EditCommand):
    """Several edits as one undo step (a form's Save), applied in order and undone in reverse.

    Parameters
    ----------
    commands : sequence of EditCommand
        The edits, in the order they are made.
    description_zh, description_en : str
        Menu text for the whole group.
    """

    def __init__(self, commands: Sequence[EditCommand], description_zh: str, description_en: str) -> None:
        self.commands = list(commands)
        self._description = (description_zh, description_en)

    def do(self, inventory: Inventory) -> None:
        for command in self.commands:
            command.do(inventory)
        self.changed = any(command.changed for command in self.commands)

    def undo(self, inventory: Inventory) -> None:
        for command in reversed(self.commands):
            command.undo(inventory)

    def describe(self, lang: str = "zh") -> str:
        return self._description[0] if lang == "zh" else self._description[1]

    @property
    def estate_codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(code for command in self.commands for code in command.estate_codes))
