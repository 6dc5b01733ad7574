"""Live video load: CPU per sub-stream, and how many wall tiles keep ≥10 fps on this machine.

Run: ``PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_video.py
[--seconds 8] [--size 640x360]``.  Needs Debian's ffmpeg.

A child process serves ffmpeg's test pattern over RTSP (H.264, 15 fps, one encoder for every
client, like a camera's sub-stream), so its CPU is not counted.  Printed, for this process
(user + system CPU over the window, in % of one core; the machine has ``os.cpu_count()`` cores):

1. decoders alone (:class:`~onemap.cameras.stream.LiveStream`, decode + RGB): 1 and 4 streams;
2. video walls (:class:`~onemap.gui.video.wall.VideoWall`, 1280×720, painting included): 4, 9,
   16, 25 and 32 tiles (the last two as a 4×4 wall plus a 3×3 or second 4×4 wall), each tile's
   painted frames per second (min and median) until the minimum falls under 10.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from onemap.cameras.pattern_server import ffmpeg_path
from onemap.cameras.stream import LiveStream

SERVE = """
import sys, threading, signal
from onemap.cameras.pattern_server import PatternServer
server = PatternServer(int(sys.argv[2]), size=sys.argv[1]).start()
print(server.port, flush=True)
done = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: done.set())
done.wait()
server.stop()
"""


def serve(size: str, port: int = 0) -> tuple[subprocess.Popen[str], str]:
    """A child process serving the pattern (on ``port``, 0: a free one); returns once it serves."""
    root = str(Path(__file__).resolve().parents[2])
    child = subprocess.Popen(
        [sys.executable, "-c", SERVE, size, str(port)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": root},
    )
    port = int(child.stdout.readline())  # type: ignore[union-attr]
    return child, f"rtsp://127.0.0.1:{port}/Streaming/Channels/102"


def cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def decoders(url: str, count: int, seconds: float) -> None:
    streams = [LiveStream(url) for _ in range(count)]
    for stream in streams:
        stream.start()
    time.sleep(3)
    frames, cpu, wall = [s.frames for s in streams], cpu_seconds(), time.monotonic()
    time.sleep(seconds)
    elapsed = time.monotonic() - wall
    used = (cpu_seconds() - cpu) / elapsed * 100
    fps = [(s.frames - f) / elapsed for s, f in zip(streams, frames, strict=True)]
    for stream in streams:
        stream.stop()
    for stream in streams:
        stream.join(5)
    print(f"decoders {count:2d}: CPU {used:5.1f} % ({used / count:4.1f} % per stream), fps min {min(fps):4.1f}")


def walls(url: str, seconds: float) -> None:
    from PySide6.QtWidgets import QApplication

    from onemap.gui.video.wall import VideoWall
    from onemap.store.live_cameras import LiveCamera

    app = QApplication.instance() or QApplication([])
    for layout in ((2,), (3,), (4,), (4, 3), (4, 4)):
        opened = []
        for columns in layout:
            cameras = [LiveCamera(i, "610725", "测试", f"{i}", url) for i in range(columns * columns)]
            wall = VideoWall(cameras, "bench", columns=columns)
            wall.resize(1280, 720)
            wall.show()
            opened.append(wall)
        tiles = [tile for wall in opened for tile in wall.tiles]
        paints = {id(tile): 0 for tile in tiles}
        for tile in tiles:
            tile.picture.paintEvent = counting(tile.picture.paintEvent, paints, id(tile))  # type: ignore[method-assign]
        pump(app, 3)
        paints.update(dict.fromkeys(paints, 0))
        cpu, wall_start = cpu_seconds(), time.monotonic()
        pump(app, seconds)
        elapsed = time.monotonic() - wall_start
        used = (cpu_seconds() - cpu) / elapsed * 100
        fps = sorted(n / elapsed for n in paints.values())
        for wall in opened:
            wall.stop_all(5)
            wall.close()
        pump(app, 0.5)
        print(
            f"wall {len(tiles):2d} tiles: CPU {used:5.1f} % ({used / len(tiles):4.1f} % per tile), "
            f"painted fps min {fps[0]:4.1f} median {statistics.median(fps):4.1f}"
        )
        if fps[0] < 10:
            break


def counting(draw, paints: dict[int, int], key: int):  # type: ignore[no-untyped-def]
    """``draw`` (a paintEvent) counting its calls into ``paints[key]``."""

    def counted(event):  # type: ignore[no-untyped-def]
        paints[key] += 1
        draw(event)

    return counted


def pump(app, seconds: float) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.002)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--size", default="640x360")
    args = parser.parse_args()
    if ffmpeg_path() is None:
        sys.exit("bench_video: ffmpeg is not installed")
    print(f"cores {os.cpu_count()}, load {os.getloadavg()[0]:.2f}, sub-stream {args.size} H.264 15 fps")
    child, url = serve(args.size)
    try:
        for count in (1, 4):
            decoders(url, count, args.seconds)
        walls(url, args.seconds)
    finally:
        child.terminate()
        child.wait(10)
    print(f"load after {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
