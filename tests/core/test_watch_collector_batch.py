"""A burst that queued up while the collector was busy is recorded in one transaction per batch, with
the same alerts and counts as one event at a time, and published once per alert per batch (the latest count);
a batch that fails is recorded event by event; no event goes uncounted."""

from __future__ import annotations

import json
from pathlib import Path

from onemap.store import Inventory
from onemap.watch.alerts import AlertBook
from onemap.watch.bus import LocalBus
from onemap.watch.collector import BATCH, Collector
from onemap.watch.event import AlertType, DeviceKey, Event, State
from tests.core.alert_support import IMEI, event, make_inventory


def _burst() -> list[Event]:
    """A camera flooding intrusions, its heartbeats, a gas detector's leak and clear, an unknown device."""
    events = [event(seconds=i * 0.1) for i in range(BATCH + 150)]
    events += [event(state=State.HEARTBEAT), event(DeviceKey("imei", "490154203237518"))]
    gas = DeviceKey("imei", IMEI)
    events += [event(gas, AlertType.GAS_LEAK, level=1, value=31.0), event(gas, AlertType.GAS_LEAK, seconds=30.0)]
    events += [event(gas, AlertType.GAS_LEAK, seconds=60.0, state=State.CLEARED)]
    return events


def _collect(path: Path, one_at_a_time: bool) -> tuple[list[tuple], dict, list[dict], int]:
    """Queue the burst, drain it; the stored alerts, the collector's counts, what it published, and its commits."""
    with make_inventory(path) as inventory:
        book, bus, published, commits = AlertBook(inventory), LocalBus(), [], []
        record = (lambda e: book.record(e)) if one_at_a_time else book.record  # a lambda has no record_all
        collector = Collector(bus, record, "610725")
        bus.subscribe("onemap/alerts/#", lambda _topic, body: published.append(json.loads(body)))
        collector.take(_burst(), "push")
        inventory._conn.set_trace_callback(lambda sql: commits.append(sql) if sql.startswith("COMMIT") else None)
        collector.drain()
        inventory._conn.set_trace_callback(None)
        stored = sorted((a.type, a.count, a.first_time, a.last_time, a.status, a.cleared_time) for a in book.alerts())
        return stored, collector.summary(), published, len(commits)


def test_a_queued_burst_is_recorded_in_one_commit_per_batch_with_the_same_alerts_and_publications(
    tmp_path: Path,
) -> None:
    single = _collect(tmp_path / "one.gpkg", one_at_a_time=True)
    batched = _collect(tmp_path / "batch.gpkg", one_at_a_time=False)
    assert batched[0] == single[0] and len(batched[0]) == 2
    assert sorted(a[1] for a in batched[0]) == [2, BATCH + 150]
    assert batched[1] == single[1] and batched[1]["events"] == BATCH + 154 and batched[1]["heartbeats"] == 1
    assert [(p["type"], p["alert"]["count"]) for p in batched[2]] == [
        (p["type"], p["alert"]["count"]) for p in single[2]
    ]
    assert single[3] == BATCH + 153  # a commit per stored event (the heartbeat and the unknown device need none)
    assert batched[3] == 2  # BATCH + 155 queued items: two batches


def test_a_flood_is_published_once_per_alert_per_batch_with_its_latest_count_and_every_event_is_counted(
    tmp_path: Path,
) -> None:
    stored, summary, published, _commits = _collect(tmp_path / "coalesced.gpkg", one_at_a_time=False)
    assert [(p["type"], p["alert"]["count"], p["state"]) for p in published] == [
        ("intrusion", BATCH, "active"),  # the first batch: the flood so far, in one message
        ("intrusion", BATCH + 150, "active"),
        ("gas_leak", 2, "cleared"),  # opened, folded and cleared in one batch: one message, cleared
    ]
    assert published[1]["time"] == max(p["time"] for p in published[:2])  # the latest event of the batch
    assert summary["alerts"] == BATCH + 153 and summary["published"] == 3 and summary["coalesced"] == BATCH + 150
    assert sum(a[1] for a in stored) == BATCH + 152  # every event with a known device is in a count (+1 clear)


class Failing:
    """An alerts book whose batch write fails (as a full disk would): the collector must fall back."""

    def __init__(self, book: AlertBook) -> None:
        self.book = book

    def record(self, item: Event) -> object | None:
        return self.book.record(item)

    def record_all(self, events: list[Event]) -> list[object | None]:
        raise OSError("disk full")


def test_a_batch_that_fails_is_recorded_event_by_event_and_nothing_is_lost(tmp_path: Path) -> None:
    with make_inventory(tmp_path / "fail.gpkg") as inventory:
        book = AlertBook(inventory)
        collector = Collector(LocalBus(), Failing(book).record, "610725")
        collector.take([event(seconds=i) for i in range(20)], "push")
        collector.drain()
        assert [a.count for a in book.alerts()] == [20]
        assert collector.summary()["alerts"] == 20


def test_a_readonly_inventory_settles_heartbeats_and_unknown_devices_in_a_batch_without_failing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ro.gpkg"
    make_inventory(path).close()
    with Inventory.open(path, readonly=True) as reader:
        book = AlertBook(reader)
        collector = Collector(LocalBus(), book.record, "610725")
        collector.take([event(state=State.HEARTBEAT), event(DeviceKey("imei", "490154203237518"))], "push")
        collector.drain()
    assert book.counts == {"heartbeat": 1, "unknown_device": 1}
    assert collector.summary()["heartbeats"] == 1 and "record_failed" not in collector.summary()


def test_a_flood_recorded_in_one_batch_writes_its_alert_row_once_not_once_per_event(tmp_path: Path) -> None:
    with make_inventory(tmp_path / "rows.gpkg") as inventory:
        book, statements = AlertBook(inventory), []
        book.record(event())
        inventory._conn.set_trace_callback(statements.append)
        alerts = book.record_all([event(seconds=1 + i * 0.1) for i in range(BATCH)])
        inventory._conn.set_trace_callback(None)
        assert {a.count for a in alerts if a is not None} == {BATCH + 1} and book.counts["folded"] == BATCH
    writes = {s for s in statements if s.startswith(("UPDATE alerts", "INSERT INTO alerts"))}  # a trigger repeats one
    assert len(writes) == 1 and writes.pop().startswith("UPDATE alerts SET count = count + 500")
