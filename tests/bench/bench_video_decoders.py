"""PyAV against Qt Multimedia on one sub-stream: first frame, CPU, a server that stops and restarts.

Run: ``PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_video_decoders.py``.
Qt Multimedia needs PySide6-Addons of the same version as PySide6-Essentials (not a OneMap
dependency: ``pip install PySide6-Addons==<that version>`` to compare); without it only PyAV runs.
The figures chose PyAV (README, "Live video").  The stream is ffmpeg's 640×360 test pattern at 15 fps
over RTSP from a child process; CPU is this process's (user + system) over 10 s, decoding to RGB.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from onemap.cameras.stream import LiveStream, StreamState
from tests.bench.bench_video import cpu_seconds, serve


def until(condition, seconds: float, step=time.sleep) -> float | None:  # type: ignore[no-untyped-def]
    """Seconds until ``condition()`` held, or None after ``seconds``."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if condition():
            return time.monotonic() - start
        step(0.01)
    return None


def pyav() -> None:
    child, url = serve("640x360")
    stream = LiveStream(url)
    stream.start()
    first = until(lambda: stream.frames > 0, 15)
    cpu, start, frames = cpu_seconds(), time.monotonic(), stream.frames
    time.sleep(10)
    used = (cpu_seconds() - cpu) / (time.monotonic() - start) * 100
    fps = (stream.frames - frames) / (time.monotonic() - start)
    child.terminate()
    child.wait()
    dropped = until(lambda: stream.state is not StreamState.PLAYING, 15)
    child, _ = serve_on(url)
    back = until(lambda: stream.state is StreamState.PLAYING, 30)
    stream.stop(5)
    child.terminate()
    child.wait()
    print(f"PyAV: first frame {secs(first)}, CPU {used:.1f} % at {fps:.1f} fps, stop noticed in {secs(dropped)}")
    print(f"PyAV: server restarted -> playing again after {secs(back)} (LiveStream reopens with backoff)")


def serve_on(url: str):  # type: ignore[no-untyped-def]
    """The pattern server again on ``url``'s port (returns once it serves)."""
    return serve("640x360", int(url.split(":")[2].split("/")[0]))


def secs(value: float | None) -> str:
    return "never" if value is None else f"{value:.2f} s"


def qt_multimedia(low_latency: bool) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtMultimedia import QMediaPlayer, QPlaybackOptions, QVideoSink

    app = QGuiApplication.instance() or QGuiApplication([])

    def pump(seconds: float) -> None:
        time.sleep(seconds)
        app.processEvents()

    child, url = serve("640x360")
    player, sink, seen = QMediaPlayer(), QVideoSink(), {"frames": 0, "end": None}
    if low_latency:
        options = QPlaybackOptions()
        options.setPlaybackIntent(QPlaybackOptions.PlaybackIntent.LowLatencyStreaming)
        options.setProbeSize(32)
        options.setNetworkTimeout(3000)
        player.setPlaybackOptions(options)
    player.setVideoSink(sink)
    sink.videoFrameChanged.connect(lambda frame: (seen.__setitem__("frames", seen["frames"] + 1), frame.toImage()))
    player.mediaStatusChanged.connect(lambda status: status.name == "EndOfMedia" and seen.__setitem__("end", True))
    player.setSource(QUrl(url))
    player.play()
    first = until(lambda: seen["frames"] > 0, 15, pump)
    cpu, start, frames = cpu_seconds(), time.monotonic(), seen["frames"]
    until(lambda: False, 10, pump)
    used = (cpu_seconds() - cpu) / (time.monotonic() - start) * 100
    fps = (seen["frames"] - frames) / (time.monotonic() - start)
    child.terminate()
    child.wait()
    ended = until(lambda: seen["end"], 15, pump)
    child, _ = serve_on(url)
    frames = seen["frames"]
    by_itself = until(lambda: seen["frames"] > frames, 10, pump)
    player.stop()
    player.setSource(QUrl())  # the same URL again would be no change at all
    player.setSource(QUrl(url))
    player.play()
    reopened = until(lambda: seen["frames"] > frames, 15, pump)
    player.stop()
    child.terminate()
    child.wait()
    name = "Qt Multimedia" + (" (LowLatencyStreaming)" if low_latency else "")
    print(f"{name}: first frame {secs(first)}, CPU {used:.1f} % at {fps:.1f} fps, EndOfMedia after {secs(ended)}")
    print(f"{name}: server restarted -> frames by itself: {secs(by_itself)}; after setSource again: {secs(reopened)}")


def main() -> None:
    print(f"cores {os.cpu_count()}, load {os.getloadavg()[0]:.2f}")
    pyav()
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError:
        print("Qt Multimedia: PySide6-Addons is not installed, not measured")
        return
    qt_multimedia(False)
    qt_multimedia(True)
    print(f"load after {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
