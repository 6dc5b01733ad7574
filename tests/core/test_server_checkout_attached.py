"""A checkout carries everything attached to its estates (check-up findings, consent, 片区, photos, issues,
alerts, the area's facilities), and a checkin sends changes to those back — from a server or an office file."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg
import pytest

from onemap.cli import main
from onemap.store import Inventory
from onemap.store.checkup import CheckupFinding, Readiness
from onemap.store.facilities import Facility
from onemap.store.files import connect as connect_file
from tests.core.server_support import loaded

TOWNSHIP = "勉阳街道"
ATTACHED = ("checkup_findings", "renewal_readiness", "district_members", "photos", "issues", "alerts", "facilities")


def _attach(path: Path) -> dict[str, Any]:
    """Give the township's first estates findings (one on a building), consent, a 片区, a photo, an issue, an
    alert and facilities: the estate's, a stand-alone one inside the area and one far outside it."""
    with Inventory.open(path) as office, office.transaction():
        ours = [e for e in office.estates() if e.township == TOWNSHIP][:3]
        other = next(e for e in office.estates() if e.township != TOWNSHIP)
        building = office.child_fids("buildings", ours[0].code)[0]
        office.add_findings(
            [
                CheckupFinding(ours[0].code, "roof_leak", "2025", building_fid=building, value=3.0),
                CheckupFinding(ours[1].code, "no_ramp", "2025", problem="缺坡道"),
                CheckupFinding(other.code, "no_ramp", "2025"),
            ]
        )
        office.set_readiness(Readiness(ours[0].code, owners_consent_pct=70.0, area_consent_pct=68.0))
        office.set_districts({ours[0].code: "北片区", ours[1].code: "北片区", other.code: "南片区"})
        office.add_facility(Facility("社区食堂", "canteen", ours[0].location, estate_code=ours[0].code))
        lon, lat = ours[1].location  # type: ignore[misc]
        inside = office.add_facility(Facility("公交站", "bus_stop", (lon + 1e-4, lat), township=TOWNSHIP))
        office.add_facility(Facility("远处学校", "school", (lon + 5.0, lat + 5.0)))
    with closing(
        connect_file(path, readonly=False)
    ) as conn:  # photos, issues and alerts as another program (or an importer) wrote them
        conn.execute("INSERT INTO photos (estate_code, caption, path) VALUES (?, '楼道', 'a.jpg')", (ours[0].code,))
        conn.execute("INSERT INTO issues (estate_code, problem, state) VALUES (?, '漏水', 'open')", (ours[2].code,))
        conn.execute(
            "INSERT INTO alerts (estate_code, device_kind, device, type, level, first_time, last_time) "
            "VALUES (?, 'sensor', 'S1', 'gas', 2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            (ours[0].code,),
        )
    return {"codes": [e.code for e in ours], "building": building, "inside": inside}


def _rows(conn: Any, table: str, codes: list[str]) -> int:
    mark = "%s" if isinstance(conn, psycopg.Connection) else "?"
    query = f"SELECT count(*) FROM {table} WHERE estate_code IN ({', '.join(mark for _ in codes)})"
    return int(conn.execute(query, codes).fetchone()[0])


@pytest.fixture(params=["server", "file"])
def origin(request: pytest.FixtureRequest, demo_copy: Path, tmp_path: Path) -> tuple[str, dict[str, Any]]:
    attached = _attach(demo_copy)
    if request.param == "file":
        return str(demo_copy), attached
    url = request.getfixturevalue("pg_database")
    return loaded(url, demo_copy), attached


def _q(conn: Any, query: str, *params: Any) -> list[Any]:
    """Rows of a query with ``?`` marks, on either engine."""
    if isinstance(conn, psycopg.Connection):
        query = query.replace("?", "%s")
    return list(conn.execute(query, params).fetchall())


def _connect(origin: str) -> Any:
    return psycopg.connect(origin) if origin.startswith("postgresql") else sqlite3.connect(origin)


