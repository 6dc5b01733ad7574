"""One live camera stream decoded on a worker thread, newest frame only, reconnecting with backoff.

The decoder is PyAV (FFmpeg in the wheel), chosen by measurement over Qt Multimedia (README,
"Live video"): first frame 0.5 s against 1.0 s, 2–3 % of a core per 640×360 sub-stream against
3–5 %, and FFmpeg's options within reach (RTSP over TCP, open and read time-outs).  Neither
reconnects by itself, so :class:`LiveStream` does: 连接中 → 播放中; a drop → 重连中, retried after
0.5, 1, 2, 4, 8, 15 s; three failed attempts in a row → 离线 (still retried every 15 s).

The login comes from the OS keyring (:func:`~onemap.cameras.load_credential`) and goes only into
the URL handed to FFmpeg inside this process: never into a log line, an exception message, the
state's reason or the process list.  PyAV's exceptions quote the URL, so only their class is kept.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import quote

import numpy as np

from onemap.cameras.credentials import load_credential
from onemap.cameras.links import CameraLink, Credential, LinkRefusal, parse_camera_link

_log = logging.getLogger("onemap.cameras.stream")
STREAM_KINDS = frozenset({"rtsp", "rtsps", "http_flv", "hls", "rtmp"})
BACKOFF = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)
# RTSP: the SDP names the codec, so no probing (open 0.13 s instead of 2.8 s, measured)
_RTSP_OPTIONS = {"rtsp_transport": "tcp", "fflags": "nobuffer", "flags": "low_delay"}
_RTSP_OPTIONS |= {"analyzeduration": "0", "probesize": "32"}
_HTTP_OPTIONS = {"fflags": "nobuffer", "analyzeduration": "500000", "probesize": "500000"}


class StreamState(Enum):
    """Where a stream is; ``label(lang)`` is what a tile shows."""

    CONNECTING = ("连接中", "Connecting")
    PLAYING = ("播放中", "Playing")
    RECONNECTING = ("重连中", "Reconnecting")
    OFFLINE = ("离线", "Offline")
    STOPPED = ("已停止", "Stopped")

    def label(self, lang: str = "zh") -> str:
        """The state's name in ``lang``."""
        return self.value[0] if lang == "zh" else self.value[1]


@dataclass(frozen=True)
class Frame:
    """One decoded picture: ``rgb`` is an (height, width, 3) uint8 array, C-contiguous."""

    rgb: np.ndarray
    number: int

    @property
    def size(self) -> tuple[int, int]:
        """(width, height)."""
        return int(self.rgb.shape[1]), int(self.rgb.shape[0])


def playable(link: str | CameraLink | None) -> CameraLink | LinkRefusal:
    """The parsed link if OneMap can play it in a tile, else why not (both languages)."""
    parsed = link if isinstance(link, CameraLink) else parse_camera_link(link)
    if isinstance(parsed, CameraLink) and parsed.kind not in STREAM_KINDS:
        return LinkRefusal(f"{parsed.kind} 链接不是视频流", f"a {parsed.kind} link is not a video stream")
    return parsed


def _with_login(link: CameraLink, credential: Credential | None) -> str:
    if credential is None:
        return link.url
    login = quote(credential.username, safe="")
    if credential.password:
        login += ":" + quote(credential.password, safe="")
    return link.url.replace("://", f"://{login}@", 1)


