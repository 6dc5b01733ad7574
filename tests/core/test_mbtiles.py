"""Offline basemaps: the MBTiles reader (TMS rows flipped here and nowhere else) and writer."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import zlib
from pathlib import Path

import pytest

from onemap.geo.mbtiles import MBTiles, MBTilesError, write_mbtiles
from onemap.geo.tiles import lonlat_to_tile


def png(value: int) -> bytes:
    """A real 1x1 grey PNG (numpy-free, zlib only)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes([0, value])))
        + chunk(b"IEND", b"")
    )


META = {
    "name": "勉县底图",
    "format": "png",
    "bounds": "106.3,32.9,107.1,33.6",
    "minzoom": "8",
    "maxzoom": "12",
    "attribution": "© 测试底图",
}


@pytest.fixture
def basemap(tmp_path: Path) -> Path:
    x, y = lonlat_to_tile(106.67, 33.15, 12)
    path = tmp_path / "底图.mbtiles"
    write_mbtiles(path, [(12, x, y, png(10)), (12, x + 1, y, png(20)), (8, 211, 103, png(30))], META)
    return path


def test_a_tile_comes_back_by_its_xyz_address(basemap: Path) -> None:
    x, y = lonlat_to_tile(106.67, 33.15, 12)
    with MBTiles(basemap) as tiles:
        assert tiles.tile(12, x, y) == png(10)
        assert tiles.tile(12, x + 1, y) == png(20)
        assert tiles.tile(12, x, y + 1) is None
        assert tiles.tile(12, -1, y) is None and tiles.tile(12, x, 1 << 12) is None


def test_rows_are_stored_south_up_as_the_mbtiles_spec_says(basemap: Path) -> None:
    x, y = lonlat_to_tile(106.67, 33.15, 12)
    with sqlite3.connect(basemap) as conn:
        (row,) = conn.execute("SELECT tile_row FROM tiles WHERE zoom_level = 12 AND tile_column = ?", (x,)).fetchone()
    assert row == (1 << 12) - 1 - y


def test_metadata_is_read(basemap: Path) -> None:
    with MBTiles(basemap) as tiles:
        assert tiles.bounds == (106.3, 32.9, 107.1, 33.6)
        assert (tiles.minzoom, tiles.maxzoom) == (8, 12)
        assert tiles.format == "png"
        assert tiles.attribution == "© 测试底图"
        assert tiles.name == "勉县底图"


def test_missing_metadata_falls_back_to_the_tiles_themselves(tmp_path: Path) -> None:
    path = tmp_path / "bare.mbtiles"
    write_mbtiles(path, [(5, 1, 2, png(1)), (9, 3, 4, png(2))], {})
    with MBTiles(path) as tiles:
        assert (tiles.minzoom, tiles.maxzoom) == (5, 9)
        assert tiles.format == "png"
        assert tiles.bounds[0] == -180.0 and tiles.attribution == ""


def test_a_tiles_view_over_deduplicated_images_works(tmp_path: Path) -> None:
    path = tmp_path / "view.mbtiles"
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE metadata (name TEXT, value TEXT);
        CREATE TABLE map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_id TEXT);
        CREATE TABLE images (tile_id TEXT, tile_data BLOB);
        CREATE VIEW tiles AS SELECT zoom_level, tile_column, tile_row, tile_data FROM map JOIN images USING (tile_id);
        INSERT INTO metadata VALUES ('format', 'jpg');
    """)
    conn.execute("INSERT INTO map VALUES (3, 6, 4, 'a')")
    conn.execute("INSERT INTO images VALUES ('a', ?)", (b"\xff\xd8\xff\xe0jpeg",))
    conn.commit()
    conn.close()
    with MBTiles(path) as tiles:
        assert tiles.format == "jpg"
        assert tiles.tile(3, 6, 3) == b"\xff\xd8\xff\xe0jpeg"  # TMS row 4 is XYZ row 3 at zoom 3


@pytest.mark.parametrize(
    ("make", "kind", "words"),
    [
        (lambda d: d / "没有.mbtiles", "missing", "找不到底图文件：没有.mbtiles"),
        (lambda d: d, "is_directory", "是文件夹"),
        (lambda d: _write(d / "假.mbtiles", b"not a database at all, just text"), "not_sqlite", "不是 SQLite"),
        (lambda d: _sqlite(d / "x.mbtiles", "CREATE TABLE other (a)"), "not_mbtiles", "缺少 tiles 瓦片表"),
        (
            lambda d: _sqlite(d / "空.mbtiles", "CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data)"),
            "empty",
            "没有任何瓦片",
        ),
        (lambda d: _vector(d / "v.mbtiles"), "vector", "矢量瓦片"),
    ],
)
def test_unusable_files_are_refused_with_a_chinese_sentence(tmp_path: Path, make, kind: str, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(MBTilesError) as caught:
        MBTiles(make(tmp_path))
    assert caught.value.kind == kind
    assert words in str(caught.value)
    assert caught.value.message("en")


def test_a_damaged_file_is_refused(basemap: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "坏.mbtiles"
    data = bytearray(basemap.read_bytes())
    data[100:4096] = b"\x00" * (4096 - 100)
    damaged.write_bytes(bytes(data))
    with pytest.raises(MBTilesError, match="已损坏|不是 MBTiles"):
        MBTiles(damaged)


def test_an_inventory_is_not_a_basemap(demo_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "清单.gpkg"
    shutil.copy(demo_file, copy)
    with pytest.raises(MBTilesError, match="缺少 tiles"):
        MBTiles(copy)


def test_threads_may_share_one_reader(basemap: Path) -> None:
    x, y = lonlat_to_tile(106.67, 33.15, 12)
    found: list[bytes | None] = []
    with MBTiles(basemap) as tiles:
        threads = [
            threading.Thread(target=lambda: found.extend(tiles.tile(12, x, y) for _ in range(50))) for _ in range(4)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert found == [png(10)] * 200


def test_a_cancelled_write_leaves_no_file(tmp_path: Path) -> None:
    def tiles():  # type: ignore[no-untyped-def]
        yield 1, 0, 0, png(1)
        raise KeyboardInterrupt

    path = tmp_path / "半.mbtiles"
    with pytest.raises(KeyboardInterrupt):
        write_mbtiles(path, tiles(), {})
    assert not path.exists()
    assert not list(tmp_path.iterdir())


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _sqlite(path: Path, sql: str) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute(sql)
    return path


def _vector(path: Path) -> Path:
    write_mbtiles(path, [(1, 0, 0, b"\x1f\x8b\x08\x00gzip")], {"format": "pbf"})
    return path
