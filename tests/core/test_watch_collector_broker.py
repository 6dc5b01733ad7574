"""The collector against a real Mosquitto: events in through the broker, alerts out to every viewer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from onemap.watch import AlertType, DeviceKey
from onemap.watch.collector import Collector
from onemap.watch.config import Broker as BrokerConfig
from onemap.watch.mqtt import MqttBus
from tests.core.watch_broker import Broker, running_mosquitto
from tests.core.watch_collector_support import DATA, Listener, Recorder, running, until

pytestmark = pytest.mark.broker


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Broker]:
    with running_mosquitto(tmp_path) as started:
        yield started


def collector_on(port: int, recorder: Recorder) -> Collector:
    bus = MqttBus(BrokerConfig("127.0.0.1", port, client_id="collector-test"))
    return Collector(bus, recorder, county="610725")


def test_onemap_json_frigate_and_gas_messages_become_events_and_alerts_reach_a_second_client(broker: Broker) -> None:
    recorder, viewer = Recorder(), Listener(broker.port, "onemap/alerts/#")
    collector = collector_on(broker.port, recorder)
    with running(collector):
        assert until(collector.bus.connected.is_set)  # type: ignore[attr-defined]
        viewer.publish("onemap/events/cam1", (DATA / "onemap_event.json").read_bytes())
        viewer.publish("frigate/events", (DATA / "frigate_event_new.json").read_bytes())
        viewer.publish("tuya/6c8a5e2d9f04b1c7e3kq1x", (DATA / "tuya_dps_alarm.json").read_bytes())
        events = recorder.wait_for(3)
        assert until(lambda: len(viewer.messages) >= 3)
    viewer.close()
    kinds = {(e.source, e.type, e.device) for e in events}
    assert ("onemap", AlertType.SMOKE_FIRE, DeviceKey("gb28181", "61072500011320000123")) in kinds
    assert ("frigate", AlertType.INTRUSION, DeviceKey("name", "gate_east")) in kinds
    assert ("tuya", AlertType.GAS_LEAK, DeviceKey("device_id", "6c8a5e2d9f04b1c7e3kq1x")) in kinds
    topics = {topic for topic, _ in viewer.messages}
    assert topics == {"onemap/alerts/610725"}
    gas = next(body for _, body in viewer.messages if body["type"] == "gas_leak")
    assert gas["value"] == pytest.approx(23.6) and gas["type_zh"] == "燃气泄漏" and gas["demo"] is False
    assert gas["alert"]["estate_code"] == "6107250001" and "raw" not in gas["alert"]  # bytes never published


def test_malformed_payloads_are_counted_by_reason_and_the_next_good_one_still_arrives(broker: Broker) -> None:
    recorder, sender = Recorder(), Listener(broker.port, "nothing/here")
    collector = collector_on(broker.port, recorder)
    with running(collector):
        assert until(collector.bus.connected.is_set)  # type: ignore[attr-defined]
        sender.publish("onemap/events/x", b"{not json")
        sender.publish("frigate/events", b'{"type":"new"}')
        sender.publish("onemap/events/x", json.dumps({"device": "1", "type": "boom", "time": "x", "level": 1}).encode())
        sender.publish("onemap/events/cam1", (DATA / "onemap_event.json").read_bytes())
        recorder.wait_for(1)
        assert until(lambda: sum(collector.rejected.values()) == 3)
    sender.close()
    assert len(recorder.events) == 1
    assert collector.rejected["malformed_json"] == 1 and sum(collector.rejected.values()) == 3


def test_the_collector_reconnects_and_resubscribes_after_the_broker_restarts(broker: Broker) -> None:
    recorder = Recorder()
    collector = collector_on(broker.port, recorder)
    bus: MqttBus = collector.bus  # type: ignore[assignment]
    with running(collector):
        assert until(bus.connected.is_set)
        broker.stop()
        assert until(lambda: not bus.connected.is_set())
        assert bus.state() in ("connecting", "unreachable")
        broker.start()  # same port, fresh broker: no session kept
        assert until(bus.connected.is_set, 40), bus.state()
        sender = Listener(broker.port, "nothing/here")
        sender.publish("onemap/events/cam1", (DATA / "onemap_event.json").read_bytes())
        events = recorder.wait_for(1)
        sender.close()
    assert bus.connects >= 2 and events[0].type is AlertType.SMOKE_FIRE


def test_a_broker_with_a_password_file_admits_the_collector_with_the_right_password_only(tmp_path: Path) -> None:
    with running_mosquitto(tmp_path, users={"onemap": "pw1"}) as broker:
        good = MqttBus(BrokerConfig("127.0.0.1", broker.port, user="onemap", client_id="good"), "pw1")
        bad = MqttBus(BrokerConfig("127.0.0.1", broker.port, user="onemap", client_id="bad"), "wrong")
        good.start()
        bad.start()
        try:
            assert until(good.connected.is_set)
            assert until(lambda: bad.state().startswith("refused"))
            assert "wrong" not in bad.state()
            viewer = Listener(broker.port, "onemap/alerts/#", "onemap", "pw1")
            good.publish("onemap/alerts/610725", b'{"type":"intrusion"}')
            assert until(lambda: viewer.messages == [("onemap/alerts/610725", {"type": "intrusion"})])
            viewer.close()
        finally:
            good.stop()
            bad.stop()


def test_a_broker_down_at_start_is_said_once_and_retried_until_it_comes_up(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    from tests.core.watch_broker import free_port

    caplog.set_level(logging.INFO, "onemap.watch.mqtt")
    port, recorder = free_port(), Recorder()
    collector = Collector(MqttBus(BrokerConfig("127.0.0.1", port, client_id="early")), recorder, "610725")
    bus: MqttBus = collector.bus  # type: ignore[assignment]
    with running(collector):
        assert until(lambda: bus.state() == "unreachable")
        with running_mosquitto(tmp_path, port=port):
            assert until(bus.connected.is_set, 40), bus.state()
            sender = Listener(port, "nothing/here")
            sender.publish("onemap/events/cam1", (DATA / "onemap_event.json").read_bytes())
            recorder.wait_for(1)
            sender.close()
    warnings = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(warnings) == 1 and len(recorder.events) == 1
