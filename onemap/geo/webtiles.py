"""Web tile services: URL templates (XYZ, WMTS KVP, 天地图), fetching one tile, and what went wrong.

A template names a tile by ``{z}``, ``{x}``, ``{y}`` (``{-y}`` for TMS rows) and optionally
``{s}`` (a subdomain, spread over tiles) and ``{tk}`` (the key, filled in only when the
request is made).  A WMTS KVP URL may name ``TILEMATRIX``, ``TILEROW`` and ``TILECOL`` by
parameter instead.  A key never reaches a message: :func:`redact` strips it from every URL
that could be shown or logged.
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from onemap.said import Said

TIMEOUT_S = 8.0
USER_AGENT = "OneMap/1 (+desktop GIS; tiles cached as viewed)"
_SECRET_PARAMS = ("tk", "key", "token", "access_token", "apikey", "api_key")
_SECRET = re.compile(r"((?:^|[?&;])(?:" + "|".join(_SECRET_PARAMS) + r")=)[^&#\s]*", re.IGNORECASE)
_KVP = {"tilematrix": "{z}", "tilerow": "{y}", "tilecol": "{x}"}
_MAGIC = {b"\x89PNG": "png", b"\xff\xd8\xff": "jpg", b"RIFF": "webp", b"GIF8": "gif"}

_MESSAGES: dict[str, tuple[str, str]] = {
    "bad_url": (
        "底图地址“{detail}”不是可用的瓦片地址：应以 http:// 或 https:// 开头，并含 {{z}}/{{x}}/{{y}} 或 WMTS 的 "
        "TILEMATRIX、TILEROW、TILECOL 参数。",
        "The basemap address '{detail}' is not a usable tile URL: it should start with http:// or https:// and "
        "hold {{z}}/{{x}}/{{y}} or the WMTS TILEMATRIX, TILEROW and TILECOL parameters.",
    ),
    "bad_spec": (
        "无法识别底图“{detail}”：请写 .mbtiles 文件、瓦片地址模板、tianditu:vec / tianditu:img 或已设置的瓦片源名称。",
        "Unknown basemap '{detail}': give an .mbtiles file, a tile URL template, tianditu:vec / tianditu:img or the "
        "name of a source you set up.",
    ),
    "unknown_source": (
        "没有名为“{detail}”的底图，也没有这个文件：已设置的瓦片源有 {host}（地图 ▸ 在线底图 ▸ 在线底图设置）。",
        "There is no basemap source or file named '{detail}'; the sources set up are {host} "
        "(Map ▸ Online basemaps ▸ Settings).",
    ),
    "no_key": (
        "使用天地图需要您自己的密钥（tk）：请在 工具 ▸ 设置 ▸ 在线底图 中填写。",
        "天地图 (Tianditu) needs your own key (tk): enter it in Tools ▸ Settings ▸ Online basemaps.",
    ),
    "wrong_key": (
        "{host} 拒绝了天地图密钥（{detail}）：请检查密钥是否正确、类型（服务器端/浏览器端）"
        "是否合适、是否超出当日配额。",
        "{host} refused the Tianditu key ({detail}): check the key, its kind (server or browser) and the daily quota.",
    ),
    "wrong_token": (
        "{host} 拒绝了访问密钥（{detail}）：请检查该瓦片源的密钥是否正确、是否过期或超出配额。",
        "{host} refused the access key ({detail}): check the tile source's key, its expiry and its quota.",
    ),
    "refused": (
        "{host} 拒绝了请求（HTTP {detail}）：可能是访问过于频繁或密钥被停用，请稍后再试。",
        "{host} refused the request (HTTP {detail}): too many requests or a suspended key; try again later.",
    ),
    "http": (
        "底图服务器 {host} 返回错误 HTTP {detail}：矢量图层照常显示，已缓存的瓦片仍可使用。",
        "The basemap server {host} answered HTTP {detail}: vector layers still show, cached tiles still work.",
    ),
    "not_image": (
        "底图服务器 {host} 返回的不是图片（{detail}）：请检查地址模板和图层参数。",
        "The basemap server {host} did not return a picture ({detail}): check the URL template and layer.",
    ),
    "timeout": (
        "底图服务器 {host} 在 {detail} 秒内没有响应：矢量图层照常显示，已缓存的瓦片仍可使用。",
        "The basemap server {host} did not answer within {detail} s: vector layers still show, cached tiles "
        "still work.",
    ),
    "unreachable": (
        "无法连接底图服务器 {host}（{detail}）：矢量图层照常显示，已缓存的瓦片仍可使用。",
        "Cannot reach the basemap server {host} ({detail}): vector layers still show, cached tiles still work.",
    ),
    "matrix_set": (
        "{host} 的瓦片矩阵集 {detail} 不是 Web 墨卡托（w / GoogleMapsCompatible / EPSG:3857）：OneMap 的地图用 Web "
        "墨卡托瓦片，请改用该服务的 Web 墨卡托矩阵集。",
        "{host}'s tile matrix set {detail} is not Web Mercator (w / GoogleMapsCompatible / EPSG:3857): OneMap's "
        "map uses Web Mercator tiles; use the service's Web Mercator set.",
    ),
    "bulk_forbidden": (
        "天地图的使用条款禁止批量下载瓦片，OneMap 只缓存您浏览过的瓦片。",
        "Tianditu's terms forbid bulk downloading of tiles; OneMap only caches the tiles you have looked at.",
    ),
    "not_own": (
        "只有标记为“本单位自有”的底图才能批量预下载：{host} 未标记。",
        "Only basemaps marked as your organisation's own may be pre-downloaded: {host} is not marked.",
    ),
}


class WebTileError(Exception):
    """A web basemap that cannot be used or did not answer, in one sentence (never with the key).

    ``str(error)`` is the Chinese sentence; :meth:`message` gives either language.
    """

    def __init__(self, kind: str, host: str = "", detail: str = "") -> None:
        self.kind = kind
        self.host = redact(host)
        self.detail = redact(detail)
        super().__init__(self.message("zh"))

    def message(self, lang: str = "zh") -> str:
        """The sentence in ``"zh"`` or ``"en"``."""
        zh, en = _MESSAGES[self.kind]
        return (zh if lang == "zh" else en).format(host=self.host, detail=self.detail)

    def said(self) -> Said:
        """The sentence with its English twin."""
        return Said(self.message("zh"), self.message("en"))

    @property
    def lasting(self) -> bool:
        """Whether asking again cannot help (a wrong key, a bad template) rather than a passing failure."""
        return self.kind in ("wrong_key", "wrong_token", "no_key", "bad_url", "not_image", "matrix_set")


def redact(text: str) -> str:
    """``text`` with the value of every key-like URL parameter (tk, key, token ...) replaced by ``***``."""
    return _SECRET.sub(r"\1***", str(text))


@dataclass(frozen=True)
class Template:
    """One tile URL template with its subdomains; ``url()`` fills a tile in (and the key, if any)."""

    pattern: str
    subdomains: tuple[str, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str, subdomains: tuple[str, ...] = ()) -> Template:
        """Read an XYZ or WMTS KVP template; raises :class:`WebTileError` (``bad_url``) when it is not one."""
        text = text.strip()
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise WebTileError("bad_url", detail=_short(text))
        if "{z}" not in text:
            text = _kvp_template(text)
        if not all(f"{{{name}}}" in text for name in "zx") or not ("{y}" in text or "{-y}" in text):
            raise WebTileError("bad_url", detail=_short(text))
        if "{s}" in text and not subdomains:
            subdomains = tuple("abc")
        return cls(text, subdomains)

    @property
    def host(self) -> str:
        """The server's name as shown to the user (subdomain placeholder kept, never the key)."""
        return urlsplit(self.pattern).netloc

    def url(self, z: int, x: int, y: int, key: str | None = None) -> str:
        """The URL of XYZ tile ``(z, x, y)``."""
        text = self.pattern.replace("{z}", str(z)).replace("{x}", str(x)).replace("{y}", str(y))
        text = text.replace("{-y}", str((1 << z) - 1 - y))
        if self.subdomains:
            text = text.replace("{s}", self.subdomains[(x + y) % len(self.subdomains)])
        return text.replace("{tk}", key or "")


