"""Settings ▸ 告警派发: the dispatch rules and channels of WATCH.toml, edited in a real widget.

Round trip through the file the collector reads (other sections kept byte for byte), secrets only
in the keyring, and a Chinese sentence for every wrong input with nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit, QTableWidgetItem

from onemap.gui.dialogs.dispatch_rules import DispatchRulesDialog, DispatchRulesPage
from onemap.gui.dialogs.settings_dialog import SettingsDialog
from onemap.watch.config import load_watch
from onemap.watch.dispatch import load_dispatch
from onemap.watch.dispatch.keys import KEYRING_SERVICE
from onemap.watch.dispatch.toml_out import viewer_watch_file
from tests.core.watch_dispatch_servers import MemoryKeyring

DATA = Path(__file__).parents[1] / "core" / "data" / "watch_dispatch" / "WATCH.toml"
BROKER = '# the county broker\n[broker]\nhost = "10.7.0.5"\nport = 8883\ntls = true\nuser = "onemap"\n\n'


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def watch_file(tmp_path: Path) -> Path:
    path = tmp_path / "watch.toml"
    path.write_text(BROKER + DATA.read_text("utf-8"), "utf-8")
    return path


def page_of(qtbot, path: Path) -> DispatchRulesPage:  # type: ignore[no-untyped-def]
    page = DispatchRulesPage(path)
    qtbot.addWidget(page)
    page.show()
    return page


def cell(page: DispatchRulesPage, row: int, column: int) -> str:
    item = page.table.item(row, column)
    return item.text() if item is not None else ""


def test_the_page_shows_the_rules_and_channels_of_the_file(qtbot, watch_file: Path, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    page = page_of(qtbot, watch_file)
    assert page.table.rowCount() == 5
    assert [cell(page, 1, c) for c in range(4)] == ["烟雾明火", "", "物业负责人、网格员 → 社区书记、包抓负责人", "3"]
    assert [cell(page, 4, c) for c in range(2)] == ["全部类型", "3、4"]
    assert page.minutes.text() == "10"
    sms = page.boxes["aliyun_sms"]
    assert sms.isChecked() and sms.name == "sms" and sms.default.isChecked()
    assert sms.fields["sign_name"].text() == "勉县一张图"  # type: ignore[union-attr]
    assert sms.secrets["access_key_secret"].echoMode() == QLineEdit.EchoMode.Password
    assert page.boxes["dingtalk"].name == "ding" and page.boxes["smtp"].name == "mail"


def test_an_edit_round_trips_through_the_file_the_collector_reads_and_secrets_go_to_the_keyring(
    qtbot,  # type: ignore[no-untyped-def]
    watch_file: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    page = page_of(qtbot, watch_file)
    page.table.setItem(2, 3, QTableWidgetItem("7"))
    page.add_rule(page.form().rules[0].__class__("离岗睡岗", "2、3", "物业负责人 → 网格员", ""))
    page.boxes["aliyun_sms"].secrets["access_key_secret"].setText("s3cret-AccessKey-9")
    page.boxes["wecom"].fields["endpoint"].setText(  # type: ignore[union-attr]
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-robot-key"
    )
    page.boxes["wecom"].setChecked(True)
    assert page.save(), page.message.text()
    text = watch_file.read_text("utf-8")
    assert text.startswith(BROKER.rstrip())  # the broker section, comment included, as it was
    assert "s3cret-AccessKey-9" not in text and "693a91f6-robot-key" not in text
    assert memory_keyring.get_password(KEYRING_SERVICE, "sms:access_key_secret") == "s3cret-AccessKey-9"
    assert memory_keyring.get_password(KEYRING_SERVICE, "estates:key") == "693a91f6-robot-key"
    assert page.boxes["aliyun_sms"].secrets["access_key_secret"].text() == ""
    config = load_dispatch(watch_file)
    assert config.rules[2].escalate_after_min == 7
    absent = config.rule_for("absent_post", 2)
    assert absent is not None and absent.steps == (("property_manager",), ("grid_worker",))
    assert config.roles["gas_company"].phones == ("13700000001",)  # a role the page does not edit, kept
    assert load_watch(watch_file).broker is not None
    again = page_of(qtbot, watch_file)
    assert again.form() == page.form()


def test_a_new_county_starts_from_the_starter_rules_in_the_viewers_config_folder(qtbot, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    page = page_of(qtbot, None)  # type: ignore[arg-type]
    assert page.path == viewer_watch_file() and not page.path.exists()
    assert page.table.rowCount() == 4 and not any(box.isChecked() for box in page.boxes.values())
    assert page.save(), page.message.text()
    assert [r.alert_type for r in load_dispatch(page.path).rules] == [
        "illegal_parking",
        "intrusion",
        "gas_leak",
        "smoke_fire",
    ]


@pytest.mark.parametrize(
    ("where", "typed", "said"),
    [
        ("role", "物业负责人 → 物管", "第 1 条规则的通知顺序中有不认识的角色“物管”"),
        ("minutes", "-5", "升级等待时间须大于 0 且不超过 1440 分钟（现在是 -5）"),
        ("default", "十分钟", "“十分钟”不是分钟数"),
        ("type", "火灾", "第 1 条规则的告警类型“火灾”不认识"),
        ("levels", "5", "第 1 条规则的级别“5”应是 1 到 4 的数字"),
        ("url", "htp://robot", "企业微信群机器人的地址“htp://robot”不是有效的 http(s):// 网址"),
        ("port", "99999", "电子邮件（SMTP）的端口“99999”应是 1 到 65535 的整数"),
        ("sign", "", "启用短信（阿里云 SendSms）时须填写短信签名"),
    ],
)
def test_every_wrong_input_is_named_in_chinese_and_nothing_is_written(  # type: ignore[no-untyped-def]
    qtbot, watch_file: Path, memory_keyring, where: str, typed: str, said: str
) -> None:
    before = watch_file.read_bytes()
    page = page_of(qtbot, watch_file)
    if where in ("role", "minutes", "type", "levels"):
        column = {"type": 0, "levels": 1, "role": 2, "minutes": 3}[where]
        page.table.setItem(0, column, QTableWidgetItem(typed))
    elif where == "default":
        page.minutes.setText(typed)
    else:
        kind, name = {"url": ("wecom", "endpoint"), "port": ("smtp", "port"), "sign": ("aliyun_sms", "sign_name")}[
            where
        ]
        page.boxes[kind].fields[name].setText(typed)  # type: ignore[union-attr]
    assert not page.save()
    assert said in page.message.text() and page.message.isVisible()
    assert watch_file.read_bytes() == before
    if where in ("role", "minutes", "type", "levels"):
        assert page.table.currentRow() == 0


def test_secrets_are_refused_without_an_os_keyring(qtbot, watch_file: Path) -> None:  # type: ignore[no-untyped-def]
    before_backend = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        before = watch_file.read_bytes()
        page = page_of(qtbot, watch_file)
        page.boxes["smtp"].secrets["password"].setText("mail-pass-123")
        assert not page.save()
        assert "本机没有可用的系统钥匙串" in page.message.text() and watch_file.read_bytes() == before
    finally:
        keyring.set_keyring(before_backend)


def test_the_settings_dialog_opens_the_dispatch_rules(qtbot, tmp_path: Path, monkeypatch, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(QSettings(str(tmp_path / "OneMap.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(dialog)
    opened: list[DispatchRulesDialog] = []
    monkeypatch.setattr(DispatchRulesDialog, "exec", lambda self: opened.append(self) or 0)
    dialog.dispatch_button.click()
    assert len(opened) == 1 and opened[0].page.path == viewer_watch_file()
