"""Files OneMap cannot use get one clear sentence and exit code 1, and are never written to."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.store import Inventory, InventoryError


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
    data[4096 * 3: 4096 * 8] = b"\xff" * (4096 * 5)
    demo_copy.write_bytes(bytes(data))
    err = _refused(demo_copy, capsys, "validate")
    assert "损坏" in err or "不是 OneMap" in err


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="GDAL's ogr2ogr (gdal-bin) is not installed")
def test_a_geopackage_from_elsewhere_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "points.geojson"
    source.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"名称":"桂园"},'
                      '"geometry":{"type":"Point","coordinates":[106.67,33.15]}}]}', encoding="utf-8")
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