def _kvp_template(text: str) -> str:
    """Put ``{z}``/``{y}``/``{x}`` into a WMTS KVP URL's TILEMATRIX/TILEROW/TILECOL parameters."""
    parts = urlsplit(text)
    pairs = [(k, _KVP.get(k.lower(), v)) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = urlencode(pairs, safe="{}-")
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def _short(text: str, limit: int = 120) -> str:
    text = redact(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def image_format(data: bytes) -> str | None:
    """``png``/``jpg``/``webp``/``gif`` by the bytes' signature, ``None`` when they are not a picture."""
    return next((fmt for magic, fmt in _MAGIC.items() if data.startswith(magic)), None)


def fetch(url: str, timeout_s: float = TIMEOUT_S) -> bytes | None:
    """GET one tile: its bytes, ``None`` for a tile the server does not have (404/204).

    Raises
    ------
    WebTileError
        A wrong key, a refusal, a timeout, an unreachable server or an answer that is no picture.
    """
    host = urlsplit(url).netloc
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as answer:
            data: bytes = answer.read()
            status = int(answer.status)
    except urllib.error.HTTPError as error:
        if error.code in (404, 204):  # a tile outside the server's coverage: missing, not a failure
            return None
        body = _read_quietly(error)
        raise _keyed(_http_error(host, error.code, body), url) from None
    except TimeoutError:
        raise WebTileError("timeout", host, f"{timeout_s:g}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise WebTileError("unreachable", host, _reason(reason)) from None
    if status == 204 or not data:
        return None
    if image_format(data) is None:
        raise _keyed(_body_error(host, status, data), url)
    return data


def _keyed(error: WebTileError, url: str) -> WebTileError:
    """A refused key is 天地图's (a ``tk=`` parameter, its nodes too) or another service's access key."""
    if error.kind == "wrong_key" and not re.search(r"[?&]tk=", url, re.IGNORECASE):
        error.kind = "wrong_token"
        error.args = (error.message("zh"),)
    return error


def _read_quietly(error: urllib.error.HTTPError) -> bytes:
    try:
        return error.read()[:4096]
    except OSError:
        return b""


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return "timeout"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "name not found"
    return redact(type(reason).__name__ if not str(reason) else str(reason))[:80]


def _http_error(host: str, code: int, body: bytes) -> WebTileError:
    said = _service_message(body)
    if code in (401, 403) or said:
        return WebTileError("wrong_key", host, said or f"HTTP {code}")
    if code in (418, 429):
        return WebTileError("refused", host, str(code))
    return WebTileError("http", host, str(code))


def _body_error(host: str, status: int, body: bytes) -> WebTileError:
    """A 200 answer that is no picture: 天地图 says a bad key this way too (JSON/XML with its reason)."""
    said = _service_message(body)
    if said:
        return WebTileError("wrong_key", host, said)
    head = body[:60].decode("utf-8", "replace").strip().splitlines()
    return WebTileError("not_image", host, redact(head[0] if head else f"HTTP {status}"))


def _service_message(body: bytes) -> str:
    """The reason a tile service gave in JSON (``{"msg": "非法Key", ...}``) or an OWS ExceptionText."""
    text = body.decode("utf-8", "replace").strip()
    if text.startswith("{"):
        try:
            value = json.loads(text)
        except ValueError:
            return ""
        if isinstance(value, dict):
            return redact(str(value.get("msg") or value.get("message") or value.get("error") or ""))[:80]
    match = re.search(r"<(?:ows:)?ExceptionText>([^<]{1,200})<", text)
    if match and re.search(r"key|tk|token|权限|密钥", match[1], re.IGNORECASE):
        return redact(match[1].strip())[:80]
    return ""
