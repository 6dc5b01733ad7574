"""Ledger rows drafted column by column give the drafts and the report of drafting row by row.

The oracle is :func:`onemap.io.ledger_rows.draft_row` on each row in turn (each row's reading
notes reported first, as the importer did); the ledger under test mixes every kind of
column and every way a cell can go wrong, repeated down the columns so that the memos
answer most cells.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from onemap.io.cells_fast import CellReader
from onemap.io.columns import header_score, map_columns
from onemap.io.ledger_columns import draft_batch
from onemap.io.ledger_rows import Draft, draft_row
from onemap.io.report import ImportReport
from onemap.io.tables import read_table
from tests.core.ledgers import CAMERA_CELL, excel_ledger

HEADER = [
    "序号", "小区名称", "所在镇（街道）", "建成年代", "户数（户）", "改造状态", "改造内容", "监控链接",
    "国标编码", "用户名", "密码", "包抓负责人", "联系电话", "中央资金（万元）", "经度", "纬度",
    "IMEI", "低报", "高报", "开工日期", "完成进度", "楼栋数", "自定义备注",
]  # fmt: skip
CELLS = {
    "建成年代": ["1995年", "约1990年", "90年代", "19955年", "一九九八", "", "八十年代末"],
    "户数（户）": ["120", "1,234", "约300户", "三百", "一千二百", "abc", "", "12.5"],
    "改造状态": ["在建", "已完工", "搁置", "计划", "", "完工 "],
    "改造内容": ["基础类：屋面防水、外墙保温；完善类：加装电梯", "屋面防水,雨污分流", ""],
    "监控链接": [CAMERA_CELL, "rtsp://10.0.0.9/Streaming/Channels/101", "javascript:alert(1)", "", "rtsp://a b"],
    "国标编码": ["61072500011320000011", "", "6107250001132000001", "61072500011320000012"],
    "用户名": ["admin", "", "root"],
    "密码": ["", "12345", "pass word"],
    "包抓负责人": ["张伟", " 李 娜 ", ""],
    "联系电话": ["138-1234-5678", "0916-2212345", "电话不详", ""],
    "中央资金（万元）": ["50", "12.5万", "", "一百"],
    "经度": ["106.6712345", "", "106°40′12.5″"],
    "纬度": ["33.1523451", "", "33°9′8.4″"],
    "IMEI": ["866123456789012", "866123456789012；866123456789013", "", "12345"],
    "低报": ["10", "", "120"],
    "高报": ["25", "5", ""],
    "开工日期": ["2024-03-01", "2024年3月", "45352", "去年", ""],
    "完成进度": ["50%", "0.5", "一半", ""],
    "楼栋数": ["6", "六", "", "6栋"],
    "自定义备注": ["", "管理员 rtsp://admin:secret@10.1.1.1/1", "备注"],
}


def _messy_csv(path: Path, rows: int) -> Path:
    rng = random.Random(5)
    with path.open("w", encoding="gb18030", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for k in range(rows):
            picked = {h: rng.choice(values) for h, values in CELLS.items()}
            name = f"小区{k % 37}" if k % 11 else ""
            writer.writerow([k + 1, name, ["勉阳街道", "武侯镇"][k % 2], *(picked[h] for h in HEADER[3:])])
            if k % 29 == 0:
                writer.writerow(["合计", "", "", "", "9999"])
    return path


def _both(source: Path, batch_rows: int) -> tuple[tuple[list[Draft], list[object]], tuple[list[Draft], list[object]]]:
    table = read_table(source, header_score, None)
    mapping = map_columns(table.headers)
    rows = [row for row in table.iter_rows() if row.skip is None]
    old_report, new_report = ImportReport(str(source), None, True), ImportReport(str(source), None, True)
    old_reader, new_reader = CellReader(), CellReader()
    old, new = [], []
    for row in rows:
        for zh, en in row.notes:
            old_report.warn(row.number, None, zh, en)
        old.append(draft_row(row, mapping, old_report, save_logins=False, reader=old_reader))
    for start in range(0, len(rows), batch_rows):
        new += draft_batch(rows[start : start + batch_rows], mapping, new_report, save_logins=False, reader=new_reader)
    return (new, new_report.warnings), (old, old_report.warnings)


@pytest.mark.parametrize("batch_rows", [1, 7, 2000])
def test_a_messy_ledger_drafted_column_by_column_gives_the_row_by_row_drafts_and_warnings(
    tmp_path: Path, batch_rows: int
) -> None:
    (new, new_warnings), (old, old_warnings) = _both(_messy_csv(tmp_path / "台账.csv", 300), batch_rows)
    assert new == old and len(new) == 300
    assert new_warnings == old_warnings and len(old_warnings) > 300
    assert {w.field for w in old_warnings} >= {"建成年代", "户数（户）", "改造状态", "监控链接", "IMEI"}
    assert any(d.cameras for d in new) and any(d.sensors for d in new) and any(d.items for d in new)
    # a remembered list is shared by no two drafts: each estate owns its own
    categories = [d.values["categories"] for d in new if "categories" in d.values]
    assert len({id(c) for c in categories}) == len(categories)


def test_an_office_xlsx_with_merged_cells_and_reading_notes_drafts_alike_both_ways(tmp_path: Path) -> None:
    (new, new_warnings), (old, old_warnings) = _both(excel_ledger(tmp_path / "台账.xlsx"), 3)
    assert new == old and new
    assert new_warnings == old_warnings and old_warnings
