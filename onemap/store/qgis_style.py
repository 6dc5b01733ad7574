"""Default QGIS styles stored in the GeoPackage's ``layer_styles`` table.

QGIS applies a layer's default style from this table when it loads the layer, so a GIS
technician sees OneMap's map: Chinese field aliases (QGIS 3.22's GDAL 3.4 does not read
``gpkg_data_columns``), a value map for ``status`` and estates categorized by status with
the colours and marker shapes of OneMap's own 2D map (read from its symbology, never
copied).  The table is the one QGIS itself creates (``db/migrations/0003_*.sql``).
"""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from onemap.store.labels import COLUMN_LABELS, ENUM_CONSTRAINTS
from onemap.style import ALERT_LEVEL_STYLES, AREA_STYLES, BLANK, MARKER_EDGE, STATUS_STYLES, AreaStyle
from onemap.view.palettes import hex_to_rgb

STYLE_NAME = "OneMap"
#: pyqtgraph marker names (OneMap's map) -> QGIS SimpleMarker shape names
QGIS_MARKERS = {
    "o": "circle",
    "s": "square",
    "t1": "triangle",
    "d": "diamond",
    "p": "pentagon",
    "h": "hexagon",
    "star": "star",
    "x": "cross2",
}
MARKER_MM = "3"
EDGE = ",".join(str(v) for v in (*hex_to_rgb(MARKER_EDGE), 255))
#: the other spatial layers' fills and outlines: the one style table's (onemap.style.AREA_STYLES)


@dataclass(frozen=True)
class SymbolClass:
    """One category of a QGIS renderer: value, label, ``#rrggbb`` colour, map marker."""

    key: str
    label: str
    color: str
    marker: str


def status_classes() -> tuple[SymbolClass, ...]:
    """The map's status classes (key, label, colour, marker) from the one style table, the blank class last."""
    looks = [*STATUS_STYLES.values(), BLANK]
    return tuple(SymbolClass(look.key, look.zh, look.color, look.marker) for look in looks)


def _rgba(color: str, alpha: int = 255) -> str:
    return ",".join(str(v) for v in (*hex_to_rgb(color), alpha))


def _props(parent: ET.Element, props: dict[str, str]) -> None:
    for key, value in props.items():
        ET.SubElement(parent, "prop", k=key, v=value)


def _marker(name: str, cls: SymbolClass) -> ET.Element:
    symbol = ET.Element("symbol", name=name, type="marker", alpha="1", clip_to_extent="1", force_rhr="0")
    layer = ET.SubElement(symbol, "layer", {"class": "SimpleMarker", "enabled": "1", "locked": "0", "pass": "0"})
    stroke_only = cls.marker == "x"  # the map draws the blank cross in its own colour
    _props(
        layer,
        {
            "name": QGIS_MARKERS[cls.marker],
            "color": _rgba(cls.color),
            "outline_color": _rgba(cls.color) if stroke_only else EDGE,
            "outline_width": "0.5" if stroke_only else "0.2",
            "outline_width_unit": "MM",
            "size": MARKER_MM,
            "size_unit": "MM",
            "outline_style": "solid",
        },
    )
    return symbol


def _fill(name: str, look: AreaStyle) -> ET.Element:
    symbol = ET.Element("symbol", name=name, type="fill", alpha="1", clip_to_extent="1", force_rhr="0")
    layer = ET.SubElement(symbol, "layer", {"class": "SimpleFill", "enabled": "1", "locked": "0", "pass": "0"})
    props = {
        "color": _rgba(look.fill, look.fill_alpha) if look.fill else _rgba(look.line, 0),
        "style": "solid" if look.fill else "no",
        "outline_color": _rgba(look.line),
        "outline_style": "solid",
        "outline_width": "0.3",
        "outline_width_unit": "MM",
    }
    if look.dash:  # QGIS dashes are in outline widths' units when the unit is MM and the width 0.3
        props.update(
            {
                "outline_style": "dash dot",
                "use_custom_dash": "1",
                "customdash": ";".join(f"{d * 0.3:g}" for d in look.dash),
                "customdash_unit": "MM",
            }
        )
    _props(layer, props)
    return symbol


def alert_level_classes() -> tuple[SymbolClass, ...]:
    """Alert levels 1 (most severe) … 4 as the map draws them, from the one style table."""
    return tuple(SymbolClass(look.key, look.zh, look.color, look.marker) for look in ALERT_LEVEL_STYLES.values())


