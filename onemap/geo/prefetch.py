"""Bulk pre-download of a web basemap into its disk cache, for sources the user marked as their own.

天地图's terms forbid bulk download (crawling gets the key refused), so it is refused with a
sentence; so is any source not marked as the user's own.
"""

from __future__ import annotations

from collections.abc import Callable

from onemap.geo.tiles import Bbox, tile_range, tiles_covering
from onemap.geo.websource import WebSource
from onemap.geo.webtiles import WebTileError

MAX_TILES = 20_000


def refusal(source: WebSource) -> WebTileError | None:
    """Why a source may not be pre-downloaded (``None`` when it may)."""
    host = source.spec.layers[0].host.split(":")[0].lower()
    if source.spec.name.startswith("tianditu:") or host.endswith("tianditu.gov.cn"):  # provincial nodes too
        return WebTileError("bulk_forbidden")
    if not source.own:
        return WebTileError("not_own", source.spec.layers[0].host)
    return None


def count_tiles(bbox_3857: Bbox, zooms: range) -> int:
    """How many tiles a pre-download of ``bbox_3857`` over ``zooms`` asks for."""
    total = 0
    for z in zooms:
        x0, y0, x1, y1 = tile_range(bbox_3857, z)
        total += (x1 - x0 + 1) * (y1 - y0 + 1)
    return total


def prefetch(
    source: WebSource,
    bbox_3857: Bbox,
    zooms: range,
    progress: Callable[[float, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> int:
    """Fill the cache with every tile of ``bbox_3857`` at ``zooms``; returns how many tiles it holds now.

    Raises
    ------
    WebTileError
        ``bulk_forbidden`` for 天地图, ``not_own`` for a source not marked as the user's own.
    """
    if (why := refusal(source)) is not None:
        raise why
    total, done, held = min(count_tiles(bbox_3857, zooms), MAX_TILES), 0, 0
    for z in zooms:
        for x, y in tiles_covering(bbox_3857, z):
            if done >= total or (cancel is not None and cancel()):
                return held
            held += source.tile(z, x, y) is not None
            done += 1
            if progress is not None and done % 16 == 0:
                progress(done / total, f"{done}/{total}")
    return held
