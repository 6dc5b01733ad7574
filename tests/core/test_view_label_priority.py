"""Which names are labelled first: the selection, then more households, ties in file order -- after edits too."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from onemap.store import Inventory
from onemap.view.extent import Extent
from onemap.view.labels import estimate_width
from onemap.view.session import MapSession


def ranked_over_every_estate(session: MapSession, rows: np.ndarray) -> list[int]:
    """The order ranking all estates gives (households descending, stable), the selection first."""
    households = np.nan_to_num(session.table.households, nan=-1.0)
    rank = np.empty(len(households), dtype=np.intp)
    rank[np.argsort(-households, kind="stable")] = np.arange(len(households))
    selected = np.isin(rows, session.state.selected_rows)
    key = rank[rows] - selected * len(rank)
    return rows[np.argsort(key, kind="stable")].tolist()


def test_labels_follow_an_edit_of_households_at_once(demo_copy: Path) -> None:
    session = MapSession.open(demo_copy)
    try:
        t = session.table
        x, y = t.x[30], t.y[30]
        session.state.set_extent(Extent(x - 3000, y - 2000, x + 3000, y + 2000), (1400, 900))
        plan, _ = session.planner.plan()
        rows = session.planner._in_view(plan.rows)
        quiet = str(t.code[int(rows[np.nanargmin(t.households[rows])])])
        with Inventory.open(demo_copy) as writer, writer.transaction():
            writer.update_estate(quiet, households=99_999)
            writer.update_estate(str(t.code[int(rows[1])]), households=int(np.nanmax(t.households[rows])))  # a tie
        session.refresh([quiet, str(t.code[int(rows[1])])])
        session.planner.plan()
        labels = session.planner.labels(estimate_width(12), 16, marker_px=12)
        assert str(t.code[labels[0].row]) == quiet  # the most households now: labelled first
        session.state.select([str(t.code[int(rows[-1])])])
        assert session.planner._by_priority(rows).tolist() == ranked_over_every_estate(session, rows)
        assert session.planner._by_priority(rows[::-1]).tolist() == ranked_over_every_estate(session, rows[::-1])
    finally:
        session.close()
