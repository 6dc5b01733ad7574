"""Small hostile ledgers: each is refused in one sentence, or imported with a clear finding, quickly.

Every file is built here, small.  The time bounds are generous guards against the minutes
and hours these files used to take (a noisy shared machine must still pass), not benchmarks.
"""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from onemap.cli import main
from onemap.io.importer import import_ledger
from onemap.io.tables import LedgerError
from onemap.store import Inventory

HEADER = ["小区名称", "所在镇（街道）", "户数"]
ROWS = [["桂园小区", "勉阳街道", 120], ["汉江花园", "武侯镇", 300]]


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "台账"
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    book.save(path)
    return path


def _rewrite(path: Path, part: str, edit) -> Path:  # type: ignore[no-untyped-def]
    """Copy the workbook with one part changed (``edit(bytes) -> bytes``, or ``None`` to drop it)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    out = path.with_name("改-" + path.name)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            new = edit(data) if name == part else data
            if new is not None:
                target.writestr(name, new)
    return out


SHEET = "xl/worksheets/sheet1.xml"


def _refused(source: Path, tmp_path: Path, *words: str, seconds: float = 10.0) -> LedgerError:
    start = time.perf_counter()
    with pytest.raises(LedgerError) as caught:
        import_ledger(source, tmp_path / "清单.gpkg")
    assert time.perf_counter() - start < seconds
    error = caught.value
    assert all(word in error.message_zh for word in words), error.message_zh
    assert "\n" not in error.message_zh and error.message_en and "内部错误" not in error.message_zh
    assert not (tmp_path / "清单.gpkg").exists()
    return error


def _imported(source: Path, tmp_path: Path, seconds: float = 10.0):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    report = import_ledger(source, tmp_path / "清单.gpkg")
    assert time.perf_counter() - start < seconds
    return report


# --- Excel ----------------------------------------------------------------------------------


def test_a_merged_range_to_the_last_cell_of_the_sheet_costs_only_the_rows_that_exist(tmp_path: Path) -> None:
    merged = _rewrite(
        _workbook(tmp_path / "台账.xlsx"),
        SHEET,
        lambda xml: xml.replace(
            b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>'
        ),
    )
    assert merged.stat().st_size < 10_000
    report = _imported(merged, tmp_path)
    assert len(report.imported) == 2  # row 3 (汉江花园) is the range's corner: its own value stays


def test_a_cell_at_xfd1048576_costs_one_row_not_a_million(tmp_path: Path) -> None:
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    source = _rewrite(_workbook(tmp_path / "台账.xlsx"), SHEET, lambda xml: xml.replace(b"</sheetData>", far))
    assert source.stat().st_size < 10_000
    report = _imported(source, tmp_path)
    assert len(report.imported) == 2


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "台账.xlsx")
    with zipfile.ZipFile(source) as original:
        parts = {info.filename: original.read(info) for info in original.infolist() if info.filename != SHEET}
    bomb = tmp_path / "炸弹.xlsx"
    row = b'<row><c t="inlineStr"><is><t>a</t></is></c></row>' * 1000
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, data in parts.items():
            target.writestr(name, data)
        with target.open(SHEET, "w", force_zip64=True) as sheet:
            sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for _ in range(1600):  # 80 MB of XML, a few hundred KB on disk
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")
    assert bomb.stat().st_size < 2_000_000
    _refused(bomb, tmp_path, "压缩炸弹")


@pytest.mark.parametrize(
    ("part", "edit"),
    [
        (SHEET, lambda xml: xml[: len(xml) // 2]),
        ("xl/workbook.xml", lambda xml: b"<workbook><sheets>"),
        (SHEET, lambda xml: None),
        ("xl/_rels/workbook.xml.rels", lambda xml: None),
    ],
    ids=["sheet-xml-cut", "workbook-xml-broken", "sheet-part-missing", "relations-missing"],
)
def test_damaged_parts_inside_a_valid_zip_are_refused_in_one_sentence(tmp_path: Path, part, edit) -> None:  # type: ignore[no-untyped-def]
    damaged = _rewrite(_workbook(tmp_path / "台账.xlsx"), part, edit)
    _refused(damaged, tmp_path, "不是有效的 Excel 文件")


def test_the_cli_says_a_damaged_workbook_in_one_line_without_internal_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    damaged = _rewrite(_workbook(tmp_path / "台账.xlsx"), SHEET, lambda xml: xml[:100])
    assert main(["import", str(damaged), "--into", str(tmp_path / "清单.gpkg")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "内部错误" not in err and "Traceback" not in err


def test_a_workbook_with_more_cells_than_memory_should_hold_asks_for_csv(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from onemap.io import tables_xlsx_sheets

    monkeypatch.setattr(tables_xlsx_sheets, "MAX_CELLS", 5)  # the real limit is 8 million: too big to build here
    _refused(_workbook(tmp_path / "台账.xlsx"), tmp_path, "另存为 CSV")


# --- CSV ------------------------------------------------------------------------------------


def _csv(tmp_path: Path, text: str, name: str = "台账.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_cr_only_line_ends_read_as_rows(tmp_path: Path) -> None:
    report = _imported(_csv(tmp_path, "小区名称,镇街,户数\r桂园小区,勉阳街道,120\r汉江花园,武侯镇,300\r"), tmp_path)
    assert len(report.imported) == 2


def test_an_unbalanced_quote_is_refused_naming_its_row(tmp_path: Path) -> None:
    text = '小区名称,镇街,户数\n桂园小区,勉阳街道,120\n"汉江花园,武侯镇,300\n粮食局家属院,周家山镇,80\n'
    _refused(_csv(tmp_path, text), tmp_path, "第 3 行", "引号")


def test_a_128_kb_field_is_refused_naming_its_row(tmp_path: Path) -> None:
    text = f'小区名称,镇街,备注\n桂园小区,勉阳街道,1\n汉江花园,武侯镇,"{"很" * 140_000}"\n'
    _refused(_csv(tmp_path, text), tmp_path, "第 3 行", "128 KB")


def test_a_cell_longer_than_excel_allows_is_refused_naming_row_and_column(tmp_path: Path) -> None:
    text = f'小区名称,镇街,备注\n桂园小区,勉阳街道,1\n汉江花园,武侯镇,"{"长" * 40_000}"\n'
    _refused(_csv(tmp_path, text), tmp_path, "第 3 行", "“备注”列")


def test_a_row_of_a_million_columns_takes_linear_time(tmp_path: Path) -> None:
    text = "小区名称,镇街,户数\n桂园小区,勉阳街道,120" + ",x" * 1_000_000 + "\n汉江花园,武侯镇,300\n"
    report = _imported(_csv(tmp_path, text), tmp_path)
    assert len(report.imported) == 2


def test_a_header_wider_than_excel_allows_is_refused(tmp_path: Path) -> None:
    header = ",".join(["小区名称", "镇街", *(f"列{k}" for k in range(40_000))])
    _refused(_csv(tmp_path, header + "\n桂园小区,勉阳街道\n"), tmp_path, "40002 列", "16384")


def test_sixteen_thousand_unknown_columns_are_read_in_linear_time(tmp_path: Path) -> None:
    header = ",".join(["小区名称", "镇街", *(f"列{k}" for k in range(16_000))])
    report = _imported(_csv(tmp_path, header + "\n桂园小区,勉阳街道" + ",v" * 16_000 + "\n"), tmp_path, seconds=30)
    assert len(report.imported) == 1 and len(report.unknown_columns) == 16_000


# --- GeoJSON --------------------------------------------------------------------------------


def test_deeply_nested_geojson_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "深.geojson"
    source.write_text('{"type": "FeatureCollection", "features": ' + "[" * 200_000 + "]" * 200_000 + "}", "utf-8")
    _refused(source, tmp_path, "嵌套层数过深")


@pytest.mark.parametrize(
    "coordinates",
    ["[NaN, Infinity]", "[106.67, -Infinity]", "[[[[[[[[106.67, 33.15]]]]]]]]"],
    ids=["nan-infinity", "minus-infinity", "too-deep"],
)
def test_unusable_geojson_coordinates_are_a_finding_naming_the_row(tmp_path: Path, coordinates: str) -> None:
    good = {
        "type": "Feature",
        "properties": {"小区名称": "桂园小区", "所在镇（街道）": "勉阳街道"},
        "geometry": {"type": "Point", "coordinates": [106.671, 33.152]},
    }
    bad = (
        '{"type": "Feature", "properties": {"小区名称": "汉江花园", "所在镇（街道）": "武侯镇"}, '
        f'"geometry": {{"type": "Point", "coordinates": {coordinates}}}}}'
    )
    source = tmp_path / "点.geojson"
    source.write_text(
        '{"type": "FeatureCollection", "features": [' + json.dumps(good, ensure_ascii=False) + ", " + bad + "]}",
        "utf-8",
    )
    report = _imported(source, tmp_path)
    assert len(report.imported) == 2
    [finding] = [w for w in report.warnings if w.row == 2]
    assert "位置未导入" in finding.message and "position not imported" in finding.message_en
    with Inventory.open(tmp_path / "清单.gpkg", readonly=True) as inventory:
        located = {e.name: e.location for e in inventory.estates()}
    assert located["汉江花园"] is None and located["桂园小区"] is not None