class LiveStream:
    """Decode one stream until :meth:`stop`; read the newest picture with :meth:`latest`.

    Parameters
    ----------
    link : str or CameraLink
        A clean link (RTSP, HTTP-FLV, HLS, RTMP); a login in it is ignored.
    credential : Credential, optional
        Defaults to the login kept in the keyring for the link's device.
    on_state : callable, optional
        Called on the worker thread as ``on_state(state, reason_zh, reason_en)``.
    on_frame : callable, optional
        Called on the worker thread after each new frame (a GUI posts a repaint from it).
    open_timeout, read_timeout : float
        Seconds FFmpeg may wait to open, and for data once open.
    offline_after, backoff : int, sequence of float
        Failed attempts in a row before 离线; the waits between attempts.
    """

    def __init__(
        self,
        link: str | CameraLink,
        *,
        credential: Credential | None = None,
        on_state: Callable[[StreamState, str, str], None] | None = None,
        on_frame: Callable[[], None] | None = None,
        open_timeout: float = 5.0,
        read_timeout: float = 5.0,
        offline_after: int = 3,
        backoff: Sequence[float] = BACKOFF,
    ) -> None:
        parsed = playable(link)
        if isinstance(parsed, LinkRefusal):
            raise ValueError(parsed.reason_zh, parsed.reason_en)
        self.link = parsed
        self._credential = credential if credential is not None else load_credential(parsed.device_key)
        self._on_state, self._on_frame = on_state, on_frame
        self.timeouts = (open_timeout, read_timeout)
        self.offline_after, self.backoff = offline_after, tuple(backoff)
        self.state = StreamState.STOPPED
        self.frames = 0
        self.reconnects = 0
        self._latest: Frame | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        return f"LiveStream({self.link.url!r}, state={self.state.name})"

    # -- control (any thread) ----------------------------------------------------------------

    def start(self) -> None:
        """Start the worker thread (a stopped stream may be started again)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"video {self.link.host}", daemon=True)
        self._thread.start()

    def stop(self, wait: float = 0.0) -> bool:
        """Ask the worker to end; wait up to ``wait`` seconds. True once it has ended.

        The worker checks between frames (every 67 ms at 15 fps), so a playing stream ends at
        once; one blocked opening a silent camera ends within the open time-out.
        """
        self._stop.set()
        thread = self._thread
        if thread is not None and wait > 0:
            thread.join(wait)
        return thread is None or not thread.is_alive()

    def join(self, timeout: float) -> bool:
        """Wait for the worker to end after :meth:`stop`."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self._thread is None or not self._thread.is_alive()

    def latest(self) -> Frame | None:
        """The newest decoded frame (older ones are dropped, never queued)."""
        return self._latest

    # -- the worker --------------------------------------------------------------------------

    def _set(self, state: StreamState, zh: str = "", en: str = "") -> None:
        if state is self.state and not zh:
            return
        if state is not self.state:  # not every retry of a camera that is down all day
            _log.info("video %s: %s %s", self.link.url, state.name.lower(), en)
        self.state = state
        if self._on_state is not None:
            self._on_state(state, zh, en)

    def _run(self) -> None:
        try:
            import av  # noqa: F401  (the gui extra: the core installs without it)
        except ImportError:
            self._set(StreamState.OFFLINE, "未安装视频解码组件 PyAV", "PyAV (the video decoder) is not installed")
            return
        failures = 0
        self._set(StreamState.CONNECTING)
        while not self._stop.is_set():
            played = self._play_once()
            if self._stop.is_set():
                break
            failures = 0 if played else failures + 1
            self.reconnects += 1
            zh, en = self._last_reason
            offline = failures >= self.offline_after
            self._set(StreamState.OFFLINE if offline else StreamState.RECONNECTING, zh, en)
            self._stop.wait(self.backoff[min(failures, len(self.backoff) - 1)])
        self._set(StreamState.STOPPED)

    _last_reason: tuple[str, str] = ("", "")

    def _play_once(self) -> bool:
        """Open, decode until the stream ends or fails; True if any frame came."""
        import av

        options = _RTSP_OPTIONS if self.link.kind in ("rtsp", "rtsps") else _HTTP_OPTIONS
        got = False
        try:
            with av.open(_with_login(self.link, self._credential), options=dict(options), timeout=self.timeouts) as box:
                video = box.streams.video[0]
                video.thread_type = "SLICE"  # one thread per tile: a wall of 16 must not start 16×N
                video.codec_context.thread_count = 1
                for picture in box.decode(video):
                    self._keep(picture)
                    if not got:
                        got = True
                        self._set(StreamState.PLAYING)
                    if self._stop.is_set():
                        break
            self._last_reason = ("视频流已结束", "the stream ended")
        except (av.FFmpegError, IndexError, OSError) as error:
            self._last_reason = _reason(error)
        return got

    def _keep(self, picture: Any) -> None:
        self.frames += 1
        self._latest = Frame(picture.to_ndarray(format="rgb24"), self.frames)
        if self._on_frame is not None:
            self._on_frame()


def _reason(error: BaseException) -> tuple[str, str]:
    """Why a stream failed, without the URL PyAV's message quotes (it may hold the login)."""
    import av

    if isinstance(error, IndexError):
        return "没有视频轨道", "no video track"
    known: list[tuple[type[BaseException], str, str]] = [
        (av.error.ConnectionRefusedError, "连接被拒绝", "connection refused"),
        (av.error.TimeoutError, "连接超时", "timed out"),
        (av.error.PermissionError, "账号或密码被拒绝", "login refused"),
        (av.error.HTTPUnauthorizedError, "账号或密码被拒绝", "login refused"),
        (av.error.HTTPForbiddenError, "访问被拒绝", "access forbidden"),
        (av.error.HTTPNotFoundError, "找不到视频流", "stream not found"),
        (av.error.InvalidDataError, "无法识别的视频数据", "unrecognised data"),
    ]
    for kind, zh, en in known:
        if isinstance(error, kind):
            return zh, en
    return "连接中断", f"connection failed ({type(error).__name__})"
