"""Working in the viewer: editing with undo, cameras, import/export, statistics, briefs, settings.

Each widget here stands on its own over the Qt-free core and is plugged into the main
window by it: :class:`~onemap.gui.work.estate_form.EstateFormDialog` and
:class:`~onemap.gui.work.undo_actions.UndoActions` (Edit menu),
:class:`~onemap.gui.work.camera_panel.CameraPanel` (details dock),
:class:`~onemap.gui.work.import_dialog.ImportDialog`,
:class:`~onemap.gui.work.export_dialog.ExportDialog` and
:class:`~onemap.gui.work.brief_dialog.BriefDialog` (File menu),
:class:`~onemap.gui.work.statistics_dock.StatisticsDock` (View menu) and
:class:`~onemap.gui.work.settings_dialog.SettingsDialog` (Tools menu).
Long work runs in :class:`onemap.gui.workers.Job` threads; :mod:`onemap.gui.work.language`
installs the translations.
"""