def test_a_checkout_carries_every_attached_row_of_its_estates_and_the_areas_facilities(
    origin: tuple[str, dict[str, Any]], tmp_path: Path
) -> None:
    source, attached = origin
    out = tmp_path / "外业.gpkg"
    assert main(["checkout", source, "--where", f"镇街={TOWNSHIP}", "-o", str(out)]) == 0
    with sqlite3.connect(out) as copy, _connect(source) as there:
        codes = [r[0] for r in copy.execute("SELECT code FROM estates")]
        for table in ATTACHED[:-1]:
            assert _rows(copy, table, codes) == _rows(there, table, codes) > 0, table
        marks = ", ".join("?" for _ in codes)
        assert _q(copy, f"SELECT count(*) FROM checkup_findings WHERE estate_code NOT IN ({marks})", *codes) == [(0,)]
        facilities = {r[0] for r in copy.execute("SELECT name FROM facilities")}
        owners = {r[0] for r in copy.execute("SELECT estate_code FROM facilities")}
        building = copy.execute(
            "SELECT b.name, b.floors FROM checkup_findings f JOIN buildings b "
            "ON b.fid = f.building_fid WHERE f.indicator = 'roof_leak'"
        ).fetchone()
        theirs = _q(there, "SELECT name, floors FROM buildings WHERE fid = ?", attached["building"])[0]
    assert {"社区食堂", "公交站"} <= facilities and "远处学校" not in facilities  # the far school stays behind
    assert owners <= {*codes, None}
    assert tuple(building) == tuple(theirs)  # the finding still names its building, renumbered in the copy


def test_a_checkin_sends_back_changes_to_findings_consent_districts_photos_and_facilities(
    origin: tuple[str, dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, attached = origin
    first, second, _third = attached["codes"]
    out = tmp_path / "外业.gpkg"
    assert main(["checkout", source, "--where", f"镇街={TOWNSHIP}", "-o", str(out)]) == 0
    with Inventory.open(out) as laptop, laptop.transaction():
        building = laptop.child_fids("buildings", second)[0]
        gone = next(f.fid for f in laptop.checkup_findings([second]) if f.problem == "缺坡道")
        laptop.delete_finding(gone)  # type: ignore[arg-type]
        laptop.add_findings([CheckupFinding(second, "dark_stairs", "2025", building_fid=building, value=2.0)])
        laptop.set_readiness(Readiness(first, owners_consent_pct=91.0, area_consent_pct=88.0))
        laptop.set_districts({second: "东片区"})
        laptop.update_facility(attached["inside"], notes="外业：站牌已换")
    with closing(
        connect_file(out, readonly=False)
    ) as conn:  # a photo caption changed in QGIS: audited by the file's triggers
        conn.execute("UPDATE photos SET caption = '楼道（修后）' WHERE estate_code = ?", (first,))
    capsys.readouterr()
    assert main(["checkin", str(out), "--json"]) == 0
    with _connect(source) as there:
        found = _q(
            there,
            "SELECT f.indicator, f.value, b.estate_code FROM checkup_findings f JOIN buildings b "
            "ON b.fid = f.building_fid WHERE f.estate_code = ? AND f.indicator = 'dark_stairs'",
            second,
        )
        left = there.execute("SELECT count(*) FROM checkup_findings WHERE problem = '缺坡道'").fetchone()[0]
        consent = _q(there, "SELECT owners_consent_pct FROM renewal_readiness WHERE estate_code = ?", first)[0][0]
        district = _q(there, "SELECT district FROM district_members WHERE estate_code = ?", second)[0]
        caption = _q(there, "SELECT caption FROM photos WHERE estate_code = ?", first)[0][0]
        notes = there.execute("SELECT notes FROM facilities WHERE name = '公交站'").fetchone()[0]
    assert [tuple(r) for r in found] == [("dark_stairs", 2.0, second)]  # the new finding, on its building there
    assert left == 0  # the finding deleted in the field
    assert (consent, district[0], caption, notes) == (91.0, "东片区", "楼道（修后）", "外业：站牌已换")
    capsys.readouterr()
    assert main(["checkin", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["applied"] == []  # a rerun changes nothing
