"""Real video streams on 127.0.0.1 for the tests: ffmpeg's test pattern over RTSP and HTTP-FLV.

RTSP comes from :class:`onemap.cameras.pattern_server.PatternServer` (ffmpeg encodes, the server
answers RTSP and relays RTP: Debian's ffmpeg alone cannot serve RTSP); HTTP-FLV from ffmpeg's
own ``-listen 1`` HTTP output (one client).  Tests using them are marked ``video`` and skipped,
saying so, only where ffmpeg is not installed.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator

import numpy as np
import pytest

from onemap.cameras.pattern_server import PatternServer, ffmpeg_path


def _missing() -> str:
    if ffmpeg_path() is None:
        return "ffmpeg is not installed (Debian package ffmpeg): no test video stream"
    if importlib.util.find_spec("av") is None:
        return "PyAV is not installed (the gui extra): no decoder"
    return ""


needs_ffmpeg = pytest.mark.skipif(bool(_missing()), reason=_missing() or "ffmpeg and PyAV are here")
PATTERN = "testsrc2=size=640x360:rate=15"


@pytest.fixture
def rtsp_servers() -> Iterator[Callable[..., PatternServer]]:
    """Start test-pattern RTSP servers (``port=``, ``login=``); every one is stopped after the test."""
    started: list[PatternServer] = []

    def start(**options: object) -> PatternServer:
        server = PatternServer(**options).start()  # type: ignore[arg-type]
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def flv_server() -> Iterator[str]:
    """ffmpeg serving the pattern as HTTP-FLV to one client; yields the link (it may take a moment to listen)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/live/1.flv"
    ffmpeg = subprocess.Popen(
        [str(ffmpeg_path()), "-v", "error", "-nostdin", "-re", "-f", "lavfi", "-i", PATTERN, "-c:v", "libx264"]
        + ["-preset", "ultrafast", "-tune", "zerolatency", "-g", "15", "-pix_fmt", "yuv420p"]
        + ["-f", "flv", "-listen", "1", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # no probe: ffmpeg serves one client, so a probe would be that client; a LiveStream retries
    yield url
    ffmpeg.kill()
    ffmpeg.wait()


@pytest.fixture
def hls_server(tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """ffmpeg writing the pattern as live HLS (1 s segments) into a folder an HTTP server serves."""
    folder = tmp_path / "hls"
    folder.mkdir()
    ffmpeg = subprocess.Popen(
        [str(ffmpeg_path()), "-v", "error", "-nostdin", "-re", "-f", "lavfi", "-i", PATTERN, "-c:v", "libx264"]
        + ["-preset", "ultrafast", "-tune", "zerolatency", "-g", "15", "-pix_fmt", "yuv420p", "-f", "hls"]
        + ["-hls_time", "1", "-hls_list_size", "4", "-hls_flags", "delete_segments", str(folder / "live.m3u8")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/live.m3u8"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        ffmpeg.kill()
        ffmpeg.wait()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:  # no request lines on stderr
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pattern_reference(size: str = "640x360") -> np.ndarray:
    """ffmpeg's own first picture of the test pattern, as RGB (what a decoded frame must look like)."""
    width, height = map(int, size.split("x"))
    raw = subprocess.run(
        [str(ffmpeg_path()), "-v", "error", "-f", "lavfi", "-i", PATTERN.replace("640x360", size)]
        + ["-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(raw, np.uint8).reshape(height, width, 3)


def share_like_pattern(rgb: np.ndarray, reference: np.ndarray, tolerance: int = 40) -> float:
    """The share of pixels within ``tolerance`` of the reference in every channel (the pattern's
    clock and moving square differ from frame to frame; its colour bars do not)."""
    diff = np.abs(rgb.astype(np.int16) - reference.astype(np.int16)).max(axis=2)
    return float((diff < tolerance).mean())


def wait_until(condition: Callable[[], object], timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())
