"""Exports open where officials open them and import back to the same estates."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from onemap.cli import main
from onemap.io.export import export
from onemap.io.importer import import_ledger
from onemap.store import Inventory


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".geojson"])
def test_an_export_reimports_to_the_same_estates(demo_file: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"导出 台账{suffix}"
    assert main(["export", str(demo_file), str(out), "--where", "镇街=勉阳街道"]) == 0
    again = tmp_path / "再导入.gpkg"
    report = import_ledger(out, again)
    with Inventory.open(demo_file, readonly=True) as source, Inventory.open(again, readonly=True) as copy:
        expected = {e.code: e for e in source.estates("镇街=勉阳街道")}
        found = {e.code: e for e in copy.estates()}
        assert sorted(found) == sorted(expected) and len(report.imported) == len(expected)
        for code, estate in expected.items():
            back = found[code]
            assert (back.name, back.township, back.status, back.renewal_year, back.households) == (
                estate.name,
                estate.township,
                estate.status,
                estate.renewal_year,
                estate.households,
            )
            assert back.location == pytest.approx(estate.location, abs=1e-7)
        if suffix != ".geojson":
            code = next(iter(expected))
            assert [c.phone for c in copy.estate(code).contacts] == [c.phone for c in source.estate(code).contacts]


def test_csv_export_has_a_bom_for_chinese_excel(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "台账.csv"
    main(["export", str(demo_file), str(out)])
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert header[:3] == ["小区编码", "小区名称", "曾用名"]


def test_xlsx_export_has_chinese_headers_a_frozen_row_and_fitted_widths(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    main(["export", str(demo_file), str(out)])
    sheet = openpyxl.load_workbook(out).active
    assert sheet.freeze_panes == "A2" and sheet["B1"].value == "小区名称" and sheet["B1"].font.bold
    assert sheet.column_dimensions["B"].width >= 12 and sheet.max_row == 151


def _ogr_layers(path: Path, *extra: str) -> list[tuple[str, str, int]]:
    """(layer name, geometry type, feature count) as ``ogrinfo -so`` reports them."""
    listing = subprocess.run(
        ["ogrinfo", "-ro", "-so", "-al", *extra, str(path)], capture_output=True, text=True, check=True
    ).stdout
    names = re.findall(r"^Layer name: (.+)$", listing, re.M)
    kinds = re.findall(r"^Geometry: (.+)$", listing, re.M)
    counts = [int(n) for n in re.findall(r"^Feature Count: (\d+)$", listing, re.M)]
    return list(zip(names, kinds, counts, strict=True))


@pytest.mark.skipif(not shutil.which("ogrinfo"), reason="GDAL's ogrinfo is not installed")
def test_kml_export_gives_gdal_a_point_layer_and_a_polygon_layer(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "小区.kml"
    main(["export", str(demo_file), str(out)])
    text = out.read_text("utf-8")
    assert "<name>勉县</name>" in text and "MultiGeometry" not in text
    # GDAL's KML driver types each folder; QGIS and Google Earth draw both folders
    expected = [("小区位置", "Point", 150), ("小区范围", "Polygon", 150)]
    assert _ogr_layers(out, "--config", "GDAL_SKIP", "LIBKML") == expected
    # LIBKML (QGIS's default reader) leaves the type open, but every feature of a folder has one type
    listing = subprocess.run(
        ["ogrinfo", "-ro", "-al", "-geom=SUMMARY", str(out)], capture_output=True, text=True
    ).stdout
    points, areas = listing.split("Layer name: 小区范围")
    assert points.count("  POINT") == 150 and "POLYGON" not in points
    assert areas.count("  POLYGON") == 150 and "POINT" not in areas


def test_kml_export_stays_valid_xml_whatever_the_codes_and_names_hold(fresh: Inventory, tmp_path: Path) -> None:
    from xml.etree import ElementTree

    from shapely.geometry import box

    from onemap.model import Estate

    hostile = Estate(
        '61"07<25>&0001',
        '桂园"小区</name><x>&amp;',
        location=(106.67, 33.15),
        outline=box(106.669, 33.149, 106.671, 33.151),
        notes='"]]> <script>',
    )
    fresh.add_estate(hostile)
    out = tmp_path / "小区.kml"
    assert export(fresh, out) == 1
    root = ElementTree.parse(out).getroot()  # raises on invalid XML
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    names = [e.text for e in root.iterfind(".//k:Placemark/k:name", ns)]
    assert names == [hostile.name, hostile.name]
    codes = [e.text for e in root.iterfind(".//k:Data[@name='code']/k:value", ns)]
    assert codes == [hostile.code, hostile.code]


def test_geojson_export_is_lon_lat_wgs84(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "小区.geojson"
    main(["export", str(demo_file), str(out)])
    features = json.loads(out.read_text("utf-8"))["features"]
    lon, lat = next(f for f in features if f["geometry"]["type"] == "Point")["geometry"]["coordinates"]
    assert 106 < lon < 107.1 and 32.8 < lat < 33.7


HOSTILE_TEXTS = {
    "name": '=HYPERLINK("http://evil.example/x","点我")',
    "address": "+1+cmd|' /C calc'!A0",
    "notes": "@SUM(1+1)*cmd|' /C calc'!A0",
    "management": "-2+3",
    "community": "\t=1+1",
    "property_type": "'=already quoted",
    "kind": "\r=1",
}


@pytest.fixture
def hostile(fresh: Inventory) -> Inventory:
    """An inventory whose texts start the way spreadsheet formulas do, and a negative amount."""
    from onemap.model import Contact, Estate, Funding

    estate = Estate(
        "6107250001",
        "x",
        location=(106.67, 33.15),
        investment_wan=-12.5,
        households=120,
        contacts=[Contact("", "leader", "=cmd|' /C calc'!A0", "@职务", "13812345678")],
        funding=[Funding("", "central", -3.25)],
    )
    for field, text in HOSTILE_TEXTS.items():
        setattr(estate, field, text)
    fresh.add_estate(estate)
    return fresh


def test_csv_export_neutralises_formulas_and_keeps_negative_numbers(hostile: Inventory, tmp_path: Path) -> None:
    out = tmp_path / "台账.csv"
    export(hostile, out)
    header, row = list(csv.reader(out.read_text("utf-8-sig").splitlines()))[:2]
    cells = dict(zip(header, row, strict=True))
    assert not [c for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r") and c not in ("-12.5", "-3.25")]
    assert cells["小区名称"] == "'" + HOSTILE_TEXTS["name"] and cells["总投资（万元）"] == "-12.5"
    assert cells["中央补助（万元）"] == "-3.25" and cells["房屋性质"] == "''=already quoted"


def test_xlsx_export_has_no_formula_cell_and_numbers_stay_numbers(hostile: Inventory, tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "台账.xlsx"
    export(hostile, out)
    with zipfile.ZipFile(out) as book:
        sheets = b"".join(book.read(n) for n in book.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in sheets and b"<f " not in sheets
    sheet = openpyxl.load_workbook(out).active
    cells = {h.value: c.value for h, c in zip(sheet[1], sheet[2], strict=True)}
    assert cells["小区名称"] == "'" + HOSTILE_TEXTS["name"] and cells["包抓负责人/职务"] == "'@职务"
    assert cells["总投资（万元）"] == -12.5 and cells["户数"] == 120


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_neutralised_text_imports_back_exactly(hostile: Inventory, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"台账{suffix}"
    export(hostile, out)
    again = tmp_path / "再导入.gpkg"
    import_ledger(out, again)
    with Inventory.open(again, readonly=True) as copy:
        estate = copy.estate("6107250001")
    assert {f: getattr(estate, f) for f in HOSTILE_TEXTS} == {f: t.strip() for f, t in HOSTILE_TEXTS.items()}
    assert estate.contacts[0].name == "=cmd|' /C calc'!A0" and estate.contacts[0].title == "@职务"
    assert estate.households == 120


def test_kml_outlines_take_their_colours_from_the_one_style_table(
    fresh: Inventory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xml.etree import ElementTree

    from shapely.geometry import box

    from onemap.model import Estate
    from onemap.style import AREA_STYLES, AreaStyle

    fresh.add_estate(
        Estate("6107250001", "桂园小区", location=(106.67, 33.15), outline=box(106.669, 33.149, 106.671, 33.151))
    )
    ns = {"k": "http://www.opengis.net/kml/2.2"}

    def area_style(name: str) -> tuple[str | None, str | None, str | None]:
        out = tmp_path / name
        export(fresh, out)
        area = ElementTree.parse(out).getroot().find(".//k:Style[@id='area']", ns)
        assert area is not None
        return (
            area.findtext("k:LineStyle/k:color", None, ns),
            area.findtext("k:LineStyle/k:width", None, ns),
            area.findtext("k:PolyStyle/k:color", None, ns),
        )

    look = AREA_STYLES["estate_areas"]  # #3d3d3d edge, sky-blue fill at 80/255: KML is aabbggrr
    assert look.fill is not None
    rgb = look.fill.lstrip("#").lower()
    fill = f"{look.fill_alpha:02x}{rgb[4:6]}{rgb[2:4]}{rgb[0:2]}"
    assert area_style("默认.kml") == ("ff3d3d3d", f"{look.width:g}", fill)
    monkeypatch.setitem(AREA_STYLES, "estate_areas", AreaStyle("#112233", 3.0, "#445566", 128))
    assert area_style("改过.kml") == ("ff332211", "3", "80665544")