def _categorized_renderer(attr: str, classes: tuple[SymbolClass, ...]) -> ET.Element:
    renderer = ET.Element(
        "renderer-v2", type="categorizedSymbol", attr=attr, symbollevels="0", enableorderby="0", forceraster="0"
    )
    categories = ET.SubElement(renderer, "categories")
    symbols = ET.SubElement(renderer, "symbols")
    for n, cls in enumerate(classes):
        ET.SubElement(categories, "category", value=cls.key, label=cls.label, symbol=str(n), render="true")
        symbols.append(_marker(str(n), cls))
    return renderer


def _simple_renderer(table: str, geometry: str) -> ET.Element:
    renderer = ET.Element("renderer-v2", type="singleSymbol", symbollevels="0", enableorderby="0", forceraster="0")
    symbols = ET.SubElement(renderer, "symbols")
    look = AREA_STYLES.get(table, AreaStyle(BLANK.color, 0.5, BLANK.color, 90))
    if "POINT" in geometry:
        symbols.append(_marker("0", SymbolClass("", "", look.fill or look.line, "o")))
    else:
        symbols.append(_fill("0", look))
    return renderer


def _value_map(field: ET.Element, values: dict[str, str]) -> None:
    widget = ET.SubElement(field, "editWidget", type="ValueMap")
    options = ET.SubElement(ET.SubElement(widget, "config"), "Option", type="Map")
    entries = ET.SubElement(options, "Option", name="map", type="List")
    for key, label in values.items():
        entry = ET.SubElement(entries, "Option", type="Map")
        ET.SubElement(entry, "Option", name=label, value=key, type="QString")


def _fields(root: ET.Element, table: str, columns: list[str]) -> None:
    labels = COLUMN_LABELS.get(table, {})
    configuration = ET.SubElement(root, "fieldConfiguration")
    aliases = ET.SubElement(root, "aliases")
    for index, column in enumerate(columns):
        field = ET.SubElement(configuration, "field", name=column, configurationFlags="None")
        enum = ENUM_CONSTRAINTS.get((table, column))
        if enum:
            _value_map(field, enum[1])
        ET.SubElement(aliases, "alias", field=column, index=str(index), name=labels.get(column, ""))


def layer_qml(table: str, columns: list[str], geometry: str | None) -> str:
    """The QML document of one layer's default style.

    Parameters
    ----------
    table
        The layer (table) name.
    columns
        Its attribute columns in table order (fid and geometry left out), as QGIS lists them.
    geometry
        The declared geometry type (``POINT``, ``MULTIPOLYGON``) or None for an attribute table.
    """
    root = ET.Element("qgis", version="3.22.0", styleCategories="Symbology|Fields|Forms")
    if geometry and table == "estates":
        root.append(_categorized_renderer("status", status_classes()))
    elif geometry and table == "alerts":
        root.append(_categorized_renderer("level", alert_level_classes()))
    elif geometry:
        root.append(_simple_renderer(table, geometry))
    _fields(root, table, columns)
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(root, encoding="unicode")


def write_layer_styles(conn: sqlite3.Connection) -> int:
    """Store OneMap's style for every labelled layer; a layer that already has a default keeps it.

    Returns the number of styles written.  Runs inside the caller's transaction.
    """
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'layer_styles'").fetchone():
        return 0  # a file before migration 0003
    layers = conn.execute(
        "SELECT c.table_name, g.column_name, g.geometry_type_name FROM gpkg_contents c "
        "LEFT JOIN gpkg_geometry_columns g ON g.table_name = c.table_name"
    ).fetchall()
    written = 0
    for table, geom_column, geometry in layers:
        if table not in COLUMN_LABELS:
            continue
        columns = [
            row[1] for row in conn.execute(f'PRAGMA table_info("{table}")') if not row[5] and row[1] != geom_column
        ]
        conn.execute("DELETE FROM layer_styles WHERE f_table_name = ? AND styleName = ?", (table, STYLE_NAME))
        has_default = conn.execute(
            "SELECT 1 FROM layer_styles WHERE f_table_name = ? AND useAsDefault", (table,)
        ).fetchone()
        conn.execute(
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
            "styleName, styleQML, styleSLD, useAsDefault, description, owner, ui) "
            "VALUES ('', '', ?, ?, ?, ?, '', ?, ?, '', NULL)",
            (
                table,
                geom_column or "",
                STYLE_NAME,
                layer_qml(table, columns, geometry),
                not has_default,
                "OneMap 默认样式：中文字段名、状态取值与地图配色",
            ),
        )
        written += 1
    return written
