"""Loopback servers standing where Aliyun's SMS endpoint and the WeCom/DingTalk robots would be.

Each checks every request against the provider's documented format with its own code (not
OneMap's): Aliyun's RPC parameters and HMAC-SHA1 signature recomputed from the raw body,
the robots' JSON shapes, DingTalk's HMAC-SHA256 ``sign``, and 20 messages a minute per robot
(counted on the test's clock).  Every deviation lands in ``problems``; ``script`` makes the
next answers a flow-control error, a dropped connection and so on.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, quote_plus, unquote, urlsplit

from tests.keyring_kit import MemoryKeyring  # noqa: F401  (importers of this module use it)

ACCESS_KEY_ID = "LTAI5tTestKeyId00"
ACCESS_KEY_SECRET = "tEsTsEcReT+/=&0123456789abcd"
WECOM_KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
DING_TOKEN = "a1b2c3d4e5f6access"
DING_SECRET = "SECb9e2f0c8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0"
SMS_PARAMS = {
    "AccessKeyId", "Action", "Format", "OutId", "PhoneNumbers", "RegionId", "SignName", "Signature",
    "SignatureMethod", "SignatureNonce", "SignatureVersion", "TemplateCode", "TemplateParam", "Timestamp", "Version",
}  # fmt: skip


def aliyun_encode(text: str) -> str:
    """Aliyun's documented recipe: URL-encode, then ``+``→``%20``, ``*``→``%2A``, ``%7E``→``~``."""
    return quote_plus(text, encoding="utf-8").replace("+", "%20").replace("*", "%2A").replace("%7E", "~")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, handler: type[BaseHTTPRequestHandler], clock: Any) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.clock = clock
        self.problems: list[str] = []
        self.requests: list[dict[str, Any]] = []
        self.script: list[str] = []  # next answers: "ok", "limit", "drop", "system_error", "busy"
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def next_answer(self) -> str:
        with self.lock:
            return self.script.pop(0) if self.script else "ok"

    def __enter__(self) -> _Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
        self.thread.join(5)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def answer(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def drop(self) -> None:
        self.close_connection = True  # read the request, answer nothing: the caller cannot know


class AliyunHandler(_Handler):
    """Checks a SendSms request as Aliyun's documentation describes it, then answers like Aliyun."""

    nonces: set[str] = set()

    def do_POST(self) -> None:
        raw = self.body().decode("ascii")
        problems = self.check(raw)
        if problems:
            self.server.problems += problems
            code = "SignatureDoesNotMatch" if any("Signature" in p for p in problems) else "isv.INVALID_PARAMETERS"
            return self.answer(400, {"Code": code, "Message": "; ".join(problems), "RequestId": "R-bad"})
        params = dict(parse_qsl(raw, keep_blank_values=True))
        self.server.requests.append(params)
        what = self.server.next_answer()
        if what == "drop":
            return self.drop()
        if what == "limit":
            return self.answer(
                200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发分钟级流控", "RequestId": "R-2"}
            )
        if what == "system_error":
            return self.answer(200, {"Code": "isp.SYSTEM_ERROR", "Message": "isp.SYSTEM_ERROR", "RequestId": "R-3"})
        biz = f"9000{len(self.server.requests):06d}^0"
        self.answer(
            200, {"Code": "OK", "Message": "OK", "BizId": biz, "RequestId": "A0000000-3CC1-4000-8000-E00000000000"}
        )

    def check(self, raw: str) -> list[str]:
        problems = []
        if self.path != "/" or not self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
            problems.append(f"path {self.path} / content type {self.headers.get('Content-Type')}")
        pairs = [(unquote(k), unquote(v)) for k, _, v in (part.partition("=") for part in raw.split("&"))]
        params = dict(pairs)
        if set(params) != SMS_PARAMS or len(pairs) != len(params):
            problems.append(f"parameters {sorted(params)}")
            return problems
        unsigned = sorted((k, v) for k, v in pairs if k != "Signature")
        canonical = "&".join(f"{aliyun_encode(k)}={aliyun_encode(v)}" for k, v in unsigned)
        if raw != f"{canonical}&Signature={aliyun_encode(params['Signature'])}":
            problems.append("body is not the sorted, RFC 3986-encoded query followed by Signature")
        to_sign = "POST&" + aliyun_encode("/") + "&" + aliyun_encode(canonical)
        digest = hmac.new((ACCESS_KEY_SECRET + "&").encode(), to_sign.encode(), hashlib.sha1).digest()
        if params["Signature"] != base64.b64encode(digest).decode():
            problems.append("Signature does not match")
        problems += self.check_values(params)
        return problems

    def check_values(self, params: dict[str, str]) -> list[str]:
        fixed = {"Action": "SendSms", "Version": "2017-05-25", "Format": "JSON", "SignatureMethod": "HMAC-SHA1"}
        fixed |= {"SignatureVersion": "1.0", "AccessKeyId": ACCESS_KEY_ID, "RegionId": "cn-hangzhou"}
        problems = [f"{k}={params[k]!r}" for k, v in fixed.items() if params[k] != v]
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", params["Timestamp"]):
            problems.append(f"Timestamp {params['Timestamp']!r}")
        phones = params["PhoneNumbers"].split(",")
        if not 1 <= len(phones) <= 1000 or not all(re.fullmatch(r"1\d{10}", p) for p in phones):
            problems.append(f"PhoneNumbers {params['PhoneNumbers']!r}")
        template = json.loads(params["TemplateParam"])
        if not isinstance(template, dict) or not all(isinstance(v, str) for v in template.values()):
            problems.append("TemplateParam is not a JSON object of strings")
        if params["SignatureNonce"] in self.nonces:
            problems.append("SignatureNonce used twice (a replay)")
        self.nonces.add(params["SignatureNonce"])
        if not params["OutId"] or not params["SignName"] or not params["TemplateCode"].startswith("SMS_"):
            problems.append("OutId, SignName or TemplateCode")
        return problems


class RobotHandler(_Handler):
    """A WeCom or DingTalk robot: checks URL secrets, JSON shape and the 20-a-minute limit."""

    flavour = "wecom"

    def do_POST(self) -> None:
        raw = self.body()
        query = dict(parse_qsl(urlsplit(self.path).query))
        problems = self.check_url(query) + self.check_body(raw)
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            problems.append(f"content type {self.headers.get('Content-Type')}")
        if problems:
            self.server.problems += problems
            return self.answer(
                200, {"errcode": 310000 if self.flavour == "dingtalk" else 93000, "errmsg": "; ".join(problems)}
            )
        what = self.server.next_answer()
        if what == "drop":
            return self.drop()
        if what == "busy":
            return self.answer(200, {"errcode": -1, "errmsg": "system busy"})
        if not self.within_limit():
            code = 410100 if self.flavour == "dingtalk" else 45009
            return self.answer(200, {"errcode": code, "errmsg": "send too fast, exceed 20 times per minute"})
        self.server.requests.append(json.loads(raw))
        self.answer(200, {"errcode": 0, "errmsg": "ok"})

    def within_limit(self) -> bool:
        server, now = self.server, self.server.clock()
        with server.lock:
            times = server.__dict__.setdefault("accepted_at", [])
            if now < server.__dict__.get("blocked_until", 0) or sum(1 for t in times if now - t < 60) >= 20:
                if self.flavour == "dingtalk" and now >= server.__dict__.get("blocked_until", 0):
                    server.__dict__["blocked_until"] = now + 600  # DingTalk: ten minutes of silence
                server.__dict__["rate_limited"] = server.__dict__.get("rate_limited", 0) + 1
                return False
            times.append(now)
            return True

    def check_url(self, query: dict[str, str]) -> list[str]:
        if self.flavour == "wecom":
            ok = urlsplit(self.path).path == "/cgi-bin/webhook/send" and query == {"key": WECOM_KEY}
            return [] if ok else [f"WeCom URL {self.path}"]
        if urlsplit(self.path).path != "/robot/send" or set(query) != {"access_token", "timestamp", "sign"}:
            return [f"DingTalk URL {self.path}"]
        problems = [] if query["access_token"] == DING_TOKEN else ["access_token"]
        timestamp = query["timestamp"]
        if not timestamp.isdigit() or abs(int(timestamp) / 1000 - self.server.clock()) > 3600:
            problems.append(f"timestamp {timestamp} is not milliseconds within an hour")
        digest = hmac.new(DING_SECRET.encode(), f"{timestamp}\n{DING_SECRET}".encode(), hashlib.sha256).digest()
        if query["sign"] != base64.b64encode(digest).decode():  # parse_qsl undid the URL-encoding once
            problems.append("sign does not match")
        return problems

    def check_body(self, raw: bytes) -> list[str]:
        body = json.loads(raw.decode("utf-8"))
        kind = body.get("msgtype")
        if kind not in ("text", "markdown") or not isinstance(body.get(kind), dict):
            return [f"msgtype {kind!r}"]
        part = body[kind]
        if self.flavour == "wecom":
            limit = 2048 if kind == "text" else 4096
            extra = set(part) - {"content", "mentioned_list", "mentioned_mobile_list"}
            if kind == "markdown" and set(part) != {"content"}:
                extra = set(part) - {"content"}
            ok = isinstance(part.get("content"), str) and len(part["content"].encode()) <= limit and not extra
            mobiles = part.get("mentioned_mobile_list", [])
            ok = ok and isinstance(mobiles, list) and all(isinstance(m, str) for m in mobiles)
            return [] if ok and set(body) == {"msgtype", kind} else [f"WeCom {kind} body {sorted(part)}"]
        text = part.get("content") if kind == "text" else part.get("text")
        at = body.get("at", {})
        ok = isinstance(text, str) and (kind == "text" or isinstance(part.get("title"), str))
        ok = ok and isinstance(at.get("atMobiles", []), list) and isinstance(at.get("isAtAll", False), bool)
        missing = [m for m in at.get("atMobiles", []) if f"@{m}" not in (text or "")]
        return [] if ok and not missing else [f"DingTalk {kind} body; @ missing from text: {missing}"]


def aliyun_server(clock: Any) -> _Server:
    AliyunHandler.nonces = set()
    return _Server(AliyunHandler, clock)


def robot_server(flavour: str, clock: Any) -> _Server:
    handler = type(f"{flavour}Handler", (RobotHandler,), {"flavour": flavour})
    return _Server(handler, clock)
