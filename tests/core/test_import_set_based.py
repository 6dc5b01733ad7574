"""The set-based import writes exactly what the row-by-row import wrote, table by table.

The row-by-row path is still in the store (``Inventory.bulk_load(each=True)`` for new
estates, ``Inventory.estate`` per matched row, every cell parsed anew): it is the oracle.
The same ledgers go through both, and every table of the two files — audit trail, R-trees
and extents included, timestamps aside — and the two reports must be equal.
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import onemap.io.import_batch as import_batch
import onemap.io.import_forked as import_forked
import onemap.io.importer as importer
from onemap.cli import main
from onemap.demo import demo_estates
from onemap.io.importer import ImportOptions, import_ledger
from onemap.store import Inventory
from onemap.store.ledger_load import estates_by_code, load_new_estates, refresh_extents
from onemap.store.rows import CHILD_LISTS
from tests.core.ledgers import dms_csv, excel_ledger, gb18030_csv_bd09
from tests.core.test_bulk_index import _assert_index_is_what_the_triggers_write

_TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)?")
_STAMPS = {"updated_at", "at", "last_change"}


class _EveryCellAnew:
    """The old reading: each cell parsed by its parser, nothing remembered."""

    def read(self, parser: Any, raw: object, short_cut: Any = None) -> Any:
        return parser(raw)


class _RowByRow:
    """Inside ``with``: the importer takes the row-by-row path (its own patches, undone on leaving)."""

    def __enter__(self) -> None:
        self.patches = pytest.MonkeyPatch()
        self.patches.setattr(import_forked, "ENABLED", False)  # one process: the patches below apply
        self.patches.setattr(importer, "CellReader", _EveryCellAnew)
        self.patches.setattr(import_batch, "load_fresh", _bulk_load_if_any)
        self.patches.setattr(import_batch, "estates_by_code", lambda *read: {})  # Inventory.estate for each

    def __exit__(self, *exc: object) -> None:
        self.patches.undo()


def _bulk_load_if_any(inventory: Any, fresh: list[tuple[str, Any]], note: str, _window: Any) -> int:
    """What the row-by-row importer did with a batch's new estates: an ``Estate`` each, one insert each."""
    estates = []
    for code, draft in fresh:
        estate = draft.estate()
        estate.code = code
        for attr in CHILD_LISTS.values():
            for child in getattr(estate, attr):
                child.estate_code = code
        estates.append(estate)
    return inventory.bulk_load(estates, note=note, each=True) if estates else 0


@pytest.fixture
def row_by_row() -> _RowByRow:
    return _RowByRow()


def _tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        found = {}
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in names:
            if table.startswith("rtree_") and table.endswith(("_node", "_parent", "_rowid")):
                continue  # the R-tree's own pages: its rows are compared through the virtual table
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")') if r[1] not in _STAMPS]
            picked = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(f'SELECT {picked} FROM "{table}" ORDER BY rowid').fetchall()
            found[table] = [tuple(_TIME.sub("<time>", v) if isinstance(v, str) else v for v in r) for r in rows]
        found["triggers"] = sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
        return found
    finally:
        conn.close()


def _report(report: Any) -> dict[str, Any]:
    data = report.as_dict()
    data.pop("backup")
    return data


def _both(source: Path, start: Path | None, tmp_path: Path, row_by_row: Any, **options: Any) -> list[Any]:
    """Import ``source`` twice into a copy of ``start`` (or a new file) by each path; the files and reports."""
    results = []
    for way in ("set", "rows"):
        into = tmp_path / way / "清单.gpkg"
        into.parent.mkdir()
        if start is not None:
            shutil.copy(start, into)
        reports = []
        for _again in range(2):
            if way == "rows":
                with row_by_row:
                    reports.append(_report(import_ledger(source, into, ImportOptions(**options))))
            else:
                reports.append(_report(import_ledger(source, into, ImportOptions(**options))))
        results.append((reports, _tables(into)))
    return results


def repetitive_ledger(path: Path, rows: int, encoding: str = "gb18030") -> Path:
    """A ledger as offices repeat it: few townships, statuses and years; some cells wrong, some rows twice."""
    rng = random.Random(7)
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(
            ["序号", "所在镇（街道）", "小区名称", "建成年代", "户数（户）", "改造状态", "包抓负责人"]
            + ["联系电话", "经度", "纬度", "坐标系", "监控链接", "总投资（万元）", "楼长"]
        )
        for k in range(rows):
            name = f"测试小区{k % (rows - 5)}"  # the last five rows repeat the first five
            lon, lat = 106.60 + rng.random() * 0.15, 33.10 + rng.random() * 0.1
            if k % 97 == 3:
                lon, lat = 116.397, 39.909  # far away: imported unlocated, with a warning
            link = f"rtsp://admin:pw{k}@10.0.{k % 250}.{k % 200 + 1}/Streaming/Channels/101" if k % 50 == 1 else ""
            writer.writerow(
                [
                    k + 1,
                    ["勉阳街道", "武侯镇", "周家山镇"][k % (rows - 5) % 3],
                    name,
                    rng.choice(["1990年", "20世纪80年代", "约1995年", "不详", "19955年"]),
                    rng.choice([f"{rng.randint(20, 900):,}", "约300户", "三百"]),
                    rng.choice(["在建", "已完工", "计划", "完工待验收", "搁置"]),
                    rng.choice(["张伟", "李娜", ""]),
                    rng.choice([f"138-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}", "0916-3212345", "暂无"]),
                    f"{lon:.7f}",
                    f"{lat:.7f}",
                    rng.choice(["高德", "高德", "GCJ-02"]),
                    link,
                    rng.choice([f"{rng.uniform(50, 900):.2f}", "12.5万元", ""]),
                    rng.choice(["王大爷", "", "密码：123456"]),
                ]
            )
        writer.writerow(["", "合计", "", "", "", "", "", "", "", "", "", "", "", ""])
    return path


