"""Web basemap specs: 天地图 (Tianditu) vector and imagery, user-defined XYZ/WMTS templates, and their keys.

``tianditu:vec`` is 天地图's vector map with its label layer (vec + cva) and ``tianditu:img``
its imagery with labels (img + cia), both in the Web Mercator ``w`` matrix set, fetched as
WMTS KVP requests.  Keys live in the OS keyring under service ``"OneMap basemap"`` (one entry
per source name), never in a settings file: a template stores ``{tk}`` in their place.
"""

from __future__ import annotations

import logging
import os
from urllib.parse import parse_qsl, urlsplit

from onemap.geo.tilesource import SourceOptions
from onemap.geo.websource import WebSource, WebSpec
from onemap.geo.webtiles import _SECRET_PARAMS, Template, WebTileError

KEYRING_SERVICE = "OneMap basemap"
TIANDITU = "tianditu"
#: where 天地图's servers are; ``ONEMAP_TIANDITU_BASE`` points the tests at a local server
TIANDITU_BASE = "http://t{s}.tianditu.gov.cn"
TIANDITU_LAYERS = {"vec": ("vec", "cva", "png"), "img": ("img", "cia", "jpg")}
TIANDITU_ATTRIBUTION = "© 天地图 国家地理信息公共服务平台"
#: the matrix sets that are Web Mercator's XYZ grid (anything else, such as 天地图's ``c``, is not)
MERCATOR_SETS = {"w", "googlemapscompatible", "epsg:3857", "epsg:900913", "3857", "webmercator"}
_log = logging.getLogger("onemap.basemap")


def tianditu_url(layer: str) -> str:
    """The WMTS KVP template of one 天地图 layer in the ``w`` (Web Mercator) matrix set."""
    base = os.environ.get("ONEMAP_TIANDITU_BASE") or TIANDITU_BASE
    return (
        f"{base}/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}&STYLE=default"
        "&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={tk}"
    )


def tianditu_spec(kind: str, review_number: str = "") -> WebSpec:
    """天地图 ``vec`` or ``img`` with its label overlay; the attribution carries the 审图号 line."""
    if kind not in TIANDITU_LAYERS:
        raise WebTileError("bad_spec", detail=f"{TIANDITU}:{kind}")
    base, labels, fmt = TIANDITU_LAYERS[kind]
    subdomains = tuple("01234567")
    number = review_number.strip() or "见 www.tianditu.gov.cn"
    return WebSpec(
        name=f"{TIANDITU}:{kind}",
        layers=(Template.parse(tianditu_url(base), subdomains), Template.parse(tianditu_url(labels), subdomains)),
        minzoom=1,
        maxzoom=18,
        attribution=f"{TIANDITU_ATTRIBUTION} · 审图号：{number}",
        own=False,  # its terms forbid bulk download, whatever the user says
        needs_key=True,
        format=fmt,
    )


def custom_spec(url: str, attribution: str = "", own: bool = False) -> WebSpec:
    """A user-defined XYZ or WMTS KVP source (its matrix set must be Web Mercator's grid)."""
    matrix_set = _matrix_set(url)
    if matrix_set is not None and matrix_set.lower() not in MERCATOR_SETS:
        raise WebTileError("matrix_set", urlsplit(url).netloc, matrix_set)
    template = Template.parse(url)
    fmt = "jpg" if any(t in url.lower() for t in (".jpg", ".jpeg", "image/jpeg", "=jpeg")) else "png"
    name = template.pattern.replace("{tk}", "")
    return WebSpec(
        name=name,
        layers=(template,),
        attribution=attribution.strip() or template.host,
        own=own,
        needs_key="{tk}" in template.pattern,
        format=fmt,
    )


def _matrix_set(url: str) -> str | None:
    for key, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if key.lower() == "tilematrixset":
            return value
    return None


def split_key(url: str) -> tuple[str, str | None]:
    """A URL with its key (``tk=``, ``token=``, ``key=`` …) taken out, ``{tk}`` left in its place, and the value."""
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key.lower() in _SECRET_PARAMS and value and value != "{tk}":
            return url.replace(f"{key}={value}", f"{key}={{tk}}", 1), value
    return url, None


def open_web_source(spec: str, options: SourceOptions) -> WebSource:
    """Open ``tianditu:vec|img`` or a URL template (see :func:`onemap.geo.tilesource.open_source`)."""
    if spec.lower().startswith(f"{TIANDITU}:"):
        web = tianditu_spec(spec.split(":", 1)[1].strip().lower(), options.review_number)
    else:
        spec, typed_key = split_key(spec)
        web = custom_spec(spec, options.attribution, options.own)
        if typed_key is not None and options.key is None:
            options = SourceOptions(**{**options.__dict__, "key": typed_key})
    key = options.key if options.key is not None else (load_key(web.name) if web.needs_key else None)
    return WebSource(web, options, key)


def load_key(name: str) -> str | None:
    """The key kept for a source in the OS keyring, or ``None``."""
    from onemap.cameras.credentials import _usable_keyring

    backend = _usable_keyring()
    if backend is None:
        return None
    try:
        value = backend.get_password(KEYRING_SERVICE, _account(name))
    except Exception as exc:  # backends raise their platform's errors; the message could hold nothing secret
        _log.warning("keyring %s could not read a basemap key: %s", type(backend).__name__, type(exc).__name__)
        return None
    return value.strip() if isinstance(value, str) and value.strip() else None


def store_key(name: str, key: str) -> bool:
    """Keep (or, with ``""``, forget) a source's key in the OS keyring; ``False`` without a usable keyring."""
    from onemap.cameras.credentials import _usable_keyring

    backend = _usable_keyring()
    if backend is None:
        return False
    try:
        if not key.strip():
            backend.delete_password(KEYRING_SERVICE, _account(name))
            return True
        backend.set_password(KEYRING_SERVICE, _account(name), key.strip())
        return bool(backend.get_password(KEYRING_SERVICE, _account(name)) == key.strip())
    except Exception as exc:
        _log.warning("keyring %s did not keep a basemap key: %s", type(backend).__name__, type(exc).__name__)
        return False


def _account(name: str) -> str:
    """天地图's two layers share one key; other sources have one each."""
    return TIANDITU if name.startswith(f"{TIANDITU}:") else name
