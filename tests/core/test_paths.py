"""db/, resources/ and ui/ are found from the source tree, a built wheel and a PyInstaller bundle."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from onemap.paths import data_path, data_root

ROOT = Path(__file__).resolve().parents[2]
WHERE = "from onemap.paths import data_path; print(data_path('db', 'schema.sql'))"


def test_source_tree_folders_are_found() -> None:
    assert data_path("db", "schema.sql").read_text("utf-8").startswith("--")
    assert data_root("resources").is_dir() and data_root("ui").is_dir()


def test_an_unknown_folder_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        data_root("secrets")


def clean_checkout(target: Path) -> Path:
    """The files a clean clone would have (tracked or addable, as they are now), copied to ``target``.

    A wheel built from the working tree would also pick up files git ignores, like build products.
    """
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode("utf-8")
        .split("\0")
    )
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT / ".git").exists() or shutil.which("git") is None, reason="needs the git checkout")
def test_a_built_wheel_carries_the_data_folders_inside_the_package(tmp_path: Path) -> None:
    source = clean_checkout(tmp_path / "clone")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(source)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(tmp_path.glob("onemap-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "onemap/_data/db/schema.sql" in names and "onemap/_data/db/migrations/0001_inventory.sql" in names
    # the English interface travels with every install: compiled translations, not only their sources
    for lang in ("en", "zh_CN"):
        assert f"onemap/_data/resources/translations/onemap_{lang}.qm" in names
    unpacked = tmp_path / "site packages 安装"
    zipfile.ZipFile(wheel).extractall(unpacked)
    found = subprocess.run(
        [sys.executable, "-c", WHERE],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(unpacked), "PATH": ""},
        check=True,
    ).stdout.strip()
    assert Path(found) == unpacked / "onemap" / "_data" / "db" / "schema.sql"


def test_a_pyinstaller_bundle_folder_is_preferred(tmp_path: Path) -> None:
    bundle = tmp_path / "_MEI 12345"
    (bundle / "db").mkdir(parents=True)
    (bundle / "db" / "schema.sql").write_text("-- bundled", "utf-8")
    code = f"import sys; sys._MEIPASS = {str(bundle)!r}; " + WHERE
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert Path(found) == bundle / "db" / "schema.sql"
