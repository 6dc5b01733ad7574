"""No collector or dispatch secret ever leaves the keyring: not into logs (DEBUG), the process list, the
inventory, exports, published alerts, dispatch records or ``onemap alerts --json``.

One real run: Mosquitto with a password, the push listener with a shared secret and a OneNET
token, and dispatch through the loopback SMS gateway (AccessKey secret), a DingTalk robot
(token and signing secret) and an SMTP server that wants a password inside STARTTLS.  The
secrets reach ``onemap watch`` through its keyring only (stdin of a launcher, never argv or
the environment).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import keyring
import pytest

import onemap.logs
from onemap.cli import main
from onemap.cli_watch import WATCH_KEYRING
from onemap.store import Inventory
from onemap.watch.dispatch.keys import KEYRING_SERVICE
from onemap.watch.sources.onenet import signature
from tests.core.test_watch_dispatch_mail import Inbox, free_port, self_signed
from tests.core.watch_broker import running_mosquitto
from tests.core.watch_collector_support import Listener, until
from tests.core.watch_dispatch_servers import (
    ACCESS_KEY_SECRET,
    DING_SECRET,
    DING_TOKEN,
    MemoryKeyring,
    aliyun_server,
    robot_server,
)

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
pytestmark = pytest.mark.broker

ROOT = Path(__file__).parents[2]
CAMERA = "61072500011320000011"  # the demo's camera at estate 6107250001, which has a property manager
BROKER_PASSWORD, PUSH_SECRET, ONENET_TOKEN, MAIL_PASSWORD = (
    "Brk-s3cret-7731",
    "push-s3cret-5521",
    "onenet-t0ken-9902",
    "Mail-pa55-4410",
)
SECRETS = {
    "broker password": BROKER_PASSWORD,
    "push shared secret": PUSH_SECRET,
    "OneNET token": ONENET_TOKEN,
    "Aliyun AccessKey secret": ACCESS_KEY_SECRET,
    "DingTalk token": DING_TOKEN,
    "DingTalk signing secret": DING_SECRET,
    "SMTP password": MAIL_PASSWORD,
}
KEYRING = {
    WATCH_KEYRING: {"county-broker": BROKER_PASSWORD, "push-secret": PUSH_SECRET, "onenet": ONENET_TOKEN},
    KEYRING_SERVICE: {
        "sms:access_key_secret": ACCESS_KEY_SECRET,
        "ding:access_token": DING_TOKEN,
        "ding:secret": DING_SECRET,
        "mail:password": MAIL_PASSWORD,
    },
}


def leaks(data: bytes | str) -> list[str]:
    """The names of the secrets found in ``data`` (as they are, or percent-encoded as in a URL)."""
    blob = data.encode("utf-8", "replace") if isinstance(data, str) else data
    return [name for name, s in SECRETS.items() if s.encode() in blob or quote(s, safe="").encode() in blob]


def config_text(broker: int, listen: int, sms: str, ding: str, smtp: int, cafile: Path) -> str:
    return f"""
[broker]
host = "127.0.0.1"
port = {broker}
user = "onemap"
password_key = "county-broker"
client_id = "leak-test"

[listen]
address = "127.0.0.1:{listen}"
secret_key = "push-secret"
onenet_token_key = "onenet"

[dispatch]
default_channels = ["sms"]

[[dispatch.rules]]
type = "*"
steps = [["property_manager"], ["grid_worker"]]

[dispatch.roles.property_manager]
channels = ["sms", "ding", "mail"]

[dispatch.channels.sms]
kind = "aliyun_sms"
endpoint = "{sms}/"
access_key_id = "LTAI5tTestKeyId00"
sign_name = "勉县一张图"
template_code = "SMS_465912345"

[dispatch.channels.ding]
kind = "dingtalk"
endpoint = "{ding}/robot/send"

[dispatch.channels.mail]
kind = "smtp"
host = "127.0.0.1"
port = {smtp}
user = "onemap"
sender = "onemap@mianxian.example.cn"
to = ["duty@mianxian.example.cn"]
cafile = "{cafile.as_posix()}"
"""


@contextmanager
def county(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The broker, the SMS gateway, the robot and the mail server, and the collector's WATCH.toml."""
    from aiosmtpd.smtp import AuthResult

    cert, key = self_signed(tmp_path)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)

    def authenticator(server: Any, session: Any, envelope: Any, _mechanism: str, data: Any) -> Any:
        return AuthResult(success=data.login == b"onemap" and data.password == MAIL_PASSWORD.encode())

    inbox, smtp_port, listen = Inbox(), free_port(), free_port()
    mail = aiosmtpd_controller.Controller(
        inbox, hostname="127.0.0.1", port=smtp_port, tls_context=tls, require_starttls=True, authenticator=authenticator
    )
    mail.start()
    try:
        with (
            running_mosquitto(tmp_path, users={"onemap": BROKER_PASSWORD}) as broker,
            aliyun_server(time.time) as sms,
            robot_server("dingtalk", time.time) as ding,
        ):
            config = tmp_path / "WATCH.toml"
            config.write_text(config_text(broker.port, listen, sms.url, ding.url, smtp_port, cert), "utf-8")
            viewer = Listener(broker.port, "onemap/alerts/#", "onemap", BROKER_PASSWORD)
            yield {"config": config, "listen": listen, "sms": sms, "ding": ding, "inbox": inbox, "viewer": viewer}
            viewer.close()
    finally:
        mail.stop()


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def push_events(port: int) -> None:
    """A signed OneMap push, a forged one and OneNET's URL check, as a camera and a platform would send them."""
    body = {"device": CAMERA, "type": "smoke_fire", "time": datetime.now(UTC).isoformat(), "level": 1}
    data = json.dumps(body).encode()
    for token in (PUSH_SECRET, "wrong-token"):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/isapi",
            data=data,
            headers={"Content-Type": "application/json", "X-OneMap-Token": token},
        )
        with contextlib.suppress(urllib.error.HTTPError):  # the forged one is refused: that is the point
            urllib.request.urlopen(request, timeout=5).read()
    query = {"msg": "verify-me", "nonce": "n0nce01", "signature": signature(ONENET_TOKEN, "n0nce01", "verify-me")}
    url = f"http://127.0.0.1:{port}/onenet?{urlencode(query)}&token={quote(PUSH_SECRET)}"
    assert urllib.request.urlopen(url, timeout=5).read() == b"verify-me"


