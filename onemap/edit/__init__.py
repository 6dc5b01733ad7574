"""Editing with undo and redo, Qt-free: commands over the store API and the history that holds them.

Every command's ``apply`` and ``revert`` is one store transaction, so each do, undo and
redo is recorded in ``audit_log`` and shows in the estate's history.
"""

from onemap.edit.children import AddChild, DeleteChild, UpdateChild
from onemap.edit.command import EditCommand, EditGroup, EditRefused
from onemap.edit.estate_edits import MoveEstate, SetEstateFields, SetOutline
from onemap.edit.form import EstateForm
from onemap.edit.form_check import FormCheck, check_form, field_value
from onemap.edit.history import EditHistory, HistoryEvent
from onemap.edit.lifecycle import AddEstate, DeleteEstate

__all__ = [
    "AddChild",
    "AddEstate",
    "DeleteChild",
    "DeleteEstate",
    "EditCommand",
    "EditGroup",
    "EditHistory",
    "EditRefused",
    "EstateForm",
    "FormCheck",
    "HistoryEvent",
    "MoveEstate",
    "SetEstateFields",
    "SetOutline",
    "UpdateChild",
    "check_form",
    "field_value",
]
