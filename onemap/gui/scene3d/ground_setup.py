"""The ground of a 3D view: the user's DEM (or flat ground) and the basemap draped on it.

Used by the 3D snapshot and the viewer's 3D tab. The reference layers (streets, river,
townships) are painted into the drape (:mod:`onemap.gui.scene3d.refdrape`). The basemap is the
one the 2D map shows: a
raster file (MBTiles, PMTiles, GeoTIFF) or the inventory's generated basemap, built if missing.
Problems come back as sentences (the picture is made without the part that failed).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from onemap.geo.mbtiles import MBTilesError
from onemap.geo.rastererror import RasterError
from onemap.geo.reflayers import RefLayer
from onemap.gui.scene3d.refdrape import dressed
from onemap.said import Said
from onemap.scene.drape import TEXTURE_PX, drape_texture
from onemap.scene.ground import on_ground
from onemap.scene.scene import CountyScene
from onemap.scene.terrain import MAX_CELLS, Extent, flat_terrain, ground_extent, load_dem

#: the viewer's ground, lighter than a snapshot's: 33,000 triangles and a 4 MB texture (on llvmpipe
#: 131,000 textured triangles held the whole-county orbit at 225 ms a frame, and 2048 px cost 68 MB)
VIEWER_TEXTURE_PX, VIEWER_CELLS = 1024, 128

GENERATED = "generated"
#: what a 3D tab stands its scene on: (DEM file or None, basemap: a raster path, GENERATED or None)
Ground = tuple[Path | None, Path | str | None]


def no_ground(_inventory: Path) -> Ground:
    """No DEM, no basemap: flat plain ground (a 3D tab no window set up)."""
    return None, None


def ground_of(scene: CountyScene, inventory: Path, ground: Ground) -> tuple[CountyScene, Any, list[str]]:
    """The viewer's ground for ``scene``: never builds a basemap (the 2D map does), never raises."""
    dem, basemap = ground
    source, warnings = viewer_source(inventory, basemap)
    try:
        scene, texture, more = grounded(scene, dem, source, VIEWER_TEXTURE_PX, VIEWER_CELLS)
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()
    return scene, texture, warnings + more


def viewer_source(inventory: Path, basemap: Path | str | None) -> tuple[Any, list[str]]:
    """The viewer's tile source to drape (never building the generated basemap) and its problem."""
    if basemap == GENERATED:
        from onemap.gui.basemap_builder import basemap_path_for

        generated = basemap_path_for(Path(inventory))
        basemap = generated if generated.exists() else None
    try:
        return basemap_source(Path(inventory), basemap), []
    except (RasterError, MBTilesError) as error:
        return None, [Said(str(error), error.message("en"))]


def basemap_source(inventory: Path, basemap: Path | str | None) -> Any:
    """The tile source to drape: a raster file, the inventory's generated basemap, or None.

    Raises
    ------
    Exception
        One of :func:`onemap.geo.tilesource.source_errors`: a source that cannot be used.
    """
    from onemap.geo.rasters import open_raster
    from onemap.geo.tilesource import open_source

    if basemap is None:
        return None
    if basemap != GENERATED:
        return open_source(basemap)  # a raster file, MBTiles, or a web source from its cache
    from onemap.gui.basemap_builder import basemap_path_for, build_basemap
    from onemap.view.session import MapSession

    path = basemap_path_for(Path(inventory))
    if not path.exists():
        session = MapSession.open(Path(inventory))
        try:
            if len(session.admin) or session.state.shown_count:
                build_basemap(session, path)
        finally:
            session.close()
    return open_raster(path) if path.exists() else None


def grounded(
    scene: CountyScene,
    dem: Path | None,
    source: Any,
    texture_px: int = TEXTURE_PX,
    max_cells: int = MAX_CELLS,
    layers: Sequence[RefLayer] = (),
) -> tuple[CountyScene, NDArray[np.uint8] | None, list[str]]:
    """``scene`` on its terrain, the draped texture (with ``layers`` painted on), and a sentence
    for each part that failed."""
    warnings: list[str] = []
    extent = ground_extent(*scene.bounds())
    terrain = flat_terrain(extent)
    if dem is not None:
        try:
            terrain = load_dem(dem, scene.frame, extent, max_cells)
        except RasterError as error:
            warnings.append(Said(str(error), error.message("en")))
    texture = None
    if source is not None:
        try:
            texture = drape_texture(source, scene.frame, terrain.extent, texture_px)
        except (RasterError, MBTilesError, OSError) as error:
            failed = RasterError("drape_failed", getattr(source, "path", "") or "", str(error))
            warnings.append(Said(str(failed), failed.message("en")))
    texture = dressed(texture, layers, scene.frame, terrain.extent, texture_px)
    return on_ground(scene, terrain), texture, warnings


#: the finer texture round an estate reaches at least this far from its centre (metres) ...
DETAIL_HALF_M = 1500.0
#: ... and this many times the estate's own half-size
DETAIL_SPAN = 3.0


def estate_detail(
    scene: CountyScene, code: str, source: Any, layers: Sequence[RefLayer], texture_px: int = TEXTURE_PX
) -> tuple[NDArray[np.uint8] | None, Extent]:
    """A finer texture round estate ``code`` (basemap and layers at street scale) and its box.

    The county's texture spreads a county over its pixels (some 50 m each): close to an estate
    it is a blur, and a street three pixels wide covers the whole estate.
    """
    i = scene.index_of(code)
    lo, hi = (scene.estate_bounds[i] if i is not None else np.full((2, 3), np.nan))[:, :2]
    if not np.all(np.isfinite([lo, hi])):
        return None, (0.0, 0.0, 1.0, 1.0)
    cx, cy = (lo + hi) / 2.0
    half = max(DETAIL_HALF_M, DETAIL_SPAN * float(np.max(hi - lo)) / 2.0)
    box = (float(cx - half), float(cy - half), float(cx + half), float(cy + half))
    texture = None
    if source is not None:
        try:
            texture = drape_texture(source, scene.frame, box, texture_px)
        except (RasterError, MBTilesError, OSError):
            texture = None  # the county's texture stays: its failure was said already
    return dressed(texture, layers, scene.frame, box, texture_px), box
