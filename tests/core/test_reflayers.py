"""Reference layers read from real files (GBK Shapefile, GeoJSON, KML, GeoPackage, DXF) land where they belong."""

from __future__ import annotations

import json
from pathlib import Path

import ezdxf
import numpy as np
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, Polygon

from onemap.geo.crs import CGCS2000, WEB_MERCATOR, transformer
from onemap.geo.reflayers import RefLayerError, load_layer
from onemap.geo.refsets import attribution_of, load_specs, sidecar_path, sidecar_specs, specs_for_files
from onemap.geo.refstyle import RefLayerSpec, RefStyle, specs_from_json, specs_to_json

SEAT = (106.673, 33.153)  # 勉阳街道, Mian's county seat
SEAT_4545 = transformer(CGCS2000, "EPSG:4545").transform(*SEAT)


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    return transformer(CGCS2000, WEB_MERCATOR).transform(lon, lat)


def _write(path: Path, geoms: list, names: list[str], crs: str | None, driver: str, **kw: object) -> Path:
    pyogrio.raw.write(
        path,
        shapely.to_wkb(np.array(geoms, dtype=object)),
        [np.array(names, dtype=object)],
        ["name"],
        driver=driver,
        geometry_type=geoms[0].geom_type,
        crs=crs,
        **kw,
    )
    return path


