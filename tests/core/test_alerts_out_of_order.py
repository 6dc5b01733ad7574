"""Events out of order (a pull that reconnects, a platform that retries): each lands in the episode its time
belongs to, widening it backwards without moving its last time back; events after a clear open a new episode."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from onemap.store import Inventory
from onemap.watch.alerts import AlertBook
from onemap.watch.event import AlertType, DeviceKey, State
from tests.core.alert_support import IMEI, T0, event, make_inventory

GAS = DeviceKey("imei", IMEI)


@pytest.fixture
def book(tmp_path: Path) -> Iterator[AlertBook]:
    with make_inventory(tmp_path / "乱序.gpkg") as inventory:
        yield AlertBook(inventory, fold_window=timedelta(minutes=10))


def raws(inventory: Inventory, alert_id: int) -> tuple[bytes | None, bytes | None]:
    return inventory.alert_raws(alert_id)


def test_an_event_older_than_the_episode_moves_its_first_time_back_and_keeps_its_last_time_and_payload(
    book: AlertBook,
) -> None:
    book.record(event(GAS, AlertType.GAS_LEAK, value=20.0, raw=b'{"n":1}'))
    book.record(event(GAS, AlertType.GAS_LEAK, seconds=60, value=35.0, raw=b'{"n":2}'))
    late = book.record(event(GAS, AlertType.GAS_LEAK, seconds=-90, value=5.0, raw=b'{"n":0}'))
    assert late is not None and [a.id for a in book.alerts()] == [late.id]
    assert (late.count, late.first_time, late.last_time) == (3, T0 - timedelta(seconds=90), T0 + timedelta(seconds=60))
    assert late.value == 35.0 and raws(book.inventory, late.id) == (b'{"n":1}', b'{"n":2}')


def test_an_event_older_than_the_episode_by_more_than_the_fold_window_is_an_episode_of_its_own(
    book: AlertBook,
) -> None:
    book.record(event())
    book.record(event(seconds=120))
    stale = book.record(event(seconds=-11 * 60))
    stored = sorted((a.first_time, a.last_time, a.count) for a in book.alerts())
    assert stale is not None and stored == [
        (T0 - timedelta(minutes=11), T0 - timedelta(minutes=11), 1),
        (T0, T0 + timedelta(seconds=120), 2),
    ]


def test_an_event_from_before_a_clear_that_arrives_after_it_folds_into_the_cleared_episode(book: AlertBook) -> None:
    opened = book.record(event(GAS, AlertType.GAS_LEAK))
    book.record(event(GAS, AlertType.GAS_LEAK, seconds=300, state=State.CLEARED))
    late = book.record(event(GAS, AlertType.GAS_LEAK, seconds=200))
    assert opened is not None and late is not None and late.id == opened.id
    assert (late.count, late.cleared_time) == (2, T0 + timedelta(seconds=300))  # the clear's time stays the last
    after = book.record(event(GAS, AlertType.GAS_LEAK, seconds=301))
    assert after is not None and after.id != opened.id and after.episode_open and after.count == 1


def test_a_clear_older_than_the_open_episode_ends_an_earlier_one_and_leaves_it_open(book: AlertBook) -> None:
    opened = book.record(event(GAS, AlertType.GAS_LEAK, seconds=60))
    assert book.record(event(GAS, AlertType.GAS_LEAK, state=State.CLEARED)) is None
    assert opened is not None and book.alert(opened.id).episode_open
    assert book.counts["cleared_without_alert"] == 1


def test_events_shuffled_in_one_batch_give_the_same_alerts_as_in_time_order(tmp_path: Path) -> None:
    seconds = [0, 30, 700, 760, 1500, 1530, 1560]  # three episodes 10 minutes apart
    shuffled = [760, 30, 1560, 0, 1500, 700, 1530]
    found = []
    for name, order in (("in_order", seconds), ("shuffled", shuffled)):
        with make_inventory(tmp_path / f"{name}.gpkg") as inventory:
            book = AlertBook(inventory, fold_window=timedelta(minutes=10))
            book.record_all([event(seconds=s) for s in order])
            found.append(sorted((a.first_time, a.last_time, a.count) for a in book.alerts()))
    assert (
        found[0]
        == found[1]
        == [
            (T0, T0 + timedelta(seconds=30), 2),
            (T0 + timedelta(seconds=700), T0 + timedelta(seconds=760), 2),
            (T0 + timedelta(seconds=1500), T0 + timedelta(seconds=1560), 3),
        ]
    )
