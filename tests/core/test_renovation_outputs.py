"""What a renovation delivered (改造成效, schema 9): the columns, their audit, ledgers in and out, the survey."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from onemap.checkup.stats_survey import load_template, save_survey
from onemap.cli import main
from onemap.io.importer import ImportOptions, import_ledger
from onemap.model import OUTPUT_FIELDS, Estate
from onemap.paths import data_path
from onemap.store import Inventory
from onemap.store.geometry import register_functions
from onemap.store.server.schema import _TYPES
from onemap.store.triggers import OUTSIDE
from tests.conftest import run_validators

CODE = "6107250001"


def _schema_8_file(tmp_path: Path) -> Path:
    path = tmp_path / "八版 清单.gpkg"
    with Inventory.create(path, county_code="610725", upto=8) as old, old.transaction():
        old.add_estate(
            Estate(CODE, "桂园小区", "勉阳街道", renewal_year=2024, status="accepted", location=(106.67, 33.15))
        )
    return path


def test_a_schema_8_file_gains_the_output_columns_audited_by_onemap_and_by_other_programs(tmp_path: Path) -> None:
    path = _schema_8_file(tmp_path)
    columns = {r[1]: r[2] for r in sqlite3.connect(path).execute("PRAGMA table_info(estates)")}
    assert not set(OUTPUT_FIELDS) & set(columns)
    with Inventory.open(path, user="张伟") as inventory:
        assert "0009_renovation_outputs" in inventory.schema_migrations
        with inventory.transaction():
            inventory.update_estate(CODE, lifts_added=2, pipelines_km=1.35)
        assert (inventory.estate(CODE).lifts_added, inventory.estate(CODE).pipelines_km) == (2, 1.35)
    conn = sqlite3.connect(path)
    register_functions(conn)  # the ST_* functions every GeoPackage client has
    with conn:  # QGIS or sqlite3 writing the new column: the triggers hear it
        conn.execute("UPDATE estates SET chargers_added = 6 WHERE code = ?", (CODE,))
    audit = conn.execute(
        "SELECT who, field, old_value, new_value FROM audit_log WHERE field IN "
        "('lifts_added', 'pipelines_km', 'chargers_added') ORDER BY fid"
    ).fetchall()
    assert audit == [("张伟", "lifts_added", None, "2"), ("张伟", "pipelines_km", None, "1.35"),
                     (OUTSIDE, "chargers_added", None, "6")]  # fmt: skip
    conn.close()
    for result in run_validators(path):
        assert result.returncode == 0, result.stdout


def test_migration_9_is_plain_add_column_sql_a_postgis_server_can_run_as_it_is() -> None:
    script = data_path("db", "migrations", "0009_renovation_outputs.sql").read_text("utf-8")
    statements = [s.strip() for s in re.sub(r"--[^\n]*", "", script).split(";") if s.strip()]
    plain = r"ALTER TABLE (estates|photos) ADD COLUMN (\w+) (INTEGER|REAL|TEXT|BLOB)|CREATE INDEX \w+ ON photos\(\w+\)"
    added = [re.fullmatch(plain, s) for s in statements]
    assert all(added) and [m.group(2) for m in added if m and m.group(1) == "estates"] == list(OUTPUT_FIELDS)
    assert {"INTEGER": "bigint", "REAL": "double precision", "BLOB": "bytea"}.items() <= _TYPES.items()


def _officials_ledger(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    heads = ["序号", "小区编码", "小区名称", "所在镇（街道）", "经度", "纬度"]
    sheet.append([*heads, "改造管线（km）", "加装电梯（台）", "新增停车位", "电动汽车充电桩（个）", "增设养老设施",
                  "新增托育设施（处）", "增设便民服务设施"])  # fmt: skip
    sheet.append([1, CODE, "桂园小区", "勉阳街道", 106.67, 33.15, "1.2", 3, "40", 12, 1, 0, None])
    sheet.append([2, "6107250002", "药厂家属院", "勉阳街道", 106.68, 33.16, None, None, None, None, None, None, 2])
    book.save(path)
    return path


def test_a_ledger_with_the_headers_officials_write_imports_every_output_figure(tmp_path: Path) -> None:
    into = tmp_path / "清单.gpkg"
    report = import_ledger(_officials_ledger(tmp_path / "改造成效.xlsx"), into, ImportOptions(county="610725"))
    assert report.unknown_columns == [] and len(report.imported) == 2
    with Inventory.open(into, readonly=True) as inventory:
        first, second = inventory.estate(CODE), inventory.estate("6107250002")
    assert [getattr(first, f) for f in OUTPUT_FIELDS] == [1.2, 3, 40, 12, 1, 0, None]
    assert [getattr(second, f) for f in OUTPUT_FIELDS] == [None] * 6 + [2]  # blank stays blank, never 0


def test_a_fractional_lift_count_is_named_by_its_column_and_not_stored(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["小区编码", "小区名称", "加装电梯（部）"])
    book.active.append([CODE, "桂园小区", "2.5"])
    book.save(path)
    report = import_ledger(path, tmp_path / "清单.gpkg", ImportOptions(county="610725"))
    assert [w.field for w in report.warnings] == ["加装电梯（部）"] and "2.5" in report.warnings[0].message
    with Inventory.open(tmp_path / "清单.gpkg", readonly=True) as inventory:
        assert inventory.estate(CODE).lifts_added is None


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".shp", ".geojson"])
def test_an_exported_ledger_carries_the_outputs_into_a_new_inventory(
    demo_file: Path, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"导出{suffix}"
    assert main(["export", str(demo_file), str(out)]) == 0
    if suffix == ".xlsx":
        headers = [c.value for c in openpyxl.load_workbook(out).active[1]]
        assert {"改造管线（公里）", "加装电梯（部）", "增设充电桩（个）"} <= set(headers)
    again = tmp_path / "新清单.gpkg"
    import_ledger(out, again, ImportOptions(county="610725"))
    with Inventory.open(demo_file, readonly=True) as a, Inventory.open(again, readonly=True) as b:
        before = {e.code: [getattr(e, f) for f in OUTPUT_FIELDS] for e in a.estates()}
        after = {e.code: [getattr(e, f) for f in OUTPUT_FIELDS] for e in b.estates()}
    assert after == before and any(v is not None for row in before.values() for v in row)


def _reported(code: str, township: str, **outputs: float | None) -> dict[str, object]:
    return {"code": code, "name": code, "township": township, "renewal_year": 2024, "status": "accepted",
            "households": 100, **{f: outputs.get(f) for f in OUTPUT_FIELDS}}  # fmt: skip


def test_the_effect_sheet_adds_up_what_estates_reported_and_leaves_a_figure_nobody_reported_blank(
    tmp_path: Path,
) -> None:
    estates = [
        _reported("A", "城关", pipelines_km=1.25, lifts_added=2, parking_added=30, chargers_added=10),
        _reported("B", "城关", pipelines_km=0.5, parking_added=0),
        _reported("C", "武侯镇", elderly_facilities_added=1, childcare_facilities_added=1),
        _reported("D", "武侯镇"),
    ]
    out = tmp_path / "统计.xlsx"
    blank = save_survey(estates, 2024, out)
    book = openpyxl.load_workbook(out)
    _version, sheets = load_template()
    assert [h for h, _k in sheets[2].columns] == [c.value for c in book["改造效果情况"][1]]
    effect = [list(r) for r in book["改造效果情况"].iter_rows(min_row=2, values_only=True)]
    assert effect == [
        ["城关", 1.75, 2, 30, 10, None, None, None],
        ["武侯镇", None, None, None, None, 1, 1, None],
        ["合计", 1.75, 2, 30, 10, 1, 1, None],
    ]
    assert not blank & {h for h, _k in sheets[2].columns}
    notes = [r[0] for r in book["说明"].iter_rows(values_only=True)]
    listed = {r[1] for r in book["说明"].iter_rows(min_row=2, values_only=True) if r[2]}
    assert not listed & {h for h, _k in sheets[2].columns}
    assert any("4 个小区中 3 个填报了改造成效" in str(n) for n in notes)


def test_checkup_stats_on_the_demo_totals_the_outputs_the_inventory_holds(demo_file: Path, tmp_path: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        year = [e for e in inventory.estates() if e.renewal_year == 2021]
    out = tmp_path / "统计.xlsx"
    assert main(["checkup", str(demo_file), "stats", "-o", str(out), "--year", "2021"]) == 0
    county = list(openpyxl.load_workbook(out)["改造效果情况"].iter_rows(values_only=True))[-1]
    expected = [round(sum(getattr(e, f) or 0 for e in year), 2) for f in OUTPUT_FIELDS]
    assert county[0] == "合计" and list(county[1:]) == pytest.approx(expected) and expected[0] > 0


def test_checkup_stats_of_a_file_before_schema_9_lists_the_effect_columns_for_the_clerk(tmp_path: Path) -> None:
    path = _schema_8_file(tmp_path)
    out = tmp_path / "统计.xlsx"
    assert main(["checkup", str(path), "stats", "-o", str(out), "--year", "2024"]) == 0
    to_fill = [r[1] for r in openpyxl.load_workbook(out)["说明"].iter_rows(min_row=2, values_only=True) if r[2]]
    effect, basics = load_template()[1][2], load_template()[1][3]
    outputs = set(OUTPUT_FIELDS)
    assert to_fill == [h for h, _k in effect.columns[1:]] + [h for h, k in basics.columns if k in outputs]
    assert sqlite3.connect(path).execute("SELECT count(*) FROM onemap_migrations").fetchone()[0] == 8  # read only


def test_the_per_estate_sheet_carries_each_estates_outputs_and_the_2025_mapping_is_kept_as_shipped(
    demo_file: Path, tmp_path: Path
) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        year = {e.code: e for e in inventory.estates() if e.renewal_year == 2021}
    out, old = tmp_path / "统计.xlsx", tmp_path / "统计2025.xlsx"
    assert main(["checkup", str(demo_file), "stats", "-o", str(out), "--year", "2021"]) == 0
    book = openpyxl.load_workbook(out)
    version, sheets = load_template()
    assert version == "2025.2" and [k for _h, k in sheets[3].columns][-7:] == list(OUTPUT_FIELDS)
    rows = list(book["改造项目基本情况"].iter_rows(values_only=True))
    assert [c for c in rows[0][-7:]] == [h for h, _k in sheets[2].columns[1:]]  # the effect sheet's headings
    for row in rows[1:]:
        assert list(row[-7:]) == [getattr(year[row[0]], f) for f in OUTPUT_FIELDS]  # blank stays blank
    assert any(v is None for row in rows[1:] for v in row[-7:]) and any(row[-7] for row in rows[1:])
    assert main(["checkup", str(demo_file), "stats", "-o", str(old), "--year", "2021", "--template", "2025"]) == 0
    first = list(openpyxl.load_workbook(old)["改造项目基本情况"].iter_rows(values_only=True))
    assert len(first[0]) == 13 and [r[:13] for r in rows] == first
