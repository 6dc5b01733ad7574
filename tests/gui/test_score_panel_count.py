"""The details dock's 评分 section counts the file's estates again only when estates came or went."""

from __future__ import annotations

from onemap.edit import SetEstateFields
from onemap.gui.main_window import MainWindow
from tests.gui.guikit import settle


def counting(inventory) -> list[int]:  # type: ignore[no-untyped-def]
    """The inventory's own estate count, each call noted (the count itself is the real query)."""
    calls: list[int] = []
    real = inventory.estate_count

    def estate_count() -> int:
        calls.append(real())
        return calls[-1]

    inventory.estate_count = estate_count
    return calls


def test_an_edit_of_the_estate_on_show_does_not_count_the_estates_again(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None and window.editing.history is not None
    code = str(window.session.table.code[5])
    window.session.state.select([code])
    settle(window)
    score = window.details.score
    assert score.isVisibleTo(window.details) and score.score_of(code) is not None
    calls = counting(window.session.inventory)
    window.editing.history.push_and_apply(SetEstateFields(code, households=733))
    settle(window)
    assert any("733" in value for value in window.details.field_values().values())  # the dock refreshed...
    assert calls == []  # ...and, no estate having come or gone, counted none
    score.rows_written(window.session.inventory, code, recount=True)  # estates came or went: counted
    assert calls == [len(window.session.table)]
