"""Online basemaps against a real tile server on 127.0.0.1: 天地图's WMTS KVP, XYZ, the disk cache, the key."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from PIL import Image

from onemap.geo.mbtiles import MBTiles
from onemap.geo.tilesource import TileSource, open_source
from onemap.geo.webspecs import store_key
from onemap.geo.webtiles import Template, WebTileError
from tests.tileserver_kit import GOOD_KEY, tile_colour


def _pixel(data: bytes, x: int, y: int) -> tuple[int, ...]:
    return tuple(Image.open(io.BytesIO(data)).convert("RGBA").getpixel((x, y)))


def test_tianditu_vector_tiles_come_from_its_kvp_wmts_urls_with_labels_composited(tile_server, tmp_path):
    source = open_source("tianditu:vec", online=True, cache_dir=tmp_path, key=GOOD_KEY)
    data = source.tile(12, 3280, 1647)
    assert isinstance(source, TileSource) and data is not None
    assert tile_server.problems == []
    layers = sorted(path.split("/")[1] for path in tile_server.requests)
    assert layers == ["cva_w", "vec_w"]
    assert all("TILEMATRIX=12&TILEROW=1647&TILECOL=3280" in path for path in tile_server.requests)
    assert _pixel(data, 5, 5) == tile_colour("vec", 12, 3280, 1647)  # the base outside the label band
    assert _pixel(data, 5, 128) == tile_colour("cva", 12, 3280, 1647)  # the label drawn over it


def test_imagery_uses_img_and_cia_and_is_stored_as_jpeg(tile_server, tmp_path):
    source = open_source("tianditu:img", online=True, cache_dir=tmp_path, key=GOOD_KEY)
    data = source.tile(10, 820, 411)
    assert data is not None and data.startswith(b"\xff\xd8\xff") and source.format == "jpg"
    assert sorted(p.split("/")[1] for p in tile_server.requests) == ["cia_w", "img_w"]


def test_an_xyz_template_fetches_the_named_tile(tile_server, tmp_path):
    source = open_source(tile_server.xyz, online=True, cache_dir=tmp_path)
    data = source.tile(14, 13120, 6590)
    assert data is not None and _pixel(data, 0, 0) == tile_colour("xyz", 14, 13120, 6590)
    assert tile_server.requests == ["/xyz/14/13120/6590.png"]


def test_subdomains_are_spread_over_tiles_and_tms_rows_are_flipped():
    template = Template.parse("https://{s}.tiles.example.cn/{z}/{x}/{-y}.png")
    urls = {template.url(3, x, 1) for x in range(3)}
    assert urls == {f"https://{s}.tiles.example.cn/3/{x}/6.png" for s, x in zip("bca", range(3), strict=True)}


def test_with_online_access_off_no_connection_is_opened(tile_server, tmp_path):
    for spec in ("tianditu:vec", tile_server.xyz):
        source = open_source(spec, online=False, cache_dir=tmp_path, key=GOOD_KEY)
        assert [source.tile(12, 3280, y) for y in range(1645, 1650)] == [None] * 5
    assert tile_server.count == 0


def test_tiles_seen_once_are_reused_offline_with_the_server_stopped(tile_server, tmp_path):
    online = open_source("tianditu:vec", online=True, cache_dir=tmp_path, key=GOOD_KEY)
    seen = {y: online.tile(12, 3280, y) for y in range(1645, 1650)}
    online.close()
    asked = tile_server.count
    tile_server.stop()
    offline = open_source("tianditu:vec", online=False, cache_dir=tmp_path, key=GOOD_KEY)
    assert {y: offline.tile(12, 3280, y) for y in range(1645, 1650)} == seen
    assert asked == 10 and offline.cache.count() == 5
    offline.close()
    # the cache is an ordinary MBTiles file: it opens as an offline basemap on its own
    with MBTiles(offline.cache.path) as file:
        assert file.tile(12, 3280, 1647) == seen[1647]


def test_the_cache_evicts_the_least_recently_used_tiles_beyond_its_size(tile_server, tmp_path):
    source = open_source(tile_server.xyz, online=True, cache_dir=tmp_path, cache_bytes=10**9)
    one = len(source.tile(15, 0, 0) or b"")
    source.close()
    source = open_source(tile_server.xyz, online=True, cache_dir=tmp_path, cache_bytes=one * 10)
    for x in range(1, 10):
        source.tile(15, x, 0)
    source.tile(15, 0, 0)  # used again: now the most recent
    for x in range(10, 14):
        source.tile(15, x, 0)
    kept = {x for _z, x, _y in source.cache.cached_tiles()}
    assert source.cache.total_bytes <= one * 10
    assert 0 in kept and {1, 2, 3} & kept == set() and {11, 12, 13} <= kept


def test_a_wrong_key_is_one_sentence_without_the_key_and_stops_asking(tile_server, tmp_path, caplog):
    secret = "wrong-key-4f1c9e"
    caplog.set_level(logging.DEBUG)
    source = open_source("tianditu:vec", online=True, cache_dir=tmp_path, key=secret)
    assert [source.tile(12, 3280, y) for y in range(1645, 1650)] == [None] * 5
    assert tile_server.count == 1  # a lasting failure: nothing more is asked for
    problem = source.problem
    assert problem is not None and problem.kind == "wrong_key"
    assert "权限类型错误" in problem.message("zh") and "Tianditu key" in problem.message("en")
    assert secret not in problem.message("zh") + problem.message("en") + repr(source) + caplog.text


def test_a_server_that_is_down_is_one_sentence_and_a_pause(tile_server, tmp_path):
    tile_server.stop()
    source = open_source(tile_server.xyz, online=True, cache_dir=tmp_path)
    assert source.tile(12, 1, 1) is None and source.tile(12, 1, 2) is None
    assert source.problem is not None and source.problem.kind == "unreachable"
    assert "127.0.0.1" in source.problem.message("zh") and "Cannot reach" in source.problem.message("en")
    assert not source.may_fetch()  # paused: panning does not hammer a dead server


def test_a_slow_server_times_out_with_a_sentence(tile_server, tmp_path):
    from onemap.geo import webtiles

    tile_server.delay_s = 1.0
    with pytest.raises(WebTileError) as caught:
        webtiles.fetch(tile_server.xyz.format(z=1, x=0, y=0), timeout_s=0.2)
    assert caught.value.kind == "timeout" and "0.2" in caught.value.message("en")


@pytest.mark.parametrize(
    "spec, kind",
    [
        ("ftp://example.org/{z}/{x}/{y}.png", "bad_url"),
        ("https://example.org/tiles/{z}/{x}.png", "bad_url"),
        ("tianditu:ter", "bad_spec"),
        ("https://example.org/wmts?SERVICE=WMTS&TILEMATRIXSET=c&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}", "matrix_set"),
    ],
)
def test_an_unusable_spec_is_refused_with_one_sentence_in_each_language(spec, kind, tmp_path):
    with pytest.raises(WebTileError) as caught:
        open_source(spec, cache_dir=tmp_path)
    assert caught.value.kind == kind
    assert caught.value.message("zh") != caught.value.message("en") and caught.value.message("en").endswith(".")


def test_a_key_typed_into_a_url_goes_to_the_keyring_form_and_never_into_the_cache_file(tile_server, tmp_path):
    url = (
        f"{tile_server.base}/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default"
        f"&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={GOOD_KEY}"
    )
    source = open_source(url, online=True, cache_dir=tmp_path)
    assert source.tile(8, 205, 102) is not None and tile_server.problems == []
    source.close()
    assert GOOD_KEY.encode() not in Path(source.cache.path).read_bytes()
    assert GOOD_KEY not in repr(source) and GOOD_KEY not in str(source.cache.path)


def test_the_tianditu_key_is_read_from_the_os_keyring(tile_server, tmp_path, memory_keyring):
    assert store_key("tianditu:vec", GOOD_KEY)
    assert open_source("tianditu:img", online=True, cache_dir=tmp_path).tile(6, 51, 25) is not None
    assert ("OneMap basemap", "tianditu") in memory_keyring.secrets


def test_without_a_key_tianditu_says_where_to_enter_one(tile_server, tmp_path):
    source = open_source("tianditu:vec", online=True, cache_dir=tmp_path)
    assert source.tile(6, 51, 25) is None and tile_server.count == 0
    assert source.problem is not None and "Settings" in source.problem.message("en")


def test_bulk_pre_download_is_refused_for_tianditu_and_sources_not_marked_own(tile_server, tmp_path):
    from onemap.geo.prefetch import prefetch

    area = (11_870_000.0, 3_910_000.0, 11_872_000.0, 3_912_000.0)
    tianditu = open_source("tianditu:vec", online=True, cache_dir=tmp_path, key=GOOD_KEY)
    with pytest.raises(WebTileError) as caught:
        prefetch(tianditu, area, range(14, 16))
    assert "禁止批量下载" in caught.value.message("zh") and "forbid bulk" in caught.value.message("en")
    with pytest.raises(WebTileError) as caught:
        prefetch(open_source(tile_server.xyz, online=True, cache_dir=tmp_path), area, range(14, 16))
    assert caught.value.kind == "not_own" and tile_server.count == 0


def test_an_own_source_is_pre_downloaded_into_its_cache_for_offline_use(tile_server, tmp_path):
    from onemap.geo.prefetch import count_tiles, prefetch

    area = (11_870_000.0, 3_910_000.0, 11_872_000.0, 3_912_000.0)
    own = open_source(tile_server.xyz, online=True, cache_dir=tmp_path, own=True)
    held = prefetch(own, area, range(14, 17))
    assert held == count_tiles(area, range(14, 17)) == own.cache.count() == tile_server.count
    own.close()
    tile_server.stop()
    offline = open_source(tile_server.xyz, online=False, cache_dir=tmp_path)
    assert offline.cache.count() == held


def test_a_tile_the_server_lacks_is_missing_not_a_failure(tile_server, tmp_path):
    source = open_source(tile_server.xyz, online=True, cache_dir=tmp_path)
    assert source.tile(18, 1, 1) is None and source.problem is None and source.may_fetch()
    assert source.tile(17, 1, 1) is not None
