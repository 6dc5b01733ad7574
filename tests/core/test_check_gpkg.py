"""``onemap validate`` reports R-tree trigger sets that do not match the file's declared GeoPackage version."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from onemap.store.check import check_inventory
from tests.core.test_gpkg_conversion import FIXTURE


def _trigger_findings(path: Path) -> dict[str, str]:
    report = check_inventory(path)
    assert report.usable
    return {f.where: f.message_en for f in report.findings if "trigger" in f.message_en}


def test_a_new_inventory_has_the_triggers_of_the_version_it_declares(demo_file: Path) -> None:
    assert _trigger_findings(demo_file) == {}


def test_an_unconverted_onemap_0_1_file_is_consistent_geopackage_1_4() -> None:
    assert _trigger_findings(FIXTURE) == {}


def test_1_4_triggers_in_a_file_that_declares_1_2_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "改了版本号.gpkg"
    shutil.copy(FIXTURE, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 10200")
    conn.commit()
    conn.close()
    found = _trigger_findings(path)
    assert set(found) == {"estates", "estate_areas", "buildings", "cameras", "admin_areas", "facilities"}
    assert "GeoPackage 1.4's but the file declares 1.2" in found["estates"]


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="GDAL's ogr2ogr (gdal-bin) is not installed")
def test_a_layer_added_by_gdal_3_6_to_a_1_4_file_is_reported_as_qgis_3_22_makes_it(tmp_path: Path) -> None:
    # QGIS 3.22 adds layers through GDAL < 3.7, which writes the 1.2/1.3 update1/update3 triggers
    path = tmp_path / "QGIS 加过图层.gpkg"
    shutil.copy(FIXTURE, path)
    points = tmp_path / "新增点位.geojson"
    points.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"名称": "新增"},
                        "geometry": {"type": "Point", "coordinates": [106.67, 33.15]},
                    }
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    subprocess.run(
        ["ogr2ogr", "-update", "-nln", "qgis_points", str(path), str(points)], check=True, capture_output=True
    )
    found = _trigger_findings(path)
    assert list(found) == ["qgis_points"]
    assert "GeoPackage 1.2/1.3's but the file declares 1.4 (QGIS 3.22" in found["qgis_points"]


def test_the_faulty_pre_1_2_1_update3_trigger_is_reported(demo_copy: Path) -> None:
    conn = sqlite3.connect(demo_copy)
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'rtree_cameras_geom_update3'").fetchone()
    conn.execute("DROP TRIGGER rtree_cameras_geom_update3")
    conn.execute(sql.replace('AFTER UPDATE ON "cameras"', 'AFTER UPDATE OF "geom" ON "cameras"'))
    conn.commit()
    conn.close()
    assert list(_trigger_findings(demo_copy)) == ["cameras"]


def test_a_missing_trigger_is_reported(demo_copy: Path) -> None:
    conn = sqlite3.connect(demo_copy)
    conn.execute("DROP TRIGGER rtree_buildings_geom_delete")
    conn.commit()
    conn.close()
    found = _trigger_findings(demo_copy)
    assert list(found) == ["buildings"] and "incomplete" in found["buildings"]
