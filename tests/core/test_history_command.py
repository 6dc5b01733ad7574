"""``onemap history``: the trail newest first, an estate with its child rows, both languages."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from onemap.cli import main
from onemap.store import Inventory
from onemap.store.check import check_inventory
from onemap.store.geometry import register_functions
from tests.store_access import connection

CODE = "6107250003"
SECRET = "Qx7mima9"


def _edit(path: Path) -> None:
    with Inventory.open(path, user="张伟") as inventory, inventory.transaction():
        inventory.update_estate(CODE, households=120)
        fid = connection(inventory).execute("SELECT fid FROM contacts WHERE estate_code = ?", (CODE,)).fetchone()[0]
        inventory.update_child("contacts", fid, phone="13812345678")
        inventory.update_estate("6107250001", households=1)  # another estate: not in CODE's history


def test_history_of_an_estate_lists_its_row_and_child_rows_newest_first_in_chinese(demo_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _edit(demo_copy)
    capsys.readouterr()
    assert main(["history", str(demo_copy), CODE]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "张伟  修改  责任人 6107250003/" in lines[0] and "联系电话：" in lines[0] and "→ 13812345678" in lines[0]
    assert "户数：108 → 120" in lines[1] and lines[-1] == "共 2 条修改记录"


def test_history_in_english_and_json(demo_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _edit(demo_copy)
    capsys.readouterr()
    assert main(["--lang", "en", "history", str(demo_copy), CODE]) == 0
    out = capsys.readouterr().out
    assert "changed  estates 6107250003  households: 108 → 120" in out and out.endswith("2 changes\n")
    assert main(["history", str(demo_copy), "--json", "--limit", "1"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["key"] == "6107250001" and entry["outside_onemap"] is False and entry["new"] == "1"


def test_history_of_an_unknown_estate_is_one_sentence_and_exit_one(demo_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["history", str(demo_copy), "999"]) == 1
    assert capsys.readouterr().err.strip() == "清单中没有编码为 999 的小区。"


def test_opening_for_writing_scrubs_passwords_an_older_onemap_left_in_the_trail(demo_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    row = {"code": CODE, "notes": f"门禁密码：{SECRET}"}
    with sqlite3.connect(demo_copy) as conn:
        conn.execute(
            "INSERT INTO audit_log (at, who, action, table_name, row_key, field, old_value, new_value) "
            "VALUES ('2024-01-01T00:00:00Z', '旧版', 'update', 'estates', ?, 'notes', ?, NULL)",
            (CODE, f"门禁密码：{SECRET}"),
        )
        conn.execute(
            "INSERT INTO audit_log (at, who, action, table_name, row_key, field, old_value, new_value) "
            "VALUES ('2024-01-01T00:00:00Z', '旧版', 'insert', 'estates', ?, NULL, NULL, ?)",
            (CODE, json.dumps(row, ensure_ascii=False)),
        )
    conn.close()
    assert any("audit_log" in f.message and "密码" in f.message for f in check_inventory(demo_copy).findings)
    Inventory.open(demo_copy, readonly=True).close()
    assert SECRET.encode() in demo_copy.read_bytes()  # reading writes nothing
    Inventory.open(demo_copy).close()
    assert SECRET.encode() not in demo_copy.read_bytes()
    assert not [f for f in check_inventory(demo_copy).findings if "密码" in f.message]
    assert main(["history", str(demo_copy), CODE, "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert json.loads(entries[0]["new"]) == {"code": CODE, "notes": "门禁"}


def test_validate_finds_no_credentials_in_the_demo_but_flags_a_link_login_another_program_wrote(
    demo_copy: Path,
) -> None:
    assert not [f for f in check_inventory(demo_copy).findings if "密码" in f.message]
    conn = sqlite3.connect(demo_copy)
    register_functions(conn)
    with conn:
        conn.execute("DROP TRIGGER IF EXISTS onemap_audit_cameras_update")  # only the camera row, for the count
        conn.execute("UPDATE cameras SET link = ? WHERE fid = 1", (f"rtsp://admin:{SECRET}@10.0.0.1/ch1",))
    conn.close()
    [finding] = [f for f in check_inventory(demo_copy).findings if "密码" in f.message]
    assert finding.where == "cameras" and "cameras.link" in finding.message and SECRET not in finding.message
