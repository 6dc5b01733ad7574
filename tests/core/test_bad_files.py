"""Files OneMap cannot use get one clear sentence and exit code 1, and are never written to."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import struct
import subprocess
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.store import Inventory, InventoryError, filecheck, files
from onemap.store.geometry import register_functions


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(path: Path, capsys: pytest.CaptureFixture[str], *command: str) -> str:
    """Run ``onemap <command> path``; assert exit 1, one line on stderr, file untouched."""
    before = _digest(path)
    siblings = sorted(p.name for p in path.parent.iterdir())
    code = main([command[0], str(path), *command[1:]])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert _digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == siblings
    return err


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "台账 说明.gpkg"
    path.write_text("这不是数据库，是一份说明。", encoding="gb18030")
    return path


@pytest.mark.parametrize("command", [("validate",), ("list",), ("show", "6107250001")])
def test_a_file_that_is_not_sqlite_is_refused(text_file: Path, capsys, command) -> None:  # type: ignore[no-untyped-def]
    assert "不是 GeoPackage" in _refused(text_file, capsys, *command)


def test_an_empty_file_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "空.gpkg"
    path.touch()
    assert "不是 GeoPackage" in _refused(path, capsys, "validate")


@pytest.mark.parametrize("keep", [0.5, 0.37, 0.01])
def test_a_truncated_file_is_refused(demo_copy: Path, capsys, keep: float) -> None:  # type: ignore[no-untyped-def]
    data = demo_copy.read_bytes()
    demo_copy.write_bytes(data[: int(len(data) * keep)])
    assert "不完整" in _refused(demo_copy, capsys, "validate")
    with pytest.raises(InventoryError) as refused:
        Inventory.open(demo_copy)
    assert refused.value.kind == "truncated"


def test_a_file_with_damaged_pages_is_refused(demo_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = bytearray(demo_copy.read_bytes())
    data[4096 * 3 : 4096 * 8] = b"\xff" * (4096 * 5)
    demo_copy.write_bytes(bytes(data))
    err = _refused(demo_copy, capsys, "validate")
    assert "损坏" in err or "不是 OneMap" in err


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="GDAL's ogr2ogr (gdal-bin) is not installed")
def test_a_geopackage_from_elsewhere_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "points.geojson"
    source.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"名称":"桂园"},'
        '"geometry":{"type":"Point","coordinates":[106.67,33.15]}}]}',
        encoding="utf-8",
    )
    foreign = tmp_path / "别处的 数据.gpkg"
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(foreign), str(source)], check=True, capture_output=True)
    assert "不是 OneMap 清单" in _refused(foreign, capsys, "validate")


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_a_read_only_file_is_refused_for_editing_but_can_be_listed(demo_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    demo_copy.chmod(stat.S_IRUSR | stat.S_IRGRP)
    before = _digest(demo_copy)
    assert main(["validate", str(demo_copy)]) == 0  # readable, so usable: validate says read-only, not unusable
    out = capsys.readouterr().out
    assert "是只读文件：可以查看和导出，但不能修改" in out and "可以使用" in out
    with pytest.raises(InventoryError) as refused:
        Inventory.open(demo_copy)
    assert refused.value.kind == "read_only"
    before = _digest(demo_copy)
    assert main(["list", str(demo_copy), "--where", "状态=在建"]) == 0
    assert "个小区" in capsys.readouterr().out
    assert _digest(demo_copy) == before


def test_a_file_locked_by_another_writer_is_refused(demo_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    other = sqlite3.connect(demo_copy, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        assert "另一个程序" in _refused(demo_copy, capsys, "validate")
        with pytest.raises(InventoryError) as refused:
            Inventory.open(demo_copy)
        assert refused.value.kind == "locked"
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert main(["validate", str(demo_copy)]) == 0


def test_a_missing_file_is_named(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", str(tmp_path / "没有这个文件.gpkg")]) == 1
    assert "找不到文件：没有这个文件.gpkg" in capsys.readouterr().err


def test_a_folder_is_not_an_inventory(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "清单.gpkg"
    folder.mkdir()
    assert main(["validate", str(folder)]) == 1
    assert "文件夹" in capsys.readouterr().err + capsys.readouterr().out


def _rewrite_schema(path: Path, *statements: str) -> None:
    """Change sqlite_master directly, as a damaged file or a careless program would leave it."""
    conn = sqlite3.connect(path, isolation_level=None)
    register_functions(conn)  # as GDAL does: the GeoPackage triggers call ST_IsEmpty & co.
    conn.execute("PRAGMA writable_schema = ON")
    for statement in statements:
        conn.execute(statement)
    conn.close()


def _index_that_lost_track(path: Path) -> None:
    """contacts_code still lists rows its table no longer has (the index was not maintained)."""
    conn = sqlite3.connect(path)
    rootpage, sql = conn.execute("SELECT rootpage, sql FROM sqlite_master WHERE name = 'contacts_code'").fetchone()
    conn.close()
    _rewrite_schema(path, "DELETE FROM sqlite_master WHERE name = 'contacts_code'")
    _rewrite_schema(path, "DELETE FROM contacts WHERE fid % 2 = 0")
    _rewrite_schema(
        path, f"INSERT INTO sqlite_master VALUES ('index', 'contacts_code', 'contacts', {rootpage}, '{sql}')"
    )


def test_an_index_that_lost_track_of_its_table_is_found_without_asking_for_the_full_check(
    demo_copy: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    _index_that_lost_track(demo_copy)
    assert filecheck.integrity_problems(sqlite3.connect(demo_copy), full=False) == []  # quick_check passes it
    err = _refused(demo_copy, capsys, "validate")
    assert err.startswith(f"{demo_copy.name} 已损坏（SQLite 完整性检查：") and "contacts_code" in err


def test_validate_full_finds_an_index_on_other_columns_than_it_claims(demo_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _rewrite_schema(
        demo_copy,
        "UPDATE sqlite_master SET sql = 'CREATE INDEX contacts_code ON contacts(name)' WHERE name = 'contacts_code'",
    )
    assert main(["validate", str(demo_copy)]) == 0  # the quick check cannot see it...
    capsys.readouterr()
    err = _refused(demo_copy, capsys, "validate", "--full")  # ...the full one can
    assert "已损坏" in err and "contacts_code" in err


def test_a_file_from_a_newer_onemap_is_reported_as_read_only(demo_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _rewrite_schema(demo_copy, "INSERT INTO onemap_migrations VALUES ('0099_from_the_future', '2030-01-01')")
    assert main(["validate", str(demo_copy)]) == 0
    assert "由更新版本的 OneMap 创建（0099_from_the_future），本版本只能只读打开" in capsys.readouterr().out


def _break_an_outline(path: Path) -> str:
    """Move the last point of the first outline off its first one: the ring is no longer closed."""
    conn = files.connect(path, readonly=False)
    code, blob = conn.execute("SELECT estate_code, geom FROM estate_areas ORDER BY fid LIMIT 1").fetchone()
    conn.execute(
        "UPDATE estate_areas SET geom = ? WHERE estate_code = ?", (bytes(blob[:-8]) + struct.pack("<d", 33.0), code)
    )
    conn.close()
    return str(code)


def test_an_outline_ring_that_is_not_closed_is_found_and_readers_name_it_instead_of_failing(
    demo_copy: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    code = _break_an_outline(demo_copy)
    assert main(["validate", str(demo_copy)]) == 0
    out = capsys.readouterr().out
    assert f"[{code}] 范围面几何已损坏" in out
    notice = f"小区 {code} 的范围面几何已损坏"
    for command in (
        ["show", str(demo_copy), code],
        ["export", str(demo_copy), str(tmp_path / "出.geojson")],
        ["brief", str(demo_copy), code, "-o", str(tmp_path / "简报.pdf")],
    ):
        assert main(command) == 0
        err = capsys.readouterr().err
        assert err.count(notice) == 1 and "内部错误" not in err


def test_a_name_in_the_schema_that_is_not_utf8_gets_a_clear_refusal(demo_copy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _rewrite_schema(demo_copy, "CREATE TABLE placeholder (a)")
    gbk = "你好".encode("gbk").hex()
    create = (b'CREATE TABLE "' + bytes.fromhex(gbk) + b'" (a)').hex()
    _rewrite_schema(
        demo_copy,
        f"UPDATE sqlite_master SET name = CAST(X'{gbk}' AS TEXT), "
        f"tbl_name = CAST(X'{gbk}' AS TEXT), sql = CAST(X'{create}' AS TEXT) "
        "WHERE name = 'placeholder'",
    )
    for command in (("validate",), ("list",)):
        err = _refused(demo_copy, capsys, *command)
        assert "不是 UTF-8 编码" in err and demo_copy.name in err