def test_gbk_shapefile_in_gauss_kruger_reads_its_chinese_names_and_lands_on_the_county_seat(tmp_path: Path) -> None:
    x, y = SEAT_4545
    road = LineString([(x - 500, y), (x + 500, y)])
    shp = _write(tmp_path / "道路.shp", [road], ["勉阳路"], "EPSG:4545", "ESRI Shapefile", encoding="GBK")
    shp.with_suffix(".cpg").unlink(missing_ok=True)  # as counties send them: no .cpg, GBK inside
    assert "勉阳路".encode("gbk") in shp.with_suffix(".dbf").read_bytes()
    layer = load_layer(shp, style=RefStyle(label_field="name"))
    assert layer.crs == "EPSG:4545"
    assert {label.text for label in layer.shapes.labels} == {"勉阳路"}  # along the road (1 km: five times)
    mx, my = _mercator(*SEAT)
    label = sorted(layer.shapes.labels)[len(layer.shapes.labels) // 2]  # the middle one
    assert abs(label.x - mx) < 2.0 and abs(label.y - my) < 2.0
    assert layer.shapes.kind == "lines" and layer.style.line  # a default colour filled in


def test_geojson_kml_and_geopackage_in_wgs84_and_cgcs2000_give_the_same_place(tmp_path: Path) -> None:
    lon, lat = SEAT
    area = Polygon([(lon, lat), (lon + 0.01, lat), (lon + 0.01, lat + 0.01), (lon, lat + 0.01)])
    files = [
        _write(tmp_path / "plots.geojson", [area], ["地块一"], "EPSG:4326", "GeoJSON"),
        _write(tmp_path / "plots.kml", [area], ["地块一"], "EPSG:4326", "KML"),
        _write(tmp_path / "plots.gpkg", [area], ["地块一"], "EPSG:4490", "GPKG", layer="plots"),
    ]
    expected = _mercator(lon, lat)
    for file in files:
        layer = load_layer(file)
        xmin, ymin, _xmax, _ymax = layer.bounds_3857
        assert abs(xmin - expected[0]) < 1.0 and abs(ymin - expected[1]) < 1.0, file.name
        assert layer.shapes.kind == "polygons" and len(layer.shapes.areas) == 1


def test_a_dxf_without_a_crs_is_refused_until_the_user_names_one_then_lands_on_the_seat(tmp_path: Path) -> None:
    x, y = SEAT_4545
    doc = ezdxf.new()
    msp = doc.modelspace()
    msp.add_line((x - 100, y), (x + 100, y))
    msp.add_lwpolyline([(x, y), (x + 50, y), (x + 50, y + 30), (x, y + 30)], close=True)
    hatch = msp.add_hatch()
    hatch.paths.add_polyline_path([(x, y - 60), (x + 40, y - 60), (x + 40, y - 20)], is_closed=True)
    msp.add_text("勉县一中", dxfattribs={"insert": (x, y)})
    path = tmp_path / "topo500.dxf"
    doc.saveas(path)
    with pytest.raises(RefLayerError) as refused:
        load_layer(path)
    assert "EPSG:4545" in str(refused.value.args[0]) and "4545" in refused.value.args[0].en
    layer = load_layer(path, crs="EPSG:4545")
    assert len(layer.shapes.lines) == 3 and len(layer.shapes.areas) == 2  # line; closed polyline and hatch
    label = layer.shapes.labels[0]
    mx, my = _mercator(*SEAT)
    assert label.text == "勉县一中" and abs(label.x - mx) < 2.0 and abs(label.y - my) < 2.0


@pytest.mark.parametrize(
    ("name", "content", "crs", "words"),
    [
        ("broken.dxf", b"0\nSECTION\n2\nENTITIES\n0\nLINE\n", "EPSG:4545", "DXF"),
        ("broken.geojson", b"{not json", None, "无法读取"),
        ("empty.geojson", json.dumps({"type": "FeatureCollection", "features": []}).encode(), None, "没有可显示"),
        ("odd.geojson", b'{"type":"Point","coordinates":[106.6,33.1]}', "EPSG:999999", "坐标系"),
        ("notes.txt", b"hello", None, "只支持"),
    ],
)
def test_a_bad_file_gets_one_sentence_in_both_languages(
    tmp_path: Path, name: str, content: bytes, crs: str | None, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(RefLayerError) as error:
        load_layer(path, crs=crs)
    said = error.value.args[0]
    assert words in str(said) and said.en and said.en != str(said)


def test_a_bad_layer_is_left_out_and_the_others_still_load(tmp_path: Path) -> None:
    good = _write(tmp_path / "river.geojson", [LineString([SEAT, (106.7, 33.14)])], ["汉江"], "EPSG:4326", "GeoJSON")
    specs = [RefLayerSpec(str(tmp_path / "missing.shp")), RefLayerSpec(str(good), title="汉江")]
    layers, problems = load_specs(specs)
    assert [layer.name for layer in layers] == ["汉江"]
    assert len(problems) == 1 and "missing.shp" in problems[0]


def test_the_layer_list_round_trips_through_the_settings_text_and_survives_damage() -> None:
    specs = [RefLayerSpec("/x/道路.shp", crs="EPSG:4545", style=RefStyle("#ff0000", "", 2.0, "name"), visible=False)]
    assert specs_from_json(specs_to_json(specs)) == specs
    assert specs_from_json("{broken") == []
    assert specs_from_json('[{"nopath": 1}, {"path": "/y.kml"}]') == [RefLayerSpec("/y.kml")]


def test_the_demo_sidecar_holds_schematic_streets_river_and_townships(tmp_path: Path) -> None:
    from onemap.demo.reflayers import write_demo_layers

    inventory = tmp_path / "demo.gpkg"
    assert write_demo_layers(inventory) == sidecar_path(inventory) == tmp_path / "demo.layers.gpkg"
    specs = sidecar_specs(inventory)
    assert all("示意" in spec.label for spec in specs) and len(specs) == 3
    layers, problems = load_specs(specs)
    assert not problems
    assert "示意" in attribution_of(layers) and "schematic" in attribution_of(layers)
    towns = next(layer for layer in layers if layer.shapes.kind == "polygons")
    assert {"勉阳街道", "武侯镇"} <= {label.text for label in towns.shapes.labels}
    roads = next(layer for layer in layers if "道路" in layer.name)
    mx, my = _mercator(*SEAT)
    xmin, ymin, xmax, ymax = roads.bounds_3857
    assert xmin < mx < xmax and ymin < my < ymax  # the street grid is around the county seat


def test_a_geopackage_given_on_the_command_line_brings_every_layer(tmp_path: Path) -> None:
    path = tmp_path / "ref.gpkg"
    line = LineString([SEAT, (106.7, 33.14)])
    _write(path, [line], ["a"], "EPSG:4490", "GPKG", layer="one")
    _write(path, [line], ["b"], "EPSG:4490", "GPKG", layer="two", append=True)
    assert [spec.layer for spec in specs_for_files([path])] == ["one", "two"]


def test_a_styled_geopackage_given_as_a_layer_file_keeps_its_own_colours_and_labels(tmp_path: Path) -> None:
    from onemap.demo.reflayers import write_demo_layers

    inventory = tmp_path / "demo.gpkg"
    inventory.touch()
    given = write_demo_layers(inventory).rename(tmp_path / "别处的参考图层.gpkg")  # not this inventory's sidecar
    by_title = {spec.title: spec for spec in specs_for_files([given])}
    assert by_title["汉江（示意）"].style.line == "#6fa8dc" and by_title["汉江（示意）"].style.label_field == "name"
    assert by_title["城区道路（示意）"].style.width == 3.0
    layers, said = load_specs(specs_for_files([given]))
    assert not said and {layer.name for layer in layers} >= {"汉江（示意）", "城区道路（示意）"}


def test_onemap_demo_writes_the_schematic_layers_beside_the_inventory(tmp_path: Path) -> None:
    from onemap.cli import main

    out = tmp_path / "勉县.gpkg"
    assert main(["demo", str(out), "--estates", "12"]) == 0
    assert sidecar_path(out).is_file()
    assert [spec.layer for spec in sidecar_specs(out)] == ["townships", "rivers", "roads"]


def test_onemap_demo_keeps_a_layers_file_of_the_users_own(tmp_path: Path) -> None:
    from onemap.cli import main

    out = tmp_path / "县.gpkg"
    own = sidecar_path(out)
    own.write_bytes(b"the county's own layers")
    assert main(["demo", str(out), "--estates", "3"]) == 0
    assert own.read_bytes() == b"the county's own layers"


def test_dxf_arcs_circles_ellipses_and_splines_are_flattened_and_a_broken_one_is_skipped_and_counted(
    tmp_path: Path,
) -> None:
    x, y = SEAT_4545
    doc = ezdxf.new()
    msp = doc.modelspace()
    msp.add_arc((x, y), 20.0, 0, 90)
    msp.add_circle((x + 60, y), 5.0)
    msp.add_ellipse((x - 60, y), major_axis=(10.0, 0.0), ratio=0.5)
    msp.add_spline([(x, y + 50), (x + 20, y + 70), (x + 40, y + 50), (x + 60, y + 70)])
    msp.add_spline()  # no control points: ezdxf cannot flatten it
    path = tmp_path / "curves.dxf"
    doc.saveas(path)
    layers, problems = load_specs([RefLayerSpec(str(path), crs="EPSG:4545")])
    shapes = layers[0].shapes
    assert len(shapes.lines) == 4 and len(shapes.areas) == 2  # arc, spline + the two rings; circle, ellipse
    assert len(shapes.lines.xy) > 4 * 10  # flattened into many chords, not one chord per curve
    assert layers[0].skipped == 1 and len(problems) == 1
    assert "1 个损坏的图元" in str(problems[0]) and "1 broken entity skipped" in problems[0].en


def test_a_long_street_is_named_along_its_length_and_a_short_one_at_its_middle(tmp_path: Path) -> None:
    x, y = SEAT_4545
    long_street = LineString([(x, y), (x + 3000, y)])  # 3 km, in metres (EPSG:4545)
    short_street = LineString([(x, y + 500), (x + 120, y + 500)])
    path = _write(tmp_path / "roads.gpkg", [long_street, short_street], ["人民路", "小巷"], "EPSG:4545", "GPKG")
    labels = load_layer(path).shapes.labels
    along = sorted(p.x for p in labels if p.text == "人民路")
    assert len(along) >= 9 and len(along) % 2 == 1  # about every 180 m; odd, so the middle is one of them
    middle = _mercator(*transformer("EPSG:4545", CGCS2000).transform(x + 1500, y))
    assert abs(along[len(along) // 2] - middle[0]) < 5.0
    assert max(np.diff(along)) < 450.0  # no long stretch without its name (Mercator metres, ~1.2 x ground)
    assert [p.text for p in labels].count("小巷") == 1


def test_a_sheet_map_writes_a_repeated_street_name_once_within_its_spacing() -> None:
    from onemap.brief.mapframe import MapFrame
    from onemap.brief.refdraw import REPEAT_PT, reference_labels
    from onemap.geo.refshapes import LabelPoint, shapes_of

    points = [LabelPoint(100.0 * i, 0.0, "解放路") for i in range(10)]
    layer = type("L", (), {"shapes": shapes_of(np.empty(0, dtype=object), points)})()
    frame = MapFrame(extent=(-50.0, -50.0, 950.0, 50.0), box=(0.0, 0.0, 500.0, 50.0))  # half a point a metre
    placed = [t for t in reference_labels(frame, [layer]) if t[0] == "解放路"]
    assert 2 <= len(placed) <= 3 and all(b[1] - a[1] >= REPEAT_PT for a, b in zip(placed, placed[1:], strict=False))
