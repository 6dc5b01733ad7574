"""Outputs never destroy inputs: the same file under any name is refused, failures leave nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.outputs import OutputError, OutputFile


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _spellings(inventory: Path, tmp_path: Path) -> list[Path]:
    """The inventory under other names: itself, with ./.. in it, a symlink, a hard link."""
    link = tmp_path / "快捷方式.gpkg"
    link.symlink_to(inventory)
    hard = tmp_path / "硬链接.gpkg"
    os.link(inventory, hard)
    detour = inventory.parent / "." / ".." / inventory.parent.name / inventory.name
    return [inventory, detour, link, hard]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need a privilege on Windows")
def test_export_onto_its_own_inventory_under_any_name_is_refused_and_changes_nothing(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(demo_copy)
    for same in _spellings(demo_copy, tmp_path):
        assert main(["export", str(demo_copy), str(same), "--force", "--where", "状态=在建"]) == 1, same
        err = capsys.readouterr().err
        assert "就是输入文件" in err and len(err.strip().splitlines()) == 1
        assert _digest(demo_copy) == before
    assert main(["--lang", "en", "export", str(demo_copy), str(demo_copy), "--force"]) == 1
    assert "is the input file" in capsys.readouterr().err


def test_brief_and_snapshot_refuse_to_write_over_their_inventory(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(demo_copy)
    pdf_named = demo_copy.with_suffix(".pdf")
    os.link(demo_copy, pdf_named)  # the inventory also reachable as a .pdf name
    assert main(["brief", str(demo_copy), "--all", "-o", str(pdf_named), "--force"]) == 1
    assert "就是输入文件" in capsys.readouterr().err
    png_named = demo_copy.with_suffix(".png")
    os.link(demo_copy, png_named)
    assert main(["snapshot", str(demo_copy), "-o", str(png_named), "--force"]) == 1
    assert "就是输入文件" in capsys.readouterr().err
    assert _digest(demo_copy) == before


def test_import_into_its_own_source_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = tmp_path / "台账.csv"
    ledger.write_text("小区名称,所在镇（街道）\n桂园小区,勉阳街道\n", encoding="utf-8")
    before = _digest(ledger)
    assert main(["import", str(ledger), "--into", str(ledger), "--county", "610725"]) == 1
    assert "就是输入文件" in capsys.readouterr().err and _digest(ledger) == before


@pytest.mark.parametrize("command", ["demo", "export", "brief"])
def test_every_writer_refuses_an_existing_output_without_force(
    command: str, demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / {"demo": "a.gpkg", "export": "a.csv", "brief": "a.pdf"}[command]
    out.write_bytes(b"earlier")
    argv = {
        "demo": ["demo", str(out), "--estates", "3"],
        "export": ["export", str(demo_file), str(out)],
        "brief": ["brief", str(demo_file), "6107250001", "-o", str(out)],
    }[command]
    assert main(argv) == 1
    assert "已存在" in capsys.readouterr().err and out.read_bytes() == b"earlier"
    assert main([*argv, "--force"]) == 0
    assert out.read_bytes() != b"earlier"
    companions = ["a.layers.gpkg"] if command == "demo" else []  # the demo's schematic reference layers
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out.name, *companions])  # no temporary file left


def test_a_failed_export_leaves_no_file_and_keeps_the_earlier_one(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = tmp_path / "新.gpkg"
    assert main(["export", str(demo_file), str(fresh), "--where", "状态=快好了"]) == 1
    assert not fresh.exists() and list(tmp_path.iterdir()) == []
    earlier = tmp_path / "旧.gpkg"
    assert main(["export", str(demo_file), str(earlier), "--where", "状态=在建"]) == 0
    before = _digest(earlier)
    assert main(["export", str(demo_file), str(earlier), "--force", "--where", "foo=1"]) == 1
    assert _digest(earlier) == before and [p.name for p in tmp_path.iterdir()] == ["旧.gpkg"]
    capsys.readouterr()


def test_an_output_folder_that_does_not_exist_is_named_as_such(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "没有的文件夹"
    assert main(["export", str(demo_file), str(missing / "a.gpkg")]) == 1
    assert "目标文件夹不存在" in capsys.readouterr().err
    assert main(["demo", str(missing / "a.gpkg")]) == 1
    err = capsys.readouterr().err
    assert "目标文件夹不存在" in err and "磁盘已满" not in err
    assert main(["--lang", "en", "demo", str(missing / "a.gpkg")]) == 1
    assert "the folder does not exist" in capsys.readouterr().err.lower()
    assert not missing.exists()


@pytest.mark.skipif(
    sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="root writes into read-only folders; Windows has no read-only folders",
)
def test_a_read_only_folder_gets_its_own_sentence(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert main(["export", str(demo_file), str(folder / "a.csv")]) == 1
        assert "不允许写入" in capsys.readouterr().err
    finally:
        folder.chmod(stat.S_IRWXU)


@pytest.mark.skipif(
    sys.platform == "win32" or not shutil.which("setpriv") or not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="runs the command as nobody, which needs root and setpriv",
)
def test_a_read_only_folder_gets_its_own_sentence_for_an_ordinary_user(demo_file: Path) -> None:
    import subprocess
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="onemap-ro-"))  # outside pytest's private (0700) folders
    try:
        root.chmod(0o755)
        inventory = root / "清单.gpkg"
        shutil.copy(demo_file, inventory)
        inventory.chmod(0o644)
        (root / "home").mkdir(mode=0o777)
        (root / "home").chmod(0o777)
        folder = root / "只读"
        folder.mkdir(mode=0o555)
        env = {
            **os.environ,
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
            "XDG_STATE_HOME": str(root / "home"),
            "HOME": str(root / "home"),
        }
        done = subprocess.run(
            [
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                sys.executable,
                "-m",
                "onemap",
                "export",
                str(inventory),
                str(folder / "a.csv"),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 1 and "不允许写入" in done.stderr, done.stderr
        assert list(folder.iterdir()) == []
    finally:
        shutil.rmtree(root)


def test_output_file_replaces_only_when_the_writer_finished(tmp_path: Path) -> None:
    out = tmp_path / "报告.txt"
    out.write_text("旧", encoding="utf-8")
    with pytest.raises(RuntimeError), OutputFile(out, force=True) as temp:
        temp.write_text("写了一半", encoding="utf-8")
        raise RuntimeError("the writer failed")
    assert out.read_text("utf-8") == "旧" and list(tmp_path.iterdir()) == [out]
    with OutputFile(out, force=True) as temp:
        assert temp.parent.parent == out.parent and temp.name == out.name
        temp.write_text("新", encoding="utf-8")
    assert out.read_text("utf-8") == "新" and list(tmp_path.iterdir()) == [out]


def test_companion_files_land_beside_the_output_together(tmp_path: Path) -> None:
    out = tmp_path / "导出.shp"
    with pytest.raises(RuntimeError), OutputFile(out) as temp:
        temp.write_bytes(b"shp")
        temp.with_suffix(".dbf").write_bytes(b"dbf")
        raise RuntimeError("the writer failed")
    assert list(tmp_path.iterdir()) == []
    with OutputFile(out) as temp:
        temp.write_bytes(b"shp")
        temp.with_suffix(".dbf").write_bytes(b"dbf")
    assert sorted(f.name for f in tmp_path.iterdir()) == ["导出.dbf", "导出.shp"]


def test_a_disk_error_while_writing_is_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as refused, OutputFile(tmp_path / "a.csv") as _temp:
        raise OSError(28, "No space left on device")
    assert refused.value.kind == "write_failed" and "No space left" in refused.value.message("en")


def test_a_copy_is_not_the_same_file(demo_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / demo_file.name
    shutil.copy(demo_file, copy)
    with OutputFile(copy, [demo_file], force=True) as temp:
        shutil.copy(demo_file, temp)
    assert copy.exists()
