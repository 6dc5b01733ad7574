"""The import's short cuts write what the row-by-row import writes, byte for byte and word for word.

Link cells remembered parsed, all-NULL columns left out of the INSERTs, the audit JSON built
column by column, matched estates read with their columns sorted out once: a ledger made to
stress each of them (links repeated with and without a login, a secret in a note, text that
JSON must escape, columns that are empty throughout) goes through the importer and through
the row-by-row oracle of ``test_import_set_based`` (with no link remembered), and every
table, the audit trail and both reports must be equal.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import onemap.io.importer as importer
import onemap.io.ledger_cameras as ledger_cameras
from onemap.io.importer import ImportOptions, import_ledger
from onemap.model import Contact, Estate
from onemap.store import Inventory
from onemap.store.ledger_load import _plain_json
from onemap.store.ledger_read import new_estate
from tests.core.test_import_set_based import _both, _RowByRow, _tables

_HOSTILE = ['引号"与\\反斜杠', "制表\t换行\n回车\r", "\u2028行分隔\u2029", "表情😀与\x07响铃", "/斜杠</script>"]


class _RowByRowNothingRemembered(_RowByRow):
    """The oracle, with every link cell parsed anew as well."""

    def __enter__(self) -> None:
        super().__enter__()
        self.patches.setattr(ledger_cameras, "_SEEN_CELLS", {})
        self.patches.setattr(ledger_cameras, "SEEN_CELLS", 0)


def _stressing_ledger(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["序号", "所在镇（街道）", "小区名称", "户数（户）", "经度", "纬度", "监控链接", "备注"])
        for k in range(rows):
            if k % 4 == 0:
                link = "rtsp://admin:pa@ss@10.0.0.1:554/Streaming/Channels/101"  # the same login, row after row
            elif k % 4 == 1:
                link = "rtsp://10.0.0.2/Streaming/Channels/102"
            elif k % 4 == 2:
                link = "javascript:alert(1)"  # refused, and reported on each of its rows
            else:
                link = ""
            note = _HOSTILE[k % len(_HOSTILE)] if k % 3 else ("门禁密码：123456" if k % 2 else "")
            lon, lat = (f"{106.6 + k * 1e-4:.7f}", f"{33.1 + k * 1e-4:.7f}") if k % 7 else ("", "")
            writer.writerow([k + 1, "勉阳街道", f"小区{k}", 100 + k if k % 5 else "", lon, lat, link, note])
    return path


def test_a_stressing_ledger_imports_and_reimports_as_row_by_row_with_nothing_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH_ROWS", 25)  # several batches, remembered links across them
    monkeypatch.setattr(ledger_cameras, "_SEEN_CELLS", {})
    source = _stressing_ledger(tmp_path / "台账.csv", 120)
    oracle = _RowByRowNothingRemembered()
    (set_reports, set_tables), (row_reports, row_tables) = _both(source, None, tmp_path, oracle, county="610725")
    assert set_reports == row_reports and set_tables == row_tables
    first = set_reports[0]
    assert len(first["imported"]) == 120 and len(set_tables["cameras"]) == 60
    logins = [w for w in first["warnings"] if "login removed from link 1" in w["message_en"]]
    assert len(logins) == 30  # one per row that carried it, though its cell was parsed once
    notes = [json.loads(e[-1]).get("notes") for e in set_tables["audit_log"] if e[2] == "insert" and e[3] == "estates"]
    assert {_HOSTILE[0], _HOSTILE[4]} <= set(notes) and any("😀" in (n or "") for n in notes)  # cells read cleaned
    assert not any("123456" in str(row) for row in set_tables["audit_log"])


def test_a_link_cell_with_a_login_is_never_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ledger_cameras, "_SEEN_CELLS", {})
    with_login = ledger_cameras.links_in("rtsp://admin:secret@10.0.0.1/Streaming/Channels/101")
    without = ledger_cameras.links_in("rtsp://10.0.0.1/Streaming/Channels/101")
    assert with_login[0].credential is not None and without[0].credential is None
    assert "secret" not in repr(ledger_cameras._SEEN_CELLS)
    assert list(ledger_cameras._SEEN_CELLS) == [(str, "rtsp://10.0.0.1/Streaming/Channels/101")]
    assert ledger_cameras.links_in("rtsp://10.0.0.1/Streaming/Channels/101") is without
    assert ledger_cameras.links_in(None) == () and ledger_cameras.links_in("") == ()


def test_the_audit_json_built_by_columns_is_what_the_json_encoder_writes() -> None:
    names = ["code", "name", "households", "geom", "progress_pct", "notes", "flag", "empty"]
    rows: list[tuple[Any, ...]] = [
        ("1", "甲", 12, b"blob", 0.1 + 0.2, _HOSTILE[0], True, None),
        ("2", _HOSTILE[1], None, None, 1e-7, _HOSTILE[2], False, None),
        ("3", _HOSTILE[3], -5, b"blob", float("inf"), None, None, None),
    ]
    wkts = ["POINT (106.6 33.1)", None, None]
    built = list(_plain_json(names, rows, wkts, [True, True, True]))
    expected = []
    for row, wkt in zip(rows, wkts, strict=True):
        values: dict[str, Any] = {n: str(v) for n, v in zip(names, row, strict=True) if v is not None and n != "geom"}
        if row[3] is not None:
            values["geom"] = wkt
        expected.append(json.dumps(values, ensure_ascii=False, sort_keys=True))
    assert built == expected


def test_a_ledger_imported_by_the_fast_paths_passes_the_geopackage_validators(tmp_path: Path) -> None:
    from tests.conftest import run_validators

    into = tmp_path / "清单.gpkg"
    import_ledger(_stressing_ledger(tmp_path / "台账.csv", 60), into, ImportOptions(county="610725"))
    with Inventory.open(into, readonly=True) as inventory:
        assert len(inventory.estate_columns(("code",))) == 60
    for result in run_validators(into):
        assert result.returncode == 0, result.stdout + result.stderr
    assert _tables(into)["rtree_estates_geom"]  # the located estates are in the R-tree


def test_an_estate_made_without_init_is_the_estate_init_makes_with_lists_of_its_own() -> None:
    values = {"code": "6107250001", "name": "小区", "households": 12, "categories": ["basic"], "notes": None}
    made, expected = new_estate(dict(values)), Estate(**values)
    assert made == expected and list(vars(made).items()) == list(vars(expected).items())
    other = new_estate({"code": "2", "name": "乙"})
    other.contacts.append(Contact("2", "包抓负责人", "张伟", None, None))
    assert new_estate({"code": "3", "name": "丙"}).contacts == [] and made.contacts == []
    with pytest.raises(TypeError):
        new_estate({"code": "1", "name": "甲", "no_such_field": 1})
    with pytest.raises(TypeError):
        new_estate({"code": "1"})


def test_a_column_left_null_in_every_row_stays_null_even_where_the_table_has_a_default(tmp_path: Path) -> None:
    from onemap.store.bulkindex import BulkIndex
    from onemap.store.ledger_load import _insert_indexed, load_new_estates

    inventory = Inventory.create(tmp_path / "清单.gpkg", county_code="610725", county_name="勉县")
    with inventory, inventory.transaction():
        load_new_estates(inventory, [Estate("6107250001", "甲")], note="测试")
        conn = inventory._conn
        conn.execute("ALTER TABLE contacts ADD COLUMN spare TEXT DEFAULT '默认'")
        names = ["estate_code", "role", "name", "title", "phone", "spare"]
        _insert_indexed(
            conn, BulkIndex(conn, {}), "contacts", names, [("6107250001", "包抓负责人", None, None, None, None)] * 3
        )
        stored = [tuple(r) for r in conn.execute("SELECT name, title, phone, spare FROM contacts")]
    assert stored == [(None, None, None, None)] * 3


_IMEI = "868134040000018"


def _ledger_updating_its_own_estates(path: Path, rows: int) -> Path:
    """Coded rows, then rows naming the same estates without their codes (updates of estates this
    import loaded in earlier batches), a sensor held by two estates, and a GB18030 file."""
    with path.open("w", encoding="gb18030", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(
            ["序号", "小区编码", "所在镇（街道）", "小区名称", "户数（户）", "经度", "纬度", "监控链接", "IMEI"]
        )
        for k in range(rows):
            coded = k < rows // 2
            base = k if coded else (k - rows // 2) % (rows // 2)
            code = f"610725{base + 1:04d}" if coded and base % 2 == 0 else ""
            lon, lat = f"{106.6 + k * 1e-4:.7f}", f"{33.1 + k * 1e-4:.7f}"
            link = f"rtsp://10.0.0.{k % 200 + 1}/Streaming/Channels/101" if k % 3 else ""
            sensor = _IMEI if k in (5, rows // 2 + 7) else ""
            households = "三百" if k % 11 == 0 else ("约3户" if k % 13 == 0 else str(100 + k))
            writer.writerow([k + 1, code, "勉阳街道", f"小区{base}", households, lon, lat, link, sensor])
    return path


def test_later_rows_updating_estates_loaded_by_earlier_batches_write_what_row_by_row_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import run_validators

    monkeypatch.setattr(importer, "BATCH_ROWS", 25)  # the updates come batches after the loads
    monkeypatch.setattr(ledger_cameras, "_SEEN_CELLS", {})
    source = _ledger_updating_its_own_estates(tmp_path / "台账.csv", 120)
    oracle = _RowByRowNothingRemembered()
    (set_reports, set_tables), (row_reports, row_tables) = _both(source, None, tmp_path, oracle, county="610725")
    assert set_reports == row_reports and set_tables == row_tables
    first = set_reports[0]
    assert first["updated"] and first["skipped"] and first["warnings"]  # updates, duplicates, bad cells
    assert len(set_tables["rtree_estates_geom"]) == len(first["imported"])
    into = tmp_path / "set" / "清单.gpkg"
    with sqlite3.connect(into) as conn:
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE name LIKE 'rtree_%' AND sql LIKE '%VIRTUAL%'"
        ):
            assert conn.execute("SELECT rtreecheck(?)", (name,)).fetchone()[0] == "ok"
    for result in run_validators(into):
        assert result.returncode == 0, result.stdout + result.stderr


def test_an_import_of_new_estates_suspends_the_triggers_once_however_many_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import onemap.store.ledger_window as ledger_window

    opened: list[bool] = []
    real = ledger_window.triggers_suspended

    def counted(*args: Any, **kwargs: Any) -> Any:
        opened.append(kwargs.get("parallel", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(ledger_window, "triggers_suspended", counted)
    monkeypatch.setattr(importer, "BATCH_ROWS", 25)
    into = tmp_path / "清单.gpkg"
    report = import_ledger(_stressing_ledger(tmp_path / "台账.csv", 120), into, ImportOptions(county="610725"))
    assert len(report.imported) == 120 and opened == [True]  # five batches, one window, R-trees packed
    with sqlite3.connect(into) as conn:
        located = conn.execute("SELECT fid FROM estates WHERE geom IS NOT NULL ORDER BY fid").fetchall()
        assert conn.execute("SELECT id FROM rtree_estates_geom ORDER BY id").fetchall() == located
        assert conn.execute("SELECT rtreecheck('rtree_estates_geom')").fetchone()[0] == "ok"
    assert 0 < len(located) < 120  # rows without coordinates are not indexed
