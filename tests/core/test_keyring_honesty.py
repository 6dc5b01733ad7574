"""A plain-text "keyring" (keyrings.alt) is named as such and gets no login; the report says so."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import keyring
import pytest

from onemap.cameras import Credential, keyring_available, keyring_name, store_credential
from onemap.cli import main

alt_file = pytest.importorskip("keyrings.alt.file")
SECRET = "Qx7mima9"


@pytest.fixture
def plaintext_keyring(tmp_path: Path):  # type: ignore[no-untyped-def]
    """keyrings.alt's PlaintextKeyring (a base64 file in the home folder), as pip may install it."""
    before = keyring.get_keyring()
    backend = alt_file.PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[misc]
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


def test_a_plaintext_keyring_is_named_and_gets_no_login(plaintext_keyring) -> None:  # type: ignore[no-untyped-def]
    assert not keyring_available()
    assert store_credential("rtsp://10.0.0.1:554", Credential("admin", SECRET)) is False
    assert not Path(plaintext_keyring.file_path).exists()
    zh, en = keyring_name()
    assert "明文" in zh and "PlaintextKeyring" in zh and "plain-text" in en


def test_the_import_report_says_the_login_was_dropped_not_saved_to_a_keyring(  # type: ignore[no-untyped-def]
    plaintext_keyring, tmp_path: Path, capsys
) -> None:
    ledger = tmp_path / "台账.csv"
    with ledger.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(
            [
                ["小区名称", "所在镇（街道）", "监控链接"],
                ["桂园小区", "勉阳街道", f"rtsp://admin:{SECRET}@10.0.0.1/Streaming/Channels/101"],
            ]
        )
    assert main(["import", str(ledger), "--into", str(tmp_path / "清单.gpkg"), "--county", "610725", "--json"]) == 0
    report = json.dumps(json.loads(capsys.readouterr().out), ensure_ascii=False)
    assert "明文" in report and "未保存" in report and "系统钥匙串" not in report
    assert not Path(plaintext_keyring.file_path).exists()
