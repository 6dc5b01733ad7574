"""Alert e-mail to a real SMTP server on loopback (aiosmtpd): UTF-8 subject and body, no password in clear."""

from __future__ import annotations

import datetime
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import keyring
import pytest

from onemap.watch.dispatch.channels import Outgoing, SmtpMail
from onemap.watch.dispatch.keys import store_secret
from onemap.watch.dispatch.message import alert_message
from onemap.watch.dispatch.rules import ChannelSpec
from tests.core.watch_dispatch_servers import MemoryKeyring

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")


class Inbox:
    """aiosmtpd's handler: keeps every message it accepts."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        return [message_from_bytes(e.original_content, policy=policy.default) for e in self.envelopes]  # type: ignore[misc]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = aiosmtpd_controller.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def mail_channel(port: int, **extra: object) -> SmtpMail:
    options = {"kind": "smtp", "host": "127.0.0.1", "port": port, "sender": "onemap@mianxian.example.cn"} | extra
    return SmtpMail(ChannelSpec("mail", "smtp", options))


def fire() -> Any:
    return alert_message("A-1", "610725-0001", "桂园小区", "gas_leak", 4, "2026-01-01 08:00", "3号楼 2单元 厨房")


def test_an_alert_email_arrives_with_a_utf8_subject_and_body(smtp) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    channel = mail_channel(port, to=["duty@mianxian.example.cn"])
    result = channel.send(Outgoing((fire(),), emails=("gas@ranqi.example.cn",), key="k1"))
    assert result.status == "sent"
    envelope = inbox.envelopes[0]
    assert envelope.rcpt_tos == ["gas@ranqi.example.cn", "duty@mianxian.example.cn"]
    received = inbox.messages()[0]
    assert received["Subject"] == "【OneMap告警】燃气泄漏 · 桂园小区"
    head = envelope.original_content.split(b"\r\n\r\n", 1)[0].decode("ascii")  # headers are 7-bit on the wire
    assert "Subject: =?utf-8?" in head and 'charset="utf-8"' in head
    body = received.get_body().get_content()  # type: ignore[union-attr]
    assert "桂园小区（610725-0001）" in body and "3号楼 2单元 厨房" in body and "处置码" in body


def test_a_merged_burst_says_how_many_alerts_are_in_the_subject(smtp) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    second = alert_message("A-2", "610725-0002", "铁路小区", "smoke_fire", 3, "08:01", "1号楼")
    assert mail_channel(port).send(Outgoing((fire(), second), emails=("a@b.example.cn",), key="k")).ok
    assert inbox.messages()[0]["Subject"] == "【OneMap告警】燃气泄漏 · 桂园小区 等 2 条"


def test_the_password_is_not_sent_to_a_server_without_starttls(smtp) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        store_secret("mail", "password", "Qx7mima9")
        result = mail_channel(port, user="onemap").send(Outgoing((fire(),), emails=("a@b.example.cn",), key="k"))
    finally:
        keyring.set_keyring(before)
    assert result.status == "failed" and result.code == "no_tls" and inbox.envelopes == []


def test_a_server_that_is_down_is_retryable() -> None:
    result = mail_channel(free_port()).send(Outgoing((fire(),), emails=("a@b.example.cn",), key="k"))
    assert result.status == "failed" and result.retryable


def test_mail_without_any_address_is_refused_not_attempted(smtp) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    assert mail_channel(port).send(Outgoing((fire(),), key="k")).status == "refused"
    assert inbox.envelopes == []


def self_signed(tmp_path: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, as a county's own mail server might have."""
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = tmp_path / "mail.pem", tmp_path / "mail.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def test_starttls_is_used_when_offered_and_the_login_happens_inside_it(tmp_path: Path) -> None:
    from aiosmtpd.smtp import AuthResult

    cert, key = self_signed(tmp_path)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    logins: list[tuple[str, bool]] = []

    def authenticator(server: Any, session: Any, envelope: Any, _mechanism: str, data: Any) -> Any:
        logins.append((data.login.decode(), session.ssl is not None))
        return AuthResult(success=data.login == b"onemap" and data.password == b"Qx7mima9")

    inbox, port = Inbox(), free_port()
    controller = aiosmtpd_controller.Controller(
        inbox, hostname="127.0.0.1", port=port, tls_context=tls, require_starttls=True, authenticator=authenticator
    )
    controller.start()
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        store_secret("mail", "password", "Qx7mima9")
        channel = mail_channel(port, user="onemap", cafile=str(cert))
        result = channel.send(Outgoing((fire(),), emails=("a@b.example.cn",), key="k"))
    finally:
        keyring.set_keyring(before)
        controller.stop()
    assert result.status == "sent" and logins == [("onemap", True)]
    assert inbox.messages()[0]["Subject"] == "【OneMap告警】燃气泄漏 · 桂园小区"


def test_mail_quoting_the_smtp_password_is_refused_before_connecting(smtp) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        store_secret("mail", "password", "Zq81vv0rd")
        leaked = alert_message("A-8", "610725-0001", "桂园小区", "gas_leak", 4, "08:00", "厨房 Zq81vv0rd")
        result = mail_channel(port, user="onemap").send(Outgoing((leaked,), emails=("a@b.example.cn",), key="k"))
    finally:
        keyring.set_keyring(before)
    assert result.status == "refused" and inbox.envelopes == []
