"""Live video in the core: PyAV decoding real streams served by ffmpeg on 127.0.0.1.

The tile's picture, its 重连中 and its recovery are tested here without Qt: the GUI only paints
what :class:`onemap.cameras.stream.LiveStream` keeps.
"""

from __future__ import annotations

import logging
import sys
import threading

import pytest

from onemap.cameras import Credential, LinkRefusal, store_credential
from onemap.cameras.links import parse_camera_link
from onemap.cameras.stream import LiveStream, StreamState, playable
from onemap.cameras.substreams import stream_link
from tests.video_server import needs_ffmpeg, pattern_reference, share_like_pattern, wait_until

PASSWORD = "Mn7#pa@ss:视频"
FAST = {"backoff": (0.2, 0.3, 0.5), "open_timeout": 3.0, "read_timeout": 3.0}


def states_of(stream_states: list[StreamState]):  # type: ignore[no-untyped-def]
    return lambda state, _zh, _en: stream_states.append(state)


@pytest.mark.parametrize(
    ("link", "main", "sub"),
    [
        ("rtsp://10.0.0.64:554/Streaming/Channels/101", "/Streaming/Channels/101", "/Streaming/Channels/102"),
        ("rtsp://10.0.0.64/Streaming/Channels/1302", "/Streaming/Channels/1301", "/Streaming/Channels/1302"),
        ("rtsp://h/h264/ch1/main/av_stream", "/h264/ch1/main/av_stream", "/h264/ch1/sub/av_stream"),
        ("rtsp://h/cam/realmonitor?channel=2&subtype=0", "channel=2&subtype=0", "channel=2&subtype=1"),
        ("rtsp://h/cam/realmonitor?channel=2", "channel=2&subtype=0", "channel=2&subtype=1"),
        ("rtsp://h/unicast/c3/s0/live", "/unicast/c3/s0/live", "/unicast/c3/s1/live"),
    ],
)
def test_a_vendor_link_switches_between_main_and_sub_stream(link: str, main: str, sub: str) -> None:
    assert str(stream_link(link, "main")).endswith(main)
    assert str(stream_link(link, "sub")).endswith(sub)


def test_links_with_one_stream_have_no_other() -> None:
    assert stream_link("http://10.61.7.25/rtp/61072500011320000011/hls.m3u8", "sub") is None
    assert stream_link("rtsp://10.0.0.5/live", "main") is None


def test_snapshots_and_bare_ids_are_refused_as_streams_in_both_languages() -> None:
    for text in ("http://10.0.0.64/ISAPI/Streaming/channels/101/picture", "61072500011320000011"):
        refused = playable(text)
        assert isinstance(refused, LinkRefusal) and refused.reason_zh and refused.reason_en
        with pytest.raises(ValueError):
            LiveStream(text)


@pytest.mark.video
@needs_ffmpeg
def test_a_stream_decodes_the_real_test_pattern_and_keeps_only_the_newest_frame(rtsp_servers) -> None:
    server = rtsp_servers()
    states: list[StreamState] = []
    stream = LiveStream(server.url(), on_state=states_of(states), **FAST)
    stream.start()
    try:
        assert wait_until(lambda: stream.frames >= 20)
        frame = stream.latest()
        assert frame is not None and frame.size == (640, 360) and frame.number == stream.frames
        assert frame.rgb.std() > 40  # not blank
        assert share_like_pattern(frame.rgb, pattern_reference()) > 0.75
        assert states[:2] == [StreamState.CONNECTING, StreamState.PLAYING]
    finally:
        assert stream.stop(wait=3)
    assert stream.state is StreamState.STOPPED


@pytest.mark.video
@needs_ffmpeg
def test_a_stream_shows_reconnecting_when_the_server_stops_and_plays_again_when_it_restarts(rtsp_servers) -> None:
    server = rtsp_servers()
    states: list[StreamState] = []
    stream = LiveStream(server.url(), on_state=states_of(states), **FAST)
    stream.start()
    try:
        assert wait_until(lambda: stream.state is StreamState.PLAYING)
        server.stop()
        assert wait_until(lambda: stream.state in (StreamState.RECONNECTING, StreamState.OFFLINE))
        assert StreamState.RECONNECTING in states
        before = stream.frames
        rtsp_servers(port=server.port)
        assert wait_until(lambda: stream.state is StreamState.PLAYING and stream.frames > before + 5)
        assert states.count(StreamState.PLAYING) == 2
    finally:
        assert stream.stop(wait=3)


