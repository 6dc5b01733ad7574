"""Is a camera reachable? A TCP connect to its host and port, with a short timeout.

Nothing is sent: no request, no login, so a credential can never leave the machine
here, and nothing about the link is logged.  Offline laptops simply see "unreachable".
The checks never raise; run them off the UI thread (:func:`check_many` does them in
parallel).
"""

from __future__ import annotations

import errno
import logging
import socket
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from onemap.cameras.links import DEFAULT_PORTS, CameraLink, LinkRefusal, parse_camera_link

Link = str | CameraLink
log = logging.getLogger("onemap.cameras.check")
#: a socket address as getaddrinfo gives it (IPv6 ones carry flow and scope too)
Address = tuple[Any, ...]


@dataclass(frozen=True)
class Reachability:
    """Whether a camera answered, and why not in words an official understands."""

    online: bool
    reason_zh: str
    reason_en: str

    def reason(self, lang: str = "zh") -> str:
        """The reason in Chinese (``"zh"``) or English."""
        return self.reason_zh if lang == "zh" else self.reason_en


def check_reachable(link: Link, timeout: float = 1.5) -> Reachability:
    """Try a TCP connection to the camera's host and port (rtsp 554, http 80, https 443, rtmp 1935).

    Parameters
    ----------
    link : str or CameraLink
        The stored link; a login in a pasted text is separated and never used.
    timeout : float
        Seconds for name lookup and for the connection each.

    Returns
    -------
    Reachability
        ``online`` True when the port accepted the connection; never raises.
    """
    try:
        target = _target(link)
        if isinstance(target, Reachability):
            return target
        return _connect(*target, timeout)
    except Exception:  # a check must never take the window down
        return Reachability(False, "检查失败", "the check failed")


def check_many(
    links: Sequence[Link],
    timeout: float = 1.5,
    max_workers: int = 16,
    on_result: Callable[[int, Reachability], None] | None = None,
) -> list[Reachability]:
    """Check many cameras at once; results in the order of ``links``.

    ``on_result(index, reachability)`` is called as each finishes (from a worker thread),
    so a list can fill in while the rest are still waiting for their timeout.
    """
    results: list[Reachability | None] = [None] * len(links)

    def one(index: int) -> None:
        result = results[index] = check_reachable(links[index], timeout)
        if on_result is not None:
            try:
                on_result(index, result)
            except Exception:  # a broken listener must not stop the other checks
                log.exception("camera check listener failed")

    with ThreadPoolExecutor(max_workers=max(1, min(max_workers, len(links) or 1))) as pool:
        list(pool.map(one, range(len(links))))
    return [r if r is not None else Reachability(False, "检查失败", "the check failed") for r in results]


def _target(link: Link) -> tuple[str, int] | Reachability:
    parsed = link if isinstance(link, CameraLink) else parse_camera_link(link)
    if isinstance(parsed, LinkRefusal):
        return Reachability(False, f"链接无效：{parsed.reason_zh}", f"invalid link: {parsed.reason_en}")
    if parsed.kind == "gb28181" or not parsed.host:
        return Reachability(
            False,
            "国标编码需在视频平台中查看，无法直接检查",
            "a GB/T 28181 ID is checked in the video platform, not here",
        )
    port = parsed.port or DEFAULT_PORTS.get(parsed.scheme, 554)
    return parsed.host.strip("[]"), port


def _connect(host: str, port: int, timeout: float) -> Reachability:
    addresses = _resolve(host, port, timeout)
    if isinstance(addresses, Reachability):
        return addresses
    deadline = time.monotonic() + timeout
    outcome = Reachability(False, "网络不可达", "network unreachable")
    for family, address in addresses:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        outcome = _try(family, address, left, timeout)
        if outcome.online:
            return outcome
    return outcome


def _try(family: int, address: Address, left: float, timeout: float) -> Reachability:
    started = time.monotonic()
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.settimeout(left)
            sock.connect(address)
    except TimeoutError:
        return Reachability(False, f"{timeout:g} 秒内无响应", f"no answer within {timeout:g} s")
    except ConnectionRefusedError:
        return Reachability(False, "端口未开放（连接被拒绝）", "port closed (connection refused)")
    except OSError as error:
        if error.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL):
            return Reachability(False, "网络不可达", "network unreachable")
        return Reachability(False, "无法连接", "cannot connect")
    ms = (time.monotonic() - started) * 1000
    return Reachability(True, f"在线（{ms:.0f} 毫秒）", f"online ({ms:.0f} ms)")


def _resolve(host: str, port: int, timeout: float) -> list[tuple[int, Address]] | Reachability:
    """Addresses of ``host``; a name lookup that hangs (no DNS offline) gives up after ``timeout``."""
    found: list[tuple[int, Address]] = []
    failed: list[BaseException] = []

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            found.extend((info[0], info[4]) for info in infos)
        except OSError as error:
            failed.append(error)

    worker = threading.Thread(target=lookup, name="camera-lookup", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        return Reachability(False, f"{timeout:g} 秒内无法解析主机名", f"host name not resolved within {timeout:g} s")
    if failed or not found:
        return Reachability(False, "无法解析主机名", "host name not found")
    return found
