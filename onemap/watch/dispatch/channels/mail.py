"""E-mail over SMTP: STARTTLS whenever the server offers it, UTF-8 subject and body.

A password (keyring: ``"<channel>:password"``) is only ever sent inside TLS: on a server that
offers no STARTTLS the login is not attempted and the send fails, saying why.  Port 465
means TLS from the first byte (SMTPS).
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from onemap.watch.dispatch.channel_specs import option
from onemap.watch.dispatch.channels.base import FAILED, REFUSED, SENT, Outgoing, SendResult
from onemap.watch.dispatch.keys import load_secret
from onemap.watch.dispatch.message import SecretInMessage, guard, merged_text
from onemap.watch.dispatch.rules import ChannelSpec


class SmtpMail:
    """The ``smtp`` channel; ``to`` in its options is added to every role's own addresses."""

    kind = "smtp"

    def __init__(self, spec: ChannelSpec) -> None:
        self.name = spec.name
        self.host = str(option(spec.options, self.kind, "host"))
        self.port = int(option(spec.options, self.kind, "port"))  # type: ignore[call-overload]
        self.user = str(option(spec.options, self.kind, "user"))
        self.sender = str(option(spec.options, self.kind, "sender"))
        self.always_to = tuple(str(a) for a in option(spec.options, self.kind, "to"))  # type: ignore[attr-defined]
        self.timeout_s = float(option(spec.options, self.kind, "timeout_s"))  # type: ignore[arg-type]
        self.cafile = str(option(spec.options, self.kind, "cafile")) or None

    def compose(self, outgoing: Outgoing) -> EmailMessage:
        """The e-mail: UTF-8 subject naming type and estate, the alert text as the body."""
        first = outgoing.messages[0]
        mail = EmailMessage()
        more = f" 等 {len(outgoing.messages)} 条" if len(outgoing.messages) > 1 else ""
        mail["Subject"] = f"【OneMap告警】{first.type_zh} · {first.estate_name}{more}"
        mail["From"] = self.sender
        mail["To"] = ", ".join(self.recipients(outgoing))
        mail.set_content(merged_text(list(outgoing.messages)), charset="utf-8")
        return mail

    def recipients(self, outgoing: Outgoing) -> list[str]:
        """The role's addresses and the channel's own ``to``, each once."""
        return list(dict.fromkeys([*outgoing.emails, *self.always_to]))

    def send(self, outgoing: Outgoing) -> SendResult:
        """Deliver once to the SMTP server."""
        password = load_secret(self.name, "password") if self.user else None
        try:
            guard(merged_text(list(outgoing.messages)), known=(password,))
        except SecretInMessage as exc:
            return SendResult(REFUSED, code="secret", detail=str(exc))
        if not self.recipients(outgoing):
            return SendResult(REFUSED, detail="没有收件地址 / no addresses")
        try:
            return self._deliver(self.compose(outgoing), password)
        except smtplib.SMTPResponseException as exc:
            return SendResult(FAILED, retryable=exc.smtp_code < 500, code=str(exc.smtp_code))
        except smtplib.SMTPRecipientsRefused:
            return SendResult(FAILED, code="recipients_refused")
        except (OSError, smtplib.SMTPException) as exc:  # no connection, dropped: try again later
            return SendResult(FAILED, retryable=True, detail=type(exc).__name__)

    def _deliver(self, mail: EmailMessage, password: str | None) -> SendResult:
        context = ssl.create_default_context(cafile=self.cafile)
        if self.port == 465:
            server: smtplib.SMTP = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout_s, context=context)
        else:
            server = smtplib.SMTP(self.host, self.port, timeout=self.timeout_s)
        with server:
            server.ehlo()
            tls = self.port == 465
            if not tls and server.has_extn("starttls"):
                server.starttls(context=context)
                server.ehlo()
                tls = True
            if self.user:
                if password is None or not tls:
                    why = "no_secret" if password is None else "no_tls"
                    return SendResult(FAILED, code=why, detail="密码未发送 / the password was not sent")
                server.login(self.user, password)
            server.send_message(mail)
        return SendResult(SENT, code="250")
