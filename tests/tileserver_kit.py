"""A tile server on 127.0.0.1 standing where 天地图 and a county's XYZ server would be.

It answers 天地图's WMTS KVP GetTile (``/{layer}_w/wmts?SERVICE=WMTS&...&tk=KEY``), checking
every parameter, and plain XYZ (``/xyz/{z}/{x}/{y}.png``), with real PNG tiles (zlib-encoded,
one colour per tile; label layers transparent with an opaque band).  A bad key gets what
天地图 sends: HTTP 403 with a JSON reason.  It counts requests and can be slowed down.
"""

from __future__ import annotations

import contextlib
import json
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

GOOD_KEY = "0123456789abcdef0123456789abcdef"
_LAYERS = {"vec", "cva", "img", "cia"}
_EXPECTED = {"SERVICE": "WMTS", "REQUEST": "GetTile", "VERSION": "1.0.0", "STYLE": "default",
             "TILEMATRIXSET": "w", "FORMAT": "tiles"}  # fmt: skip


def png(width: int, height: int, rgba: tuple[int, int, int, int], band: bool = False) -> bytes:
    """A real PNG: one colour, or (``band``) transparent with an opaque band across the middle."""
    rows = []
    for y in range(height):
        colour = rgba if not band or height // 2 - 8 <= y < height // 2 + 8 else (0, 0, 0, 0)
        rows.append(b"\x00" + bytes(colour) * width)
    raw = zlib.compress(b"".join(rows), 6)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def tile_colour(layer: str, z: int, x: int, y: int) -> tuple[int, int, int, int]:
    """The colour a tile is painted in, so a test can tell which tile it got."""
    if layer in ("cva", "cia"):
        return (20, 20, 20, 255)
    return ((x * 37 + z * 11) % 200 + 40, (y * 53 + z * 7) % 200 + 40, 180 if layer == "img" else 90, 255)


class TileServer:
    """The running server: ``base`` (for ONEMAP_TIANDITU_BASE), ``xyz`` (a template), the requests seen."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.delay_s = 0.0
        self.key = GOOD_KEY
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.xyz = f"{self.base}/xyz/{{z}}/{{x}}/{{y}}.png"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.requests)

    def stop(self) -> None:
        """Stop answering (and free the port): the server is down."""
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                with server._lock:
                    server.requests.append(self.path)
                if server.delay_s:
                    time.sleep(server.delay_s)
                status, kind, body = server.answer(self.path)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up (timeout): nothing to do
                    pass

        return Handler

    def answer(self, path: str) -> tuple[int, str, bytes]:
        parts = urlsplit(path)
        if parts.path.startswith("/xyz/"):
            z, x, y = (int(v) for v in parts.path.removesuffix(".png").split("/")[2:5])
            if z >= 18:  # beyond this county server's coverage, as real servers answer
                return 404, "text/plain", b"no such tile"
            return 200, "image/png", png(256, 256, tile_colour("xyz", z, x, y))
        layer = parts.path.strip("/").removesuffix("_w/wmts")
        query = dict(parse_qsl(parts.query))
        wrong = [k for k, v in _EXPECTED.items() if query.get(k) != v]
        if layer not in _LAYERS or query.get("LAYER") != layer or wrong:
            self.problems.append(f"{path}: {wrong or layer}")
            return 400, "text/xml", b"<ows:ExceptionReport><ows:ExceptionText>bad request</ows:ExceptionText>"
        if query.get("tk") != self.key:
            body = {"msg": "权限类型错误", "resolve": "权限类型错误", "code": 12}
            return 403, "application/json", json.dumps(body, ensure_ascii=False).encode("utf-8")
        z, row, col = int(query["TILEMATRIX"]), int(query["TILEROW"]), int(query["TILECOL"])
        return 200, "image/png", png(256, 256, tile_colour(layer, z, col, row), band=layer in ("cva", "cia"))


@pytest.fixture
def tile_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[TileServer]:
    """A tile server for one test, with 天地图's address pointed at it and the user's folders in ``tmp_path``
    (tile caches and the settings file never touch the real ones)."""
    server = TileServer()
    monkeypatch.setenv("ONEMAP_TIANDITU_BASE", server.base)
    for variable, folder in (("XDG_DATA_HOME", "data"), ("LOCALAPPDATA", "data"), ("XDG_CONFIG_HOME", "config"),
                             ("APPDATA", "config")):  # fmt: skip
        monkeypatch.setenv(variable, str(tmp_path / folder))
    try:
        yield server
    finally:
        with contextlib.suppress(OSError):
            server.stop()
