"""评分排序: the score with its weights as spin boxes; every change re-ranks at once and shows who moved.

The criteria are measured once when the dialog opens (:func:`onemap.checkup.scoring.measure`);
a weight change is only :func:`~onemap.checkup.scoring.ranking` (a matrix product and a sort,
milliseconds for 20,000 estates), so the list follows the spin box as it turns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onemap.checkup.score_xlsx import CRITERION_NAMES
from onemap.checkup.scoring import EstateFacts, measure, ranking
from onemap.checkup.weights import CRITERIA, Weights
from onemap.gui.checkup.made import made
from onemap.gui.i18n import tr

#: rows shown (the score sheet and ``onemap score`` hold them all)
SHOWN_ROWS = 500


class ScoreDialog(QDialog):
    """Weights on the left, the ranked list on the right with each estate's move since opening."""

    def __init__(
        self, facts: Sequence[EstateFacts], weights: Weights, year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("score_dialog")
        self.setWindowTitle(tr("评分排序（权重 {version}）").format(version=weights.version))
        self.facts, self.weights = list(facts), weights
        self.names = {f.code: f.name for f in facts}
        self.measures = measure(self.facts, weights, year)
        self.spins: dict[str, QDoubleSpinBox] = {}
        form = QFormLayout()
        for criterion in CRITERIA:
            spin = made(QDoubleSpinBox(), f"weight_{criterion}", maximum=100.0, decimals=1, singleStep=1.0)
            spin.setValue(weights.weights[criterion])
            spin.valueChanged.connect(self._on_weight_change)
            self.spins[criterion] = spin
            form.addRow(CRITERION_NAMES[criterion][0], spin)
        self.moved = made(QLabel(), "score_moved")
        self.table = made(QTableWidget(0, 6), "score_table")
        self.table.setHorizontalHeaderLabels(
            [tr("名次"), tr("变化"), tr("小区编码"), tr("小区名称"), tr("得分"), tr("符合条件")]
        )
        self.table.verticalHeader().hide()  # the rank column numbers the rows
        self.table.horizontalHeader().setStretchLastSection(True)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.moved)
        side.addStretch(1)
        row = QHBoxLayout(self)
        row.addLayout(side)
        row.addWidget(self.table, 1)
        self.first = self._ranks()
        self._fill(self.first)
        self.resize(900, 560)

    def current_weights(self) -> Weights:
        """The weights the spin boxes hold now."""
        return replace(self.weights, weights={c: spin.value() for c, spin in self.spins.items()})

    def _ranks(self) -> dict[str, int]:
        order, _points = ranking(self.measures, self.current_weights())
        return {self.measures.codes[i]: place for place, i in enumerate(order.tolist(), start=1)}

    def _on_weight_change(self) -> None:
        self._fill(self._ranks())

    def _fill(self, ranks: dict[str, int]) -> None:
        weights = self.current_weights()
        order, points = ranking(self.measures, weights)
        totals = points.sum(axis=1).tolist()
        moved = sum(ranks[c] != self.first[c] for c in ranks)
        self.moved.setText(tr("与打开时相比，{n} 个小区名次变化").format(n=moved))
        shown = order.tolist()[:SHOWN_ROWS]
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(shown))
        for row, i in enumerate(shown):
            code = self.measures.codes[i]
            change = self.first[code] - ranks[code]
            arrow = f"▲{change}" if change > 0 else (f"▼{-change}" if change < 0 else "")
            eligible = tr("是") if not self.measures.reasons[i] else tr("否")
            cells = [str(ranks[code]), arrow, code, self.names.get(code, ""), f"{totals[i]:.2f}", eligible]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setUpdatesEnabled(True)

    def rank_of(self, code: str) -> int:
        """The estate's rank as the list shows it now."""
        return self._ranks()[code]
