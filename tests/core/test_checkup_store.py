"""Check-up findings and consent in the inventory: schema 8, audited, still a valid GeoPackage."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from onemap.checkup.indicators import available_versions, indicator_set
from onemap.store import Inventory
from onemap.store.checkup import CheckupFinding, Readiness
from onemap.store.geometry import register_functions
from onemap.store.triggers import OUTSIDE
from tests.conftest import run_validators
from tests.core.checkup_support import clear_survey
from tests.store_access import connection

CODE = "6107250001"


def test_the_2024_wording_holds_every_national_housing_and_estate_indicator() -> None:
    wording = indicator_set("2024")
    housing = [i for i in wording.indicators.values() if i.dimension == "housing"]
    estate = [i for i in wording.indicators.values() if i.dimension == "estate"]
    assert (len(housing), len(estate)) == (10, 12)
    assert wording.indicators["H02"].name == "存在燃气安全隐患的住宅数量" and wording.indicators["H02"].hazard
    assert {i.facility for i in estate if i.source == "coverage"} == {
        "elderly_care",
        "childcare",
        "kindergarten",
        "activity_space",
    }
    assert set(wording.groups) >= {"structure", "gas", "stairwell", "envelope", "pipes", "ageing", "digital"}
    assert set(wording.groups) >= {"parking", "charging", "activity_space", "footpath", "property_management"}
    assert wording.indicator_of("gas.no_alarm").code == "H02"
    assert "2024" in available_versions()


def _two_findings(inventory: Inventory) -> list[int]:
    fids = sorted(inventory.building_keys().values())[:1]
    with inventory.transaction():
        inventory.add_findings(
            [
                CheckupFinding(CODE, "H02", "2024", fids[0], "gas.no_alarm", surveyor="李四", surveyed_on="2025-03-01"),
                CheckupFinding(CODE, "C05", "2024", None, "parking.shortage", value=35.0, photo="现场/车位.jpg"),
            ]
        )
        inventory.set_readiness(Readiness(CODE, 72.5, 68.0, "2025-02-01"))
    return fids


def test_findings_and_consent_are_kept_audited_and_read_back(demo_copy: Path) -> None:
    clear_survey(demo_copy)
    with Inventory.open(demo_copy, user="调查员") as inventory:
        fids = _two_findings(inventory)
        with inventory.transaction():
            inventory.set_readiness(Readiness(CODE, 72.5, 55.0, "2025-02-01", demolition=True))
        key = f"{CODE}/{next(iter(inventory.audit.entries('renewal_readiness', None, limit=1))).row_key.split('/')[1]}"
    with Inventory.open(demo_copy, readonly=True) as inventory:
        found = inventory.checkup_findings([CODE])
        ready = inventory.readiness()[CODE]
        trail = inventory.audit.entries("checkup_findings", f"{CODE}/{found[0].fid}")
        changes = inventory.audit.entries("renewal_readiness", key)
    assert [(f.indicator, f.building_fid, f.problem, f.value) for f in found] == [
        ("H02", fids[0], "gas.no_alarm", None),
        ("C05", None, "parking.shortage", 35.0),
    ]
    assert (ready.owners_consent_pct, ready.area_consent_pct, ready.demolition) == (72.5, 55.0, True)
    assert trail[0].who == "调查员" and trail[0].action == "insert" and "gas.no_alarm" in (trail[0].new_value or "")
    assert {(e.field, e.old_value, e.new_value) for e in changes[:2]} == {  # the second write, newest first
        ("area_consent_pct", "68.0", "55.0"),
        ("demolition", "0", "1"),
    }


def test_an_inventory_with_findings_passes_both_geopackage_validators(demo_copy: Path) -> None:
    with Inventory.open(demo_copy) as inventory:
        _two_findings(inventory)
        conn = connection(inventory)
        kinds = dict(conn.execute("SELECT table_name, data_type FROM gpkg_contents"))
        aliases = dict(conn.execute("SELECT table_name || '.' || column_name, name FROM gpkg_data_columns"))
    assert kinds["checkup_findings"] == kinds["renewal_readiness"] == "attributes"
    assert aliases["checkup_findings.indicator"] == "指标编码"
    for result in run_validators(demo_copy):
        assert result.returncode == 0, result.stdout + result.stderr


def test_a_finding_written_by_another_program_lands_in_the_audit_trail(demo_copy: Path) -> None:
    with Inventory.open(demo_copy):
        pass  # migrated to schema 8 with its triggers
    with sqlite3.connect(demo_copy) as outside:
        register_functions(outside)  # what QGIS and GDAL provide: the R-tree triggers call ST_IsEmpty
        outside.execute(
            "INSERT INTO checkup_findings (estate_code, indicator, version, problem) VALUES (?, 'C10', '2024', 'x')",
            (CODE,),
        )
    with Inventory.open(demo_copy, readonly=True) as inventory:
        fid = inventory.checkup_findings([CODE])[-1].fid
        trail = inventory.audit.entries("checkup_findings", f"{CODE}/{fid}")
    assert any(e.who == OUTSIDE and e.field == "indicator" and e.new_value == "C10" for e in trail)
