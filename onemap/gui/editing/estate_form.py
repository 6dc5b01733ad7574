"""Edit ▸ Edit estate: every field of one estate, its contacts, cameras, funding and items.

The core checks the form after every keystroke (:meth:`onemap.edit.EstateForm.check`);
each message appears in red under its field or table, tabs with a problem turn red, and
Save stays disabled until nothing is an error.  Save pushes the form's one edit command
through the :class:`~onemap.edit.EditHistory` it was given, so it is one undo step and
lands in ``audit_log``.
"""

from __future__ import annotations

import copy
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from onemap.edit import EditCommand, EditHistory, EditRefused, EstateForm, FormCheck
from onemap.gui.editing.child_tables import ERROR_COLOUR, SPECS, WARNING_COLOUR, ChildTable
from onemap.gui.editing.form_fields import FieldBinder
from onemap.gui.errors import show_message
from onemap.gui.i18n.language import ui_language
from onemap.gui.jobs import message_of
from onemap.gui.uiload import child, load_form
from onemap.model import ESTATE_COLUMNS, OUTPUT_FIELDS
from onemap.store.errors import ConflictError, InventoryError

#: the tab each scalar field sits on (the tab turns red while one of its fields is wrong)
_TAB_OF = {
    "tabIdentity": (
        "code",
        "name",
        "former_name",
        "kind",
        "township",
        "community",
        "address",
        "location",
        "coord_source",
    ),
    "tabStock": (
        "built_year",
        "built_year_text",
        "buildings",
        "households",
        "floor_area_m2",
        "property_type",
        "management",
    ),
    "tabRenewal": (
        "renewal_year",
        "categories",
        "status",
        "progress_pct",
        "start_date",
        "finish_date",
        "investment_wan",
        "notes",
    ),
    "tabOutputs": OUTPUT_FIELDS,
}


