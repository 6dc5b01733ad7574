"""Where basemap tiles come from: one small protocol, and :func:`open_source` that reads a spec.

Everything that draws a raster basemap (the 2D map, ``onemap snapshot``, the PDF maps) asks a
:class:`TileSource` for XYZ tiles and nothing else.  A spec is what a user types or a setting
holds: a ``.mbtiles`` path, an XYZ URL template (``https://{s}.host/{z}/{x}/{y}.png``), a WMTS
KVP URL template (``...TILEMATRIX={z}&TILEROW={y}&TILECOL={x}``) or ``tianditu:vec`` /
``tianditu:img``.  Local raster formats add themselves as rows of :data:`OPENERS`.

>>> source = open_source("底图.mbtiles")                      # doctest: +SKIP
>>> source = open_source("tianditu:img", online=True)           # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, runtime_checkable


@runtime_checkable
class TileSource(Protocol):
    """What a basemap source gives: its zooms, tile format, attribution and XYZ tiles."""

    @property
    def minzoom(self) -> int: ...

    @property
    def maxzoom(self) -> int: ...

    @property
    def format(self) -> str: ...

    @property
    def attribution(self) -> str | None: ...

    def tile(self, z: int, x: int, y_xyz: int) -> bytes | None: ...


@dataclass(frozen=True)
class SourceOptions:
    """How a spec is opened.

    Attributes
    ----------
    online : bool
        Whether a web source may open connections (the user's setting; off by default).
    cache_dir : Path or None
        Folder for the disk caches of web sources (``None``: the user's data folder).
    cache_bytes : int
        Size bound of each web source's disk cache.
    key : str or None
        The key (tk) of a template with ``{tk}``; ``None`` reads it from the OS keyring.
    attribution : str
        A user-defined web source's attribution line.
    own : bool
        The user marked a web source as their organisation's own (bulk pre-download allowed).
    review_number : str
        The 审图号 printed under 天地图 (as the user's copy of its terms gives it).
    """

    online: bool = False
    cache_dir: Path | None = None
    cache_bytes: int = 512 * 1024 * 1024
    key: str | None = None
    attribution: str = ""
    own: bool = False
    review_number: str = ""


Opener = Callable[[str, SourceOptions], TileSource]


def _is_web(spec: str) -> bool:
    return "://" in spec or "{z}" in spec or spec.lower().startswith("tianditu:")


def _open_mbtiles(spec: str, _options: SourceOptions) -> TileSource:
    from onemap.geo.mbtiles import MBTiles

    return MBTiles(spec)


def _open_web(spec: str, options: SourceOptions) -> TileSource:
    from onemap.geo.webspecs import open_web_source

    return open_web_source(spec, options)


def _names_source(spec: str) -> bool:
    from onemap.geo.websources import names_a_source

    return names_a_source(spec)


def _open_named(spec: str, options: SourceOptions) -> TileSource:
    from onemap.geo.websources import open_named

    return open_named(spec, options)


def _is_local_raster(spec: str) -> bool:
    """GeoTIFF/COG and PMTiles files (:mod:`onemap.geo.rasters`, where that module is installed)."""
    try:
        from onemap.geo.rasters import is_raster_path  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return False
    return bool(is_raster_path(spec))


def _open_local_raster(spec: str, _options: SourceOptions) -> TileSource:
    from onemap.geo.rasters import open_raster  # type: ignore[import-not-found, unused-ignore]

    source: TileSource = open_raster(spec)
    return source


#: ``(recognises(spec), open(spec, options))`` rows, tried in order; the first that recognises
#: the spec opens it.  Local raster formats (PMTiles, GeoTIFF) come through :mod:`onemap.geo.rasters`.
OPENERS: list[tuple[Callable[[str], bool], Opener]] = [
    (_is_web, _open_web),
    (_names_source, _open_named),  # the user's named XYZ/WMTS sources (onemap.geo.websources)
    (lambda spec: spec.lower().endswith(".mbtiles"), _open_mbtiles),
    (_is_local_raster, _open_local_raster),
]


def source_errors() -> tuple[type[Exception], ...]:
    """The errors :func:`open_source` raises with one sentence (``.message(lang)``) for an unusable spec."""
    from onemap.geo.mbtiles import MBTilesError
    from onemap.geo.webtiles import WebTileError

    errors: list[type[Exception]] = [MBTilesError, WebTileError, OSError]
    try:
        from onemap.geo.rastererror import RasterError  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        pass
    else:
        errors.append(RasterError)
    return tuple(errors)


def open_source(spec: str | Path, options: SourceOptions | None = None, **kwargs: object) -> TileSource:
    """Open the basemap a spec names.

    Parameters
    ----------
    spec : str or Path
        A ``.mbtiles`` path, an XYZ or WMTS KVP URL template, ``tianditu:vec|img``, or the name
        of one of the user's web sources (``source:NAME`` or the bare name).
    options : SourceOptions, optional
        Online access, cache folder and size, key; keyword arguments override its fields.

    Returns
    -------
    TileSource

    Raises
    ------
    Exception
        One of :func:`source_errors`, with one sentence (``.message(lang)``) for a spec that
        cannot be used.
    """
    options = options or SourceOptions()
    if kwargs:
        options = replace(options, **kwargs)  # type: ignore[arg-type, unused-ignore]
    text = str(spec).strip()
    for recognises, opener in OPENERS:
        if recognises(text):
            return opener(text, options)
    return _open_mbtiles(text, options)  # the old default: a file is read as MBTiles and says why not
