"""GeoPackage layers read as SQLite give what pyogrio (GDAL) gives for the same file: pyogrio is the oracle."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

from onemap.demo.reflayers import write_demo_layers
from onemap.geo import reflayers
from onemap.geo.reflayers import load_layer
from onemap.geo.refsets import load_specs, sidecar_specs
from onemap.store import gpkg_layers
from onemap.store.gpkg_layers import feature_layers, layer_metadata, read_layer

SEAT = (106.673, 33.153)


def _write(path: Path, layer: str, geoms: list, fields: dict[str, list], crs: str, **kw: object) -> None:
    kinds = {g.geom_type for g in geoms if g is not None}
    pyogrio.raw.write(
        path,
        np.array([None if g is None else shapely.to_wkb(g) for g in geoms], dtype=object),
        [
            np.array(values, dtype=None if all(isinstance(v, int) for v in values) else object)
            for values in fields.values()
        ],
        list(fields),
        layer=layer,
        driver="GPKG",
        geometry_type=kinds.pop() if len(kinds) == 1 else "Unknown",
        crs=crs,
        encoding="UTF-8",
        append=path.exists(),
        **kw,
    )


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Layers out of alphabetical order, a NULL and a 3D geometry, a projected CRS, empty and missing names."""
    path = tmp_path / "参考 图层.gpkg"
    x, y = SEAT
    _write(
        path,
        "streets",
        [LineString([(x, y), (x + 0.01, y)]), None, LineString([(x, y, 500.0), (x, y + 0.02, 510.0)])],
        {"名称": ["人民路", "", None], "kind": ["主干", "次干", "支路"]},
        "EPSG:4490",
        layer_metadata={"ONEMAP_TITLE": "街道", "ONEMAP_LINE": "#c9b48f", "ONEMAP_WIDTH": "3"},
    )
    east, north = 36_535_000.0, 3_670_000.0  # CGCS2000 3-degree zone 36 metres
    square = Polygon([(east, north), (east + 800, north), (east + 800, north + 600), (east, north + 600)])
    _write(path, "plots", [MultiPolygon([square]), square.buffer(-100)], {"dlmc": ["甲", "乙"]}, "EPSG:4525")
    _write(path, "army", [Point(x, y)], {"name": ["门"]}, "EPSG:4490")
    return path


def test_layers_are_listed_as_gdal_lists_them(mixed: Path) -> None:
    write_demo_layers(mixed.with_name("demo.gpkg"))
    for path in (mixed, mixed.with_name("demo.layers.gpkg")):
        assert feature_layers(path) == [str(row[0]) for row in pyogrio.list_layers(path)]
    assert feature_layers(mixed) == ["streets", "plots", "army"]


def test_layer_metadata_is_the_items_gdal_reads(mixed: Path) -> None:
    for layer in ("streets", "plots", "army"):
        assert layer_metadata(mixed, layer) == (pyogrio.read_info(mixed, layer=layer)["layer_metadata"] or {})
    assert layer_metadata(mixed, "streets") == {"ONEMAP_TITLE": "街道", "ONEMAP_LINE": "#c9b48f", "ONEMAP_WIDTH": "3"}


@pytest.mark.parametrize(("layer", "field"), [("streets", "名称"), ("plots", "dlmc"), ("army", "name"), (None, "")])
def test_geometries_and_texts_are_pyogrios(mixed: Path, layer: str | None, field: str) -> None:
    read = read_layer(mixed, layer, lambda _fields: field)
    assert read is not None
    meta, _fids, wkb, fields = pyogrio.raw.read(mixed, layer=layer, columns=[field] if field else [], force_2d=True)
    assert read.crs == meta["crs"]
    assert read.fields == [str(f) for f in pyogrio.read_info(mixed, layer=layer)["fields"]]
    oracle = shapely.from_wkb(wkb)
    assert len(read.geoms) == len(oracle)
    for mine, theirs in zip(read.geoms, oracle, strict=True):
        assert (mine is None and theirs is None) or shapely.equals_exact(mine, theirs, tolerance=0)
        assert mine is None or not shapely.has_z(mine)
    assert read.texts == (list(fields[0]) if field else None)


def test_reference_layers_load_the_same_without_gdal(mixed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_demo_layers(mixed.with_name("demo.gpkg"))
    sidecar = sidecar_specs(mixed.with_name("demo.gpkg"))
    specs = [*sidecar, *[s for name in ("streets", "plots", "army") for s in _spec(mixed, name)]]
    native, native_said = load_specs(specs)
    monkeypatch.setattr(gpkg_layers, "feature_layers", lambda _path: None)  # every read through pyogrio: the oracle
    assert sidecar_specs(mixed.with_name("demo.gpkg")) == sidecar
    oracle, oracle_said = load_specs(specs)
    assert native_said == oracle_said == []
    assert [layer.name for layer in native] == [layer.name for layer in oracle]
    for mine, theirs in zip(native, oracle, strict=True):
        assert (mine.crs, mine.style, mine.attribution) == (theirs.crs, theirs.style, theirs.attribution)
        assert mine.shapes.labels == theirs.shapes.labels
        np.testing.assert_array_equal(mine.shapes.points, theirs.shapes.points)
        for role in ("lines", "areas"):
            np.testing.assert_array_equal(getattr(mine.shapes, role).xy, getattr(theirs.shapes, role).xy)


def test_an_unexpected_file_falls_back_to_pyogrio(tmp_path: Path) -> None:
    path = tmp_path / "numbers.gpkg"
    x, y = SEAT
    _write(path, "marks", [Point(x, y), Point(x + 0.01, y)], {"name": [12, 13]}, "EPSG:4490")
    assert read_layer(path, "marks", lambda _fields: "name") is None  # an integer field: GDAL formats it
    layer = load_layer(path, layer="marks")
    assert [label.text for label in layer.shapes.labels] == ["12", "13"]
    assert reflayers._read_ogr(path, "marks", "")[2] == "EPSG:4490"


def _spec(path: Path, layer: str) -> list:
    from onemap.geo.refsets import styled_spec

    return [styled_spec(path, layer)]
