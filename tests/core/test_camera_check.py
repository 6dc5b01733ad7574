"""Camera reachability against real sockets: a listening port, a closed port, a port that never answers."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from onemap.cameras import CameraLink, parse_camera_link
from onemap.cameras.check import check_many, check_reachable

PASSWORD = "Zx9!pa@ss#Mian"


class Camera:
    """A listening TCP port that records every byte a client sends it."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.received = bytearray()
        self.connections = 0
        self._stop = threading.Event()
        self.server.settimeout(0.05)  # so the serving thread notices close() quickly
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            with conn:
                conn.settimeout(0.2)
                try:
                    while chunk := conn.recv(1024):
                        self.received += chunk
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self.server.close()
        self._thread.join(2)


@pytest.fixture
def camera() -> Iterator[Camera]:
    listening = Camera()
    yield listening
    listening.close()


@pytest.fixture
def closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return int(sock.getsockname()[1])


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port whose backlog is full, so new connections get no answer at all (Linux drops the SYN)."""
    server = socket.create_server(("127.0.0.1", 0), backlog=0)
    port = server.getsockname()[1]
    held = []
    for _ in range(8):
        client = socket.socket()
        client.settimeout(0.3)
        try:
            client.connect(("127.0.0.1", port))
        except TimeoutError:
            client.close()
            break
        held.append(client)
    else:
        pytest.skip("this system answers every connection; no silent port to test with")
    yield port
    for client in held:
        client.close()
    server.close()


def test_a_listening_camera_is_online(camera: Camera) -> None:
    result = check_reachable(f"rtsp://127.0.0.1:{camera.port}/Streaming/Channels/101")
    assert result.online and "在线" in result.reason_zh and result.reason("en").startswith("online")


def test_a_closed_port_is_offline_with_a_reason(closed_port: int) -> None:
    result = check_reachable(f"rtsp://127.0.0.1:{closed_port}/Streaming/Channels/101")
    assert not result.online and "拒绝" in result.reason_zh and "refused" in result.reason_en


def test_a_camera_that_never_answers_is_offline_after_the_timeout(silent_port: int) -> None:
    started = time.monotonic()
    result = check_reachable(f"http://127.0.0.1:{silent_port}/live/1.flv", timeout=0.5)
    assert not result.online and result.reason_zh == "0.5 秒内无响应"
    assert time.monotonic() - started < 1.5


def test_the_login_in_a_pasted_link_is_never_sent_or_shown(camera: Camera, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    result = check_reachable(f"rtsp://admin:{PASSWORD}@127.0.0.1:{camera.port}/Streaming/Channels/101")
    assert result.online
    deadline = time.monotonic() + 2
    while camera.connections == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)
    assert camera.connections == 1 and bytes(camera.received) == b""
    assert PASSWORD not in result.reason_zh + result.reason_en + caplog.text


def test_an_already_parsed_link_is_checked_the_same_way(camera: Camera) -> None:
    link = parse_camera_link(f"http://127.0.0.1:{camera.port}/rtp/61072500011320000011/hls.m3u8")
    assert isinstance(link, CameraLink) and check_reachable(link).online


@pytest.mark.parametrize(
    "text, words",
    [
        ("javascript:alert(1)", "链接无效"),
        ("61072500011320000011", "视频平台"),
        ("rtsp://", "链接无效"),
        (None, "链接无效"),
    ],
)
def test_links_that_cannot_be_checked_say_why_and_never_raise(text: object, words: str) -> None:
    result = check_reachable(text, timeout=0.2)  # type: ignore[arg-type]
    assert not result.online and words in result.reason_zh


def test_a_host_name_that_does_not_resolve_is_offline() -> None:
    result = check_reachable("rtsp://no-such-camera.invalid/Streaming/Channels/101", timeout=1.0)
    assert not result.online and "主机名" in result.reason_zh


def test_many_cameras_are_checked_at_once_and_reported_in_order(
    camera: Camera, closed_port: int, silent_port: int
) -> None:
    links = [f"rtsp://127.0.0.1:{silent_port}/{i}" for i in range(6)]
    links += [f"rtsp://127.0.0.1:{camera.port}/ok", f"rtsp://127.0.0.1:{closed_port}/closed"]
    seen: list[int] = []
    started = time.monotonic()
    results = check_many(links, timeout=0.5, max_workers=8, on_result=lambda i, _r: seen.append(i))
    assert time.monotonic() - started < 2.0  # six timeouts in parallel, not one after another
    assert [r.online for r in results] == [False] * 6 + [True, False]
    assert sorted(seen) == list(range(8))


def test_checking_no_cameras_gives_no_results() -> None:
    assert check_many([]) == []


def test_an_ipv6_camera_is_reached_at_its_bracketed_address() -> None:
    try:
        server = socket.create_server(("::1", 0), family=socket.AF_INET6)
    except OSError:
        pytest.skip("no IPv6 loopback here")
    with server:
        assert check_reachable(f"rtsp://[::1]:{server.getsockname()[1]}/Streaming/Channels/101").online


def test_a_listener_that_fails_does_not_stop_the_other_checks(camera: Camera) -> None:
    def broken(_index: int, _result: object) -> None:
        raise RuntimeError("the list widget was closed")

    results = check_many([f"rtsp://127.0.0.1:{camera.port}/1"] * 3, timeout=0.5, on_result=broken)
    assert [r.online for r in results] == [True] * 3
