"""A walking network from a GeoPackage of several layers, and from a file that is not there."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely

from onemap.io.walk_lines import NetworkError, read_network
from onemap.said import in_lang


def _write(path: Path, layer: str, geoms: list[shapely.Geometry]) -> None:
    wkb = np.array(shapely.to_wkb(geoms), dtype=object)
    kind = geoms[0].geom_type
    meta = {"crs": "EPSG:4490", "geometry_type": kind}
    pyogrio.raw.write(str(path), wkb, [], [], [], layer=layer, driver="GPKG", append=path.exists(), **meta)


def _two_layers(path: Path, second: str = "roads") -> Path:
    town = shapely.box(106.0, 33.0, 106.1, 33.1)  # polygons first: what used to be read
    _write(path, "townships", [town])
    _write(
        path,
        second,
        [shapely.LineString([(106.0, 33.0), (106.01, 33.0)]), shapely.LineString([(106.01, 33.0), (106.01, 33.01)])],
    )
    return path


def test_a_polygon_layer_first_does_not_hide_the_line_layer_behind_it(tmp_path: Path) -> None:
    path = _two_layers(tmp_path / "two.gpkg")
    assert [str(n) for n, _k in pyogrio.list_layers(str(path))] == ["townships", "roads"]
    network = read_network(path)
    assert network.source == "two.gpkg:roads"
    assert 1900 < float(network.seg_length_m.sum()) < 2200  # the two roads (0.01° east, 0.01° north), not the box


def test_several_line_layers_are_listed_and_file_colon_layer_picks_one(tmp_path: Path) -> None:
    path = _two_layers(tmp_path / "three.gpkg")
    _write(path, "paths", [shapely.LineString([(106.02, 33.02), (106.03, 33.02)])])
    with pytest.raises(NetworkError) as refused:
        read_network(path)
    said = refused.value.args[0]
    assert str(said) == "three.gpkg 有多个线图层（图层：roads、paths）：请写成 three.gpkg:roads 指定要用的图层。"
    assert "has several line layers (layers: roads, paths)" in in_lang(said, "en")
    assert read_network(Path(f"{path}:paths")).source == "three.gpkg:paths"
    assert read_network(path, layer="roads").source == "three.gpkg:roads"


def test_a_missing_file_is_said_to_be_not_found_rather_than_unreadable(tmp_path: Path) -> None:
    with pytest.raises(NetworkError) as refused:
        read_network(tmp_path / "nowhere.gpkg")
    said = refused.value.args[0]
    assert str(said) == "找不到路网文件 nowhere.gpkg。"
    assert in_lang(said, "en") == "Network file not found: nowhere.gpkg."


def test_a_file_of_polygon_layers_only_names_its_layers(tmp_path: Path) -> None:
    path = tmp_path / "areas.gpkg"
    _write(path, "townships", [shapely.box(0, 0, 1, 1)])
    _write(path, "estates", [shapely.box(0, 0, 0.1, 0.1)])
    with pytest.raises(NetworkError) as refused:
        read_network(path)
    assert "中没有线图层（图层：townships、estates）" in str(refused.value.args[0])


def test_beside_a_river_layer_the_street_layer_is_walked_as_in_the_demo_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "demo.layers.gpkg"
    _write(path, "townships", [shapely.box(106.0, 33.0, 106.1, 33.1)])
    _write(path, "rivers", [shapely.MultiLineString([[(106.0, 33.05), (106.1, 33.05)]])])
    _write(path, "roads", [shapely.LineString([(106.0, 33.0), (106.01, 33.0)])])
    network = read_network(path)
    assert network.source == "demo.layers.gpkg:roads"
    assert 900 < float(network.seg_length_m.sum()) < 960  # 0.01° east at 33° N, not the 9 km river