def everything_sent(world: dict[str, Any]) -> bool:
    return bool(
        world["sms"].requests and world["ding"].requests and world["inbox"].envelopes and world["viewer"].messages
    )


def outputs_of(inventory: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, bytes]:
    """What leaves the inventory: the file itself, its exports, ``onemap alerts --json``, dispatch_sends."""
    found = {"inventory": b"".join(p.read_bytes() for p in inventory.parent.glob(inventory.name + "*"))}
    for suffix in ("gpkg", "geojson", "csv", "xlsx", "kml"):
        target = folder / f"export.{suffix}"
        assert main(["export", str(inventory), str(target)]) == 0
        found[f"export .{suffix}"] = target.read_bytes()
        if suffix == "xlsx":  # compressed: look inside
            with zipfile.ZipFile(target) as book:
                found["export .xlsx"] = b"".join(book.read(n) for n in book.namelist())
    capsys.readouterr()
    assert main(["alerts", str(inventory), "--json"]) == 0
    found["alerts --json"] = capsys.readouterr().out.encode()
    with Inventory.open(inventory, readonly=True) as opened:
        sends = opened.dispatch_sends()
    assert {s.channel for s in sends} == {"sms", "ding", "mail"}, sends
    found["dispatch_sends"] = json.dumps([asdict(s) for s in sends], ensure_ascii=False).encode()
    return found


def test_a_running_collector_keeps_every_secret_out_of_ps_logs_files_exports_and_payloads(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with county(tmp_path) as world:
        argv = ["watch", str(demo_copy), "--config", str(world["config"]), "--for", "25"]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.core.watch_keyring_launch", *argv],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env,
        )  # fmt: skip
        try:
            assert process.stdin is not None
            process.stdin.write((json.dumps(KEYRING) + "\n").encode())
            process.stdin.close()
            process.stdin = None  # communicate() must not flush it again
            assert until(lambda: listening(world["listen"]), 20), "the collector did not start listening"
            push_events(world["listen"])
            assert until(lambda: everything_sent(world), 20)
            seen = {
                "process command line": Path(f"/proc/{process.pid}/cmdline").read_bytes(),
                "process environment": Path(f"/proc/{process.pid}/environ").read_bytes(),
            }
        finally:
            process.send_signal(signal.SIGINT)  # Ctrl+C: the collector stops cleanly
            try:
                out, err = process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                out, err = process.communicate()
    assert process.returncode == 0, err.decode()
    assert world["sms"].problems == [] and world["ding"].problems == []
    log_file = Path(os.environ["XDG_STATE_HOME"]) / "onemap" / "logs" / "onemap.log"
    seen["log file (DEBUG)"] = log_file.read_bytes()
    assert b" DEBUG " in seen["log file (DEBUG)"] and b"push refused" in seen["log file (DEBUG)"]
    seen["stdout and stderr"] = out + err
    seen["published alerts"] = json.dumps(world["viewer"].messages, ensure_ascii=False).encode()
    seen.update(outputs_of(demo_copy, tmp_path, capsys))
    assert {where: leaks(data) for where, data in seen.items() if leaks(data)} == {}


def test_the_in_process_collector_logs_nothing_secret_at_debug(
    demo_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    for service, names in KEYRING.items():
        for name, secret in names.items():
            backend.set_password(service, name, secret)
    keyring.set_keyring(backend)
    original = onemap.logs.setup_logging
    monkeypatch.setattr(onemap.logs, "setup_logging", lambda level=logging.DEBUG: original(logging.DEBUG))
    caplog.set_level(logging.DEBUG)
    try:
        with county(tmp_path) as world:

            def feed() -> None:
                if until(lambda: listening(world["listen"]), 20):
                    push_events(world["listen"])

            pusher = threading.Thread(target=feed)
            pusher.start()
            argv = ["watch", str(demo_copy), "--config", str(world["config"]), "--for", "6"]
            assert main(argv) == 0
            pusher.join(10)
            assert everything_sent(world)
    finally:
        keyring.set_keyring(before)
    assert any(r.levelno == logging.DEBUG for r in caplog.records)
    assert leaks(caplog.text) == []
