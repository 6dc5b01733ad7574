"""Every layer carries a default QGIS style with OneMap's aliases, status value map and status colours."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

from onemap.store.labels import COLUMN_LABELS
from onemap.store.qgis_style import QGIS_MARKERS, status_classes
from onemap.view.palettes import hex_to_rgb
from onemap.view.symbology import STATUS_MARKERS


def _styles(path: Path) -> dict[str, ET.Element]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault").fetchall()
    conn.close()
    return {table: ET.fromstring(qml.split("\n", 1)[1]) for table, qml in rows}


def test_each_labelled_layer_has_exactly_one_default_style(demo_file: Path) -> None:
    conn = sqlite3.connect(demo_file)
    rows = conn.execute(
        "SELECT f_table_name, count(*) FROM layer_styles WHERE useAsDefault "
        "AND f_table_catalog = '' AND f_table_schema = '' GROUP BY f_table_name"
    ).fetchall()
    geometry = dict(conn.execute("SELECT f_table_name, f_geometry_column FROM layer_styles"))
    conn.close()
    assert dict(rows) == {table: 1 for table in COLUMN_LABELS}
    assert geometry["estates"] == "geom" and geometry["contacts"] == ""


def test_the_style_gives_every_field_its_chinese_alias(demo_file: Path) -> None:
    for table, qml in _styles(demo_file).items():
        aliases = {a.get("field"): a.get("name") for a in qml.iter("alias")}
        for column, label in COLUMN_LABELS[table].items():
            assert aliases.get(column) == label, (table, column)
    assert {a.get("field"): a.get("name") for a in _styles(demo_file)["estates"].iter("alias")}["name"] == "小区名称"


def test_status_gets_a_value_map_from_keys_to_chinese_labels(demo_file: Path) -> None:
    field = next(f for f in _styles(demo_file)["estates"].iter("field") if f.get("name") == "status")
    widget = field.find("editWidget")
    assert widget is not None and widget.get("type") == "ValueMap"
    pairs = [(o.get("value"), o.get("name")) for o in widget.iter("Option") if o.get("value")]
    assert ("under_construction", "在建") in pairs and len(pairs) == 7


def test_estates_are_categorized_by_status_in_the_maps_colours_and_shapes(demo_file: Path) -> None:
    renderer = _styles(demo_file)["estates"].find("renderer-v2")
    assert renderer is not None and renderer.get("type") == "categorizedSymbol" and renderer.get("attr") == "status"
    symbols = {s.get("name"): {p.get("k"): p.get("v") for p in s.iter("prop")} for s in renderer.iter("symbol")}
    categories = [(c.get("value"), c.get("label"), symbols[c.get("symbol") or ""]) for c in renderer.iter("category")]
    assert [(value, label) for value, label, _ in categories] == [(c.key, c.label) for c in status_classes()]
    for (_value, _label, props), cls in zip(categories, status_classes(), strict=True):
        assert props["color"] == ",".join(map(str, (*hex_to_rgb(cls.color), 255)))
        assert props["name"] == QGIS_MARKERS[cls.marker]


def test_every_marker_of_the_map_has_a_qgis_shape() -> None:
    assert set(STATUS_MARKERS.values()) <= set(QGIS_MARKERS)
    assert len({QGIS_MARKERS[m] for m in STATUS_MARKERS.values()}) == len(STATUS_MARKERS)


def test_outlines_buildings_and_admin_areas_get_simple_fills(demo_file: Path) -> None:
    styles = _styles(demo_file)
    for table in ("estate_areas", "buildings", "admin_areas"):
        renderer = styles[table].find("renderer-v2")
        assert renderer is not None and renderer.get("type") == "singleSymbol"
        assert [layer.get("class") for layer in renderer.iter("layer")] == ["SimpleFill"]
    assert styles["contacts"].find("renderer-v2") is None
