"""Events become alerts: a flood folds into one, a cleared event ends the episode, unknown devices are counted."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from onemap.store import Inventory
from onemap.watch.alerts import MAX_PICTURES, AlertBook
from onemap.watch.event import AlertType, DeviceKey, State
from tests.core.alert_support import CAMERA_IP, CODE, DEVICE_ID, GB_ID, IMEI, T0, event, make_inventory

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(200)) + b"\xff\xd9"


@pytest.fixture
def inventory(tmp_path: Path) -> Iterator[Inventory]:
    with make_inventory(tmp_path / "告警 清单.gpkg") as inventory:
        yield inventory


def test_a_burst_of_200_events_in_a_minute_is_one_alert_with_count_200(inventory: Inventory) -> None:
    book = AlertBook(inventory)
    results = [book.record(event(seconds=i * 0.3)) for i in range(200)]
    stored = book.alerts()
    assert len(stored) == 1 and len({r.id for r in results if r}) == 1
    alert = stored[0]
    assert alert.count == 200
    assert alert.first_time == T0 and alert.last_time == T0 + timedelta(seconds=199 * 0.3)
    assert book.counts["stored"] == 1 and book.counts["folded"] == 199


def test_a_burst_recorded_in_one_transaction_folds_the_same_way(inventory: Inventory) -> None:
    book = AlertBook(inventory)
    results = book.record_all(event(seconds=i * 0.05) for i in range(1000))
    assert results[-1] is not None and results[-1].count == 1000
    assert [a.count for a in book.alerts()] == [1000]


def test_the_alert_carries_estate_township_position_and_the_most_severe_level(inventory: Inventory) -> None:
    book = AlertBook(inventory)
    book.record(event(level=3))
    alert = book.record(event(seconds=5, level=1))
    assert alert is not None
    assert (alert.estate_code, alert.estate_name, alert.township) == (CODE, "桂园小区", "勉阳街道")
    assert (alert.lon, alert.lat) == (106.6695, 33.1495)  # the camera's own point
    assert alert.level == 1 and alert.device_kind == "camera" and alert.status == "new"


def test_an_event_after_the_fold_window_opens_a_new_alert(inventory: Inventory) -> None:
    book = AlertBook(inventory, fold_window=timedelta(minutes=10))
    book.record(event())
    book.record(event(seconds=9 * 60))
    book.record(event(seconds=9 * 60 + 10 * 60 + 1))
    assert sorted(a.count for a in book.alerts()) == [1, 2]


def test_another_type_from_the_same_camera_is_another_alert(inventory: Inventory) -> None:
    book = AlertBook(inventory)
    book.record(event(kind=AlertType.INTRUSION))
    book.record(event(kind=AlertType.SMOKE_FIRE, seconds=1))
    assert sorted(a.type for a in book.alerts()) == ["intrusion", "smoke_fire"]


def test_a_cleared_event_closes_the_episode_and_the_next_active_one_opens_a_new_alert(inventory: Inventory) -> None:
    book = AlertBook(inventory)
    first = book.record(event())
    cleared = book.record(event(seconds=30, state=State.CLEARED))
    again = book.record(event(seconds=60))
    assert first is not None and cleared is not None and again is not None
    assert cleared.id == first.id and not cleared.episode_open and cleared.count == 1
    assert cleared.cleared_time == T0 + timedelta(seconds=30)
    assert again.id != first.id and again.episode_open and again.count == 1
    assert book.counts["cleared"] == 1


def test_a_cleared_event_with_no_open_alert_stores_nothing(inventory: Inventory) -> None:
    book = AlertBook(inventory)
    assert book.record(event(state=State.CLEARED)) is None
    assert book.alerts() == [] and book.counts["cleared_without_alert"] == 1


def test_heartbeats_are_ignored_and_counted(inventory: Inventory) -> None:
    book = AlertBook(inventory)
    assert book.record(event(state=State.HEARTBEAT)) is None
    assert book.alerts() == [] and book.counts["heartbeat"] == 1


def test_unknown_devices_store_nothing_and_are_counted_by_key(inventory: Inventory, caplog) -> None:  # type: ignore[no-untyped-def]
    book = AlertBook(inventory)
    for _ in range(5):
        assert book.record(event(DeviceKey("imei", "490154203237518"), AlertType.GAS_LEAK)) is None
    assert book.record(event(DeviceKey("gb28181", "61072500019990000001"))) is None
    assert book.alerts() == []
    assert book.counts["unknown_device"] == 6
    assert book.unknown_devices == {"imei:490154203237518": 5, "gb28181:61072500019990000001": 1}
    assert sum("not in the inventory" in r.message for r in caplog.records) == 2  # once per device


@pytest.mark.parametrize(
    ("key", "name"),
    [
        (DeviceKey("gb28181", GB_ID), "东门"),
        (DeviceKey("ip", CAMERA_IP, 2), "消防通道"),
        (DeviceKey("ip", CAMERA_IP, 1), "东门"),
        (DeviceKey("ip", "10.7.1.21", None), "北门"),
    ],
)
def test_cameras_are_found_by_gb_id_or_by_ip_and_channel(inventory: Inventory, key: DeviceKey, name: str) -> None:
    found = AlertBook(inventory).device_of(event(key))
    assert found is not None and found.kind == "camera" and found.label == name and found.estate_code == CODE


def test_an_ip_that_only_begins_like_a_cameras_host_finds_nothing(inventory: Inventory) -> None:
    assert AlertBook(inventory).device_of(event(DeviceKey("ip", "10.7.1.2", 9))) is None
    assert AlertBook(inventory).device_of(event(DeviceKey("ip", "10.7.1.20", None))) is None


@pytest.mark.parametrize(
    "key", [DeviceKey("imei", IMEI), DeviceKey("device_id", DEVICE_ID), DeviceKey("device_id", IMEI)]
)
def test_a_gas_detector_is_found_by_imei_or_platform_device_id(inventory: Inventory, key: DeviceKey) -> None:
    alert = AlertBook(inventory).record(event(key, AlertType.GAS_LEAK, level=1, value=32.5))
    assert alert is not None and alert.device_kind == "sensor" and alert.value == 32.5
    assert (alert.lon, alert.lat) == (106.6701, 33.1502)


def test_an_alias_finds_the_device_when_the_main_key_does_not(inventory: Inventory) -> None:
    from dataclasses import replace

    aliased = replace(event(DeviceKey("mac", "aa:bb:cc:dd:ee:ff")), aliases=(DeviceKey("ip", CAMERA_IP, 2),))
    alert = AlertBook(inventory).record(aliased)
    assert alert is not None and alert.device == "mac:aa:bb:cc:dd:ee:ff"


def test_pictures_are_kept_up_to_the_limit_and_raw_payloads_first_and_last(inventory: Inventory) -> None:
    book = AlertBook(inventory)
    for i in range(5):
        alert = book.record(event(seconds=i, pictures=(JPEG + bytes([i]),), raw=f"<n>{i}</n>".encode()))
    assert alert is not None
    pictures = inventory.alert_pictures(alert.id)
    assert len(pictures) == MAX_PICTURES and pictures[0][1] == JPEG + b"\x00"
    assert inventory.alert_raws(alert.id) == (b"<n>0</n>", b"<n>4</n>")


def test_a_raw_payload_with_a_password_is_stored_without_it(inventory: Inventory) -> None:
    alert = AlertBook(inventory).record(event(raw=b'{"url":"rtsp://admin:Secret123@10.7.1.2/"}'))
    assert alert is not None
    first, _last = inventory.alert_raws(alert.id)
    assert first is not None and b"Secret123" not in first and b"10.7.1.2" in first


def test_heartbeats_and_unknown_devices_are_settled_without_a_write_transaction(inventory: Inventory) -> None:
    path = inventory.path
    inventory.close()
    with Inventory.open(path, readonly=True) as reader:  # any write would be refused here
        book = AlertBook(reader)
        assert book.record(event(DeviceKey("imei", "490154203237518"))) is None
        assert book.record(event(state=State.HEARTBEAT)) is None
    assert book.counts == {"unknown_device": 1, "heartbeat": 1}
