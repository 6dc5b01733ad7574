"""The watch's marks without a window: what the store reads, what a change re-reads, and each device's state."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from onemap.model import Camera
from onemap.store import Inventory
from onemap.view.watch_marks import AROUND_ESTATE_M, CAMERA_STATES, SENSOR_STATES, WatchMarks
from onemap.watch.event import AlertType
from tests.watch_marks_kit import advance, camera_event, devices, gas_event, record


@pytest.fixture
def marks(demo_copy: Path) -> WatchMarks:
    model = WatchMarks()
    with Inventory.open(demo_copy, readonly=True) as inventory:
        model.load(inventory)
    return model


def test_every_demo_camera_and_sensor_is_read_with_a_position_and_no_link(marks: WatchMarks, demo_copy: Path) -> None:
    assert len(marks.cameras) == 383 and len(marks.sensors) == 148 and len(marks.alerts) == 0
    assert not np.isnan(marks.cameras.x).any() and not np.isnan(marks.sensors.y).any()
    assert "link" not in marks.cameras.columns
    codes = marks.cameras["estate_code"].tolist()
    assert codes == sorted(codes)  # by estate, then fid: the details dock's camera rows
    with Inventory.open(demo_copy, readonly=True) as inventory:
        some = inventory.camera_marks(["6107250002"])
    assert set(some["estate_code"].tolist()) == {"6107250002"}
    assert some["fid"].tolist() == marks.cameras["fid"][marks.cameras["estate_code"] == "6107250002"].tolist()


def test_only_alerts_still_in_the_handling_cycle_are_read(demo_copy: Path) -> None:
    cameras, _ = devices(demo_copy)
    first, second, third = record(
        demo_copy,
        [camera_event(cameras[i][1], AlertType.INTRUSION, 2) for i in range(3)],
    )
    assert first and second and third
    advance(demo_copy, first.id, "closed", "已劝离")
    advance(demo_copy, second.id, "false_alarm", "保洁员")
    advance(demo_copy, third.id, "accepted")
    with Inventory.open(demo_copy, readonly=True) as inventory:
        alerts = inventory.open_alert_marks()
    assert alerts["fid"].tolist() == [third.id] and alerts["status"].tolist() == ["accepted"]


def test_a_fold_the_trail_does_not_name_is_followed_by_re_reading_the_open_alerts(demo_copy: Path) -> None:
    _, sensors = devices(demo_copy)
    record(demo_copy, [gas_event(sensors[0][1], level=3, value=12.0)])
    model = WatchMarks()
    with Inventory.open(demo_copy, readonly=True) as inventory:
        model.load(inventory)
        assert model.alerts["level"].tolist() == [3]
        record(demo_copy, [gas_event(sensors[0][1], level=1, value=52.0, seconds=20)])
        assert model.follow(inventory, set(), frozenset()) == {"alerts"}  # a commit with no audited table
        assert model.follow(inventory, set(), frozenset({"estates"})) == {"alerts"}
    assert model.alerts["level"].tolist() == [1] and model.alerts["count"].tolist() == [2]


def test_a_camera_written_to_one_estate_is_patched_in_without_reading_the_others(demo_copy: Path) -> None:
    model = WatchMarks()
    with Inventory.open(demo_copy, readonly=True) as inventory:
        model.load(inventory)
    before = model.cameras
    code = "6107250004"
    with Inventory.open(demo_copy, user="录入员") as inventory, inventory.transaction():
        for name in ("西门", "北门"):
            inventory.add_child("cameras", Camera(code, name, "枪机", None, None, None, None))  # no point of its own
    with Inventory.open(demo_copy, readonly=True) as inventory:
        assert model.follow(inventory, {code}, frozenset({"cameras"})) == {"cameras"}  # alerts not asked
    after = model.cameras
    assert len(after) == len(before) + 2
    mine = np.flatnonzero(after["estate_code"] == code)
    new = mine[~after["own"][mine]]
    assert len(new) == 2
    xy = np.column_stack([after.x[new], after.y[new]])
    assert not np.allclose(xy[0], xy[1])  # placed round the estate's point, not on one another
    others = after["estate_code"] != code
    assert after["fid"][others].tolist() == before["fid"][before["estate_code"] != code].tolist()
    assert np.hypot(*(xy[0] - xy[1])) < 4 * AROUND_ESTATE_M


def test_device_states_come_from_checks_alerts_and_sensor_status(demo_copy: Path) -> None:
    cameras, sensors = devices(demo_copy)
    record(
        demo_copy,
        [
            camera_event(cameras[0][1], AlertType.SMOKE_FIRE, 1),
            camera_event(cameras[1][1], AlertType.DEVICE_OFFLINE, 3),
            gas_event(sensors[0][1]),
        ],
    )
    model = WatchMarks()
    with Inventory.open(demo_copy, readonly=True) as inventory:
        model.load(inventory)
    code = cameras[0][0]
    rows = np.flatnonzero(model.cameras["estate_code"] == code)
    states = model.camera_states({code: {0: True, 1: True, 2: False}})
    words = [CAMERA_STATES[s] for s in states[rows[:3]]]
    assert words == ["alerting", "offline", "offline"]  # its own alert; a device_offline alert; the check
    assert CAMERA_STATES[model.camera_states({})[rows[3]]] == "unknown"
    assert model.worst_level("camera")[int(model.cameras["fid"][rows[0]])] == 1
    sensor_words = [SENSOR_STATES[s] for s in model.sensor_states()]
    assert sensor_words[0] == "alarming" and set(sensor_words[1:]) == {"normal"}


def _same(a, b) -> None:  # type: ignore[no-untyped-def]
    assert sorted(a.columns) == sorted(b.columns)
    for name in a.columns:
        assert a[name].tolist() == b[name].tolist(), name
    assert a.rank.tolist() == b.rank.tolist()
    np.testing.assert_allclose(a.x, b.x, equal_nan=True)
    np.testing.assert_allclose(a.y, b.y, equal_nan=True)


def test_patching_cameras_in_and_out_of_several_estates_equals_reading_every_mark_again(demo_copy: Path) -> None:
    model = WatchMarks()
    with Inventory.open(demo_copy, readonly=True) as inventory:
        model.load(inventory)
        codes = sorted(set(model.cameras["estate_code"].tolist()))
        without = sorted({e.code for e in inventory.estates()} - set(codes))
    changed = {codes[0], codes[-1], without[0], without[-1]}  # the first and last blocks, and two with none
    with Inventory.open(demo_copy, user="录入员") as inventory, inventory.transaction():
        for code in (without[0], without[-1], codes[-1]):
            inventory.add_child("cameras", Camera(code, "新增", "枪机", None, None, None, None))
        inventory.replace_children(codes[0], "cameras", [])
    with Inventory.open(demo_copy, readonly=True) as inventory:
        model.follow(inventory, changed, frozenset({"cameras"}))
        untouched = model.cameras
        assert model.follow(inventory, {without[1]}, frozenset({"estates"})) == {"cameras", "sensors", "alerts"}
        assert model.cameras is untouched  # an estate with no devices: nothing copied
        model.follow(inventory, {codes[1]}, frozenset({"estates"}))
        assert model.cameras is untouched  # an estate whose cameras read as before (another field edited)
        fresh = WatchMarks()
        fresh.load(inventory)
    _same(model.cameras, fresh.cameras)
