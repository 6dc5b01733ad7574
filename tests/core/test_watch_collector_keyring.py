"""``onemap watch`` with its secrets in the OS keyring: a pulled camera's login, the broker's password."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from onemap.cameras.credentials import store_credential
from onemap.cameras.links import Credential
from onemap.cli import main
from onemap.cli_watch import WATCH_KEYRING
from tests.core.test_watch_collector_sources import PASSWORD, USER, camera
from tests.core.watch_broker import running_mosquitto
from tests.core.watch_collector_support import DATA, Listener, until
from tests.keyring_kit import MemoryKeyring

keyring = pytest.importorskip("keyring")


def test_a_pulled_camera_uses_the_login_import_kept_in_the_keyring_and_never_shows_it(
    demo_copy: Path,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    assert store_credential("rtsp://127.0.0.1:554", Credential(USER, PASSWORD))
    with camera((DATA / "hikvision_alertstream.bin").read_bytes(), "boundary") as (port, connections):
        config = tmp_path / "WATCH.toml"
        config.write_text(f'[[pull]]\nkind = "hikvision"\nhost = "127.0.0.1"\nport = {port}\n', "utf-8")
        argv = ["watch", str(demo_copy), "--config", str(config), "--for", "3", "--listen", "127.0.0.1:0"]
        assert main(argv) == 0
    out = capsys.readouterr()
    counts = json.loads(out.out.strip().splitlines()[-1])
    assert connections and counts["pull"]["127.0.0.1:" + str(port)]["connects"] >= 1
    # the payload names 192.168.1.64, a camera the demo does not hold: received, looked up, not stored
    assert counts["received_pull"] >= 1 and counts["events"] >= 1
    assert PASSWORD not in out.out + out.err + caplog.text


@pytest.mark.broker
def test_the_broker_password_comes_from_the_keyring_and_the_demo_reaches_a_viewer(
    demo_copy: Path, tmp_path: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    memory_keyring.set_password(WATCH_KEYRING, "county-broker", "s3cret-broker")
    with running_mosquitto(tmp_path, users={"onemap": "s3cret-broker"}) as broker:
        config = tmp_path / "WATCH.toml"
        config.write_text(
            f'[broker]\nhost = "127.0.0.1"\nport = {broker.port}\nuser = "onemap"\npassword_key = "county-broker"\n'
            'client_id = "watch-test"\n',
            "utf-8",
        )
        viewer = Listener(broker.port, "onemap/alerts/#", "onemap", "s3cret-broker")
        argv = ["watch", str(demo_copy), "--config", str(config), "--demo", "--for", "3", "--listen", "127.0.0.1:0"]
        assert main([*argv, "--speed", "20000"]) == 0
        assert until(lambda: len(viewer.messages) > 0, 5)
        viewer.close()
    out = capsys.readouterr()
    assert json.loads(out.out.strip().splitlines()[-1])["published"] > 0
    assert "s3cret-broker" not in out.out + out.err
