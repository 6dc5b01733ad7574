"""The details dock's 评分 section: the selected estate's score, rank, gates and points per criterion.

Scores depend on every estate (rank, 片区 synergy), so they are computed once per file state
(``data_version``) and kept — on a server, whose state has no version, until a change notice
touches what the score reads (:meth:`ScorePanel.tables_changed`); an inventory of more than
:data:`MAX_ESTATES` estates points to Tools ▸ 评分排序 instead of making a selection wait.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from onemap.checkup.score_xlsx import CRITERION_NAMES
from onemap.checkup.scoring import EstateScore
from onemap.checkup.weights import CRITERIA, default_weights
from onemap.gui.i18n import tr
from onemap.gui.i18n.language import ui_language

if TYPE_CHECKING:
    from onemap.store import Inventory

MAX_ESTATES = 5000
#: the tables the score reads (estate columns, findings, consent, 片区, funding, buildings, facilities,
#: points and outlines): a change to any estate's rows there may move every estate's rank
SCORE_TABLES = frozenset(
    {
        "estates",
        "checkup_findings",
        "renewal_readiness",
        "district_members",
        "funding",
        "buildings",
        "facilities",
        "estate_areas",
    }
)


class ScorePanel(QGroupBox):
    """评分 with one line per criterion; hidden while no estate is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreGroup")
        self.form = QFormLayout(self)
        self._key: tuple[int, int] | None = None
        self._scores: dict[str, EstateScore] = {}
        # the estates counted at the last look: rows_written counts again only when rows came or went
        # (counting 220,000 estates takes 3-4 ms of every edit)
        self._count: int | None = None
        self.hide()

    def follow(self, inventory: Inventory, code: str) -> None:
        """Show ``code``'s score (computing every estate's once for this file state)."""
        self._clear_rows()
        self.setTitle(tr("评分（权重 {version}）").format(version=default_weights().version))  # in today's language
        if not hasattr(inventory, "checkup_findings"):  # a server inventory: no check-up reads there yet
            self.hide()
            return
        self._count = inventory.estate_count()
        if self._count > MAX_ESTATES:
            self.form.addRow(QLabel(tr("小区较多，请用“工具 ▸ 评分排序…”查看评分。")))
            self.show()
            return
        self._compute(inventory)
        found = self._scores.get(code)
        if found is None:
            self.hide()
            return
        self._fill(found)
        self.show()

    def _compute(self, inventory: Inventory) -> None:
        key = (id(inventory), inventory.data_version())
        if key != self._key:
            from onemap.checkup.gather import estate_facts, read_checkup
            from onemap.checkup.scoring import score

            facts = estate_facts(inventory, read_checkup(inventory))
            self._scores = {s.code: s for s in score(facts, default_weights(), date.today().year)}
            self._key = key

    def rows_written(self, inventory: Inventory, code: str, recount: bool = True) -> None:
        """Rows the score reads were written (a finding from the survey form or a sheet): show ``code``'s
        score again only when it moved, since refilling the rows resizes the dock around them.

        ``recount`` False: no estate came or went, so the count taken at :meth:`follow` still holds.
        """
        if not self.isVisible() or not hasattr(inventory, "checkup_findings"):
            return
        if recount or self._count is None:
            self._count = inventory.estate_count()
        if self._count > MAX_ESTATES:
            return
        shown = self._scores.get(code)
        self._compute(inventory)
        found = self._scores.get(code)
        if found != shown and (found is None or not self._update(found)):
            self.follow(inventory, code)

    def tables_changed(self, tables: set[str]) -> bool:
        """Some rows changed where no file state tells (a server's notice): forget the scores when
        the score reads those tables, to compute them afresh at the next :meth:`follow`."""
        if not SCORE_TABLES & set(tables):
            return False
        self._key = None
        return True

    def clear(self) -> None:
        """No estate shown."""
        self._clear_rows()
        self.hide()

    def _fill(self, found: EstateScore) -> None:
        for label, value in self._lines(found):
            self._row(label, value)

    def _lines(self, found: EstateScore) -> list[tuple[str, str]]:
        zh = ui_language() == "zh"
        verdict = tr("符合条件") if found.eligible else "；".join(r[0] if zh else r[1] for r in found.reasons)
        return [
            (tr("得分"), f"{found.score:g}"),
            (tr("名次"), tr("第 {rank} 名（共 {n} 个）").format(rank=found.rank, n=len(self._scores))),
            (tr("资格"), verdict),
            *((CRITERION_NAMES[c][0], f"{found.parts[c]:g}") for c in CRITERIA),
        ]

    def _update(self, found: EstateScore) -> bool:
        """The shown rows' values set in place (no row removed or added, so the dock keeps its layout)."""
        lines = self._lines(found)
        if len(lines) != self.form.rowCount():
            return False
        for row, (_label, value) in enumerate(lines):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if item is None or not isinstance(item.widget(), QLabel):
                return False
            item.widget().setText(value)  # type: ignore[union-attr]  # checked just above
        return True

    def _row(self, label: str, value: str) -> None:
        text = QLabel(value)
        text.setWordWrap(True)
        self.form.addRow(label, text)

    def _clear_rows(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)

    def score_of(self, code: str) -> EstateScore | None:
        """The score shown for ``code`` (after :meth:`follow`)."""
        return self._scores.get(code)
