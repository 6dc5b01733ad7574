"""``onemap facilities import``: Excel, GB18030 CSV, GeoJSON and a Gauss-Kruger shapefile, types by
alias, unknown types and missing positions reported row by row, nothing lost."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from onemap.cli import main
from onemap.geo.crs import transformer
from onemap.io.facility_import import read_facilities
from onemap.store import Inventory

ROWS = [
    ("城关幼儿园", "幼儿园", 106.6731, 33.1532),
    ("阳光托育", "托育机构", 106.6751, 33.1542),
    ("新华书店", "书店", 106.6761, 33.1552),
]


def _check(found: list, report) -> None:  # type: ignore[no-untyped-def]
    by_name = {f.name: f for f in found}
    assert by_name["城关幼儿园"].kind == "kindergarten"
    assert by_name["阳光托育"].kind == "nursery" and by_name["阳光托育"].kind_text == "托育机构"
    assert by_name["新华书店"].kind == "other" and by_name["新华书店"].kind_text == "书店"
    assert by_name["城关幼儿园"].location == pytest.approx((106.6731, 33.1532), abs=1e-6)
    unknown = [w for w in report.warnings if "书店" in w.message]
    assert len(unknown) == 1 and unknown[0].row > 0 and unknown[0].field


def test_a_gb18030_csv_with_a_swapped_pair_and_a_blank_position_loses_no_row(tmp_path: Path) -> None:
    lines = ["名称,类型,经度,纬度"] + [f"{n},{t},{x},{y}" for n, t, x, y in ROWS]
    lines += ["卫生站,社区卫生服务站,33.1502,106.6701", "无坐标超市,超市,,"]
    path = tmp_path / "设施.csv"
    path.write_bytes("\n".join(lines).encode("gb18030"))
    found, report = read_facilities(path)
    _check(found, report)
    assert len(found) == 5
    clinic = next(f for f in found if f.name == "卫生站")
    assert clinic.location == pytest.approx((106.6701, 33.1502), abs=1e-6)
    assert next(f for f in found if f.name == "无坐标超市").location is None
    assert {w.row for w in report.warnings if w.field == "坐标"} == {5, 6}


def test_an_excel_sheet_with_a_title_row_imports_by_alias(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["勉县社区服务设施台账（2026年）"])
    sheet.append(["设施名称", "设施类型", "经度", "纬度", "备注"])
    for row in ROWS:
        sheet.append([*row, "演示"])
    path = tmp_path / "设施.xlsx"
    book.save(path)
    found, report = read_facilities(path)
    _check(found, report)
    assert {w.row for w in report.warnings} == {5}  # the Excel row of 书店


def test_geojson_points_and_a_gauss_kruger_shapefile_land_in_cgcs2000(tmp_path: Path) -> None:
    import pyogrio.raw
    import shapely

    features = [
        {"type": "Feature", "properties": {"name": n, "type": t}, "geometry": {"type": "Point", "coordinates": [x, y]}}
        for n, t, x, y in ROWS
    ]
    geojson = tmp_path / "设施.geojson"
    geojson.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), "utf-8")
    _check(*read_facilities(geojson))

    east, north = transformer("EPSG:4490", "EPSG:4545").transform([r[2] for r in ROWS], [r[3] for r in ROWS])
    shp = tmp_path / "设施.shp"
    pyogrio.raw.write(
        str(shp),
        shapely.to_wkb(shapely.points(np.column_stack((east, north)))),
        [np.array([r[0] for r in ROWS], dtype=object), np.array([r[1] for r in ROWS], dtype=object)],
        fields=["name", "type"],
        geometry_type="Point",
        crs="EPSG:4545",
        encoding="UTF-8",
        driver="ESRI Shapefile",
    )
    _check(*read_facilities(shp))


def test_the_command_imports_into_the_inventory_and_reports_in_json(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "设施.csv"
    path.write_text("\n".join(["名称,类型,经度,纬度"] + [",".join(map(str, r)) for r in ROWS]), "utf-8")
    with Inventory.open(demo_copy, readonly=True) as inv:
        demo = inv.facilities()
    assert main(["facilities", "import", str(path), "--into", str(demo_copy), "--dry-run", "--json"]) == 0
    with Inventory.open(demo_copy, readonly=True) as inv:
        assert inv.facilities() == demo
    capsys.readouterr()
    assert main(["facilities", "import", str(path), "--into", str(demo_copy), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["imported"]) == 3
    assert report["warnings"][0]["row"] == 4 and report["warnings"][0]["field"] == "类型"
    with Inventory.open(demo_copy, readonly=True) as inv:
        added = [f for f in inv.facilities() if f.source == "设施.csv"]
        assert sorted(f.kind for f in added) == ["kindergarten", "nursery", "other"]
        assert len(inv.facilities()) == len(demo) + 3
        assert any(e.table_name == "facilities" and e.action == "bulk" for e in inv.history(None, 5))
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_amap_coordinates_come_back_to_cgcs2000_with_crs_gcj02(tmp_path: Path) -> None:
    from onemap.geo.chinacoords import wgs84_to_gcj02
    from onemap.geo.geodesy import geodesic_distance_m

    lon, lat = wgs84_to_gcj02(106.6731, 33.1532)
    path = tmp_path / "高德.csv"
    path.write_text(f"名称,类型,经度,纬度\n城关幼儿园,幼儿园,{lon:.7f},{lat:.7f}\n", "utf-8")
    found, report = read_facilities(path, crs="gcj02")
    assert report.crs == "gcj02"
    assert geodesic_distance_m(*found[0].location, 106.6731, 33.1532) < 1.0  # type: ignore[misc]
    assert geodesic_distance_m(lon, lat, 106.6731, 33.1532) > 100  # the shift that was undone
