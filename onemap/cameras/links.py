"""Camera links from the ledger: parse and classify them, split the login off, play safely.

Ledgers paste links such as ``rtsp://admin:pa@ss@192.168.1.64:554/Streaming/Channels/101``
with the password unescaped. OneMap stores and shows only the clean link
(``rtsp://192.168.1.64:554/Streaming/Channels/101``); the :class:`Credential` goes to the
OS keyring or is dropped, and its ``repr`` never shows the password.

Where the password ends (everything after ``scheme://`` is read this way):

1. The host begins after the **last** ``@``. So a password may hold ``@ : # ? /``
   unescaped; ``user:password`` splits at the **first** ``:``.
2. Consequently a ``@`` cannot appear after the host. When a ``/``, ``?`` or ``#`` comes before
   the last ``@`` and the text before it reads as ``host[:port]`` (``cam/a@b``,
   ``admin:1234/5@cam``), the link could be either, and it is refused: write ``%40``.
3. A userinfo that contains no raw ``@ # ? /`` and only well-formed ``%XX`` escapes is
   percent-decoded (it was escaped properly); otherwise it is taken literally.
4. Whitespace and control characters are refused everywhere, passwords included.

The fragment (``#...`` after the host) is dropped: players never send it.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import quote, unquote

from onemap.cameras.gbid import GbId, GbIdRefusal, Refusal, decode_gb_id

LinkKind = Literal["rtsp", "rtsps", "hls", "http_flv", "snapshot", "http", "rtmp", "onvif", "gb28181"]
Stream = Literal["main", "sub", "third"]

MAX_LINK_LENGTH = 2048
KEYRING_SERVICE = "OneMap camera"
DEFAULT_PORTS: dict[str, int] = {
    "rtsp": 554,
    "rtsps": 322,
    "http": 80,
    "https": 443,
    "rtmp": 1935,
    "rtmps": 443,
}
PLAYABLE_KINDS: frozenset[str] = frozenset({"rtsp", "rtsps", "hls", "http_flv", "snapshot", "rtmp"})
VENDOR_LABELS = {"hikvision": "海康威视", "dahua": "大华", "uniview": "宇视"}
STREAM_LABELS = {"main": "主码流", "sub": "子码流", "third": "第三码流"}

_STREAMS: tuple[Stream, ...] = ("main", "sub", "third")
_FORBIDDEN_SCHEMES = {"javascript", "vbscript", "file", "data", "blob", "about"}
_SHELL_MARKS = (";", "|", "`", "$(", "${", "&&", "<", ">")
# what ipaddress.IPv4Address accepts of ASCII digits and dots (no leading zeros; four
# octets up to 255), as one regular expression instead of an object a link
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_IPV4 = re.compile(rf"{_OCTET}(?:\.{_OCTET}){{3}}")
_SHELL_MARK = re.compile("|".join(re.escape(mark) for mark in _SHELL_MARKS))
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_LOOSE_HOSTPORT = re.compile(r"(?:[\w.-]+|\[[^\]]*\])(?::\d*)?")
_HOSTNAME = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9_-]{1,63}(?<!-))*")
_ESCAPED_USERINFO = re.compile(r"(?:[^%@#?/]|%[0-9A-Fa-f]{2})*")
_HIKVISION = re.compile(r"(?:/ISAPI)?/Streaming/Channels/(\d+)(/picture)?/?", re.I)
_HIKVISION_OLD = re.compile(r"/(?:h264|h265|mpeg4)/ch(\d+)/(main|sub)/av_stream", re.I)
_UNIVIEW = re.compile(r"/unicast/c(\d+)/s([0-2])/live", re.I)


class Credential:
    """A camera login. Read ``.password`` deliberately; ``repr``/``str`` mask it.

    Not a dataclass on purpose: ``dataclasses.asdict`` would turn it into a plain dict
    that prints the password, while this object stays masked (and fails ``json.dumps``).
    """

    __slots__ = ("username", "password")

    def __init__(self, username: str, password: str) -> None:
        self.username = username
        self.password = password

    def __repr__(self) -> str:
        return f"Credential(username={self.username!r}, password=***)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Credential):
            return NotImplemented
        return (self.username, self.password) == (other.username, other.password)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dict it replaces


class LinkRefusal(Refusal):
    """Why a text is not a usable camera link (never the text: it may hold a password)."""


@dataclass(frozen=True)
class CameraLink:
    """A parsed, credential-free camera link; ``str()`` is the clean ``url``.

    ``credential`` holds the login found in the pasted text; it is left out of
    ``repr`` and equality and must go to :func:`store_credential`, never to a file.
    """

    kind: LinkKind
    url: str
    scheme: str = ""
    host: str = ""
    port: int | None = None
    path: str = ""
    query: str = ""
    vendor: str | None = None
    channel: int | None = None
    stream: Stream | None = None
    gb_id: GbId | None = None
    credential: Credential | None = field(default=None, repr=False, compare=False)

    def __str__(self) -> str:
        return self.url

    @property
    def device_key(self) -> str:
        """Key for the keyring: one login per device and protocol, shared by its channels."""
        if self.gb_id is not None:
            return f"gb28181:{self.gb_id}"
        return f"{self.scheme}://{self.host}:{self.port or DEFAULT_PORTS[self.scheme]}"


class _Refused(ValueError):
    def __init__(self, reason_zh: str, reason_en: str) -> None:
        self.refusal = LinkRefusal(reason_zh, reason_en)
        super().__init__(str(self.refusal))


def parse_camera_link(text: object) -> CameraLink | LinkRefusal:
    """Parse a link pasted from a ledger; never raises.

    Parameters
    ----------
    text : object
        An ``rtsp``/``rtsps``/``http(s)``/``rtmp`` link, possibly with a login in it, or a
        bare 20-digit GB/T 28181 ID. The module docstring gives the password rule.

    Returns
    -------
    CameraLink or LinkRefusal
        The clean link with its kind, vendor, channel and stream, and the login separated
        into ``credential``; or why it was refused (script/file/data links, shell text,
        missing host, bad port, unknown scheme, overlong input).
    """
    try:
        return _parse(text)
    except _Refused as refused:
        return refused.refusal


def _parse(text: object) -> CameraLink:
    if not isinstance(text, str):
        raise _Refused("链接必须是文本", "the link must be text")
    if len(text) > MAX_LINK_LENGTH:
        raise _Refused(f"链接过长（超过 {MAX_LINK_LENGTH} 字符）", "the link is too long")
    text = text.strip()
    if not text:
        raise _Refused("链接为空", "the link is empty")
    # every whitespace character but the space is unprintable: one C-level pass, not one per character
    if " " in text or not text.isprintable():
        raise _Refused("链接含空格或控制字符，像命令而非链接", "spaces or control characters")
    if unicodedata.normalize("NFKC", text).isdigit():
        return _gb28181(text)
    match = _SCHEME.match(text)
    if match is None:
        raise _Refused("缺少协议（如 rtsp://）", "missing scheme such as rtsp://")
    scheme = match.group(1).lower()
    if scheme in _FORBIDDEN_SCHEMES:
        raise _Refused(f"不允许 {scheme}: 链接", f"{scheme}: links are not allowed")
    if scheme not in DEFAULT_PORTS:
        raise _Refused(f"不支持的协议 {scheme}", f"unsupported scheme {scheme}")
    rest = text[match.end() :]
    if not rest.startswith("//"):
        raise _Refused("缺少主机地址", "missing host")
    userinfo, after = _split_userinfo(rest[2:])
    end = _first_of(after, "/?#")
    host, port = _split_hostport(after[:end])
    path, _, query = after[end:].partition("#")[0].partition("?")
    if _SHELL_MARK.search(host + path + query):
        raise _Refused("链接含 shell 符号（; | ` $( && < >）", "shell metacharacters in the link")
    url = f"{scheme}://{_netloc(host, port)}{path}" + (f"?{query}" if query else "")
    kind, vendor, channel, stream = _classify(scheme, path, query)
    return CameraLink(
        kind,
        url,
        scheme,
        host,
        port,
        path,
        query,
        vendor=vendor,
        channel=channel,
        stream=stream,
        credential=_credential(userinfo),
    )


def _gb28181(text: str) -> CameraLink:
    decoded = decode_gb_id(text)
    if isinstance(decoded, GbIdRefusal):
        raise _Refused(decoded.reason_zh, decoded.reason_en)
    return CameraLink("gb28181", str(decoded), gb_id=decoded)


def _first_of(text: str, chars: str) -> int:
    return min((i for i in map(text.find, chars) if i >= 0), default=len(text))


def _split_userinfo(rest: str) -> tuple[str, str]:
    at = rest.rfind("@")
    if at < 0:
        return "", rest
    separator = _first_of(rest, "/?#")
    if separator < at and _LOOSE_HOSTPORT.fullmatch(rest[:separator]):
        raise _Refused(
            "无法确定密码在哪里结束：主机后面出现了 @，请写成 %40",
            "ambiguous '@' after what looks like a host; write it as %40",
        )
    return rest[:at], rest[at + 1 :]


def _split_hostport(hostport: str) -> tuple[str, int | None]:
    if hostport.startswith("["):
        host, bracket, port_text = hostport[1:].partition("]")
        if not bracket or not _is_ipv6(host) or port_text[:1] not in ("", ":"):
            raise _Refused("主机地址无效", "invalid host")
        host, has_port, port_text = f"[{host.lower()}]", bool(port_text), port_text[1:]
    else:
        host, colon, port_text = hostport.partition(":")
        host, has_port = host.lower(), bool(colon)
        if not host:
            raise _Refused("缺少主机地址", "missing host")
        if not _is_hostname(host):
            raise _Refused("主机地址无效", "invalid host")
    if not has_port:
        return host, None
    if not (port_text.isascii() and port_text.isdigit() and 0 < int(port_text) < 65536):
        raise _Refused("端口无效（应为 1–65535）", "invalid port (1-65535)")
    return host, int(port_text)


def _is_ipv6(text: str) -> bool:
    try:
        ipaddress.IPv6Address(unquote(text))
    except ValueError:
        return False
    return True


def _is_hostname(host: str) -> bool:
    if len(host) > 253 or not _HOSTNAME.fullmatch(host):
        return False
    if host.replace(".", "").isdigit():  # all-numeric: must be a dotted IPv4 address
        return _IPV4.fullmatch(host) is not None
    return True


def _netloc(host: str, port: int | None) -> str:
    return host if port is None else f"{host}:{port}"


def _credential(userinfo: str) -> Credential | None:
    if not userinfo:
        return None
    username, _, password = userinfo.partition(":")
    if "%" in userinfo and _ESCAPED_USERINFO.fullmatch(userinfo):
        with contextlib.suppress(UnicodeDecodeError):  # not UTF-8 escapes: keep as typed
            username, password = (unquote(s, errors="strict") for s in (username, password))
    return Credential(username, password)


def _classify(scheme: str, path: str, query: str) -> tuple[LinkKind, str | None, int | None, Stream | None]:
    vendor, channel, stream, picture = _vendor_stream(path, query)
    if scheme in ("rtsp", "rtsps"):
        return ("rtsps" if scheme == "rtsps" else "rtsp"), vendor, channel, stream
    if scheme.startswith("rtmp"):
        return "rtmp", None, None, None
    lower = path.lower()
    if lower.endswith(".m3u8"):
        return "hls", None, None, None
    if lower.endswith(".flv"):
        return "http_flv", None, None, None
    if picture or lower.endswith((".jpg", ".jpeg", ".png")):
        return "snapshot", vendor, channel, stream
    if lower.rstrip("/").endswith("/onvif/device_service"):
        return "onvif", None, None, None
    return "http", None, None, None


def _vendor_stream(path: str, query: str) -> tuple[str | None, int | None, Stream | None, bool]:
    """Vendor, channel, stream and whether the path is a vendor snapshot."""
    if match := _HIKVISION.fullmatch(path):
        number, picture = int(match.group(1)), bool(match.group(2))
        if number >= 100 and 1 <= number % 100 <= 3:
            return "hikvision", number // 100, _STREAMS[number % 100 - 1], picture
        return "hikvision", None, None, picture
    if match := _HIKVISION_OLD.fullmatch(path):
        stream: Stream = "sub" if match.group(2).lower() == "sub" else "main"
        return "hikvision", int(match.group(1)), stream, False
    if match := _UNIVIEW.fullmatch(path):
        return "uniview", int(match.group(1)), _STREAMS[int(match.group(2))], False
    lower = path.lower().rstrip("/")
    if lower in ("/cam/realmonitor", "/cgi-bin/snapshot.cgi"):
        pairs = (pair.partition("=") for pair in query.lower().split("&"))
        params = {key: value for key, _, value in pairs}
        channel = params.get("channel", "")
        subtype = params.get("subtype", "0" if lower == "/cam/realmonitor" else "")
        return (
            "dahua",
            int(channel) if channel.isascii() and channel.isdigit() else None,
            _STREAMS[int(subtype)] if subtype in ("0", "1", "2") else None,
            lower == "/cgi-bin/snapshot.cgi",
        )
    return None, None, None, False


def display_link(link: str | CameraLink) -> str:
    """Text for tooltips: the clean link with vendor, channel and stream, never a login.

    A refused link shows only the reason: its text may hold a password the parser could
    not separate (one with a space, say).
    """
    parsed = link if isinstance(link, CameraLink) else parse_camera_link(link)
    if isinstance(parsed, LinkRefusal):
        return f"无效链接：{parsed.reason_zh}"
    if parsed.gb_id is not None:
        return f"国标 {parsed.url}（{parsed.gb_id.describe()}）"
    notes = [
        VENDOR_LABELS.get(parsed.vendor or "", ""),
        f"通道 {parsed.channel}" if parsed.channel is not None else "",
        STREAM_LABELS.get(parsed.stream or "", ""),
    ]
    details = " · ".join(note for note in notes if note)
    return f"{parsed.url}（{details}）" if details else parsed.url


# --- launching and building ----------------------------------------------------------------


def player_command(player_path: str, link: str | CameraLink, credential: Credential | None = None) -> list[str]:
    """Argument list to play a link in an external player (ffplay, VLC, mpv, ...).

    Run it with ``subprocess.Popen(args)`` and never ``shell=True``: the list is not
    quoted for any shell. Nothing is launched here.

    Parameters
    ----------
    player_path : str
        The player executable; ffplay and VLC get TCP transport for RTSP.
    link : str or CameraLink
        Parsed again when given as text; a login inside the text is not used.
    credential : Credential, optional
        Put percent-encoded into the URL argument. Other processes of the same user can
        read a command line, so never log the list and pass a login only when needed.

    Returns
    -------
    list of str
        ``[player_path, *options, url]``.

    Raises
    ------
    ValueError
        If the link is refused or is not a stream (a web page, ONVIF, a bare GB ID).
    """
    parsed = link if isinstance(link, CameraLink) else parse_camera_link(link)
    if isinstance(parsed, LinkRefusal):
        raise ValueError(f"不能播放：{parsed}")
    if parsed.kind not in PLAYABLE_KINDS:
        raise ValueError(f"不能播放 {parsed.kind} 链接 (a {parsed.kind} link is not a stream)")
    if not player_path.strip():
        raise ValueError("未指定播放器 (no player given)")
    url = parsed.url
    if credential is not None:
        login = quote(credential.username, safe="")
        if credential.password:
            login += ":" + quote(credential.password, safe="")
        url = url.replace("://", f"://{login}@", 1)
    player = re.split(r"[\\/]", player_path)[-1].lower().removesuffix(".exe")
    options: list[str] = []
    if player == "ffplay":
        options = ["-hide_banner", "-loglevel", "warning"]
    if parsed.kind in ("rtsp", "rtsps"):  # TCP: UDP loses frames over county networks
        options += {"ffplay": ["-rtsp_transport", "tcp"], "vlc": ["--rtsp-tcp"]}.get(player, [])
    # The URL starts with a scheme, never "-", so no player can read it as an option.
    return [player_path, *options, url]


def hikvision_rtsp(host: str, channel: int, main: bool = True, port: int = 554) -> str:
    """Hikvision RTSP link: ``/Streaming/Channels/N01`` (main) or ``N02`` (sub)."""
    number = _channel(channel) * 100 + (1 if main else 2)
    return _rtsp(host, port, f"/Streaming/Channels/{number}")


def dahua_rtsp(host: str, channel: int, main: bool = True, port: int = 554) -> str:
    """Dahua RTSP link: ``/cam/realmonitor?channel=N&subtype=0`` (main) or ``1`` (sub)."""
    subtype = 0 if main else 1
    return _rtsp(host, port, f"/cam/realmonitor?channel={_channel(channel)}&subtype={subtype}")


def uniview_rtsp(host: str, channel: int, main: bool = True, port: int = 554) -> str:
    """Uniview RTSP link: ``/unicast/cN/s0/live`` (main) or ``s1`` (sub)."""
    return _rtsp(host, port, f"/unicast/c{_channel(channel)}/s{0 if main else 1}/live")


def hls_url(platform_host: str, gb_id: str | GbId, *, https: bool = False) -> str:
    """HLS link a platform (ZLMediaKit layout) re-streams a GB/T 28181 channel at.

    ``platform_host`` may carry a port (``"10.0.0.5:8080"``). Raises ValueError for a bad
    host or ID.
    """
    host, port = _split_hostport(platform_host)
    decoded = decode_gb_id(str(gb_id))
    if isinstance(decoded, GbIdRefusal):
        raise ValueError(str(decoded))
    return f"{'https' if https else 'http'}://{_netloc(host, port)}/rtp/{decoded}/hls.m3u8"


def _rtsp(host: str, port: int, path: str) -> str:
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    checked, port_in_host = _split_hostport(host)
    if port_in_host is not None:
        raise ValueError(f"主机不应带端口 (give the port separately, not in {host!r})")
    if isinstance(port, bool) or not 0 < port < 65536:
        raise ValueError(f"端口无效 (invalid port {port})")
    return f"rtsp://{checked}:{port}{path}"


def _channel(channel: int) -> int:
    if isinstance(channel, bool) or not isinstance(channel, int) or channel < 1:
        raise ValueError(f"通道号应为正整数 (channel must be a positive integer, got {channel!r})")
    return channel
