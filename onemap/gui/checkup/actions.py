"""The Tools menu's 评分排序, 城市体检调查, 导入体检调查表 and 片区, opened over the window's session."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtGui import QAction

from onemap.gui.actions import make_action
from onemap.gui.i18n import tr

if TYPE_CHECKING:
    from onemap.gui.menus import WorkMenus
    from onemap.store.checkup import CheckupFinding


class CheckupActions(QObject):
    """Three Tools-menu actions beside the window's other work."""

    def __init__(self, work: WorkMenus) -> None:
        super().__init__(work)
        self.work = work
        window = work.window
        self.score: QAction = make_action(
            window,
            str(QT_TRANSLATE_NOOP("", "评分排序…")),
            tip=str(QT_TRANSLATE_NOOP("", "按权重给小区评分、排序，改权重即时重排")),
        )
        self.survey: QAction = make_action(
            window,
            str(QT_TRANSLATE_NOOP("", "城市体检调查…")),
            tip=str(QT_TRANSLATE_NOOP("", "为选中的小区逐栋记录体检问题")),
        )
        self.districts: QAction = make_action(
            window,
            str(QT_TRANSLATE_NOOP("", "片区…")),
            tip=str(QT_TRANSLATE_NOOP("", "在地图上显示片区范围，调整选中小区所属片区")),
        )
        self.sheet: QAction = make_action(
            window,
            str(QT_TRANSLATE_NOOP("", "导入体检调查表…")),
            tip=str(QT_TRANSLATE_NOOP("", "从 Excel 或 CSV 调查表导入体检问题（与 onemap checkup import 相同）")),
        )
        window.commands.tools_menu.addActions([self.score, self.survey, self.sheet, self.districts])
        from onemap.gui.checkup.sheet_import import SheetImport

        self.sheet_import = SheetImport(window)  # type: ignore[arg-type]  # the window is the MainWindow
        self.sheet.triggered.connect(self.sheet_import.run)
        self.districts.triggered.connect(self.open_districts)
        self.score.triggered.connect(self.open_score)
        self.survey.triggered.connect(self.open_survey)

    def open_score(self) -> object:
        """Tools ▸ 评分排序 over the open file."""
        from onemap.checkup.gather import estate_facts, read_checkup
        from onemap.checkup.weights import default_weights
        from onemap.gui.checkup.score_dialog import ScoreDialog

        session = self.work.session
        if session is None:
            return None
        facts = estate_facts(session.inventory, read_checkup(session.inventory))
        return self.work._show(ScoreDialog(facts, default_weights(), date.today().year, self.work.window))

    def open_survey(self) -> object:
        """Tools ▸ 城市体检调查 for the one selected estate, written through the window's writable file."""
        from onemap.gui.checkup.survey_form import SurveyForm

        session, writer = self.work.session, self.work.window.editing.inventory
        if session is None or len(session.state.selection) != 1 or writer is None or getattr(session, "remote", False):
            self.work.window.status.showMessage(tr("请先在地图上选中一个小区（文件须可写）。"), 8000)
            return None
        code = next(iter(session.state.selection))
        row = writer.estate_row(code) or {}
        buildings = {fid: name for (c, name), fid in writer.building_keys().items() if c == code}

        def save(finding: CheckupFinding, picture: bytes | None) -> None:
            with writer.transaction():
                writer.add_findings([finding], {0: picture} if picture else None)
            self.work.window.refresh_estates([code], ["checkup_findings"])

        form = SurveyForm(
            code, str(row.get("name") or code), buildings, writer.checkup_findings([code]), save, self.work.window
        )
        return self.work._show(form)

    def open_districts(self) -> object:
        """Tools ▸ 片区: the outlines on the map and the membership panel."""
        from onemap.gui.checkup.districts_panel import open_panel

        self.panel = open_panel(self.work.window)  # type: ignore[arg-type]  # the window is the MainWindow
        return self.panel
