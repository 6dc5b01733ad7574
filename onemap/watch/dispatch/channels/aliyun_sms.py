"""SMS through Aliyun's ``SendSms`` (Dysmsapi 2017-05-25), or any gateway with its request shape.

One POST, ``application/x-www-form-urlencoded``, carrying the common RPC parameters (Action,
Version, Format, RegionId, AccessKeyId, SignatureMethod HMAC-SHA1, SignatureVersion 1.0,
SignatureNonce, Timestamp) and SendSms's own: PhoneNumbers (≤1000, comma-separated),
SignName, TemplateCode, TemplateParam (a JSON string) and OutId.  The answer is
``{"Code": "OK", "BizId": …, "RequestId": …}`` or an error code.

SendSms is not idempotent (Aliyun says so), so every send carries an OutId (the
:class:`~onemap.watch.dispatch.channels.base.Outgoing` key) and this channel remembers each
OutId's outcome: once the provider took it, or may have taken it (no answer, ``isp.SYSTEM_ERROR``),
the same OutId is never sent again.  Only a send that never left, or a definite refusal
such as flow control (``isv.BUSINESS_LIMIT_CONTROL``), may be retried.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable

from onemap.watch.dispatch.channel_specs import option
from onemap.watch.dispatch.channels.aliyun_sign import canonical_query, percent_encode, signature
from onemap.watch.dispatch.channels.base import (
    AMBIGUOUS,
    DEDUPLICATED,
    FAILED,
    REFUSED,
    SENT,
    Ambiguous,
    NotSent,
    Outgoing,
    SendResult,
    post,
)
from onemap.watch.dispatch.clock import Clock, iso_utc, system_clock
from onemap.watch.dispatch.keys import load_secret
from onemap.watch.dispatch.message import SecretInMessage, guard, template_params, text
from onemap.watch.dispatch.rules import ChannelSpec

MAX_PHONES = 1000
#: definite refusals worth another try later (flow control); every other isv.* is a setup error
RETRY_CODES = {"isv.BUSINESS_LIMIT_CONTROL", "Throttling.User", "Throttling", "isv.DAY_LIMIT_CONTROL"}
#: the provider failed in a way that may have sent the SMS anyway
AMBIGUOUS_CODES = {"isp.SYSTEM_ERROR", "isp.GATEWAY_ERROR", "InternalError", "ServiceUnavailable"}


class AliyunSms:
    """The ``aliyun_sms`` channel."""

    kind = "aliyun_sms"

    def __init__(self, spec: ChannelSpec, clock: Clock = system_clock, nonce: Callable[[], str] | None = None) -> None:
        self.name = spec.name
        self.endpoint = str(option(spec.options, self.kind, "endpoint"))
        self.access_key_id = str(option(spec.options, self.kind, "access_key_id"))
        self.sign_name = str(option(spec.options, self.kind, "sign_name"))
        self.template_code = str(option(spec.options, self.kind, "template_code"))
        self.region_id = str(option(spec.options, self.kind, "region_id"))
        self.timeout_s = float(option(spec.options, self.kind, "timeout_s"))  # type: ignore[arg-type]
        self.clock = clock
        self.nonce = nonce or (lambda: uuid.uuid4().hex)
        self.settled: dict[str, SendResult] = {}  # OutId -> the outcome that forbids sending it again

    def params(self, outgoing: Outgoing) -> dict[str, str]:
        """Every request parameter but ``Signature``."""
        return {
            "AccessKeyId": self.access_key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "OutId": outgoing.key,
            "PhoneNumbers": ",".join(outgoing.phones),
            "RegionId": self.region_id,
            "SignName": self.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": self.nonce(),
            "SignatureVersion": "1.0",
            "TemplateCode": self.template_code,
            "TemplateParam": json.dumps(template_params(outgoing.messages[0]), ensure_ascii=False),
            "Timestamp": iso_utc(self.clock()),
            "Version": "2017-05-25",
        }

    def send(self, outgoing: Outgoing) -> SendResult:
        """Send one SMS request (no retry here); de-duplicated by ``outgoing.key`` (OutId)."""
        earlier = self.settled.get(outgoing.key)
        if earlier is not None:
            return SendResult(DEDUPLICATED, code=earlier.code, provider_id=earlier.provider_id, detail=earlier.status)
        secret = load_secret(self.name, "access_key_secret")
        refusal = self._refusal(outgoing, secret)
        if refusal is not None:
            return refusal
        if secret is None:
            return SendResult(FAILED, code="no_secret", detail="系统钥匙串中没有 AccessKeySecret / no AccessKeySecret")
        params = self.params(outgoing)
        body = f"{canonical_query(params)}&Signature={percent_encode(signature('POST', params, secret))}"
        try:
            status, raw = post(self.endpoint, body.encode("ascii"), "application/x-www-form-urlencoded", self.timeout_s)
        except NotSent as exc:
            return SendResult(FAILED, retryable=True, detail=str(exc))
        except Ambiguous as exc:
            return self._settle(outgoing.key, SendResult(AMBIGUOUS, detail=str(exc)))
        return self._answer(outgoing.key, status, raw)

    def _refusal(self, outgoing: Outgoing, secret: str | None) -> SendResult | None:
        if not outgoing.phones or len(outgoing.phones) > MAX_PHONES or not outgoing.key:
            return SendResult(
                REFUSED, detail=f"需要 1–{MAX_PHONES} 个号码和 OutId / 1–{MAX_PHONES} phones and an OutId"
            )
        try:
            texts = [text(m) for m in outgoing.messages] + list(template_params(outgoing.messages[0]).values())
            guard(*texts, known=(secret, self.access_key_id))
        except SecretInMessage as exc:
            return SendResult(REFUSED, code="secret", detail=str(exc))
        return None

    def _answer(self, key: str, status: int, raw: bytes) -> SendResult:
        try:
            answer = json.loads(raw.decode("utf-8"))
            code = str(answer["Code"])
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            return self._settle(key, SendResult(AMBIGUOUS, detail=f"HTTP {status}, unreadable answer"))
        if code == "OK":
            return self._settle(key, SendResult(SENT, code=code, provider_id=str(answer.get("BizId", ""))))
        if code in AMBIGUOUS_CODES or (status >= 500 and code not in RETRY_CODES):
            return self._settle(key, SendResult(AMBIGUOUS, code=code, detail=str(answer.get("Message", ""))))
        return SendResult(FAILED, retryable=code in RETRY_CODES, code=code, detail=str(answer.get("Message", "")))

    def _settle(self, key: str, result: SendResult) -> SendResult:
        self.settled[key] = result
        return result
