"""A real Mosquitto for the collector's tests: ``mosquitto -c <generated conf>`` on 127.0.0.1, a free port.

Tests marked ``broker`` use :func:`running_mosquitto` through a fixture; they are skipped, with
the reason, only when the binary is absent (CI and ``scripts/setup`` install Debian's
``mosquitto``).  ``users`` makes a password file with ``mosquitto_passwd -b`` and turns
anonymous access off.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest


def mosquitto_binary() -> str | None:
    """The broker binary (Debian puts it in /usr/sbin, often not on a user's PATH)."""
    found = shutil.which("mosquitto") or shutil.which("mosquitto", path="/usr/sbin:/usr/local/sbin")
    return found


def need_mosquitto() -> str:
    """The binary, or skip the test saying why."""
    binary = mosquitto_binary()
    if binary is None:
        pytest.skip("mosquitto is not installed (apt-get install mosquitto; scripts/setup does it)")
    return binary


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Broker:
    """A running broker: its port, and how to stop and start it again on the same port."""

    port: int
    conf: Path
    binary: str
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "-c", str(self.conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"mosquitto did not accept on port {self.port} within 10 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
            self.process = None


@contextmanager
def running_mosquitto(
    folder: Path, users: dict[str, str] | None = None, options: tuple[str, ...] = (), port: int = 0
) -> Iterator[Broker]:
    """A broker on loopback (``port``, or a free one), stopped afterwards; ``options`` are extra conf lines."""
    binary = need_mosquitto()
    port = port or free_port()
    lines = [f"listener {port} 127.0.0.1", "persistence false", "log_dest none"]
    if getattr(os, "geteuid", lambda: 1)() == 0:
        lines.append("user root")  # as root it would switch to "mosquitto", who cannot read tmp_path
    if users:
        passwords = folder / "passwd"
        passwords.touch()
        tool = shutil.which("mosquitto_passwd") or "mosquitto_passwd"
        for user, password in users.items():
            subprocess.run([tool, "-b", str(passwords), user, password], check=True, capture_output=True)
        lines += ["allow_anonymous false", f"password_file {passwords}"]
    else:
        lines.append("allow_anonymous true")
    lines += options
    conf = folder / "mosquitto.conf"
    conf.write_text("\n".join(lines) + "\n", "utf-8")
    broker = Broker(port, conf, binary)
    broker.start()
    try:
        yield broker
    finally:
        broker.stop()