def test_a_repetitive_ledger_imports_and_reimports_as_row_by_row(tmp_path: Path, row_by_row: Any, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(importer, "BATCH_ROWS", 150)  # several batches, duplicates across them
    source = repetitive_ledger(tmp_path / "台账.csv", 700)
    (set_reports, set_tables), (row_reports, row_tables) = _both(source, None, tmp_path, row_by_row, county="610725")
    assert set_reports == row_reports and set_tables == row_tables
    first, again = set_reports
    assert len(first["imported"]) == 695 and first["warnings"] and first["skipped"]
    assert again["imported"] == [] and len(again["unchanged"]) + len(again["updated"]) == 695
    assert len([e for e in set_tables["audit_log"] if e[2] == "insert" and e[3] == "estates"]) == 695


def test_the_demo_exported_and_imported_back_changes_nothing_by_either_path(
    demo_file: Path, tmp_path: Path, row_by_row: Any
) -> None:
    exported = tmp_path / "导出.csv"
    assert main(["export", str(demo_file), str(exported)]) == 0
    (set_reports, set_tables), (row_reports, row_tables) = _both(exported, demo_file, tmp_path, row_by_row)
    assert set_reports == row_reports and set_tables == row_tables
    assert set_reports[0]["updated"] == [] and len(set_reports[0]["unchanged"]) == 150


def test_the_demo_exported_into_a_new_file_is_the_same_by_either_path(
    demo_file: Path, tmp_path: Path, row_by_row: Any
) -> None:
    exported = tmp_path / "导出.csv"
    assert main(["export", str(demo_file), str(exported)]) == 0
    (set_reports, set_tables), (row_reports, row_tables) = _both(exported, None, tmp_path, row_by_row)
    assert set_reports == row_reports and set_tables == row_tables
    assert len(set_reports[0]["imported"]) == 150 and len(set_tables["cameras"]) > 150


@pytest.mark.parametrize("make", [excel_ledger, gb18030_csv_bd09, dms_csv], ids=["xlsx", "gb18030", "dms"])
def test_the_test_ledgers_import_as_row_by_row(make: Any, tmp_path: Path, row_by_row: Any) -> None:
    source = make(tmp_path / f"台账{'.xlsx' if make is excel_ledger else '.csv'}")
    (set_reports, set_tables), (row_reports, row_tables) = _both(source, None, tmp_path, row_by_row, county="610725")
    assert set_reports == row_reports and set_tables == row_tables


def test_a_cancel_midway_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(importer, "BATCH_ROWS", 100)
    into = tmp_path / "清单.gpkg"
    import_ledger(repetitive_ledger(tmp_path / "旧.csv", 120), into, ImportOptions(county="610725"))
    before = hashlib.sha256(into.read_bytes()).hexdigest()
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 2  # after two batches were written

    with pytest.raises(InterruptedError):
        import_ledger(repetitive_ledger(tmp_path / "新.csv", 500), into, ImportOptions(), cancel=cancel)
    assert hashlib.sha256(into.read_bytes()).hexdigest() == before


def test_estates_read_a_batch_at_a_time_are_the_estates_read_one_by_one(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        codes = [row[0] for row in inventory.estate_columns(("code",))][::3]
        batch = estates_by_code(inventory, [*codes, "0000000000"])
        assert sorted(batch) == sorted(codes)
        assert all(batch[code] == inventory.estate(code) for code in codes)
        assert any(e.building_list and e.outline is not None and e.contacts for e in batch.values())
        slim = estates_by_code(inventory, codes, ["contacts"])
        assert all(e.building_list == [] and e.contacts == batch[e.code].contacts for e in slim.values())


def test_new_estates_load_as_bulk_load_writes_them_with_each_insert_audited(tmp_path: Path) -> None:
    files = []
    for way in ("set", "bulk"):
        path = tmp_path / f"{way}.gpkg"
        inventory = Inventory.create(path, county_code="610725", county_name="勉县", user="测试员")
        with inventory, inventory.transaction():
            estates = list(demo_estates(60, 7))  # outlines, buildings, cameras, funding, items
            estates[3].notes = "门禁密码：123456"
            if way == "set":
                load_new_estates(inventory, estates[:40], note="导入")
                load_new_estates(inventory, estates[40:], note="导入")
                refresh_extents(inventory)
            else:
                inventory.bulk_load(estates[:40], note="导入", each=True)
                inventory.bulk_load(estates[40:], note="导入", each=True)
        files.append(_tables(path))
    assert files[0] == files[1]
    assert not any("123456" in str(row) for row in files[0]["audit_log"])
    _assert_index_is_what_the_triggers_write(tmp_path / "set.gpkg")
