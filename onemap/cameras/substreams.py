"""The same camera's main stream or sub-stream: the link's vendor layout names both.

A video wall plays sub-streams (D1 or 640×480, 1–2 Mbit/s); one tile switches to the main stream
for detail.  Hikvision ``/Streaming/Channels/N01`` ↔ ``N02`` (and the old
``/h264/chN/main/av_stream`` ↔ ``sub``), Dahua ``subtype=0`` ↔ ``1``, Uniview ``/s0/`` ↔ ``/s1/``.
"""

from __future__ import annotations

import re

from onemap.cameras.links import CameraLink, LinkRefusal, Stream, parse_camera_link

_HIK = re.compile(r"(/Streaming/Channels/\d*?)(0[1-3])(/?)$", re.I)
_HIK_OLD = re.compile(r"/(main|sub)/av_stream", re.I)
_DAHUA = re.compile(r"([?&]subtype=)[0-2]", re.I)
_UNIVIEW = re.compile(r"(/unicast/c\d+/s)[0-2](/live)", re.I)
_NUMBER = {"main": "01", "sub": "02", "third": "03"}
_DIGIT = {"main": "0", "sub": "1", "third": "2"}


def stream_link(link: str | CameraLink, stream: Stream) -> str | None:
    """The clean link of the camera's ``stream`` (``"main"`` or ``"sub"``), or None when the
    link's layout is not a known vendor's (HLS, HTTP-FLV and platform links have one stream).

    Examples
    --------
    >>> stream_link("rtsp://10.0.0.64:554/Streaming/Channels/101", "sub")
    'rtsp://10.0.0.64:554/Streaming/Channels/102'
    """
    parsed = link if isinstance(link, CameraLink) else parse_camera_link(link)
    if isinstance(parsed, LinkRefusal) or parsed.kind not in ("rtsp", "rtsps") or parsed.vendor is None:
        return None
    url = parsed.url
    if parsed.vendor == "hikvision" and _HIK.search(parsed.path):
        return url.replace(parsed.path, _HIK.sub(rf"\g<1>{_NUMBER[stream]}\3", parsed.path), 1)
    if parsed.vendor == "hikvision" and _HIK_OLD.search(parsed.path) and stream != "third":
        return url.replace(parsed.path, _HIK_OLD.sub(f"/{stream}/av_stream", parsed.path), 1)
    if parsed.vendor == "dahua":
        query = parsed.query if "subtype=" in parsed.query.lower() else f"{parsed.query}&subtype=0".lstrip("&")
        return url.split("?", 1)[0] + "?" + _DAHUA.sub(rf"\g<1>{_DIGIT[stream]}", "&" + query)[1:]
    if parsed.vendor == "uniview":
        return url.replace(parsed.path, _UNIVIEW.sub(rf"\g<1>{_DIGIT[stream]}\2", parsed.path), 1)
    return None
