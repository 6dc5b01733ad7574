"""File ▸ Import / Export / Brief, View ▸ Statistics and Tools ▸ Settings, wired to the open inventory.

The dialogs of :mod:`onemap.gui.dialogs` each take the inventory's path and a ``--where``
filter; the map's filter becomes one through :meth:`EstateFilter.to_where`.  A filter
with parts that language cannot say (a search text, several statuses ...) is handled
honestly: the brief gets the filtered codes themselves, while export and statistics use
the conditions that can be said and say so.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt
from PySide6.QtWidgets import QDialog

from onemap.gui.actions import make_action
from onemap.gui.checkup.actions import CheckupActions
from onemap.gui.dialogs.brief_dialog import BriefDialog
from onemap.gui.dialogs.export_dialog import ExportDialog
from onemap.gui.dialogs.import_dialog import ImportDialog
from onemap.gui.dialogs.settings_dialog import SettingsDialog
from onemap.gui.docks.statistics import StatisticsDock
from onemap.gui.editing.session import audit_user
from onemap.gui.i18n import tr
from onemap.gui.i18n.language import install_language, ui_language
from onemap.gui.settings import read_settings
from onemap.gui.window_base import WindowBase
from onemap.model import BLANK_ZH, STATUSES
from onemap.settings import Settings as UserSettings
from onemap.store.audit import default_user
from onemap.view.filters import BLANK_TOWNSHIP, EstateFilter
from onemap.view.session import MapSession


def expressible_part(flt: EstateFilter) -> EstateFilter:
    """The filter without the parts ``--where`` cannot say (each part judged on its own by ``to_where``)."""
    kept = {
        f.name: getattr(flt, f.name)
        for f in fields(EstateFilter)
        if EstateFilter(**{f.name: getattr(flt, f.name)}).to_where() is not None
    }
    return EstateFilter(**kept)


def where_of(flt: EstateFilter) -> tuple[list[str], bool]:
    """The ``--where`` conditions for a map filter, and whether they are the whole filter."""
    exact = flt.to_where()
    if exact is not None:
        return exact, True
    return expressible_part(flt).to_where() or [], False


def filter_for_bar(flt: EstateFilter, condition: str) -> EstateFilter:
    """The map filter narrowed by a statistics bar's condition (``status=completed``, ``renewal_year=2024``)."""
    column, _, value = condition.partition("=")
    blank = value == BLANK_ZH
    if column == "renewal_year" and not blank:
        return flt.with_(year_min=int(float(value)), year_max=int(float(value)))
    if column == "status":
        return flt.with_(statuses=frozenset({"" if blank else value}) if blank or value in STATUSES else flt.statuses)
    if column == "township":
        return flt.with_(township=BLANK_TOWNSHIP if blank else value)
    return flt


