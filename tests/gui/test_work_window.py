"""The work widgets in the main window: cameras in the details dock, import, export, brief, statistics, settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from onemap.edit import SetEstateFields
from onemap.gui.main_window import MainWindow
from onemap.gui.menus import expressible_part, filter_for_bar, where_of
from onemap.gui.settings import Settings
from onemap.store import Inventory
from onemap.view.filters import BLANK_TOWNSHIP, EstateFilter
from tests.core.ledgers import excel_ledger
from tests.gui.guikit import make_window, settle
from tests.gui.test_work_statistics import listed
from tests.gui.work_kit import CODE, close_messages, wait_for

EXPRESSIBLE = [
    EstateFilter(),
    EstateFilter(statuses=frozenset({"under_construction"})),
    EstateFilter(township="勉阳街道", year_min=2024),
    EstateFilter(year_min=2021, year_max=2023, categories=frozenset({"safety"})),
    EstateFilter(township=BLANK_TOWNSHIP, statuses=frozenset({""})),
]


@pytest.fixture
def worker(qtbot, demo_copy: Path, settings: Settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings.q.setValue("settings/audit_user", "李娜")
    settings.q.setValue("settings/camera_player", "/opt/player/vlc")
    w = make_window(qtbot, settings, demo_copy)
    yield w
    close_messages()
    w.close()


def test_the_details_dock_lists_the_current_estates_cameras_with_the_player_from_settings(worker: MainWindow) -> None:
    panel = worker.details.camera_panel
    assert panel.player == "/opt/player/vlc" and panel.table.rowCount() == 0
    worker.session.state.select([CODE])
    settle(worker)
    assert panel.estate_code == CODE and panel.table.rowCount() == 5
    assert panel.open_button.isEnabled() and panel.check_button.isEnabled()
    worker.session.state.clear_selection()
    assert panel.table.rowCount() == 0


@pytest.mark.parametrize("flt", EXPRESSIBLE, ids=["all", "status", "seat-since-2024", "years-safety", "blanks"])
def test_an_expressible_filter_lists_the_same_estates_on_the_map_and_on_the_command_line(
    worker: MainWindow, demo_copy: Path, flt: EstateFilter
) -> None:
    state = worker.session.state
    state.set_filter(flt)
    where = flt.to_where()
    assert where is not None
    shown = sorted(str(c) for c in state.table.code[state.filtered_rows])
    assert sorted(e["code"] for e in listed(demo_copy, where)) == shown


@pytest.mark.parametrize(
    "flt",
    [
        EstateFilter(text="gy"),
        EstateFilter(statuses=frozenset({"planned", "completed"})),
        EstateFilter(has_cameras=True),
        EstateFilter(located=False),
        EstateFilter(categories=frozenset({"basic", "safety"})),
        EstateFilter(township='a "quoted" town'),
    ],
)
def test_a_filter_the_where_language_cannot_say_has_no_where(flt: EstateFilter) -> None:
    assert flt.to_where() is None


def test_the_statistics_dock_follows_the_map_filter_with_the_numbers_onemap_list_gives(
    worker: MainWindow, demo_copy: Path
) -> None:
    dock = worker.work.statistics
    worker.findChild(type(dock.toggleViewAction()), "action_statistics").trigger()
    assert dock.isVisible()
    state = worker.session.state
    state.set_filter(EstateFilter(township="勉阳街道", year_min=2024))
    rows = listed(demo_copy, ["township=勉阳街道", "renewal_year>=2024"])
    assert dock.statistics is not None and dock.statistics.totals.estates == len(rows) == state.shown_count
    households = state.table.households[state.filtered_rows]
    assert dock.statistics.totals.households == pytest.approx(float(np.nansum(households)))
    assert not dock.partial_label.isVisible()

    state.set_filter(state.filter.with_(text="gy"))
    assert dock.partial_label.isVisible() and dock.where == ["township=勉阳街道", "renewal_year>=2024"]


def test_a_click_on_a_status_bar_filters_the_map(worker: MainWindow) -> None:
    dock = worker.work.statistics
    dock.show()
    state = worker.session.state
    index = next(i for i, bar in enumerate(dock.statistics.by_status) if bar.key == "completed")
    dock.charts["status"].bar_clicked.emit(index)
    assert state.filter.statuses == frozenset({"completed"})
    assert dock.where == ["status=completed"] and dock.statistics.totals.estates == state.shown_count


def test_bar_conditions_become_map_filters() -> None:
    base = EstateFilter(text="gy")
    assert filter_for_bar(base, "renewal_year=2024") == base.with_(year_min=2024, year_max=2024)
    assert filter_for_bar(base, "township=未填") == base.with_(township=BLANK_TOWNSHIP)
    assert filter_for_bar(base, "status=未填").statuses == frozenset({""})
    assert expressible_part(base.with_(year_min=2020)) == EstateFilter(year_min=2020)
    assert where_of(base.with_(year_min=2020)) == (["renewal_year>=2020"], False)


def test_export_gets_the_current_filter_as_its_where(worker: MainWindow) -> None:
    worker.session.state.set_filter(EstateFilter(statuses=frozenset({"completed"})))
    dialog = worker.work.open_export()
    assert dialog is not None and dialog.where == ["status=completed"]
    dialog.close()


def test_the_brief_takes_the_selection_else_exactly_the_filtered_estates(worker: MainWindow) -> None:
    state = worker.session.state
    state.select([CODE])
    dialog = worker.work.open_brief()
    assert dialog.codes == [CODE] and dialog.count == 1
    dialog.close()
    state.clear_selection()
    state.set_filter(EstateFilter(text="gy"))
    dialog = worker.work.open_brief()
    assert sorted(dialog.codes) == sorted(str(c) for c in state.table.code[state.filtered_rows])
    assert dialog.count == state.shown_count
    dialog.close()


def test_an_import_from_the_file_menu_reopens_the_map_and_starts_a_fresh_undo_history(
    qtbot, worker: MainWindow, demo_copy: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    editing = worker.editing
    assert editing.history.push_and_apply(SetEstateFields(CODE, households=450))
    assert editing.undo.undo.isEnabled()
    dialog = worker.work.open_import()
    dialog.set_source(excel_ledger(tmp_path / "勉县台账.xlsx"))
    dialog.buttons["dryRun"].click()
    wait_for(lambda: dialog._job is None, 120)
    with qtbot.waitSignal(dialog.imported, timeout=60_000):
        dialog.buttons["import"].click()
    settle(worker)
    assert len(worker.session.table) == 153
    assert not editing.undo.undo.isEnabled() and editing.writable
    assert editing.history.inventory is editing.inventory
    with Inventory.open(demo_copy, readonly=True) as inventory:
        assert inventory.history(str(worker.session.table.code[-1]))[0].who == "李娜"
    assert editing.history.push_and_apply(SetEstateFields(CODE, households=451))
    with Inventory.open(demo_copy, readonly=True) as inventory:
        assert inventory.estate(CODE).households == 451