@pytest.mark.video
@needs_ffmpeg
def test_a_camera_that_never_answers_goes_offline_after_three_attempts_and_is_still_retried(rtsp_servers) -> None:
    server = rtsp_servers()
    port = server.port
    server.stop()
    states: list[StreamState] = []
    stream = LiveStream(f"rtsp://127.0.0.1:{port}/Streaming/Channels/102", on_state=states_of(states), **FAST)
    stream.start()
    try:
        assert wait_until(lambda: stream.state is StreamState.OFFLINE)
        assert states[:3] == [StreamState.CONNECTING, StreamState.RECONNECTING, StreamState.RECONNECTING]
        rtsp_servers(port=port)
        assert wait_until(lambda: stream.state is StreamState.PLAYING)
    finally:
        assert stream.stop(wait=3)


@pytest.mark.video
@needs_ffmpeg
def test_the_login_comes_from_the_keyring_and_reaches_no_log_reason_or_repr(
    rtsp_servers, memory_keyring, caplog
) -> None:
    server = rtsp_servers(login=("admin", PASSWORD))
    link = parse_camera_link(server.url())
    assert store_credential(link.device_key, Credential("admin", PASSWORD))
    reasons: list[str] = []
    caplog.set_level(logging.DEBUG)
    stream = LiveStream(server.url(), on_state=lambda _s, zh, en: reasons.extend((zh, en)), **FAST)
    stream.start()
    try:
        assert wait_until(lambda: stream.frames > 5)
    finally:
        stream.stop(wait=3)
    wrong = LiveStream(server.url(), credential=Credential("admin", "not-" + PASSWORD), **FAST)
    wrong.start()
    assert wait_until(lambda: wrong.state is StreamState.OFFLINE)
    wrong.stop(wait=3)
    assert "login refused" in wrong._last_reason[1] and server.refused_logins >= 3
    said = caplog.text + " ".join(reasons) + repr(stream) + repr(wrong)
    assert PASSWORD not in said and "pa%40ss" not in said and "admin:" not in said
    assert "video rtsp://127.0.0.1" in caplog.text  # the clean link is logged


@pytest.mark.video
@needs_ffmpeg
def test_stopping_ends_every_worker_thread_promptly(rtsp_servers) -> None:
    server = rtsp_servers()
    streams = [LiveStream(server.url(), **FAST) for _ in range(4)]
    for stream in streams:
        stream.start()
    assert wait_until(lambda: all(s.frames > 3 for s in streams))
    for stream in streams:
        stream.stop()
    assert all(stream.join(2.0) for stream in streams)
    assert not [t for t in threading.enumerate() if t.name.startswith("video ")]


@pytest.mark.video
@needs_ffmpeg
def test_an_http_flv_stream_decodes_the_pattern(flv_server) -> None:
    stream = LiveStream(flv_server, **FAST)
    stream.start()
    try:
        assert wait_until(lambda: stream.frames >= 5)
        assert share_like_pattern(stream.latest().rgb, pattern_reference()) > 0.75
    finally:
        assert stream.stop(wait=3)


@pytest.mark.video
@needs_ffmpeg
def test_an_hls_stream_decodes_the_pattern_once_its_playlist_appears(hls_server) -> None:
    stream = LiveStream(hls_server, **FAST)  # the playlist is 404 until ffmpeg writes it: retried
    stream.start()
    try:
        assert wait_until(lambda: stream.frames >= 5, timeout=30)
        assert stream.link.kind == "hls"
        assert share_like_pattern(stream.latest().rgb, pattern_reference()) > 0.6
    finally:
        assert stream.stop(wait=5)


def test_the_demo_inventory_lists_its_cameras_with_links_for_the_wall(demo_file) -> None:
    from onemap.store import Inventory

    with Inventory.open(demo_file, readonly=True) as inv:
        every = inv.live_cameras()
        first = every[0]
        mine = inv.live_cameras(first.estate_code)
        assert every and all(c.link for c in every)
        assert mine and {c.estate_code for c in mine} == {first.estate_code}
        assert inv.live_cameras(fid=first.fid) == [first]
        assert "@" not in "".join(c.link or "" for c in every)


def test_without_pyav_a_stream_goes_offline_saying_why(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "av", None)  # the core installed without the gui extra
    said: list[tuple[StreamState, str]] = []
    stream = LiveStream("rtsp://127.0.0.1:9/Streaming/Channels/102", on_state=lambda s, zh, _en: said.append((s, zh)))
    stream.start()
    assert stream.join(5)
    assert said == [(StreamState.OFFLINE, "未安装视频解码组件 PyAV")] and stream.state is StreamState.OFFLINE
