"""The estate form's own fields: widgets <-> the Estate being edited, and a message under each.

Widgets hold text; they write it into the form's Estate unchanged, so the core's check
(:func:`onemap.edit.check_form`) judges exactly what the clerk typed and its message
appears, in red, right under that field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from onemap.edit import FormCheck
from onemap.gui.editing.child_tables import ERROR_COLOUR, WARNING_COLOUR, shown, vocab_combo
from onemap.gui.uiload import child
from onemap.model import (
    CATEGORIES,
    COORD_SOURCES,
    ESTATE_KINDS,
    MANAGEMENT_MODES,
    OUTPUT_FIELDS,
    PROPERTY_TYPES,
    STATUSES,
    Estate,
)

#: fields typed as text (numbers and dates too: the core reads and judges them)
TEXT_FIELDS = (
    "code",
    "name",
    "former_name",
    "township",
    "community",
    "address",
    "built_year",
    "built_year_text",
    "buildings",
    "households",
    "floor_area_m2",
    "renewal_year",
    "progress_pct",
    "start_date",
    "finish_date",
    "investment_wan",
    *OUTPUT_FIELDS,
)
#: fields chosen from a word list that also takes other words (shown as a warning)
OPEN_CHOICES = {"kind": ESTATE_KINDS, "property_type": PROPERTY_TYPES, "management": MANAGEMENT_MODES}
#: fields whose stored value is a key with labels
KEYED_CHOICES = {"status": STATUSES, "coord_source": COORD_SOURCES}
#: every field that has a message label under it
MESSAGE_FIELDS = (*TEXT_FIELDS, *OPEN_CHOICES, *KEYED_CHOICES, "categories", "location", "notes")
_BORDER = "QLineEdit, QComboBox {{ border: 1px solid {colour}; }}"


class FieldBinder:
    """The scalar fields of the loaded ``estate_form.ui``."""

    def __init__(self, root: QWidget, on_change: Callable[[], None], lang: str = "zh") -> None:
        self.root, self._on_change, self._lang = root, on_change, lang
        self.text = {name: child(root, QLineEdit, f"f_{name}") for name in TEXT_FIELDS}
        self.lon: QLineEdit = child(root, QLineEdit, "f_lon")
        self.lat: QLineEdit = child(root, QLineEdit, "f_lat")
        self.notes: QPlainTextEdit = child(root, QPlainTextEdit, "f_notes")
        self.updated: QLabel = child(root, QLabel, "f_updated_at")
        self.combos = {name: child(root, QComboBox, f"f_{name}") for name in (*OPEN_CHOICES, *KEYED_CHOICES)}
        self.categories = {key: child(root, QCheckBox, f"cat_{key}") for key in CATEGORIES}
        self.messages = {name: child(root, QLabel, f"err_{name}") for name in MESSAGE_FIELDS}
        self._loaded: dict[str, Any] = {}
        self._connected = False

    def widget_for(self, field: str) -> QWidget | None:
        """The input of a field (for focus): ``households`` -> its line edit."""
        if field in self.text:
            return self.text[field]
        if field in self.combos:
            return self.combos[field]
        return {"location": self.lon, "notes": self.notes, "categories": self.categories["basic"]}.get(field)

    # -- loading -------------------------------------------------------------------------------

    def load(self, estate: Estate, code_editable: bool) -> None:
        """Fill the widgets from ``estate``."""
        for widget in self._inputs():
            widget.blockSignals(True)
        for name, edit in self.text.items():
            edit.setText(shown(getattr(estate, name)))
        self.text["code"].setReadOnly(not code_editable)
        self._load_choices(estate)
        for key, box in self.categories.items():
            box.setChecked(key in estate.categories)
        lon, lat = estate.location or ("", "")
        self.lon.setText(shown(lon))
        self.lat.setText(shown(lat))
        self.notes.setPlainText(estate.notes or "")
        self.updated.setText(estate.updated_at or "")
        self._loaded = {
            "location": estate.location,
            "lonlat": (self.lon.text(), self.lat.text()),
            "categories": list(estate.categories),
        }
        for widget in self._inputs():
            widget.blockSignals(False)
        self._connect()

    def _load_choices(self, estate: Estate) -> None:
        for name, words in OPEN_CHOICES.items():
            combo = self.combos[name]
            combo.clear()
            combo.addItems(["", *words])
            combo.setCurrentText(getattr(estate, name) or "")
        for name, vocab in KEYED_CHOICES.items():
            combo = self.combos[name]
            filled = vocab_combo(vocab, getattr(estate, name), self._lang)
            combo.clear()
            combo.addItem("", None)
            for index in range(filled.count()):
                combo.addItem(filled.itemText(index), filled.itemData(index))
            combo.setCurrentIndex(max(combo.findData(getattr(estate, name)), 0))
            filled.deleteLater()

    def _inputs(self) -> list[QWidget]:
        return [*self.text.values(), self.lon, self.lat, self.notes, *self.combos.values(), *self.categories.values()]

    def _connect(self) -> None:
        if self._connected:
            return
        self._connected = True
        for edit in (*self.text.values(), self.lon, self.lat):
            edit.textChanged.connect(lambda _t: self._on_change())
        self.notes.textChanged.connect(self._on_change)
        for combo in self.combos.values():
            combo.currentTextChanged.connect(lambda _t: self._on_change())
        for box in self.categories.values():
            box.toggled.connect(lambda _on: self._on_change())

    # -- storing -------------------------------------------------------------------------------

    def store(self, estate: Estate) -> None:
        """Write what the widgets say into ``estate`` (text as typed; the core reads it)."""
        for name, edit in self.text.items():
            setattr(estate, name, edit.text())
        for name in OPEN_CHOICES:
            setattr(estate, name, self.combos[name].currentText())
        for name in KEYED_CHOICES:
            setattr(estate, name, self.combos[name].currentData())
        chosen = [key for key, box in self.categories.items() if box.isChecked()]
        original = self._loaded.get("categories", [])
        estate.categories = original if set(chosen) == set(original) else chosen
        estate.location = self._location()
        estate.notes = self.notes.toPlainText()

    def _location(self) -> Any:
        typed = (self.lon.text().strip(), self.lat.text().strip())
        if typed == tuple(t.strip() for t in self._loaded.get("lonlat", ("", ""))):
            return self._loaded.get("location")
        if typed == ("", ""):
            return None
        try:
            return float(typed[0]), float(typed[1])
        except ValueError:
            return typed  # the check says it is not a (lon, lat) pair

    # -- messages ------------------------------------------------------------------------------

    def show_problems(self, check: FormCheck, lang: str) -> dict[str, str]:
        """Show each field's messages under it; returns field -> "error" or "warning"."""
        severity: dict[str, str] = {}
        for problem in check.problems:
            if problem.field in self.messages:
                worst = severity.get(problem.field)
                severity[problem.field] = "error" if "error" in (worst, problem.severity) else "warning"
        for name, label in self.messages.items():
            text = check.message_for(name, lang)
            label.setText(text)
            label.setVisible(bool(text))
            colour = ERROR_COLOUR if severity.get(name) == "error" else WARNING_COLOUR
            label.setStyleSheet(f"color: {colour};")
            widget = self.widget_for(name)
            if widget is not None:
                widget.setStyleSheet(_BORDER.format(colour=colour) if text else "")
        return severity
