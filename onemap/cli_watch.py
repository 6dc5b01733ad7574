"""``onemap watch INV.gpkg [--config WATCH.toml] [--mqtt URL] [--listen HOST:PORT] [--demo] [--for S]``.

Wires the collector: the bus (the broker from the config or ``--mqtt``, else the in-process
substitute), the push listener, one puller per ``[[pull]]`` camera, the demo feed, the alerts
store and dispatch; runs until SIGINT/SIGTERM (Ctrl+Break on Windows) or ``--for`` seconds;
then prints the counts.  Secrets come from the OS keyring only.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from onemap.said import Said, error_text

log = logging.getLogger("onemap.watch")
WATCH_KEYRING = "OneMap watch"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``watch`` subcommand's arguments."""
    parser.add_argument("inventory", type=Path, metavar="INV.gpkg")
    parser.add_argument(
        "--config",
        type=Path,
        metavar="WATCH.toml",
        help="default: the viewer's watch.toml (settings ▸ 告警派发), if any",
    )
    parser.add_argument("--mqtt", metavar="mqtt[s]://HOST:PORT", help="MQTT broker (overrides [broker])")
    parser.add_argument("--listen", metavar="HOST:PORT", help="push listener address (overrides [listen])")
    parser.add_argument("--demo", action="store_true", help="演示数据 / replay a synthetic, labelled feed")
    parser.add_argument("--for", dest="seconds", type=float, metavar="SECONDS", help="stop after SECONDS")
    parser.add_argument("--speed", type=float, default=600.0, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    """Run the collector; 0 after a clean stop, 1 when the config or the address cannot be used."""
    from onemap.store import Inventory
    from onemap.watch.config import WatchConfigError, load_watch, with_flags
    from onemap.watch.dispatch import DispatchConfigError

    lang = args.lang
    try:
        config = with_flags(load_watch(_config_file(args.config)), args.mqtt, args.listen)
        relay_config = _dispatch_config(config)
    except (WatchConfigError, DispatchConfigError) as error:
        print(error.message(lang), file=sys.stderr)
        return 1
    with _collector_lock(args.inventory), Inventory.open(args.inventory) as inventory:
        from onemap.watch.wiring import Wiring

        try:
            wiring = Wiring(config, inventory, _recorder(inventory), relay_config, watch_secret)
        except OSError as error:  # the broker's CA file cannot be read
            print(_said_ca(config, error, lang), file=sys.stderr)
            return 1
        try:
            wiring.start(demo=args.demo, speed=args.speed)
        except OSError as error:  # the listen address is taken or not ours
            wiring.stop()
            print(_said_listen(config, error, lang), file=sys.stderr)
            return 1
        except ValueError as error:  # another address than loopback, with no secret and no allow-list
            wiring.stop()
            print(error_text(error, lang), file=sys.stderr)
            return 1
        stop = threading.Event()
        with _stopping_on_signals(stop):  # before the start line, which says Ctrl+C stops it
            print(_pick(wiring.started(), lang), flush=True)
            try:
                wiring.collector.run(stop, args.seconds)
            finally:
                wiring.stop()
        print(_pick(wiring.report(), lang))
        print(json.dumps(wiring.summary(), ensure_ascii=False, sort_keys=True))
    return 0


@contextmanager
def _collector_lock(path: Path) -> Iterator[None]:
    """The writers' lock, shared for alert steps: people handle alerts while the collector runs
    (:mod:`onemap.store.alert_steps`); the open that follows shares this process's lock."""
    from onemap.store.alert_steps import ALERT_STEPS
    from onemap.store.audit import default_user
    from onemap.store.editlock import EditLock

    lock = EditLock.acquire(Path(path), default_user(), shares=(ALERT_STEPS,))
    try:
        yield
    finally:
        lock.release()


def _config_file(given: Path | None) -> Path | None:
    """``--config``, else the WATCH.toml the viewer's 派发规则 page writes (if there is one)."""
    if given is not None:
        return given
    from onemap.watch.dispatch.toml_out import viewer_watch_file

    viewer = viewer_watch_file()
    return viewer if viewer.is_file() else None


def _dispatch_config(config: Any) -> Any:
    if not config.has_dispatch or config.path is None:
        return None
    from onemap.watch.dispatch import load_dispatch

    return load_dispatch(config.path)


def _recorder(inventory: Any) -> Any:
    """The alerts store's ``record``: folds, stores and returns each alert (None for unknown devices)."""
    from onemap.watch.alerts import AlertBook

    return AlertBook(inventory).record


def watch_secret(name: str) -> str | None:
    """A collector secret (broker password, push secret, OneNET token) from the OS keyring."""
    if not name:
        return None
    from onemap.cameras.credentials import _usable_keyring

    backend = _usable_keyring()
    if backend is None:
        return None
    try:
        value = backend.get_password(WATCH_KEYRING, name)
    except Exception:
        return None
    return value if isinstance(value, str) and value else None


@contextmanager
def _stopping_on_signals(stop: threading.Event) -> Any:
    """SIGINT and SIGTERM (and SIGBREAK, Ctrl+Break on Windows) set ``stop``; old handlers come back."""
    names = ("SIGINT", "SIGTERM", "SIGBREAK")
    wanted = [getattr(signal, n) for n in names if hasattr(signal, n)]
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for number in wanted:
            previous[number] = signal.signal(number, lambda *_: stop.set())
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _said_listen(config: Any, error: OSError, lang: str) -> str:
    address = f"{config.listen_host}:{config.listen_port}"
    said = Said(
        f"无法在 {address} 上监听推送（{type(error).__name__}）：地址可能已被占用，请换一个 --listen。",
        f"Cannot listen for pushes on {address} ({type(error).__name__}): it may be taken; choose another --listen.",
    )
    return _pick(said, lang)


def _said_ca(config: Any, error: OSError, lang: str) -> str:
    name = Path(config.broker.ca_file).name if config.broker is not None else ""
    said = Said(
        f"无法读取代理服务器的 CA 证书 {name}（{type(error).__name__}），请检查 [broker] 的 ca_file。",
        f"Cannot read the broker's CA file {name} ({type(error).__name__}); check ca_file under [broker].",
    )
    return _pick(said, lang)


def _pick(said: Said, lang: str) -> str:
    return str(said) if lang == "zh" else said.en
