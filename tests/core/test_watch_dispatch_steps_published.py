"""A step the collector makes (new → dispatched) goes out on the broker at once; its note reads in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from onemap.store import Inventory
from onemap.store.trail import as_line
from onemap.watch.alerts import AlertBook
from onemap.watch.config import Broker as BrokerConfig
from onemap.watch.config import WatchConfig
from onemap.watch.wiring import Wiring
from tests.core.alert_support import event
from tests.core.test_watch_dispatch_collector import MANAGER, phones_told, world  # noqa: F401 - the fixture
from tests.core.watch_broker import running_mosquitto
from tests.core.watch_collector_support import Listener, until

pytestmark = pytest.mark.broker


def test_the_move_to_dispatched_is_published_on_the_broker_for_every_open_viewer(
    world: dict[str, Any],  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    with running_mosquitto(tmp_path) as broker, Inventory.open(world["path"], user="采集器") as inventory:
        viewer = Listener(broker.port, "onemap/alerts/#")
        config = WatchConfig(broker=BrokerConfig("127.0.0.1", broker.port, client_id="collector-steps"))
        book = AlertBook(inventory)
        wiring = Wiring(config, inventory, book.record, world["rules"], lambda _name: None, clock=world["clock"])
        wiring.collector.start()
        try:
            assert until(wiring.bus.connected.is_set)  # type: ignore[attr-defined]
            wiring.collector.take([event()], "push")
            wiring.collector.drain()
            assert until(lambda: len(viewer.messages) >= 2)
        finally:
            wiring.bus.stop()
            viewer.close()
        status = inventory.alert_rows()[0].status
    assert phones_told(world) == [MANAGER] and status == "dispatched"
    first, step = (body for _topic, body in viewer.messages)
    assert first["alert"]["status"] == "new" and "step" not in first
    assert step["step"] == "dispatched" and step["alert"]["status"] == "dispatched"
    assert step["alert"]["id"] == first["alert"]["id"] and step["alert"]["count"] == first["alert"]["count"]
    assert step["type_zh"] == "区域入侵" and wiring.collector.counts["published_steps"] == 1


def test_the_automatic_steps_note_is_stored_in_chinese_and_shown_in_english_when_asked(
    world: dict[str, Any],  # noqa: F811 - the fixture imported above
) -> None:
    with Inventory.open(world["path"], user="采集器") as inventory:
        book = AlertBook(inventory)
        wiring = Wiring(WatchConfig(), inventory, book.record, world["rules"], lambda _name: None, clock=world["clock"])
        wiring.collector.take([event()], "push")
        wiring.collector.drain()
        fid = inventory.alert_rows()[0].fid
        (step,) = inventory.alert_steps(fid)
        (noted,) = [e for e in inventory.audit.entries("alerts", f"alerts/{fid}") if e.field == "note"]
    assert step.note == "已通过“sms”派发" == noted.new_value  # one language in the field
    assert as_line(noted, "zh").endswith("已通过“sms”派发")
    assert as_line(noted, "en").endswith("→ dispatched via sms")
