"""A file written by OneMap 0.1 (GeoPackage 1.4) is backed up, then converted to GeoPackage 1.2 on open."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from shapely.geometry import box

from onemap.store import Inventory
from onemap.store.check import check_inventory
from onemap.store.check_gpkg import TRIGGER_SETS, trigger_names
from onemap.store.geometry import encode
from onemap.store.gpkg import spatial_indexes
from tests.conftest import debian_validator, run_validators
from tests.core.test_rtree import assert_rtree_matches
from tests.store_access import connection

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "onemap-0.1-demo.gpkg"
SPATIAL = ("estates", "estate_areas", "buildings", "cameras", "admin_areas", "facilities")


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    """A private copy of the 8-estate demo that OneMap 0.1 (commit ef83157) wrote."""
    target = tmp_path / "旧版 演示.gpkg"
    shutil.copy(FIXTURE, target)
    return target


def _trigger_sets(path: Path) -> set[frozenset[str]]:
    conn = sqlite3.connect(path)
    try:
        return {frozenset(trigger_names(conn, t, c)) for t, c, _fid in spatial_indexes(conn)}
    finally:
        conn.close()


def _dump(path: Path) -> list[str]:
    """A file's content and header stamps (a backup-API copy differs from the original in
    its change counter only)."""
    conn = sqlite3.connect(path)
    try:
        stamps = [str(conn.execute(f"PRAGMA {p}").fetchone()[0]) for p in ("application_id", "user_version")]
        return stamps + list(conn.iterdump())
    finally:
        conn.close()


def test_the_fixture_is_what_onemap_0_1_wrote_geopackage_1_4() -> None:
    conn = sqlite3.connect(FIXTURE)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 10400
    assert [r[0] for r in conn.execute("SELECT name FROM onemap_migrations")] == [
        "0001_inventory",
        "0002_participation",
    ]
    conn.close()
    assert _trigger_sets(FIXTURE) == {TRIGGER_SETS["1.4"]}


def test_opening_a_1_4_file_backs_it_up_then_converts_it_to_geopackage_1_2(old_file: Path) -> None:
    before = _dump(old_file)
    with Inventory.open(old_file, user="测试员") as inventory:
        assert inventory.backup is not None and _dump(inventory.backup) == before
        assert "before-upgrade" in inventory.backup.name
        assert connection(inventory).execute("PRAGMA user_version").fetchone()[0] == 10200
        assert inventory.count() == 8
    assert _trigger_sets(old_file) == {TRIGGER_SETS["1.2/1.3"]}


def test_the_converted_file_keeps_its_rtrees_right_through_every_kind_of_write(old_file: Path) -> None:
    with Inventory.open(old_file, user="测试员") as inventory:
        first, second = [e.code for e in inventory.estates()][:2]
        with inventory.transaction():
            inventory.move_estate(first, (106.9, 33.4))
            inventory.move_estate(second, None)
            connection(inventory).execute(
                "UPDATE estate_areas SET geom = ? WHERE estate_code = ?", (encode(box(106.0, 33.0, 106.1, 33.1)), first)
            )
            connection(inventory).execute("UPDATE buildings SET fid = fid + 1000 WHERE estate_code = ?", (first,))
        with inventory.transaction():
            inventory.delete_estate(second)
        for table in ("estates", "estate_areas", "buildings"):
            assert_rtree_matches(inventory, table)
        assert inventory.codes_within(106.89, 33.39, 106.91, 33.41) == [first]


def test_a_converted_file_passes_both_validators_and_validate(old_file: Path) -> None:
    Inventory.open(old_file).close()
    results = run_validators(old_file)
    if debian_validator() is not None:
        assert len(results) == 2
    for result in results:
        assert result.returncode == 0, result.stdout + result.stderr
    report = check_inventory(old_file)
    assert report.usable and report.estates == 8
    assert not [f for f in report.findings if "触发器" in f.message], report.findings


def test_the_converted_file_gets_qgis_styles_for_every_layer(old_file: Path) -> None:
    Inventory.open(old_file).close()
    conn = sqlite3.connect(old_file)
    styled = {r[0] for r in conn.execute("SELECT f_table_name FROM layer_styles WHERE useAsDefault")}
    assert set(SPATIAL) <= styled and "contacts" in styled
    assert conn.execute("SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'").fetchone() == (
        "attributes",
    )


def test_a_style_the_user_saved_in_qgis_stays_the_default(old_file: Path) -> None:
    conn = sqlite3.connect(old_file)
    script = (Path(__file__).resolve().parents[2] / "db" / "migrations" / "0003_geopackage_1_2.sql").read_text("utf-8")
    conn.executescript(script)
    conn.execute(
        "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
        "styleName, styleQML, useAsDefault) VALUES ('', '', 'estates', 'geom', '我的样式', '<qgis/>', 1)"
    )
    conn.commit()
    conn.close()
    Inventory.open(old_file).close()
    conn = sqlite3.connect(old_file)
    rows = dict(conn.execute("SELECT styleName, useAsDefault FROM layer_styles WHERE f_table_name = 'estates'"))
    assert rows == {"我的样式": 1, "OneMap": 0}
