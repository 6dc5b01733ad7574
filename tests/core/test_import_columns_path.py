"""New estates go to the store as columns and land exactly as the ``Estate``-per-row path writes them.

A GB18030 ledger with every kind of cell (codes given and not, bad and Chinese-numeral
cells, categories, items, three contact roles, funding, several camera links with and
without logins and 国标编码, a secret in a note, unknown columns, duplicates, blank and
totals rows, far and unreadable positions) is imported and re-imported by the column path
and by the row-by-row oracle (an ``Estate`` per row, one audited insert each); every
table, the audit trail, the R-trees and both reports must be equal, and the file must pass
GDAL's validators and SQLite's ``rtreecheck``.
"""

from __future__ import annotations

import csv
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import onemap.io.import_batch as import_batch
import onemap.io.importer as importer
from onemap.io.importer import ImportOptions, import_ledger
from onemap.model import Estate
from onemap.store.ledger_columns_load import point_blobs
from onemap.store.rows import point_blob
from tests.core.test_import_set_based import _both, _RowByRow

_HEADER = [
    "序号", "小区编码", "所在镇（街道）", "小区名称", "建成年代", "户数（户）", "改造类别", "改造内容", "改造状态",
    "包抓负责人", "联系电话", "物业负责人", "物业联系电话", "社区书记", "社区书记电话", "经度", "纬度", "坐标系",
    "监控链接", "国标编码", "中央补助资金", "省级资金", "完工日期", "备注", "楼长",
]  # fmt: skip


def _row(k: int, rng: random.Random) -> list[Any]:
    lon, lat = f"{106.60 + rng.random() * 0.15:.7f}", f"{33.10 + rng.random() * 0.1:.7f}"
    if k % 13 == 5:
        lon, lat = "116.397", "39.909"  # far from the county: imported unlocated, with a warning
    elif k % 17 == 6:
        lon, lat = "东经一百度", lat  # unreadable
    elif k % 11 == 4:
        lon, lat = "", ""
    links = [
        "",
        f"rtsp://10.1.{k % 250}.1/Streaming/Channels/101；rtsp://10.1.{k % 250}.2/Streaming/Channels/101",
        f"rtsp://admin:pw{k}@10.2.{k % 250}.3/h264/ch1/main/av_stream",
        "javascript:alert(1)",
        "http://10.3.0.4/live.flv",
    ][k % 5]
    return [
        k + 1,
        f"6107250{9000 + k}" if k % 6 == 0 else "",
        ["勉阳街道", "武侯镇", "周家山镇", ""][k % 4],
        f"各样小区{k}",
        rng.choice(["1990年", "20世纪80年代", "约1995年", "不详", "19955年", "一九九八年", ""]),
        rng.choice([f"{rng.randint(20, 900):,}", "约300户", "三百", "二百五十", "-5", ""]),
        rng.choice(["基础类", "基础类、完善类", "提升类，完善类", "不知道", ""]),
        rng.choice(["屋面防水、外墙保温", "加装电梯", "", "雨污分流；管网改造"]),
        rng.choice(["在建", "已完工", "计划", "完工待验收", "搁置", ""]),
        rng.choice(["张伟", "李娜", ""]),
        rng.choice([f"138-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}", "0916-3212345", "暂无", ""]),
        rng.choice(["王经理", ""]),
        rng.choice(["13912345678", "一三九", ""]),
        rng.choice(["赵书记", ""]),
        rng.choice(["0916-1234567", ""]),
        lon,
        lat,
        rng.choice(["高德", "GCJ-02", "高德", "火星"]),
        links,
        "61072500001320000001" if k % 5 == 1 else "",
        rng.choice(["120.5", "一百万", "", "12.5万元"]),
        rng.choice(["30", "", "abc"]),
        rng.choice(["2024年5月", "2024-06-30", "明年", ""]),
        rng.choice(["", "门禁密码：778899", '引号"与\\反斜杠', "表情😀"]),
        rng.choice(["王大爷", "", "密码：abc"]),
    ]


def _every_kind_ledger(path: Path, rows: int) -> Path:
    rng = random.Random(12)
    with path.open("w", encoding="gb18030", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(_HEADER)
        for k in range(rows):
            writer.writerow(_row(k, rng))
            if k % 29 == 3:
                writer.writerow([""] * len(_HEADER))  # a blank row
            if k % 31 == 7:
                writer.writerow(_row(k, random.Random(k)))  # the same estate again (same code or name and township)
        writer.writerow(["", "合计", *[""] * (len(_HEADER) - 2)])
    return path


def test_a_ledger_with_every_kind_of_cell_loads_by_columns_as_an_estate_per_row_writes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH_ROWS", 40)  # several batches, duplicates across them
    source = _every_kind_ledger(tmp_path / "台账.csv", 300)
    (col_reports, col_tables), (row_reports, row_tables) = _both(source, None, tmp_path, _RowByRow(), county="610725")
    assert col_reports == row_reports and col_tables == row_tables
    first, again = col_reports
    assert len(first["imported"]) == 300 and first["skipped"] and first["warnings"]
    assert again["imported"] == [] and len(again["unchanged"]) + len(again["updated"]) == 300
    for table in ("contacts", "cameras", "funding", "renovation_items", "rtree_estates_geom"):
        assert col_tables[table], table  # every kind of child row was written
    assert {row[2] for row in col_tables["contacts"]} == {"leader", "property_manager", "community_secretary"}
    assert not any("778899" in str(row) for table in col_tables.values() for row in table)


def test_a_ledger_loaded_by_columns_passes_the_validators_and_rtreecheck(tmp_path: Path) -> None:
    from tests.conftest import run_validators

    into = tmp_path / "清单.gpkg"
    import_ledger(_every_kind_ledger(tmp_path / "台账.csv", 120), into, ImportOptions(county="610725"))
    for result in run_validators(into):
        assert result.returncode == 0, result.stdout + result.stderr
    conn = sqlite3.connect(into)
    try:
        trees = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'rtree_%_geom'")]
        assert "rtree_estates_geom" in trees
        for name in trees:
            assert conn.execute("SELECT rtreecheck(?)", (name,)).fetchone()[0] == "ok", name
    finally:
        conn.close()


def test_a_clean_batch_of_new_estates_makes_no_estate_object(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []
    real = import_batch.Draft.estate

    def counted(draft: Any) -> Estate:
        made.append(draft.row)
        return real(draft)

    monkeypatch.setattr(import_batch.Draft, "estate", counted)
    source = _every_kind_ledger(tmp_path / "台账.csv", 60)
    into = tmp_path / "清单.gpkg"
    report = import_ledger(source, into, ImportOptions(county="610725"))
    assert len(report.imported) == 60 and made == []  # new estates: columns only
    again = import_ledger(source, into, ImportOptions(county="610725"))
    assert len(again.unchanged) + len(again.updated) == 60 and len(made) == 60  # matched ones are compared as estates


def test_point_blobs_cut_from_one_buffer_are_the_blobs_made_one_by_one() -> None:
    points = [(106.5, 33.1), None, (float("nan"), float("nan")), (-0.0, 1e-300), (180.0, -90.0), None]
    assert point_blobs(points) == [point_blob(p) for p in points]
    assert point_blobs([None, None]) == [None, None] and point_blobs([]) == []
