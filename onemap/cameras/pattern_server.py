"""A small RTSP server on loopback serving ffmpeg's test pattern, for the demo and the tests.

Debian's ffmpeg cannot itself serve RTSP to players (its RTSP muxer only pushes to a server), so
ffmpeg encodes ``testsrc2`` to H.264 and sends RTP over UDP to this process, which answers the
RTSP handshake (OPTIONS, DESCRIBE with ffmpeg's own SDP, SETUP over TCP-interleaved transport,
PLAY, TEARDOWN) and relays every RTP packet to each playing client as ``$``-framed interleaved
data (RFC 2326 §10.12).  One encoder serves any number of clients, like a camera's sub-stream.
An optional login is checked with HTTP Basic authentication, so a test can prove the player
took the login from the keyring.
"""

from __future__ import annotations

import base64
import contextlib
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import time
from pathlib import Path

_REQUEST_END = b"\r\n\r\n"


def ffmpeg_path() -> str | None:
    """The ffmpeg executable on ``PATH``, or None (the server needs it)."""
    return shutil.which("ffmpeg")


class PatternServer:
    """Serve a moving test pattern at ``rtsp://127.0.0.1:PORT/PATH`` until :meth:`stop`.

    Parameters
    ----------
    port : int
        TCP port to listen on; 0 picks a free one (read :attr:`port` after :meth:`start`).
    size, fps : str, int
        Picture size and rate (a Hikvision sub-stream is 640x360 or 640x480 at 15 fps).
    login : tuple of str, optional
        ``(user, password)`` the server demands (Basic); None serves anyone.
    """

    def __init__(
        self, port: int = 0, *, size: str = "640x360", fps: int = 15, login: tuple[str, str] | None = None
    ) -> None:
        self.port, self.size, self.fps, self.login = port, size, fps, login
        self._listener: socket.socket | None = None
        self._udp: list[socket.socket] = []
        self._encoder: subprocess.Popen[bytes] | None = None
        self._players: list[socket.socket] = []
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._sdp = ""
        self.refused_logins = 0

    def url(self, path: str = "/Streaming/Channels/102") -> str:
        """The stream's link (without any login)."""
        return f"rtsp://127.0.0.1:{self.port}{path}"

    def start(self, timeout: float = 10.0) -> PatternServer:
        """Start the encoder and the listener; return once ffmpeg has written its SDP."""
        ffmpeg = ffmpeg_path()
        if ffmpeg is None:
            raise RuntimeError("没有找到 ffmpeg (ffmpeg is not installed)")
        self._stopping.clear()
        self._udp = [_udp_socket(), _udp_socket()]
        rtp, rtcp = (s.getsockname()[1] for s in self._udp)
        sdp_file = Path(tempfile.mkdtemp(prefix="onemap-rtsp-")) / "stream.sdp"
        self._encoder = subprocess.Popen(
            [ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-f", "lavfi"]
            + ["-i", f"testsrc2=size={self.size}:rate={self.fps}", "-c:v", "libx264", "-preset", "ultrafast"]
            + [
                "-tune",
                "zerolatency",
                "-g",
                str(self.fps),
                "-flags",
                "+global_header",
                "-pix_fmt",
                "yuv420p",
                "-payload_type",
                "96",
            ]
            + ["-f", "rtp", "-sdp_file", str(sdp_file), f"rtp://127.0.0.1:{rtp}?rtcpport={rtcp}&pkt_size=1200"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._sdp = _wait_for_sdp(sdp_file, self._encoder, timeout)
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self.port = self._listener.getsockname()[1]
        self._spawn(self._accept_loop)
        self._spawn(self._relay_loop)
        return self

    def stop(self) -> None:
        """Stop serving: close every connection, end ffmpeg, join the threads."""
        self._stopping.set()
        for sock in [self._listener, *self._udp, *self._players]:
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
        if self._encoder is not None:
            self._encoder.terminate()
            try:
                self._encoder.wait(5)
            except subprocess.TimeoutExpired:
                self._encoder.kill()
                self._encoder.wait()
        for thread in self._threads:
            thread.join(5)
        self._listener, self._udp, self._players, self._threads, self._encoder = None, [], [], [], None

    def __enter__(self) -> PatternServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # -- threads -----------------------------------------------------------------------------

    def _spawn(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name="pattern-rtsp")  # type: ignore[arg-type]
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self._stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self._spawn(self._serve, conn)

    def _relay_loop(self) -> None:
        source = self._udp[0]
        while not self._stopping.is_set():
            try:
                packet = source.recv(65536)
            except OSError:
                return
            frame = b"$\x00" + struct.pack(">H", len(packet)) + packet
            with self._lock:
                players = list(self._players)
            for player in players:
                try:
                    player.sendall(frame)
                except OSError:
                    self._drop(player)

    def _drop(self, player: socket.socket) -> None:
        with self._lock:
            if player in self._players:
                self._players.remove(player)
        player.close()

    def _serve(self, conn: socket.socket) -> None:
        """Answer one client's RTSP requests until it leaves."""
        buffer = b""
        with contextlib.suppress(OSError):
            while not self._stopping.is_set():
                buffer = _skip_interleaved(buffer)
                if _REQUEST_END not in buffer or buffer[:1] == b"$":
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    buffer += chunk
                    continue
                head, _, buffer = buffer.partition(_REQUEST_END)
                self._answer(conn, head.decode("latin-1"))
        self._drop(conn)

    def _answer(self, conn: socket.socket, head: str) -> None:
        lines = head.split("\r\n")
        method, url = (lines[0].split(" ") + ["", ""])[:2]
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        cseq = headers.get("cseq", "0")
        if not self._authorised(headers.get("authorization", "")):
            self.refused_logins += 1
            conn.sendall(_reply(cseq, "401 Unauthorized", {"WWW-Authenticate": 'Basic realm="OneMap test"'}))
            return
        if method == "OPTIONS":
            conn.sendall(_reply(cseq, "200 OK", {"Public": "OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN"}))
        elif method == "DESCRIBE":
            body = self._sdp.encode()
            extra = {"Content-Base": url.rstrip("/") + "/", "Content-Type": "application/sdp"}
            conn.sendall(_reply(cseq, "200 OK", extra, body))
        elif method == "SETUP":
            if "interleaved" not in headers.get("transport", "") and "TCP" not in headers.get("transport", ""):
                conn.sendall(_reply(cseq, "461 Unsupported Transport"))
                return
            transport = "RTP/AVP/TCP;unicast;interleaved=0-1"
            conn.sendall(_reply(cseq, "200 OK", {"Transport": transport, "Session": "1;timeout=60"}))
        elif method == "PLAY":
            conn.sendall(_reply(cseq, "200 OK", {"Session": "1", "Range": "npt=0.000-"}))
            with self._lock:
                self._players.append(conn)
        elif method == "TEARDOWN":
            conn.sendall(_reply(cseq, "200 OK", {"Session": "1"}))
            self._drop(conn)
        else:  # GET_PARAMETER keep-alives and the rest
            conn.sendall(_reply(cseq, "200 OK", {"Session": "1"}))

    def _authorised(self, header: str) -> bool:
        if self.login is None:
            return True
        expected = base64.b64encode(":".join(self.login).encode()).decode()
        return header == f"Basic {expected}"


def _udp_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    sock.bind(("127.0.0.1", 0))
    return sock


def _wait_for_sdp(path: Path, encoder: subprocess.Popen[bytes], timeout: float) -> str:
    """ffmpeg's SDP with a control URL per track, once ffmpeg has written it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if encoder.poll() is not None:
            raise RuntimeError("ffmpeg 未能启动测试流 (ffmpeg exited before streaming)")
        text = path.read_text("ascii") if path.exists() else ""
        if "m=video" in text and text.endswith("\n"):
            break
        time.sleep(0.05)
    else:
        encoder.kill()
        raise RuntimeError("ffmpeg 没有在时限内输出 SDP (no SDP from ffmpeg in time)")
    with contextlib.suppress(OSError):
        path.unlink()
        path.parent.rmdir()
    lines = [line for line in text.splitlines() if line and not line.startswith("c=")]
    session_end = next(i for i, line in enumerate(lines) if line.startswith("m="))
    media = [line.replace(line.split(" ")[1], "0", 1) if line.startswith("m=") else line for line in lines]
    media[session_end:session_end] = ["c=IN IP4 0.0.0.0", "a=control:*"]
    return "\r\n".join([*media, "a=control:trackID=0", ""])


def _reply(cseq: str, status: str, headers: dict[str, str] | None = None, body: bytes = b"") -> bytes:
    lines = [f"RTSP/1.0 {status}", f"CSeq: {cseq}", "Server: OneMap test pattern"]
    lines += [f"{key}: {value}" for key, value in (headers or {}).items()]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def _skip_interleaved(buffer: bytes) -> bytes:
    """Drop RTCP receiver reports the client sends interleaved between requests."""
    while buffer[:1] == b"$" and len(buffer) >= 4:
        length = struct.unpack(">H", buffer[2:4])[0]
        if len(buffer) < 4 + length:
            break
        buffer = buffer[4 + length :]
    return buffer
