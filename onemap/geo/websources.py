"""The user's named web basemaps: any XYZ or WMTS tile service a county has, each with its own name.

A provincial 天地图 node, the county's own tile server, a surveyor's WMTS: each is a
:class:`NamedSource` with a URL template, a WMTS tile matrix set, an attribution line and an
"our own" flag (bulk pre-download allowed).  The list lives in ``basemap-sources.json`` in the
user's config folder, beside the settings file, so the viewer, ``onemap snapshot`` and
``onemap brief`` (which has no Qt) all read the same sources.  A source's key is never in it:
it lives in the OS keyring under the source's own account (``source:NAME``).

A source is named in a basemap spec as ``source:NAME`` (or, on the command line, by its bare
name when no file of that name exists).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from onemap.geo.tilesource import SourceOptions
from onemap.geo.websource import WebSource
from onemap.geo.webspecs import MERCATOR_SETS, custom_spec, load_key, split_key, store_key
from onemap.geo.webtiles import WebTileError

PREFIX = "source:"
FILE_NAME = "basemap-sources.json"
#: RESTful WMTS placeholders and the XYZ ones they stand for
_REST = {"tilematrix": "{z}", "tilerow": "{y}", "tilecol": "{x}"}
_REST_RE = re.compile(r"\{(TileMatrixSet|TileMatrix|TileRow|TileCol)\}", re.IGNORECASE)
_log = logging.getLogger("onemap.basemap")


@dataclass(frozen=True)
class NamedSource:
    """One user-defined web basemap.

    Attributes
    ----------
    name : str
        What the menus and ``--basemap`` call it.
    url : str
        An XYZ template (``{z}/{x}/{y}``), a WMTS KVP URL or a RESTful WMTS template
        (``{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}``); ``{tk}`` where a key goes.
    matrix_set : str
        The WMTS tile matrix set (Web Mercator's: ``w``, ``GoogleMapsCompatible``, ``EPSG:3857``);
        ``""`` for XYZ or when the URL names it.
    attribution : str
        The credit line printed under maps that show it.
    own : bool
        The organisation's own service: bulk pre-download allowed.
    """

    name: str
    url: str
    matrix_set: str = ""
    attribution: str = ""
    own: bool = False

    @property
    def spec(self) -> str:
        """How settings and menus name it: ``source:NAME``."""
        return PREFIX + self.name

    @property
    def account(self) -> str:
        """Its keyring account."""
        return PREFIX + self.name

    def template(self) -> str:
        """The URL with the tile matrix set filled in and WMTS placeholders turned into ``{z}/{x}/{y}``.

        Raises
        ------
        WebTileError
            ``matrix_set`` when the set is not Web Mercator's grid, ``bad_url`` for no template.
        """
        matrix_set = self.matrix_set.strip()
        if matrix_set and matrix_set.lower() not in MERCATOR_SETS:
            raise WebTileError("matrix_set", urlsplit(self.url).netloc, matrix_set)
        url = _REST_RE.sub(lambda m: _rest(m[1], matrix_set), self.url.strip())
        if "{TileMatrixSet}" in url:
            raise WebTileError("matrix_set", urlsplit(self.url).netloc, "?")
        return _with_kvp_set(url, matrix_set) if matrix_set else url


def _rest(name: str, matrix_set: str) -> str:
    return _REST.get(name.lower(), matrix_set or "{TileMatrixSet}")


def _with_kvp_set(url: str, matrix_set: str) -> str:
    """A KVP URL with ``TILEMATRIXSET`` set to ``matrix_set`` and the tile's three parameters (added when missing)."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not any(k.lower() == "request" for k, _ in pairs):
        return url  # an XYZ or RESTful template: the set is in the path, if anywhere
    pairs = [(k, v) for k, v in pairs if k.lower() != "tilematrixset"] + [("TILEMATRIXSET", matrix_set)]
    named = {k.lower() for k, _ in pairs}
    pairs += [(k.upper(), v) for k, v in _REST.items() if k not in named]
    return urlunsplit((*parts[:3], urlencode(pairs, safe="{}-:"), parts.fragment))


def sources_file(folder: Path | None = None) -> Path:
    """Where the list is kept (the config folder unless ``folder`` is given)."""
    if folder is None:
        from onemap.userdirs import user_folder

        folder = user_folder("config")
    return Path(folder) / FILE_NAME


def load_sources(path: Path | None = None) -> list[NamedSource]:
    """The user's named sources; a missing or unreadable file reads as none (and says so in the log)."""
    path = path or sources_file()
    try:
        rows = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as error:
        _log.warning("basemap sources %s unreadable: %s", path.name, type(error).__name__)
        return []
    found: list[NamedSource] = []
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict) and str(row.get("name", "")).strip() and str(row.get("url", "")).strip():
            found.append(
                NamedSource(
                    name=str(row["name"]).strip(),
                    url=str(row["url"]).strip(),
                    matrix_set=str(row.get("matrix_set", "") or "").strip(),
                    attribution=str(row.get("attribution", "") or "").strip(),
                    own=row.get("own") is True,
                )
            )
    return found


def save_sources(sources: list[NamedSource], path: Path | None = None) -> bool:
    """Keep the list; a key typed into a URL goes to the keyring (``False`` if it had nowhere to go)."""
    path = path or sources_file()
    kept, clean = True, []
    for source in sources:
        url, key = split_key(source.url)
        if key is not None:
            kept = store_key(source.account, key) and kept
        clean.append(replace(source, url=url))
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps([asdict(s) for s in clean], ensure_ascii=False, indent=1), "utf-8")
    temp.replace(path)
    return kept


def find_source(spec: str, sources: list[NamedSource] | None = None) -> NamedSource | None:
    """The named source ``source:NAME`` (or a bare ``NAME``) refers to, if there is one."""
    name = spec.strip()
    name = name[len(PREFIX) :].strip() if name.lower().startswith(PREFIX) else name
    for source in load_sources() if sources is None else sources:
        if source.name == name:
            return source
    return None


def names_a_source(spec: str) -> bool:
    """Whether a spec names a configured source (a bare name only when no such file exists)."""
    text = spec.strip()
    if text.lower().startswith(PREFIX):
        return True
    if not text or "://" in text or "/" in text or "\\" in text or Path(text).suffix or Path(text).exists():
        return False
    return find_source(text) is not None


def open_named(spec: str, options: SourceOptions) -> WebSource:
    """Open a named source with its attribution, own flag and keyring key.

    Raises
    ------
    WebTileError
        ``unknown_source`` (with the names there are), or what its template is refused for.
    """
    source = find_source(spec)
    if source is None:
        known = "、".join(s.name for s in load_sources()) or "—"
        raise WebTileError("unknown_source", detail=spec.strip(), host=known)
    web = custom_spec(source.template(), source.attribution, source.own)
    key = options.key
    if key is None and web.needs_key:
        key = load_key(source.account) or load_key(web.name)
    return WebSource(web, options, key)
