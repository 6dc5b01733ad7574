"""One pushed request, start to end: admit, size-check, read, recognise, parse, answer, deliver."""

from __future__ import annotations

import json
import logging
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import unquote

from onemap.watch.recognise import parser_for, recognise
from onemap.watch.rejection import Rejection
from onemap.watch.sources import onenet

if TYPE_CHECKING:
    from onemap.watch.http_push import PushListener

log = logging.getLogger("onemap.watch.http")


class PushHandler(BaseHTTPRequestHandler):
    """The request handler; ``owner`` is the :class:`PushListener` it reports to."""

    owner: ClassVar[PushListener]
    protocol_version = "HTTP/1.1"
    # headers and body leave in two writes: with Nagle on, a keep-alive client's delayed ACK
    # stalls each answer 40 ms (22 pushes/s from one camera; see the commit)
    disable_nagle_algorithm = True
    server_version = "OneMap-watch"
    sys_version = ""

    def do_GET(self) -> None:
        query = query_of(self.path)
        if not self._admitted(query):
            return
        if recognise("GET", "", b"", query) != "onenet_verify":
            self._refuse(Rejection("bad_method", "GET"))
            return
        answer = onenet.verify_url(query, self.owner.config.onenet_token)
        if isinstance(answer, Rejection):
            self._refuse(answer)
        else:
            self._answer(200, answer.encode("utf-8"), "text/plain; charset=utf-8")
            self.owner.deliver([])

    def do_POST(self) -> None:
        query = query_of(self.path)
        if not self._admitted(query):
            return
        content_type = self.headers.get("Content-Type", "")
        body = self._body(content_type)
        if body is None:
            return
        kind = recognise("POST", content_type, body, query)
        parse = parser_for(kind, content_type, self.owner.config.onenet_token, self.owner.guard)
        if kind == "ctwing":  # answer first: CTWing retries and cools down a slow receiver
            self._answer(200, b'{"code":0}', "application/json")
        try:
            parsed = parse(body, self.owner.now())
        except Exception:  # a parser bug must cost one push, not the listener
            log.exception("parsing a %s push failed", kind or "unrecognised")
            parsed = Rejection("internal_error")
        if isinstance(parsed, Rejection):
            if kind == "ctwing":
                self.owner.refused(parsed, self._peer(), self._route())
            else:
                self._refuse(parsed)
            return
        if kind != "ctwing":
            self._answer(200, b'{"code":0,"msg":"OK"}', "application/json")
        self.owner.deliver(parsed)

    def do_PUT(self) -> None:
        self._refuse(Rejection("bad_method", "PUT"))

    def _admitted(self, query: dict[str, str]) -> bool:
        if self.owner.admitted(self._peer(), self.headers.get("X-OneMap-Token", ""), query):
            return True
        self._refuse(Rejection("forbidden"))
        return False

    def _body(self, content_type: str) -> bytes | None:
        """The body, or None after refusing it (no length, or longer than allowed)."""
        limit = self.owner.config.max_body if "multipart" in content_type.lower() else self.owner.config.max_json
        length_text = self.headers.get("Content-Length", "")
        if not length_text.isdigit():
            self.close_connection = True  # a chunked or unmeasured body is left unread
            self._refuse(Rejection("missing_field", "Content-Length"))
            return None
        length = int(length_text)
        if length > limit:
            self.close_connection = True
            self._refuse(Rejection("oversized", f"{length} > {limit} bytes"))
            self._drain(length)
            return None
        return self.rfile.read(length)

    def _drain(self, length: int) -> None:
        """Swallow up to 1 MiB of a refused body, so closing does not reset the answer away."""
        left = min(length, 1024 * 1024)
        try:
            while left > 0 and (chunk := self.rfile.read1(min(left, 65536))):
                left -= len(chunk)
        except OSError:
            pass

    def _refuse(self, rejection: Rejection) -> None:
        self.owner.refused(rejection, self._peer(), self._route())
        message = rejection.message
        body = {"error": rejection.reason, "message": str(message), "message_en": message.en}
        self._answer(rejection.status, json.dumps(body, ensure_ascii=False).encode("utf-8"), "application/json")

    def _answer(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def _peer(self) -> str:
        return str(self.client_address[0])

    def _route(self) -> str:
        return self.path.partition("?")[0][:80]  # never the query: it may carry the token

    def log_message(self, format: str, *args: object) -> None:
        """http.server prints every request line (query and token included) to stderr: not here."""


def query_of(path: str) -> dict[str, str]:
    """A query string's parameters, percent-decoded but with ``+`` kept (base64 signatures hold it)."""
    _, _, query = path.partition("?")
    pairs = (item.partition("=") for item in query.split("&") if item)
    return {unquote(k): unquote(v) for k, _, v in pairs}
