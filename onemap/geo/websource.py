"""A web basemap as a :class:`~onemap.geo.tilesource.TileSource`: disk cache first, the server only when allowed.

``tile()`` never raises and never blocks on a server that has just failed: it answers from
the cache, fetches only when online access is on, and keeps the first failure in
:attr:`WebSource.problem` (one sentence, never the key) for the caller to show once.  A
passing failure (timeout, server down) pauses fetching for :data:`RETRY_S`; a lasting one
(wrong key, a template that returns no pictures) stops it for this source.
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from onemap.geo.tiles import tms_row
from onemap.geo.tilesource import SourceOptions
from onemap.geo.webtiles import Template, WebTileError, fetch, redact
from onemap.store.tilecache import TileCacheFile

RETRY_S = 20.0
_log = logging.getLogger("onemap.basemap")


@dataclass(frozen=True)
class WebSpec:
    """What a web basemap is: its layers' templates, zooms, attribution, and whether it is the user's own.

    Attributes
    ----------
    name : str
        Identity of the source (no key in it): names its cache file.
    layers : tuple of Template
        The base layer, then overlays composited over it (天地图's labels).
    own : bool
        The user marked the source as their organisation's own: bulk pre-download allowed.
    needs_key : bool
        The templates carry ``{tk}`` (天地图).
    """

    name: str
    layers: tuple[Template, ...]
    minzoom: int = 0
    maxzoom: int = 18
    attribution: str = ""
    own: bool = False
    needs_key: bool = False
    format: str = "png"


class WebSource:
    """A web basemap read through its disk cache (see the module notes)."""

    def __init__(self, spec: WebSpec, options: SourceOptions, key: str | None = None) -> None:
        self.spec = spec
        self.online = options.online
        self.minzoom, self.maxzoom = spec.minzoom, spec.maxzoom
        self.format = spec.format
        self.attribution = spec.attribution
        self._key = key
        self.cache = TileCacheFile(cache_path(spec, options.cache_dir), options.cache_bytes)
        self.cache.set_metadata(
            {
                "name": spec.name,
                "format": spec.format,
                "attribution": spec.attribution,
                "minzoom": str(spec.minzoom),
                "maxzoom": str(spec.maxzoom),
            }
        )
        self.problem: WebTileError | None = None
        self._paused_until = 0.0
        self._lock = threading.Lock()

    @property
    def own(self) -> bool:
        """Whether the user marked the source as their own (bulk pre-download allowed)."""
        return self.spec.own

    @property
    def remote(self) -> bool:
        """Tiles may come over the network (the loader then fetches several at once)."""
        return True

    def tile(self, z: int, x: int, y_xyz: int) -> bytes | None:
        """Tile ``(z, x, y_xyz)`` from the cache, else (online, not paused) from the server; ``None`` if neither."""
        if not (self.minzoom <= z <= self.maxzoom and 0 <= x < (1 << z) and 0 <= y_xyz < (1 << z)):
            return None
        cached = self.cache.get(z, x, tms_row(y_xyz, z))
        if cached is not None or not self.may_fetch():
            return cached
        try:
            data = self._fetch(z, x, y_xyz)
        except WebTileError as error:
            self._failed(error)
            return None
        if data is not None:
            self.cache.put(z, x, tms_row(y_xyz, z), data)
        return data

    def may_fetch(self) -> bool:
        """Online, with a key where one is needed, not stopped by a lasting failure nor paused by a passing one."""
        if not self.online:
            return False
        if self.spec.needs_key and not self._key:
            self._failed(WebTileError("no_key"))
            return False
        with self._lock:
            return not (self.problem is not None and self.problem.lasting) and time.monotonic() >= self._paused_until

    def _fetch(self, z: int, x: int, y: int) -> bytes | None:
        base, *overlays = self.spec.layers
        data = fetch(base.url(z, x, y, self._key))
        if data is None:
            return None
        labels = [fetch(layer.url(z, x, y, self._key)) for layer in overlays]
        return composite(data, [label for label in labels if label], self.format) if labels else data

    def _failed(self, error: WebTileError) -> None:
        with self._lock:
            first = self.problem is None or (error.lasting and not self.problem.lasting)
            if first:
                self.problem = error
            if not error.lasting:
                self._paused_until = time.monotonic() + RETRY_S
        if first:  # once per source, like the status bar: a dead server is not a log line per tile
            _log.warning("basemap %s: %s", self.spec.name, redact(error.message("en")))

    def close(self) -> None:
        """Close the cache file."""
        self.cache.close()

    def __repr__(self) -> str:  # never the key
        return f"WebSource({self.spec.name!r}, online={self.online})"


def cache_path(spec: WebSpec, folder: Path | None) -> Path:
    """The cache file of a source: a readable slug of its name plus a hash, in the user's data folder."""
    if folder is None:
        from onemap.userdirs import user_folder

        folder = user_folder("data") / "tiles"
    digest = hashlib.sha1(spec.name.encode("utf-8")).hexdigest()[:10]
    slug = "".join(c if c.isalnum() else "-" for c in spec.name.split("//")[-1])[:40].strip("-")
    return Path(folder) / f"{slug}-{digest}.mbtiles"


def composite(base: bytes, overlays: list[bytes], fmt: str) -> bytes:
    """The base tile with label tiles drawn over it, encoded as ``fmt`` (png or jpg)."""
    from PIL import Image

    image = Image.open(io.BytesIO(base)).convert("RGBA")
    for data in overlays:
        label = Image.open(io.BytesIO(data)).convert("RGBA")
        if label.size != image.size:
            label = label.resize(image.size)
        image.alpha_composite(label)
    out = io.BytesIO()
    if fmt == "jpg":
        image.convert("RGB").save(out, "JPEG", quality=88)
    else:
        image.save(out, "PNG", optimize=False)
    return out.getvalue()
