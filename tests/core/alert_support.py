"""A small real inventory for the alert tests: one estate with a camera and a gas detector, and events."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from shapely.geometry import box

from onemap.model import Camera, Estate
from onemap.store import Inventory
from onemap.store.sensors import Sensor
from onemap.watch.event import SHANGHAI, AlertType, DeviceKey, Event, State

CODE = "6107250001"
OTHER = "6107250002"
GB_ID = "61072500011320000011"
CAMERA_IP = "10.7.1.2"
IMEI = "868134040000018"
DEVICE_ID = "15083124868134040000018"
T0 = datetime(2026, 12, 1, 9, 30, tzinfo=SHANGHAI)


def make_inventory(path: Path) -> Inventory:
    """Two estates in two townships: the first with two cameras on one NVR and a gas detector."""
    inventory = Inventory.create(path, county_code="610725", county_name="勉县", user="测试员")
    with inventory.transaction():
        inventory.add_estate(
            Estate(
                code=CODE,
                name="桂园小区",
                township="勉阳街道",
                location=(106.67, 33.15),
                outline=box(106.669, 33.149, 106.671, 33.151),
                cameras=[
                    Camera(
                        CODE,
                        "东门",
                        "枪机",
                        f"rtsp://{CAMERA_IP}:554/Streaming/Channels/101",
                        GB_ID,
                        1,
                        (106.6695, 33.1495),
                    ),
                    Camera(CODE, "消防通道", "球机", f"rtsp://{CAMERA_IP}:554/Streaming/Channels/201", None, 2, None),
                    Camera(CODE, "北门", "枪机", "rtsp://10.7.1.21:554/Streaming/Channels/101", None, 1, None),
                ],
            )
        )
        inventory.add_estate(Estate(code=OTHER, name="武侯小区", township="武侯镇", location=(106.75, 33.12)))
        inventory.add_sensor(
            Sensor(CODE, DEVICE_ID, IMEI, "燃气探测器", "锅炉房", 20.0, 50.0, "online", (106.6701, 33.1502))
        )
    return inventory


def event(
    device: DeviceKey | None = None,
    kind: AlertType = AlertType.INTRUSION,
    *,
    at: datetime = T0,
    seconds: float = 0.0,
    state: State = State.ACTIVE,
    level: int = 2,
    value: float | None = None,
    pictures: tuple[bytes, ...] = (),
    raw: bytes = b"<EventNotificationAlert/>",
) -> Event:
    """One normalised event, by default an intrusion from the estate's GB/T 28181 camera at 09:30."""
    return Event(
        source="hikvision",
        device=device or DeviceKey("gb28181", GB_ID),
        type=kind,
        level=level,
        time=at + timedelta(seconds=seconds),
        state=state,
        value=value,
        raw=raw,
        pictures=pictures,
    )