class EstateFormDialog(QDialog):
    """The estate form.

    Parameters
    ----------
    history : EditHistory
        The undo history of the open, writable inventory; Save pushes through it.
    form : EstateForm
        What to edit: ``EstateForm.load(inventory, code)`` or ``EstateForm.new(code, ...)``;
        see :meth:`for_estate` and :meth:`for_new_estate`.
    today : date, optional
        What "this year" means for the year checks (tests pin it).

    Signals
    -------
    saved(command)
        After Save made its edit (the :class:`~onemap.edit.EditCommand`; ``None`` when
        nothing had changed and the form just closed).
    """

    saved = Signal(object)

    def __init__(
        self, history: EditHistory, form: EstateForm, *, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("estateFormDialog")
        self.history, self.form, self.today = history, form, today
        self.lang = ui_language()
        self.page = load_form("estate_form", self)
        QVBoxLayout(self).addWidget(self.page)
        self.setWindowTitle(self.page.windowTitle())
        self.tabs: QTabWidget = child(self.page, QTabWidget, "tabs")
        self.summary: QLabel = child(self.page, QLabel, "summaryLabel")
        self.buttons: QDialogButtonBox = child(self.page, QDialogButtonBox, "buttons")
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.fields = FieldBinder(self.page, self._changed, self.lang)
        self.tables = {spec.key: self._child_table(spec) for spec in SPECS}
        self.check: FormCheck | None = None
        #: the estate as read when the form opened: after a conflict, what the user typed is what differs from it
        self._opened = copy.deepcopy(form.estate)
        self._load()
        self.resize(780, 640)

    @classmethod
    def for_estate(
        cls, history: EditHistory, code: str, *, today: date | None = None, parent: QWidget | None = None
    ) -> EstateFormDialog:
        """The form for an estate in the file (raises the store's ``no_estate`` error)."""
        return cls(history, EstateForm.load(history.inventory, code), today=today, parent=parent)

    @classmethod
    def for_new_estate(
        cls,
        history: EditHistory,
        code: str,
        location: tuple[float, float] | None = None,
        *,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> EstateFormDialog:
        """The form for a new estate (a click on the map gives ``location``, EPSG:4490)."""
        return cls(history, EstateForm.new(code, location=location), today=today, parent=parent)

    def _child_table(self, spec) -> ChildTable:  # type: ignore[no-untyped-def]
        table = ChildTable(
            child(self.page, QTableWidget, f"table_{spec.key}"),
            child(self.page, QLabel, f"err_{spec.key}"),
            spec,
            self._changed,
            self.lang,
        )
        child(self.page, QPushButton, f"add_{spec.key}").clicked.connect(table.add_row)
        child(self.page, QPushButton, f"remove_{spec.key}").clicked.connect(table.remove_selected)
        return table

    def _load(self) -> None:
        estate = self.form.estate
        self.fields.load(estate, code_editable=self.form.original_code is None)
        for table in self.tables.values():
            table.load(self.form)
        if self.form.original_code is None:
            title = self.tr("新增小区")
        else:
            title = self.tr("编辑小区：{name}（{code}）").format(name=estate.name, code=estate.code)
        child(self.page, QLabel, "titleLabel").setText(title)
        self.setWindowTitle(title)
        self._changed()

    # -- checking ----------------------------------------------------------------------------

    def _changed(self) -> None:
        """Read the widgets into the form, check it, and show what is wrong where."""
        self.fields.store(self.form.estate)
        self.check = self.form.check(self.today)
        severity = self.fields.show_problems(self.check, self.lang)
        errors = sum(table.show_problems(self.check, self.lang) for table in self.tables.values())
        errors += sum(1 for level in severity.values() if level == "error")
        self._colour_tabs()
        self._summarise(errors)

    def _colour_tabs(self) -> None:
        assert self.check is not None
        wrong = {p.field.split("[")[0].split(".")[0] for p in self.check.errors}
        bar = self.tabs.tabBar()
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            name = page.objectName() if page is not None else ""
            fields = _TAB_OF.get(name, (name.removeprefix("tab_"),))
            hit = any(f in wrong for f in fields)
            bar.setTabTextColor(index, QColor(ERROR_COLOUR) if hit else QColor())

    def _summarise(self, errors: int) -> None:
        assert self.check is not None
        readonly = getattr(self.history.inventory, "readonly", False)
        self.save_button.setEnabled(self.check.can_save and not readonly)
        if readonly:
            text, colour = self.tr("清单以只读方式打开，不能保存修改。"), ERROR_COLOUR
        elif not self.check.can_save:
            text = self.tr("还有 {n} 处需要改正（见红字），改正后才能保存。").format(n=len(self.check.errors))
            colour = ERROR_COLOUR
        elif self.check.warnings:
            text = self.tr("有 {n} 条提示（黄字），可以保存。").format(n=len(self.check.warnings))
            colour = WARNING_COLOUR
        else:
            text, colour = "", ERROR_COLOUR
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {colour};")
        self.summary.setVisible(bool(text))

    # -- saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        """Make the form's edit through the history and close; False (form stays open) when refused."""
        self._changed()
        if not self.save_button.isEnabled():
            return False
        inventory = self.history.inventory
        try:
            command: EditCommand | None = self.form.save_command(inventory, self.today)
            if command is not None and not self.history.push_and_apply(command):
                command = None
        except (EditRefused, InventoryError, ValueError) as error:
            show_message(self, self.tr("无法保存"), message_of(error, self.lang, inventory.path))
            if isinstance(error, ConflictError) and self.form.original_code is not None:
                self.reload_after_conflict()
            return False
        self.saved.emit(command)
        self.accept()
        return True

    def reload_after_conflict(self) -> None:
        """Show the file's current values after another program changed the estate meanwhile.

        What the user typed stays (unsaved, ready to save again) where the other program left
        that field alone; where both changed a field, the file's value is shown (the message
        named it).  The child tables show the file's rows.
        """
        code = self.form.original_code
        assert code is not None
        typed, opened = self.form.estate, self._opened
        fresh = EstateForm.load(self.history.inventory, code)
        self._opened = copy.deepcopy(fresh.estate)
        for name in (*ESTATE_COLUMNS, "location"):
            mine, before = getattr(typed, name), getattr(opened, name)
            if name != "updated_at" and mine != before and getattr(fresh.estate, name) == before:
                setattr(fresh.estate, name, copy.deepcopy(mine))
        self.form = fresh
        self._load()

    def focus_field(self, field: str) -> None:
        """Show the tab of ``field`` and put the cursor in it (``households``)."""
        widget = self.fields.widget_for(field)
        if widget is None:
            return
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
