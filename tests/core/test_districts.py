"""片区: neighbours of one township grouped under a household cap, saved, edited and rolled up."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from onemap.checkup.districts import DistrictEstate, propose
from onemap.cli import main
from onemap.store import Inventory


def _districts(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, object]]:
    assert main(["districts", str(path), "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("cap", [600, 2000, 5000])
def test_districts_never_cross_townships_or_exceed_their_cap_and_hold_each_eligible_estate_once(
    demo_copy: Path, capsys: pytest.CaptureFixture[str], cap: int
) -> None:
    found = _districts(demo_copy, capsys, "--max-households", str(cap))
    assert main(["score", str(demo_copy), "--json"]) == 0
    eligible = {s["estate"] for s in json.loads(capsys.readouterr().out) if s["eligible"]}
    with Inventory.open(demo_copy, readonly=True) as inventory:
        rows = {str(r[0]): (r[1], r[2] or 0) for r in inventory.estate_columns(["code", "township", "households"])}
    placed = [code for d in found for code in d["estates"]]  # type: ignore[union-attr]
    assert sorted(placed) == sorted(eligible)  # the demo's estates are all located
    for d in found:
        codes = d["estates"]
        assert isinstance(codes, list) and {rows[c][0] for c in codes} == {d["township"]}
        assert d["households"] == sum(rows[c][1] for c in codes)
        assert len(codes) == 1 or d["households"] <= cap
    assert any(len(d["estates"]) > 1 for d in found)  # type: ignore[arg-type]


def test_a_group_prefers_the_neighbour_sharing_its_facility_gap_and_stays_within_reach() -> None:
    lon, lat, step = 106.67, 33.15, 300 / 110_574.0  # 300 m north per step
    estates = [
        DistrictEstate("A", "勉阳街道", households=300, location=(lon, lat), gaps=frozenset({"kindergarten"})),
        DistrictEstate("B", "勉阳街道", households=300, location=(lon, lat + step)),  # nearest, no shared gap
        DistrictEstate(
            "C", "勉阳街道", households=300, location=(lon, lat - 1.3 * step), gaps=frozenset({"kindergarten"})
        ),
        DistrictEstate("D", "勉阳街道", households=300, location=(lon, lat + 5 * step)),  # 1.2 km away: out of reach
        DistrictEstate("E", "武侯镇", households=10, location=(lon, lat + 0.1 * step)),  # next door, other township
    ]
    found = propose(estates, max_households=600, within_m=500)
    assert [(d.name, d.estates, d.households) for d in found] == [
        ("勉阳街道第1片区", ["A", "C"], 600),
        ("勉阳街道第2片区", ["B"], 300),
        ("勉阳街道第3片区", ["D"], 300),
        ("武侯镇第1片区", ["E"], 10),
    ]


def test_saved_districts_are_edited_audited_and_rolled_up(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = _districts(demo_copy, capsys, "--save")
    first = found[0]
    code = first["estates"][0]  # type: ignore[index]
    assert main(["districts", str(demo_copy), "--assign", f"{code}=示意片区"]) == 0
    with Inventory.open(demo_copy, readonly=True) as inventory:
        members = inventory.district_map()
        trail = inventory.audit.entries("district_members", None, limit=2)
    assert members[code] == "示意片区" and len(members) == sum(len(d["estates"]) for d in found)  # type: ignore[arg-type]
    assert {e.action for e in trail} == {"insert", "delete"}
    capsys.readouterr()
    assert main(["checkup", str(demo_copy), "rollup", "--level", "district", "--json"]) == 0
    groups = json.loads(capsys.readouterr().out)["groups"]
    assert "示意片区" in groups and len(groups) == len(set(members.values()))


def test_the_district_sheet_reads_back_one_row_per_district(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "片区.xlsx"
    found = _districts(demo_copy, capsys, "-o", str(out))
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == ("片区", "镇（街道）", "小区（个）", "户数", "小区")
    assert [(r[0], r[1], r[2], r[3]) for r in rows[1:]] == [
        (d["name"], d["township"], len(d["estates"]), d["households"])  # type: ignore[arg-type]
        for d in found
    ]
    assert all(f"（{c}）" in rows[1][4] for c in found[0]["estates"])  # type: ignore[union-attr,operator]
