"""The online-basemap settings: access on/off (off by default), cache size, 审图号, the user's named sources.

Kept in the settings INI file beside the others, except the named XYZ/WMTS sources, which are
in ``basemap-sources.json`` beside it (:mod:`onemap.geo.websources`: the headless commands read
them too).  Keys are never here (they live in the OS keyring, :func:`onemap.geo.webspecs.store_key`),
and a URL typed with ``tk=…`` is stored with ``{tk}`` in its place.  The single custom URL of
earlier versions reads as a source named 自定义瓦片地址 until the list is saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

from onemap.geo.tilesource import SourceOptions
from onemap.geo.websources import NamedSource, load_sources, names_a_source, save_sources
from onemap.geo.webspecs import custom_spec, split_key, store_key
from onemap.geo.webtiles import WebTileError

LEGACY_NAME = "自定义瓦片地址"

DEFAULT_CACHE_MB = 512
_KEYS = {
    "online": "online_basemaps/enabled",
    "cache_mb": "online_basemaps/cache_mb",
    "review_number": "online_basemaps/review_number",
    "custom_url": "online_basemaps/custom_url",
    "custom_attribution": "online_basemaps/custom_attribution",
    "custom_own": "online_basemaps/custom_own",
}


@dataclass
class OnlineSettings:
    """What the user chose for online basemaps."""

    online: bool = False
    cache_mb: int = DEFAULT_CACHE_MB
    review_number: str = ""
    custom_url: str = ""
    custom_attribution: str = ""
    custom_own: bool = False
    sources: list[NamedSource] = field(default_factory=list)

    @classmethod
    def read(cls, q: QSettings) -> OnlineSettings:
        """The stored choice; anything unreadable reads as its default (online stays off)."""
        try:
            cache_mb = min(max(int(str(q.value(_KEYS["cache_mb"], DEFAULT_CACHE_MB))), 16), 65536)
        except ValueError:
            cache_mb = DEFAULT_CACHE_MB
        chosen = cls(
            online=_flag(q.value(_KEYS["online"], False)),
            cache_mb=cache_mb,
            review_number=str(q.value(_KEYS["review_number"], "") or ""),
            custom_url=str(q.value(_KEYS["custom_url"], "") or ""),
            custom_attribution=str(q.value(_KEYS["custom_attribution"], "") or ""),
            custom_own=_flag(q.value(_KEYS["custom_own"], False)),
            sources=load_sources(),
        )
        legacy = chosen.custom_url.strip()
        if legacy and not any(s.url == legacy for s in chosen.sources):
            source = NamedSource(LEGACY_NAME, legacy, "", chosen.custom_attribution, chosen.custom_own)
            chosen.sources.append(source)
        return chosen

    def write(self, q: QSettings) -> bool:
        """Store the choice; a key typed into the URL goes to the keyring.  ``False`` if it had nowhere to go."""
        url, key = split_key(self.custom_url.strip())
        kept = True
        if key is not None:
            try:
                kept = store_key(custom_spec(url).name, key)
            except WebTileError:
                kept = False
        for name, value in self.__dict__.items():
            if name in _KEYS:
                q.setValue(_KEYS[name], url if name == "custom_url" else value)
        q.sync()
        self.custom_url = url
        return kept

    def write_sources(self, q: QSettings) -> bool:
        """Keep the named sources (the old single custom URL, now one of them, is let go)."""
        kept = save_sources(self.sources)
        self.custom_url = self.custom_attribution = ""
        self.custom_own = False
        return self.write(q) and kept

    def options(self, spec: str) -> SourceOptions:
        """How to open ``spec`` under these settings."""
        custom = spec.strip() == self.custom_url.strip() and bool(self.custom_url)
        return SourceOptions(
            online=self.online,
            cache_bytes=self.cache_mb * 1024 * 1024,
            attribution=self.custom_attribution if custom else "",
            own=self.custom_own if custom else False,
            review_number=self.review_number,
        )


def _flag(value: object) -> bool:
    return value is True or str(value).lower() in ("true", "1", "yes")


def is_web_spec(text: str) -> bool:
    """Whether a remembered basemap is a web source (a URL template or ``tianditu:…``) rather than a file."""
    return "://" in text or text.lower().startswith("tianditu:") or names_a_source(text)
