"""KML 2.2 for Google Earth, 奥维 and QGIS: a folder of estate points and a folder of outlines.

A placemark holding a point *and* a polygon (one MultiGeometry) is drawn by Google Earth
but read by GDAL — and so QGIS — as a layer of unknown geometry that draws nothing.  One
geometry type per folder gives GDAL's KML and LIBKML drivers one layer each: 小区位置
(Point) and 小区范围 (Polygon), and Google Earth shows the same two folders.  The file is
built with :mod:`xml.etree.ElementTree`, so any text (a code with ``"``, ``<``, ``&``) is
escaped by the XML writer, never by hand.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from shapely.geometry.base import BaseGeometry

from onemap.io.flat import flat_row
from onemap.model import Estate

KML_NS = "http://www.opengis.net/kml/2.2"
POINTS_FOLDER = "小区位置"
OUTLINES_FOLDER = "小区范围"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def write_kml(estates: list[Estate], outlines: dict[str, BaseGeometry], out: Path, name: str) -> None:
    """Write ``estates`` (points) and ``outlines`` (by code) to ``out`` as one KML document.

    Parameters
    ----------
    estates : list of Estate
        Full estates (people, funding and cameras fill each point's description).
    outlines : dict
        Estate code -> outline (Polygon or MultiPolygon, lon/lat CGCS2000 = WGS84 here).
    out : Path
        The ``.kml`` file to write.
    name : str
        The document's name (the county).
    """
    root = ET.Element("kml", xmlns=KML_NS)
    document = _sub(root, "Document")
    _sub(document, "name", name)
    _styles(document)
    points = _sub(document, "Folder")
    _sub(points, "name", POINTS_FOLDER)
    areas = _sub(document, "Folder")
    _sub(areas, "name", OUTLINES_FOLDER)
    for estate in estates:
        if estate.location is not None:
            placemark = _placemark(points, estate, "#point")
            point = _sub(placemark, "Point")
            _sub(point, "coordinates", f"{estate.location[0]:.8f},{estate.location[1]:.8f}")
        outline = outlines.get(estate.code)
        if outline is not None and not outline.is_empty:
            _outline(_placemark(areas, estate, "#area", describe=False), outline)
    tree = ET.ElementTree(root)
    ET.indent(tree, space=" ")
    tree.write(out, encoding="utf-8", xml_declaration=True)


def _styles(document: ET.Element) -> None:
    """A pin for points; outlines as OneMap's map draws them (:data:`onemap.style.AREA_STYLES`)."""
    from onemap.style import AREA_STYLES

    point = _sub(document, "Style", id="point")
    icon = _sub(_sub(point, "IconStyle"), "Icon")
    _sub(icon, "href", "http://maps.google.com/mapfiles/kml/paddle/red-circle.png")
    look = AREA_STYLES["estate_areas"]
    area = _sub(document, "Style", id="area")
    line = _sub(area, "LineStyle")
    _sub(line, "color", kml_color(look.line))
    _sub(line, "width", f"{look.width:g}")
    poly = _sub(area, "PolyStyle")
    if look.fill is None:
        _sub(poly, "fill", "0")
    else:
        _sub(poly, "color", kml_color(look.fill, look.fill_alpha))


def kml_color(rgb: str, alpha: int = 255) -> str:
    """``#rrggbb`` (and 0–255 opacity) as KML writes colours: ``aabbggrr`` in hex."""
    red, green, blue = rgb[1:3], rgb[3:5], rgb[5:7]
    return f"{alpha:02x}{blue}{green}{red}".lower()


def _placemark(folder: ET.Element, estate: Estate, style: str, describe: bool = True) -> ET.Element:
    placemark = _sub(folder, "Placemark", id=f"e{estate.code}" if describe else f"a{estate.code}")
    _sub(placemark, "name", estate.name)
    if describe:
        _sub(placemark, "description", _table(estate))
    _sub(placemark, "styleUrl", style)
    data = _sub(placemark, "ExtendedData")
    value = _sub(data, "Data", name="code")
    _sub(value, "value", estate.code)
    return placemark


def _table(estate: Estate) -> str:
    """The estate's fields as an HTML table (the writer escapes it into the description)."""
    rows = []
    for key, value in flat_row(estate).items():
        if value in (None, ""):
            continue
        cells = "".join(f"<td>{_html(str(v))}</td>" for v in (key, value))
        rows.append(f"<tr>{cells}</tr>")
    return f"<table>{''.join(rows)}</table>"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _outline(placemark: ET.Element, outline: BaseGeometry) -> None:
    polygons = list(getattr(outline, "geoms", [outline]))
    parent = placemark if len(polygons) == 1 else _sub(placemark, "MultiGeometry")
    for polygon in polygons:
        element = _sub(parent, "Polygon")
        for tag, ring in [("outerBoundaryIs", polygon.exterior), *(("innerBoundaryIs", r) for r in polygon.interiors)]:
            coordinates = " ".join(f"{x:.8f},{y:.8f}" for x, y in ring.coords)
            _sub(_sub(_sub(element, tag), "LinearRing"), "coordinates", coordinates)
