"""The collector's other doors: an HTTP push to its listener, and cameras pulled with digest auth."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from onemap.cameras.links import Credential
from onemap.store import Inventory
from onemap.watch import AlertType, DeviceKey, State
from onemap.watch.bus import LocalBus
from onemap.watch.collector import Collector
from onemap.watch.config import Pull, WatchConfig
from onemap.watch.pull import Puller
from onemap.watch.wiring import Wiring
from tests.core.watch_collector_support import DATA, Recorder, running, until

REALM, NONCE, USER, PASSWORD = "IP Camera(C1234)", "4e5449314e4467", "admin", "Pa55-secret!"


def test_a_hikvision_push_to_the_listener_is_recorded_and_published_on_the_in_process_bus(demo_file: Path) -> None:
    recorder, seen = Recorder(), []
    with Inventory.open(demo_file, readonly=True) as inventory:
        wiring = Wiring(WatchConfig(listen_port=0), inventory, recorder, None, lambda _name: None)
        wiring.bus.subscribe("onemap/alerts/#", lambda topic, body: seen.append((topic, json.loads(body))))
        wiring.start()
        with running(wiring.collector):
            request = urllib.request.Request(
                f"http://{wiring.address}/any/path",
                data=(DATA / "hikvision_push_multipart.bin").read_bytes(),
                headers={"Content-Type": "multipart/form-data; boundary=MIME_boundary"},
            )
            assert urllib.request.urlopen(request, timeout=10).status == 200
            [event] = recorder.wait_for(1)
            assert until(lambda: len(seen) == 1)
        wiring.stop()
    assert event.source == "hikvision" and event.type is AlertType.INTRUSION and event.pictures
    [(topic, body)] = seen
    assert topic == "onemap/alerts/610725" and body["type"] == "intrusion" and body["alert"]["id"] == "A1"
    assert wiring.summary()["push"]["accepted"] == 1


class Camera(BaseHTTPRequestHandler):
    """A camera's event stream behind digest auth that drops the stream after one body."""

    body: bytes = b""
    boundary = ""
    connections: list[str] = []

    def do_GET(self) -> None:
        if not self._authorised():
            self.send_response(401)
            self.send_header("WWW-Authenticate", f'Digest realm="{REALM}", qop="auth", nonce="{NONCE}", algorithm=MD5')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.connections.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", f"multipart/x-mixed-replace; boundary={self.boundary}")
        self.end_headers()
        for start in range(0, len(self.body), 700):  # the chunks split parts anywhere
            self.wfile.write(self.body[start : start + 700])
            self.wfile.flush()
        # returning closes the connection: the stream dropped, as some NVRs do after ~40 s

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Digest "):
            return False
        fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(header[7:]))
        ha1 = _md5(f"{USER}:{REALM}:{PASSWORD}")
        ha2 = _md5(f"GET:{fields.get('uri')}")
        expected = _md5(f"{ha1}:{NONCE}:{fields.get('nc')}:{fields.get('cnonce')}:auth:{ha2}")
        return fields.get("username") == USER and fields.get("response") == expected

    def log_message(self, *_args: Any) -> None:
        pass


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


@contextmanager
def camera(body: bytes, boundary: str) -> Iterator[tuple[int, list[str]]]:
    handler = type("Cam", (Camera,), {"body": body, "boundary": boundary, "connections": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], handler.connections
    finally:
        server.shutdown()
        server.server_close()


def pull_from(kind: str, port: int, recorder: Recorder, refused: list[str]) -> Puller:
    pull = Pull(kind, "127.0.0.1", port, heartbeat=5)
    return Puller(
        pull, Credential(USER, PASSWORD), recorder.take, lambda r, _w: refused.append(r.reason), 5, (0.1, 0.5)
    )


def test_a_hikvision_alert_stream_is_pulled_with_digest_auth_and_reopened_when_it_drops(
    caplog: pytest.LogCaptureFixture,
) -> None:
    recorder, refused = Recorder(), []
    caplog.set_level(logging.DEBUG)
    with camera((DATA / "hikvision_alertstream.bin").read_bytes(), "boundary") as (port, connections):
        puller = pull_from("hikvision", port, recorder, refused)
        puller.start()
        events = recorder.wait_for(2)  # one alert per connection: the second came after a reconnect
        puller.stop()
    assert len(connections) >= 2 and connections[0] == "/ISAPI/Event/notification/alertStream"
    assert {(e.type, e.state, e.device) for e in events} == {
        (AlertType.INTRUSION, State.ACTIVE, DeviceKey("ip", "192.168.1.64", 1))
    }
    assert all(e.pictures for e in events)  # the JPEG after its XML part rides along
    assert puller.heartbeats >= 2 and not refused  # videoloss/inactive counted, never recorded
    assert PASSWORD not in caplog.text


def test_a_dahua_attach_stream_is_pulled_and_its_heartbeats_are_not_events() -> None:
    recorder, refused = Recorder(), []
    with camera((DATA / "dahua_attach.bin").read_bytes(), "myboundary") as (port, connections):
        puller = pull_from("dahua", port, recorder, refused)
        puller.start()
        assert until(lambda: len(connections) >= 2)
        puller.stop()
    assert "action=attach&codes=[All]&heartbeat=5" in connections[0]
    events = recorder.events
    assert events and all(e.source == "dahua" and e.device.value == "127.0.0.1" for e in events)
    assert AlertType.INTRUSION in {e.type for e in events} and puller.heartbeats >= 1


def test_a_new_alert_is_dispatched_once_to_its_estates_contacts_and_a_folded_repeat_is_not(demo_file: Path) -> None:
    from onemap.watch.dispatch import Dispatcher, load_dispatch
    from onemap.watch.relay import Relay

    recorded: list[object] = []

    def record(event: Any) -> dict[str, Any]:  # the store folds repeats of a device into one alert
        recorded.append(event)
        return {"id": f"alert-{event.device.value}", "estate_code": "6107250001", "count": len(recorded)}

    config = load_dispatch(DATA.parent / "watch_dispatch" / "WATCH.toml")
    with Inventory.open(demo_file, readonly=True) as inventory:
        dispatcher = Dispatcher(config, {})  # no channel set up: every send is recorded as failed, not lost
        collector = Collector(LocalBus(), record, "610725", relay=Relay(dispatcher, inventory.estate))
        gas = (DATA / "tuya_dps_alarm.json").read_bytes()
        collector.on_message("tuya/6c8a5e2d9f04b1c7e3kq1x", gas)
        collector.on_message("tuya/6c8a5e2d9f04b1c7e3kq1x", gas)
        collector.drain()
    assert len(recorded) == 2 and collector.counts["alerts"] == 2
    sent = {record.channel: record for record in dispatcher.records}
    assert set(sent) == {"sms", "estates", "ding", "mail"}  # one first step, each channel told once
    assert "152****6227" in sent["sms"].recipients and "137****0001" in sent["sms"].recipients  # masked
    assert all(r.status == "failed" and r.code == "no_channel" for r in dispatcher.records)
    assert collector.counts["sent_failed"] == len(dispatcher.records)
