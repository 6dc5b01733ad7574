"""The viewer's 演示 mode: the collector's demo run in-process, writing alerts into the open file.

:class:`DemoWatch` runs what ``onemap watch --demo`` runs (:class:`onemap.watch.wiring.Wiring`
with the in-process :class:`~onemap.watch.bus.LocalBus`, no broker) on one thread of its own,
with its own connection to the inventory (the viewer's writers' lock is shared inside the
process).  ``on_bus(bus)`` is called on that thread before the feed starts, so the viewer
subscribes to the bus before the first synthetic alert.  Every alert it causes says
``"demo": true`` / ``source = "demo"`` (演示数据).  :meth:`stop` joins the thread: nothing is left
running when the file or the window closes.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from onemap.watch.config import WatchConfig

log = logging.getLogger("onemap.gui.watch")

#: how long a stop waits for the collector thread (the demo feed and listener stop in well under a second)
STOP_WAIT_S = 10.0


def is_demo_inventory(inventory: Any) -> bool:
    """Whether the file was made by ``onemap demo`` (its meta carries the demo's seed)."""
    try:
        return inventory.meta("demo_seed") is not None
    except Exception:
        return False


class DemoWatch:
    """One in-process demo collector on ``path``; ``speed`` as ``onemap watch --speed``."""

    def __init__(
        self, path: Path, on_bus: Callable[[Any], None], speed: float = 600.0, user: str | None = None
    ) -> None:
        self.path, self.on_bus, self.speed, self.user = path, on_bus, speed, user
        self.wiring: Any = None
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="onemap-viewer-demo", daemon=True)

    def start(self, wait: float = 10.0) -> bool:
        """Start the collector thread; True once its feed runs (False: it failed, see :attr:`error`)."""
        self._thread.start()
        self._ready.wait(wait)
        return self.error is None and self.wiring is not None

    def _run(self) -> None:
        from onemap.store import Inventory
        from onemap.watch.alerts import AlertBook
        from onemap.watch.wiring import Wiring

        try:
            with Inventory.open(self.path, user=self.user) as inventory:
                # listen on a free loopback port: a real collector may hold 8731
                config = WatchConfig(listen_port=0)
                wiring = Wiring(config, inventory, AlertBook(inventory).record, None, lambda _name: None)
                self.on_bus(wiring.bus)
                wiring.start(demo=True, speed=self.speed)
                self.wiring = wiring
                self._ready.set()
                try:
                    wiring.collector.run(self._stop)
                finally:
                    wiring.stop()
        except Exception as error:  # reported to the window, never silently lost
            log.exception("the viewer's demo collector failed")
            self.error = error
        finally:
            self._ready.set()

    def stop(self) -> None:
        """Stop the feed and the collector, and wait for the thread.

        Synthetic events still queued are dropped first: at a high ``speed`` the backlog could
        keep the collector (and the window closing) busy for seconds, and nothing real is lost.
        """
        wiring = self.wiring
        if wiring is not None and wiring.demo is not None:
            wiring.demo.stop()
            with contextlib.suppress(queue.Empty):
                while True:
                    wiring.collector.queue.get_nowait()
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(STOP_WAIT_S)

    @property
    def running(self) -> bool:
        """Whether the collector thread is alive."""
        return self._thread.is_alive()
