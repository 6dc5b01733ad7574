"""The demo's gas detectors: a realistic share of estates, valid IMEIs, the same for a seed, found by the collector."""

from __future__ import annotations

from pathlib import Path

from onemap.demo.sensors import KIND, demo_sensors, imei, luhn_digit
from onemap.store import Inventory
from onemap.watch.alerts import AlertBook
from onemap.watch.event import AlertType, DeviceKey
from tests.core.alert_support import event


def _luhn_valid(number: str) -> bool:
    return luhn_digit(number[:-1]) == number[-1]


def test_the_luhn_digit_matches_a_published_imei() -> None:
    assert luhn_digit("49015420323751") == "8"  # 490154203237518, the usual worked example
    assert luhn_digit("35209900176148") == "1"  # 352099001761481


def test_imeis_are_15_digits_unique_and_luhn_valid_past_a_million() -> None:
    numbers = [imei(n) for n in (1, 2, 999_999, 1_000_000, 1_000_001, 5_000_000)]
    assert all(len(n) == 15 and n.isdigit() and _luhn_valid(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)


def test_the_demo_inventory_carries_gas_detectors_in_a_realistic_share_of_estates(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        sensors = inventory.sensors()
        estates = inventory.count()
    with_detectors = {s.estate_code for s in sensors}
    assert 0.2 <= len(with_detectors) / estates <= 0.6
    assert all(s.kind == KIND and s.imei and _luhn_valid(s.imei) and s.location for s in sensors)
    assert all(s.device_id and s.device_id.endswith(s.imei or "-") for s in sensors)
    assert len({s.imei for s in sensors}) == len(sensors)
    assert all((s.low_lel, s.high_lel) == (20.0, 50.0) for s in sensors)


def test_the_same_seed_gives_the_same_detectors_and_another_seed_others() -> None:
    estates = [(f"61072500{n:02d}", (106.67 + n / 100, 33.15), 1990 + n % 20) for n in range(60)]
    first, again, other = (list(demo_sensors(estates, seed)) for seed in (1, 1, 2))
    assert first == again and first != other
    assert {s.estate_code for s in first} <= {code for code, _l, _y in estates}


def test_an_alarm_from_a_demo_detector_becomes_an_alert_on_its_estate(demo_copy: Path) -> None:
    with Inventory.open(demo_copy) as inventory:
        sensor = inventory.sensors()[0]
        alert = AlertBook(inventory).record(event(DeviceKey("imei", sensor.imei or ""), AlertType.GAS_LEAK, level=1))
    assert alert is not None and alert.estate_code == sensor.estate_code and alert.device_kind == "sensor"
