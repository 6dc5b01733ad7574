"""The user's named XYZ/WMTS basemap sources (a provincial 天地图 node, the county's own tile server), against
the tile server on 127.0.0.1: each by name, with its tile matrix set, attribution, own flag and its own key."""

from __future__ import annotations

import json

import pytest

from onemap.brief.basemap import open_basemap
from onemap.geo.prefetch import refusal
from onemap.geo.tilesource import open_source
from onemap.geo.websources import NamedSource, load_sources, save_sources, sources_file
from onemap.geo.webspecs import load_key
from onemap.geo.webtiles import WebTileError
from tests.tileserver_kit import GOOD_KEY


def _province(base: str) -> NamedSource:
    """A provincial node's WMTS endpoint, as its portal lists it: no tile parameters, the set named apart."""
    url = f"{base}/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&FORMAT=tiles&tk={{tk}}"
    return NamedSource("陕西天地图", url, matrix_set="w", attribution="© 陕西省地理信息公共服务平台")


def test_named_sources_are_kept_in_a_file_without_their_keys(tile_server, memory_keyring):
    county = NamedSource("县自然资源局", tile_server.xyz + "?token=county-secret-4417", attribution="© 勉县", own=True)
    assert save_sources([_province(tile_server.base), county])
    written = sources_file().read_text("utf-8")
    assert "county-secret-4417" not in written and "token={tk}" in written
    assert [s.name for s in load_sources()] == ["陕西天地图", "县自然资源局"]
    assert load_sources()[1].own and load_key("source:县自然资源局") == "county-secret-4417"


def test_a_wmts_node_named_with_its_matrix_set_fetches_tiles_with_its_own_key(tile_server, tmp_path, memory_keyring):
    save_sources([_province(tile_server.base)])
    memory_keyring.set_password("OneMap basemap", "source:陕西天地图", GOOD_KEY)
    source = open_source("陕西天地图", online=True, cache_dir=tmp_path)
    assert source.tile(12, 3280, 1647) is not None
    assert tile_server.problems == [] and tile_server.count == 1
    assert (
        "TILEMATRIXSET=w" in tile_server.requests[0]
        and "TILEMATRIX=12&TILEROW=1647&TILECOL=3280" in (tile_server.requests[0])
    )
    assert source.attribution == "© 陕西省地理信息公共服务平台"


def test_a_restful_wmts_template_takes_the_matrix_set_into_its_path():
    source = NamedSource("县WMTS", "https://gis.example.cn/wmts/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png")
    assert replace_set(source, "GoogleMapsCompatible").template() == (
        "https://gis.example.cn/wmts/GoogleMapsCompatible/{z}/{y}/{x}.png"
    )


def replace_set(source: NamedSource, matrix_set: str) -> NamedSource:
    return NamedSource(source.name, source.url, matrix_set, source.attribution, source.own)


def test_a_geographic_matrix_set_is_refused_in_one_sentence(tile_server):
    province = replace_set(_province(tile_server.base), "c")
    save_sources([province])
    with pytest.raises(WebTileError) as refused:
        open_source("source:陕西天地图")
    assert "矩阵集 c 不是 Web 墨卡托" in str(refused.value) and "\n" not in str(refused.value)
    assert "not Web Mercator" in refused.value.message("en")


def test_an_unknown_source_name_says_which_sources_there_are(tile_server):
    save_sources([_province(tile_server.base)])
    with pytest.raises(WebTileError) as refused:
        open_source("source:省影像")
    assert "省影像" in str(refused.value) and "陕西天地图" in str(refused.value)


def test_only_a_source_marked_own_may_be_pre_downloaded_and_never_a_tianditu_node(tile_server, tmp_path):
    own = NamedSource("县瓦片", tile_server.xyz, own=True)
    other = NamedSource("别家瓦片", tile_server.xyz.replace("/xyz/", "/other/"))
    node = NamedSource("省节点", "https://shaanxi.tianditu.gov.cn/{z}/{x}/{y}.png", own=True)
    save_sources([own, other, node])
    assert refusal(open_source("县瓦片", cache_dir=tmp_path)) is None
    assert refusal(open_source("别家瓦片", cache_dir=tmp_path)).kind == "not_own"  # type: ignore[union-attr]
    assert refusal(open_source("省节点", cache_dir=tmp_path)).kind == "bulk_forbidden"  # type: ignore[union-attr]


def test_a_file_with_the_same_name_as_a_source_stays_a_file(tile_server, tmp_path, monkeypatch):
    save_sources([NamedSource("county", tile_server.xyz)])
    monkeypatch.chdir(tmp_path)
    (tmp_path / "county").write_bytes(b"not a basemap")
    with pytest.raises(Exception) as refused:
        open_source("county")
    assert not isinstance(refused.value, WebTileError)  # read as the file, refused as one


def test_the_pdf_underlay_opens_a_source_by_name_with_its_attribution(tile_server):
    save_sources([NamedSource("县瓦片", tile_server.xyz, attribution="© 勉县自然资源局")])
    assert open_basemap("县瓦片").attribution == "© 勉县自然资源局"
    assert tile_server.count == 0  # PDFs read the cache only


def test_a_damaged_sources_file_reads_as_none(tile_server):
    sources_file().parent.mkdir(parents=True, exist_ok=True)
    sources_file().write_text("{not json", "utf-8")
    assert load_sources() == []
    sources_file().write_text(json.dumps([{"name": "", "url": "x"}, {"name": "ok", "url": "http://h/{z}/{x}/{y}"}]))
    assert [s.name for s in load_sources()] == ["ok"]


def test_a_refused_key_of_a_source_that_is_not_tianditu_is_not_called_a_tianditu_key():
    from onemap.geo.webtiles import _keyed

    error = _keyed(
        WebTileError("wrong_key", "tiles.county.cn", "HTTP 401"), "https://tiles.county.cn/1/2/3.png?token=x"
    )
    assert error.kind == "wrong_token" and "天地图" not in str(error) and "天地图" not in error.message("en")
    node = _keyed(WebTileError("wrong_key", "shaanxi.tianditu.gov.cn", "HTTP 403"), "https://n/wmts?tk=x")
    assert "天地图密钥" in str(node)
