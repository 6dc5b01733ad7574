"""An export imported back changes nothing: same fields, points, outlines, people; no audit row."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from onemap.cli import main
from onemap.io.importer import import_ledger
from onemap.store import Inventory
from tests.store_access import connection

FORMATS = [".csv", ".xlsx", ".geojson", ".shp"]


def snapshot(path: Path) -> tuple[dict[str, Any], int]:
    """Every estate as comparable values (not ``updated_at``), and the audit trail's length."""
    estates = {}
    with Inventory.open(path, readonly=True) as inventory:
        for listed in inventory.estates():
            estate = inventory.estate(listed.code)
            attributes = estate.attributes()
            attributes.pop("updated_at")
            estates[estate.code] = {
                "fields": attributes,
                "point": estate.location,
                "outline": None if estate.outline is None else estate.outline.normalize().wkb_hex,
                "contacts": sorted((c.role, c.name, c.title, c.phone) for c in estate.contacts),
                "funding": sorted((f.source, f.amount_wan) for f in estate.funding),
                "items": sorted((i.category, i.item) for i in estate.items),
                "cameras": sorted((c.name, c.kind, c.link, c.gb_id, c.channel) for c in estate.cameras),
            }
        audit_rows = connection(inventory).execute("SELECT count(*) FROM audit_log").fetchone()[0]
    return estates, audit_rows


@pytest.mark.parametrize("suffix", FORMATS)
def test_importing_an_export_into_its_own_inventory_changes_nothing(
    demo_copy: Path, tmp_path: Path, suffix: str
) -> None:
    before, audit_before = snapshot(demo_copy)
    out = tmp_path / f"导出{suffix}"
    assert main(["export", str(demo_copy), str(out)]) == 0
    report = import_ledger(out, demo_copy)
    assert (len(report.imported), len(report.updated), len(report.skipped)) == (0, 0, 0)
    assert report.unknown_columns == [] and report.warnings == []
    after, audit_after = snapshot(demo_copy)
    assert after == before  # fields (notes untouched, 1998年 kept), points, outlines, people, cameras
    assert audit_after == audit_before


@pytest.mark.parametrize("suffix", [".geojson", ".shp"])
def test_outlines_travel_with_gis_exports_into_a_new_inventory(demo_file: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"导出{suffix}"
    main(["export", str(demo_file), str(out), "--where", "镇街=勉阳街道"])
    again = tmp_path / "新清单.gpkg"
    report = import_ledger(out, again)
    assert not report.skipped and not report.unknown_columns
    source, _ = snapshot(demo_file)
    copy, _ = snapshot(again)
    assert sorted(copy) == sorted(report.imported) and len(copy) > 20
    for code, estate in copy.items():
        assert estate["fields"] == source[code]["fields"]
        assert estate["point"] == pytest.approx(source[code]["point"], abs=1e-9)  # the point, not the outline's
        assert estate["outline"] is not None


def test_the_geojson_export_marks_outlines_so_qgis_and_the_importer_tell_them_apart(
    demo_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "导出.geojson"
    main(["export", str(demo_file), str(out)])
    features = json.loads(out.read_text("utf-8"))["features"]
    points = [f for f in features if f["geometry"] and f["geometry"]["type"] == "Point"]
    areas = [f for f in features if f["properties"].get("layer") == "estate_areas"]
    assert len(points) == len(areas) == 150 and len(features) == 300
    assert {a["geometry"]["type"] for a in areas} <= {"Polygon", "MultiPolygon"}
    assert {a["properties"]["code"] for a in areas} == {p["properties"]["code"] for p in points}


def test_a_reimport_that_changes_one_estate_updates_only_that_one(demo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "导出.csv"
    main(["export", str(demo_copy), str(out)])
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    code = rows[1][0]
    rows[1][rows[0].index("户数")] = "4321"
    with out.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    _, audit_before = snapshot(demo_copy)
    report = import_ledger(out, demo_copy)
    assert report.updated == [code] and report.imported == [] and report.skipped == []
    with Inventory.open(demo_copy, readonly=True) as inventory:
        assert inventory.estate(code).households == 4321
    assert snapshot(demo_copy)[1] == audit_before + 1  # one audited field, nothing else rewritten