class WorkMenus(QObject):
    """The window's import, export, brief, statistics and settings, following the open session."""

    def __init__(self, window: WindowBase) -> None:
        super().__init__(window)
        self.window = window
        self.session: MapSession | None = None
        self.dialog: QDialog | None = None
        self.statistics = StatisticsDock(window)
        self.statistics.filter_requested.connect(self._on_bar_filter)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.statistics)
        self.statistics.hide()  # hidden before it joins the details' tabs: no stray, empty tab bar is left behind
        window.tabifyDockWidget(window.details, self.statistics)
        window.details.raise_()
        self.import_ledger = make_action(
            window,
            QT_TRANSLATE_NOOP("", "导入台账…"),
            "",
            "Ctrl+I",
            tip=QT_TRANSLATE_NOOP("", "把 Excel/CSV/GeoJSON 台账导入当前清单"),
        )
        self.export = make_action(
            window,
            QT_TRANSLATE_NOOP("", "导出…"),
            "",
            "Ctrl+Shift+E",
            tip=QT_TRANSLATE_NOOP("", "按当前筛选导出 GeoPackage、GeoJSON、CSV、Excel 或 KML"),
        )
        self.brief = make_action(
            window,
            QT_TRANSLATE_NOOP("", "打印简报…"),
            "",
            "Ctrl+P",
            tip=QT_TRANSLATE_NOOP("", "为选中的小区（或当前筛选）生成 PDF 简报"),
        )
        self.settings_action = make_action(
            window,
            QT_TRANSLATE_NOOP("", "设置…"),
            tip=QT_TRANSLATE_NOOP("", "底图、播放器、署名、语言、坐标显示、电话隐藏"),
        )
        self._menus()
        self._connect()
        self.checkup = CheckupActions(self)  # Tools ▸ 评分排序, 城市体检调查 (onemap/gui/checkup/)
        stored = read_settings(window.settings.q)[0]
        window.details.camera_panel.set_player(stored.camera_player)
        window.details.set_mask_phones(stored.mask_phones)
        self.update_actions()

    def _menus(self) -> None:
        c = self.window.commands
        c.file_menu.insertActions(c.export_image, [self.import_ledger, self.export, self.brief])
        c.file_menu.insertSeparator(c.export_image)
        stats = self.statistics.toggleViewAction()
        stats.setObjectName("action_statistics")
        c.view_menu.addAction(stats)
        c.tools_menu.addSeparator()
        c.tools_menu.addAction(self.settings_action)

    def _connect(self) -> None:
        self.import_ledger.triggered.connect(self.open_import)
        self.export.triggered.connect(self.open_export)
        self.brief.triggered.connect(self.open_brief)
        self.settings_action.triggered.connect(self.open_settings)
        self.statistics.visibilityChanged.connect(lambda shown: shown and self._on_filter_change())

    # -- following the session --------------------------------------------------------------

    def bind(self, session: MapSession) -> None:
        """Follow a (re)opened session: statistics over its file, its filter."""
        self.unbind()
        self.session = session
        session.state.filter_changed.connect(self._on_filter_change)
        self.statistics.bind(session.inventory)
        self._on_filter_change()
        self.update_actions()

    def unbind(self) -> None:
        """The session closes."""
        if self.session is not None:
            self.session.state.filter_changed.disconnect(self._on_filter_change)
        self.session = None
        self.statistics.unbind()
        self.update_actions()

    def update_actions(self) -> None:
        """Enable what the open file allows (import needs a writable file)."""
        has = self.session is not None
        self.export.setEnabled(has)
        self.brief.setEnabled(has)
        # a server session imports from the command line (onemap import … postgresql://…), not into a file here
        self.import_ledger.setEnabled(
            has and self.window.editing.writable and not getattr(self.session, "remote", False)
        )

    def _on_filter_change(self) -> None:
        if self.session is None or not self.statistics.isVisible():
            return  # a hidden dock computes nothing; showing it catches up
        where, exact = where_of(self.session.state.filter)
        self.statistics.set_partial(not exact)
        self.statistics.set_filter(where)

    def _on_bar_filter(self, conditions: list[str]) -> None:
        if self.session is not None and conditions:
            state = self.session.state
            state.set_filter(filter_for_bar(state.filter, conditions[-1]))

    # -- dialogs --------------------------------------------------------------------------------

    def _show(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.close()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _=None, d=dialog: self._forget(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def open_import(self) -> ImportDialog | None:
        """File ▸ Import: the ledger importer on the open file; a real import reopens it."""
        if self.session is None or not self.window.editing.writable or getattr(self.session, "remote", False):
            return None
        county = self.session.inventory.meta("county_code") or None
        dialog = ImportDialog(self.session.path, user=audit_user(self.window), county=county, parent=self.window)
        dialog.imported.connect(self._on_imported)
        return self._show(dialog)  # type: ignore[return-value]

    def _on_imported(self, _report: object) -> None:
        self.window.editing.reopen_file()
        self.window.reload_session()
        self.statistics.refresh()

    def open_export(self) -> ExportDialog | None:
        """File ▸ Export: the estates of the current filter (what ``--where`` can say of it)."""
        if self.session is None:
            return None
        where, exact = where_of(self.session.state.filter)
        if not exact:
            self.window.status.showMessage(tr("当前筛选含搜索词等无法作为导出条件的部分，导出按其余条件。"), 10000)
        return self._show(ExportDialog(self.session.path, where, parent=self.window))  # type: ignore[return-value]

    def open_brief(self) -> BriefDialog | None:
        """File ▸ Brief: the selected estates, else exactly the filtered ones."""
        if self.session is None:
            return None
        state = self.session.state
        user = read_settings(self.window.settings.q)[0]
        options = {"redact_phones": user.mask_phones, "basemap": user.basemap_file, "parent": self.window}
        if state.selection:
            dialog = BriefDialog(self.session.path, codes=list(state.selection), **options)
        else:
            where = state.filter.to_where()
            codes = [] if where is not None else [str(c) for c in state.table.code[state.filtered_rows]]
            dialog = BriefDialog(self.session.path, codes=codes, where=where, **options)
        return self._show(dialog)  # type: ignore[return-value]

    def open_settings(self) -> SettingsDialog:
        """Tools ▸ Settings."""
        dialog = SettingsDialog(self.window.settings.q, parent=self.window)
        dialog.settings_changed.connect(self.apply_settings)
        return self._show(dialog)  # type: ignore[return-value]

    def apply_settings(self, settings: UserSettings) -> None:
        """Use settings just stored by the dialog: player, audit name, coordinates, basemap, phone masks, language."""
        w = self.window
        w.details.camera_panel.set_player(settings.camera_player)
        w.details.set_mask_phones(settings.mask_phones)
        inventory = w.editing.inventory
        if inventory is not None:  # the next edit is signed with the new name
            inventory.audit.who = settings.audit_user or default_user()
        w.commands.gauss_kruger.setChecked(settings.coordinate_display == "gk")
        if settings.basemap_file and w.session is not None:
            w.set_basemap(Path(settings.basemap_file))
        if settings.language != ui_language():
            install_language(settings.language)
