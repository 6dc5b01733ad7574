"""Importing ledgers as county offices keep them: positions against truth, identity, reports."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from shapely.geometry import Point

from onemap.cli import main
from onemap.geo.geodesy import geodesic_distance_m
from onemap.io.importer import ImportOptions, import_ledger
from onemap.store import Inventory
from tests.core.ledgers import (
    TRUTH,
    dms_csv,
    excel_ledger,
    gauss_kruger_csv,
    gb18030_csv_bd09,
)


def _positions(path: Path) -> dict[tuple[str, str], tuple[float, float] | None]:
    with Inventory.open(path, readonly=True) as inventory:
        return {(e.name.split("（")[0], e.township or ""): e.location for e in inventory.estates()}


def _error_m(found: tuple[float, float] | None, truth) -> float:  # type: ignore[no-untyped-def]
    assert found is not None, f"{truth.name} was not located"
    return float(geodesic_distance_m(found[0], found[1], truth.lon, truth.lat))


def test_excel_ledger_with_titles_merged_headers_and_totals_imports_every_estate(tmp_path: Path) -> None:
    into = tmp_path / "勉县 清单.gpkg"
    report = import_ledger(excel_ledger(tmp_path / "台账 2024.xlsx"), into, ImportOptions(county="610725"))
    assert report.sheet == "台账"
    assert len(report.imported) == 4 and report.updated == []
    assert any("合计" in s.message for s in report.skipped)
    with Inventory.open(into, readonly=True) as inventory:
        estates = {e.name.split("（")[0]: inventory.estate(e.code) for e in inventory.estates()}
    guiyuan = estates["桂园小区"]
    assert guiyuan.township == "勉阳街道" and guiyuan.households == 1200 and guiyuan.built_year == 1998
    assert guiyuan.renewal_year == 2024 and guiyuan.status == "under_construction"
    assert guiyuan.contacts[0].name == "张伟" and guiyuan.contacts[0].phone == "13812345678"
    assert guiyuan.investment_wan == 350.5 and "楼长：王大爷" in (guiyuan.notes or "")
    assert estates["供电局家属院"].township == "勉阳街道"  # from the merged township cell
    assert estates["供电局家属院"].built_year_text == "20世纪90年代"
    assert estates["供电局家属院"].contacts[0].phone == "0916-3212345"
    assert estates["汉江花园"].status == "completed"


def test_gcj02_positions_land_within_two_metres_of_truth(tmp_path: Path) -> None:
    into = tmp_path / "清单.gpkg"
    import_ledger(excel_ledger(tmp_path / "台账.xlsx"), into, ImportOptions(county="610725"))
    found = _positions(into)
    for truth in TRUTH[:4]:
        assert _error_m(found[(truth.name, truth.township)], truth) < 2.0
    with Inventory.open(into, readonly=True) as inventory:
        assert {e.coord_source for e in inventory.estates()} == {"amap"}


def test_bd09_positions_in_a_gb18030_csv_land_within_two_metres(tmp_path: Path) -> None:
    into = tmp_path / "清单.gpkg"
    report = import_ledger(gb18030_csv_bd09(tmp_path / "百度 坐标.csv"), into)
    assert len(report.imported) == 3
    found = _positions(into)
    for truth in TRUTH[:3]:
        assert _error_m(found[(truth.name, truth.township)], truth) < 2.0


@pytest.mark.parametrize(("epsg", "swap_xy"), [(4545, False), (4524, False), (4545, True)])
def test_gauss_kruger_metres_land_within_a_decimetre(tmp_path: Path, epsg: int, swap_xy: bool) -> None:
    into = tmp_path / "清单.gpkg"
    # eastings without the zone prefix need the county to tell the zone; prefixed ones carry it
    county = "610725" if epsg == 4545 else None
    import_ledger(gauss_kruger_csv(tmp_path / f"测绘 {epsg}.csv", epsg, swap_xy), into, ImportOptions(county=county))
    found = _positions(into)
    for truth in TRUTH:
        assert _error_m(found[(truth.name, truth.township)], truth) < 0.1


def test_dms_positions_land_within_half_a_metre(tmp_path: Path) -> None:
    into = tmp_path / "清单.gpkg"
    import_ledger(dms_csv(tmp_path / "度分秒.csv"), into)
    found = _positions(into)
    for truth in TRUTH:
        assert _error_m(found[(truth.name, truth.township)], truth) < 0.5


def test_swapped_longitude_and_latitude_is_fixed_with_a_warning(tmp_path: Path) -> None:
    into = tmp_path / "清单.gpkg"
    report = import_ledger(dms_csv(tmp_path / "颠倒.csv", swapped_row=1), into)
    assert _error_m(_positions(into)[(TRUTH[1].name, TRUTH[1].township)], TRUTH[1]) < 0.5
    assert any(w.row == 3 and "填反" in w.message for w in report.warnings)


def test_a_point_far_outside_the_county_is_imported_unlocated_with_a_warning(tmp_path: Path) -> None:
    into = tmp_path / "清单.gpkg"
    report = import_ledger(dms_csv(tmp_path / "远处.csv", far_row=2), into, ImportOptions(county="610725"))
    assert _positions(into)[(TRUTH[2].name, TRUTH[2].township)] is None
    assert any(w.row == 4 and "未定位" in w.message for w in report.warnings)
    assert len(report.imported) == 5


def test_a_far_point_is_caught_from_the_cluster_without_a_county(tmp_path: Path) -> None:
    into = tmp_path / "清单.gpkg"
    report = import_ledger(dms_csv(tmp_path / "远处.csv", far_row=0), into)
    assert _positions(into)[(TRUTH[0].name, TRUTH[0].township)] is None
    assert any(w.row == 2 and "未定位" in w.message for w in report.warnings)


def test_reimporting_the_same_ledger_matches_instead_of_duplicating(tmp_path: Path) -> None:
    into = tmp_path / "清单.gpkg"
    ledger = dms_csv(tmp_path / "台账.csv")
    first = import_ledger(ledger, into)
    second = import_ledger(ledger, into)
    # the same ledger again matches the same five estates and changes none of them
    assert len(first.imported) == 5 and second.imported == [] and second.updated == [] and second.skipped == []
    assert sorted(second.unchanged) == sorted(first.imported)
    assert second.backup is None  # nothing changed, so no backup piles up beside the file
    with Inventory.open(into, readonly=True) as inventory:
        assert inventory.count() == 5  # two 桂园小区 in two townships stay two estates


def test_duplicate_rows_in_one_file_are_imported_once_and_reported(tmp_path: Path) -> None:
    ledger = tmp_path / "重复.csv"
    rows = ["小区名称,镇街,户数", "桂园小区,勉阳街道,100", "桂园小区,勉阳街道,100", "桂园小区,定军山镇,50"]
    ledger.write_text("\n".join(rows) + "\n", "utf-8")
    report = import_ledger(ledger, tmp_path / "清单.gpkg")
    assert len(report.imported) == 2
    assert [(s.row, "第 2 行" in s.message) for s in report.skipped] == [(3, True)]


def test_a_dry_run_changes_nothing_and_reports_the_same(tmp_path: Path) -> None:
    into = tmp_path / "清单.gpkg"
    import_ledger(dms_csv(tmp_path / "a.csv"), into)
    before = hashlib.sha256(into.read_bytes()).hexdigest()
    ledger = excel_ledger(tmp_path / "台账.xlsx")
    dry = import_ledger(ledger, into, ImportOptions(dry_run=True))
    assert hashlib.sha256(into.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.csv", "清单.gpkg", "台账.xlsx"])
    real = import_ledger(ledger, into)
    assert (dry.imported, dry.updated, dry.skipped) == (real.imported, real.updated, real.skipped)


def test_a_dry_run_into_a_new_file_leaves_no_file(tmp_path: Path) -> None:
    into = tmp_path / "新清单.gpkg"
    report = import_ledger(dms_csv(tmp_path / "a.csv"), into, ImportOptions(dry_run=True))
    assert len(report.imported) == 5 and not into.exists()


def test_the_json_report_names_row_field_and_message(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    ledger = tmp_path / "错误.csv"
    ledger.write_text("小区名称,镇街,户数,建成年份,改造状态\n桂园小区,勉阳街道,很多,1998,在建\n", "utf-8")
    code = main(["import", str(ledger), "--into", str(tmp_path / "清单.gpkg"), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and len(report["imported"]) == 1
    warning = next(w for w in report["warnings"] if w["field"] == "户数")
    assert warning["row"] == 2 and "已留空" in warning["message"]
    assert set(report) >= {"imported", "updated", "skipped", "warnings"}


def test_unknown_columns_are_kept_in_notes_and_reported(tmp_path: Path) -> None:
    ledger = tmp_path / "多列.csv"
    ledger.write_text("小区名称,镇街,楼长,物业费标准\n桂园小区,勉阳街道,王大爷,0.5元/㎡\n", "utf-8")
    report = import_ledger(ledger, tmp_path / "清单.gpkg")
    assert report.unknown_columns == ["楼长", "物业费标准"]
    with Inventory.open(tmp_path / "清单.gpkg", readonly=True) as inventory:
        assert inventory.estates()[0].notes == "楼长：王大爷；物业费标准：0.5元/㎡"


def test_an_unreadable_ledger_is_one_sentence_and_exit_one(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "台账.xlsx"
    bad.write_text("not a workbook", "utf-8")
    assert main(["import", str(bad), "--into", str(tmp_path / "清单.gpkg")]) == 1
    err = capsys.readouterr().err.strip()
    assert "不是有效的 Excel 文件" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "清单.gpkg").exists()


def test_geojson_outlines_in_a_declared_crs_fill_estate_areas_and_derive_points(tmp_path: Path) -> None:
    import shapely
    from pyproj import Transformer
    from shapely.geometry import box, mapping

    to_gk = Transformer.from_crs(4490, 4545, always_xy=True)
    truth = box(106.670, 33.150, 106.672, 33.152)
    in_gk = shapely.transform(truth, lambda xy: np.column_stack(to_gk.transform(xy[:, 0], xy[:, 1])))
    source = tmp_path / "范围面.geojson"
    source.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4545"}},
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"小区名称": "桂园小区", "所在镇（街道）": "勉阳街道"},
                        "geometry": mapping(in_gk),
                    }
                ],
            },
            ensure_ascii=False,
        ),
        "utf-8",
    )
    into = tmp_path / "清单.gpkg"
    report = import_ledger(source, into)
    assert len(report.imported) == 1
    with Inventory.open(into, readonly=True) as inventory:
        estate = inventory.estate(report.imported[0])
    assert estate.outline is not None and estate.outline.symmetric_difference(truth).area < 1e-12
    assert estate.location is not None and truth.contains(Point(estate.location))


def test_the_sheet_option_picks_another_sheet(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    ledger = excel_ledger(tmp_path / "台账.xlsx")
    assert main(["import", str(ledger), "--into", str(tmp_path / "x.gpkg"), "--sheet", "填表说明"]) == 1
    assert main(["import", str(ledger), "--into", str(tmp_path / "x.gpkg"), "--sheet", "没有这张表"]) == 1
    assert "没有名为“没有这张表”的工作表" in capsys.readouterr().err


def test_unsafe_camera_links_are_refused_with_a_reason_and_not_stored(tmp_path: Path) -> None:
    ledger = tmp_path / "监控.csv"
    ledger.write_text(
        "小区名称,镇街,监控链接\n桂园小区,勉阳街道,javascript:alert(1)；rtsp://10.0.0.8/Streaming/Channels/101；"
        "file:///C:/Windows/system32/calc.exe\n",
        "utf-8",
    )
    report = import_ledger(ledger, tmp_path / "清单.gpkg")
    with Inventory.open(tmp_path / "清单.gpkg", readonly=True) as inventory:
        links = [c.link for c in inventory.estate(report.imported[0]).cameras]
    assert links == ["rtsp://10.0.0.8/Streaming/Channels/101"]
    refused = [w for w in report.warnings if w.field == "监控链接"]
    assert len(refused) == 2 and all("未导入" in w.message for w in refused)


def test_the_crs_flag_names_the_system_when_the_ledger_does_not(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from onemap.geo.chinacoords import wgs84_to_gcj02

    ledger = tmp_path / "高德.csv"
    lines = ["小区名称,镇街,经度,纬度"]
    for truth in TRUTH:
        lon, lat = wgs84_to_gcj02(truth.lon, truth.lat)
        lines.append(f"{truth.name},{truth.township},{lon:.7f},{lat:.7f}")
    ledger.write_text("\n".join(lines) + "\n", "utf-8")
    into = tmp_path / "清单.gpkg"
    assert main(["import", str(ledger), "--into", str(into), "--crs", "gcj02"]) == 0
    assert "坐标系：gcj02" in capsys.readouterr().out
    found = _positions(into)
    for truth in TRUTH:
        assert _error_m(found[(truth.name, truth.township)], truth) < 2.0
