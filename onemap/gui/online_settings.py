"""The online-basemap settings: access on/off (off by default), cache size, 审图号, the user's own source.

Kept in the settings INI file beside the others; keys are never here (they live in the OS
keyring, :func:`onemap.geo.webspecs.store_key`), and a URL typed with ``tk=…`` is stored with
``{tk}`` in its place.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from onemap.geo.tilesource import SourceOptions
from onemap.geo.webspecs import custom_spec, split_key, store_key
from onemap.geo.webtiles import WebTileError

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

    @classmethod
    def read(cls, q: QSettings) -> OnlineSettings:
        """The stored choice; anything unreadable reads as its default (online stays off)."""
        try:
            cache_mb = min(max(int(str(q.value(_KEYS["cache_mb"], DEFAULT_CACHE_MB))), 16), 65536)
        except ValueError:
            cache_mb = DEFAULT_CACHE_MB
        return cls(
            online=_flag(q.value(_KEYS["online"], False)),
            cache_mb=cache_mb,
            review_number=str(q.value(_KEYS["review_number"], "") or ""),
            custom_url=str(q.value(_KEYS["custom_url"], "") or ""),
            custom_attribution=str(q.value(_KEYS["custom_attribution"], "") or ""),
            custom_own=_flag(q.value(_KEYS["custom_own"], False)),
        )

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
            q.setValue(_KEYS[name], url if name == "custom_url" else value)
        q.sync()
        self.custom_url = url
        return kept

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
    return "://" in text or text.lower().startswith("tianditu:")
