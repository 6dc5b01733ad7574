"""Raster PMTiles files (written with the ``pmtiles`` package's writer) as tile sources."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import write

from onemap.geo.pmtiles_source import PMTilesSource
from onemap.geo.rastererror import RasterError
from onemap.geo.rasters import open_raster


def png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (256, 256), colour).save(out, "PNG")
    return out.getvalue()


def write_pmtiles(path: Path, tiles: dict[tuple[int, int, int], bytes], tile_type: TileType = TileType.PNG) -> Path:
    zooms = [z for z, _x, _y in tiles]
    with write(path) as writer:
        for (z, x, y), data in sorted(tiles.items(), key=lambda kv: zxy_to_tileid(*kv[0])):
            writer.write_tile(zxy_to_tileid(z, x, y), data)
        header = {
            "tile_type": tile_type,
            "tile_compression": Compression.NONE,
            "min_zoom": min(zooms),
            "max_zoom": max(zooms),
            "min_lon_e7": int(106.5e7),
            "min_lat_e7": int(33.0e7),
            "max_lon_e7": int(106.9e7),
            "max_lat_e7": int(33.3e7),
            "center_zoom": min(zooms),
            "center_lon_e7": int(106.67e7),
            "center_lat_e7": int(33.15e7),
        }
        writer.finalize(header, {"attribution": "勉县测绘 2026"})
    return path


def test_a_raster_pmtiles_file_gives_its_tiles_by_xyz_address(tmp_path: Path) -> None:
    # Mian at zoom 12 is tile (3261, 1643); its row counted from the north, as XYZ does
    path = write_pmtiles(
        tmp_path / "底图.pmtiles", {(12, 3261, 1643): png((10, 120, 30)), (13, 6522, 3286): png((0, 0, 200))}
    )
    source = open_raster(path)
    assert isinstance(source, PMTilesSource)
    assert (source.minzoom, source.maxzoom, source.format) == (12, 13, "png")
    assert source.attribution == "勉县测绘 2026"
    tile = source.tile(12, 3261, 1643)
    assert tile is not None and Image.open(io.BytesIO(tile)).getpixel((5, 5)) == (10, 120, 30)
    assert source.tile(12, 3261, 1642) is None
    assert source.tile(14, 0, 0) is None
    source.close()


def test_vector_pmtiles_are_refused_with_a_sentence(tmp_path: Path) -> None:
    path = write_pmtiles(tmp_path / "vector.pmtiles", {(5, 1, 1): b"\x1a\x00"}, TileType.MVT)
    with pytest.raises(RasterError) as caught:
        PMTilesSource(path)
    assert caught.value.kind == "pmtiles" and "MVT" in caught.value.message("en")


def test_a_file_that_is_not_pmtiles_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "fake.pmtiles"
    path.write_text(json.dumps({"not": "pmtiles"}) * 10)
    with pytest.raises(RasterError) as caught:
        open_raster(path)
    assert caught.value.kind == "pmtiles"
    assert "PMTiles" in str(caught.value) and "fake.pmtiles" in caught.value.message("en")
