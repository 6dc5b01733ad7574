"""``onemap watch``: the command, its WATCH.toml, flags over the file, and the demo feed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.watch import SHANGHAI, AlertType, State
from onemap.watch.bus import LocalBus
from onemap.watch.config import WatchConfigError, load_watch, with_flags
from onemap.watch.demo_feed import MIX, DemoFeed, weekly_rate
from tests.core.watch_broker import running_mosquitto
from tests.core.watch_collector_support import Listener, until

SAMPLE = """
county = "610725"
[broker]
host = "mqtt.county.example"
port = 8883
tls = true
ca_file = "county-ca.pem"
user = "onemap"
password_key = "county-broker"
[listen]
address = "0.0.0.0:8731"
secret_key = "push-secret"
allow = ["10.12.0.0/16"]
[topics]
frigate = "frigate"
sensors = ["tuya"]
[[pull]]
kind = "hikvision"
host = "192.168.1.64"
[[pull]]
kind = "dahua"
host = "192.168.1.108"
heartbeat = 10
[dispatch]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "WATCH.toml"
    path.write_text(text, "utf-8")
    return path


def test_the_sample_config_reads_and_flags_override_the_broker_and_the_listen_address(tmp_path: Path) -> None:
    config = load_watch(write(tmp_path, SAMPLE))
    assert config.broker is not None and (config.broker.host, config.broker.port, config.broker.tls) == (
        "mqtt.county.example",
        8883,
        True,
    )
    assert [p.kind for p in config.pulls] == ["hikvision", "dahua"] and config.pulls[1].heartbeat == 10
    assert config.allow == ("10.12.0.0/16",) and config.has_dispatch and config.county == "610725"
    moved = with_flags(config, "mqtt://127.0.0.1:1884", "127.0.0.1:0")
    assert moved.broker is not None and (moved.broker.host, moved.broker.port, moved.broker.tls) == (
        "127.0.0.1",
        1884,
        False,
    )
    assert moved.broker.user == "onemap" and (moved.listen_host, moved.listen_port) == ("127.0.0.1", 0)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[broker]\nhost = 'x'\npassword = 'hunter2'\n", "broker.password"),
        ("[listen]\naddres = '1.2.3.4:80'\n", "listen.addres"),
        ("[[pull]]\nkind = 'axis'\nhost = 'cam'\n", "pull[0]"),
        ("[broker\n", "TOML"),
    ],
)
def test_a_bad_config_is_one_sentence_in_chinese_and_english_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, words: str, demo_file: Path
) -> None:
    with pytest.raises(WatchConfigError) as raised:
        load_watch(write(tmp_path, text))
    assert words in str(raised.value) and words in raised.value.said.en and "hunter2" not in str(raised.value)
    assert main(["watch", str(demo_file), "--config", str(tmp_path / "WATCH.toml"), "--for", "1"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "hunter2" not in lines[0]


def test_a_password_in_the_mqtt_flag_is_refused_without_being_repeated() -> None:
    with pytest.raises(WatchConfigError) as raised:
        with_flags(load_watch(None), "mqtt://user:hunter2@host:1883", None)
    assert "hunter2" not in str(raised.value) and "hunter2" not in raised.value.said.en


def test_onemap_watch_demo_for_2_seconds_exits_0_and_prints_its_counts(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["watch", str(demo_copy), "--demo", "--for", "2", "--listen", "127.0.0.1:0", "--speed", "20000"]
    assert main(argv) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0].startswith("采集器已启动") and "演示数据" in out[0] and out[1].startswith("采集器已停止")
    counts = json.loads(out[-1])
    assert counts["bus"] == "local" and counts["demo_sent"] > 0 and counts["events"] == counts["demo_sent"]
    # one publication per alert per batch: the rest were folds of an alert already in the batch's message
    assert counts["published"] + counts.get("coalesced", 0) == counts["alerts"] > 0 and counts["rejected"] == {}


@pytest.mark.broker
def test_onemap_watch_demo_through_mosquitto_publishes_labelled_alerts(demo_copy: Path, tmp_path: Path) -> None:
    with running_mosquitto(tmp_path) as broker:
        viewer = Listener(broker.port, "onemap/alerts/#")
        argv = ["watch", str(demo_copy), "--demo", "--for", "3", "--listen", "127.0.0.1:0"]
        assert main([*argv, "--mqtt", f"mqtt://127.0.0.1:{broker.port}", "--speed", "20000"]) == 0
        assert until(lambda: len(viewer.messages) > 0, 5)
        viewer.close()
    topics = {topic for topic, _ in viewer.messages}
    assert topics == {"onemap/alerts/610725"} and all(body["demo"] for _, body in viewer.messages)


def test_the_demo_feed_sends_every_type_at_the_field_rate_with_a_gas_leak_that_escalates() -> None:
    bus, got = LocalBus(), []
    bus.subscribe("onemap/events/demo/#", lambda _topic, body: got.append(json.loads(body)))
    feed = DemoFeed([f"6107250001132000{i:04d}" for i in range(56)], ["861234567890123"], bus.publish, 1.0, seed=7)
    assert weekly_rate(56) == pytest.approx(109) and feed.mean_gap() == pytest.approx(7 * 24 * 3600 / 109)
    now = datetime.now(SHANGHAI)
    gas = feed.episode(AlertType.GAS_LEAK, now)
    values = [e.value for _, e in gas]
    assert values == sorted(values[:-1]) + [values[-1]] and max(v for v in values if v) > 50
    assert [e.level for _, e in gas][0] == 3 and min(e.level for _, e in gas) == 1 and gas[-1][1].state is State.CLEARED
    fast = DemoFeed(feed.cameras, feed.sensors, bus.publish, 200_000.0, seed=3)
    fast.start()
    until(lambda: len({body["type"] for body in got}) == len(MIX), 20)
    fast.stop()
    assert {body["type"] for body in got} == {str(kind) for kind in MIX}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX; Windows stops it with Ctrl+Break (SIGBREAK)")
def test_sigterm_stops_a_running_collector_cleanly_with_its_counts(demo_copy: Path) -> None:
    # a copy: the demo feed writes alerts, and the session's demo file is shared by every test
    argv = [sys.executable, "-m", "onemap", "watch", str(demo_copy), "--demo", "--listen", "127.0.0.1:0"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    process = subprocess.Popen([*argv, "--speed", "20000"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None
    first = process.stdout.readline().decode("utf-8")  # the start line: it is running
    process.send_signal(signal.SIGTERM)
    out, _err = process.communicate(timeout=30)
    assert process.returncode == 0 and first.startswith("采集器已启动")
    lines = out.decode("utf-8").strip().splitlines()
    assert lines[0].startswith("采集器已停止") and json.loads(lines[-1])["bus"] == "local"


def test_a_taken_listen_address_or_an_open_one_without_a_secret_is_one_sentence_and_exit_1(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["watch", str(demo_file), "--listen", f"127.0.0.1:{port}", "--for", "1"]) == 1
    said = capsys.readouterr().err.strip().splitlines()
    assert len(said) == 1 and f"127.0.0.1:{port}" in said[0] and "--listen" in said[0]
    assert main(["--lang", "en", "watch", str(demo_file), "--listen", "0.0.0.0:0", "--for", "1"]) == 1
    said = capsys.readouterr().err.strip().splitlines()
    assert len(said) == 1 and "shared secret or an allow-list" in said[0]


def test_the_demo_feed_lands_in_the_inventory_folded_and_onemap_alerts_lists_it(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inventory = demo_copy
    assert main(["watch", str(inventory), "--demo", "--for", "4", "--listen", "127.0.0.1:0"]) == 0
    counts = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert main(["alerts", str(inventory), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    alerts = listed["alerts"] if isinstance(listed, dict) else listed
    assert counts["events"] >= 1 and alerts
    assert all(a["count"] >= 1 for a in alerts)  # an alert per episode, repeats folded into its count
    assert all(a["estate_code"] and a["type"] in {t.value for t in AlertType} for a in alerts)
