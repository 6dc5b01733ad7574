"""Inventory files are GeoPackage 1.2: both GDAL validators pass and GDAL 3.6's ogrinfo reads them quietly.

The validators are the gdal-utils wheel's ``validate_gpkg.py`` and Debian bookworm's (GDAL 3.6,
``python3-gdal``, run by /usr/bin/python3): see ``tests/conftest.py``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from onemap.demo import make_demo
from tests.conftest import debian_validator, run_validators
from tests.core.test_gpkg_conversion import FIXTURE


def _assert_valid(path: Path) -> None:
    for result in run_validators(path):
        assert result.returncode == 0, result.stdout + result.stderr


def test_default_demo_inventory_passes_the_geopackage_validator(demo_file: Path) -> None:
    _assert_valid(demo_file)


@pytest.mark.skipif(shutil.which("dpkg") is None, reason="not a Debian system: python3-gdal does not apply")
def test_debian_gdal_3_6_validator_is_among_the_validators_run() -> None:
    assert debian_validator() is not None, "apt-get install python3-gdal (scripts/setup does it as root)"


def test_new_files_declare_geopackage_1_2(demo_file: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(demo_file)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 10200
    conn.close()


def _ogrinfo_warnings(path: Path) -> str:
    result = subprocess.run(["ogrinfo", "-ro", "-so", str(path), "estates"], capture_output=True, text=True, check=True)
    return result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL's ogrinfo (gdal-bin) is not installed")
def test_gdal_3_6_ogrinfo_opens_the_file_without_a_partial_support_warning(demo_file: Path) -> None:
    assert "may only be partially supported" not in _ogrinfo_warnings(demo_file)


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL's ogrinfo (gdal-bin) is not installed")
def test_gdal_before_3_7_did_warn_on_onemap_0_1_files() -> None:
    version = subprocess.run(["ogrinfo", "--version"], capture_output=True, text=True).stdout
    if not version.startswith("GDAL 3.6"):
        pytest.skip(f"needs GDAL 3.6 as in Debian bookworm, not {version.strip()}")
    assert "may only be partially supported" in _ogrinfo_warnings(FIXTURE)


@pytest.mark.slow
def test_twenty_thousand_estate_demo_passes_the_geopackage_validator(tmp_path: Path) -> None:
    path = tmp_path / "demo 20000.gpkg"
    make_demo(path, estates=20_000).close()
    _assert_valid(path)


def test_empty_new_inventory_passes_the_geopackage_validator(fresh) -> None:  # type: ignore[no-untyped-def]
    _assert_valid(fresh.path)


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL's ogrinfo (gdal-bin) is not installed")
def test_ogrinfo_lists_every_layer_with_chinese_names_intact(demo_file: Path) -> None:
    listing = subprocess.run(["ogrinfo", "-ro", str(demo_file)], capture_output=True, text=True, check=True).stdout
    for layer in (
        "estates",
        "estate_areas",
        "buildings",
        "cameras",
        "admin_areas",
        "facilities",
        "contacts",
        "funding",
        "renovation_items",
        "issues",
        "photos",
        "audit_log",
    ):
        assert f": {layer} " in listing
    detail = subprocess.run(
        ["ogrinfo", "-ro", "-so", str(demo_file), "estates"], capture_output=True, text=True, check=True
    ).stdout
    assert "IDENTIFIER=老旧小区" in detail
    assert 'EPSG",4490' in detail
    one = subprocess.run(
        [
            "ogrinfo",
            "-ro",
            "-q",
            str(demo_file),
            "-sql",
            "SELECT name, township FROM estates WHERE township = '勉阳街道' LIMIT 1",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "township (String) = 勉阳街道" in one


def test_chinese_aliases_are_recorded_for_qgis(demo_file: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(demo_file)
    aliases = dict(conn.execute("SELECT column_name, name FROM gpkg_data_columns WHERE table_name='estates'"))
    assert aliases["name"] == "小区名称"
    assert aliases["township"] == "所在镇（街道）"
    statuses = dict(conn.execute("SELECT value, description FROM gpkg_data_column_constraints"))
    assert statuses["under_construction"] == "在建"


def test_inventory_is_one_self_contained_file_with_a_rollback_journal(demo_file: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(demo_file)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert sorted(p.name for p in demo_file.parent.iterdir()) == [demo_file.name]
