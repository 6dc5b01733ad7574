"""Shared fixtures: real inventory files on disk, and GDAL's GeoPackage validator."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Every test sees the same keyring: none.  keyrings.alt (a dev dependency) would otherwise
# become the "OS keyring" and change what reports say; tests that need one set it themselves.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

from onemap.demo import make_demo
from onemap.store import Inventory

# A venv with the dev extra but not gui/gui-test (scripts/test's .venv-core) runs the core's tests:
# the GUI's folders are then not collected at all (find_spec imports no Qt).
_GUI = ("PySide6", "pyqtgraph", "OpenGL", "pytestqt")
# the video tests' servers (ffmpeg's test pattern over RTSP, HTTP-FLV), keyring, tile server, PostGIS cluster
pytest_plugins = ["tests.video_server", "tests.keyring_kit", "tests.tileserver_kit", "tests.core.pg_cluster"]

collect_ignore = [] if all(importlib.util.find_spec(name) for name in _GUI) else ["gui", "gl"]


def validators() -> list[list[str]]:
    """Every GDAL validate_gpkg.py available here, as commands to run on a file."""
    found = []
    try:
        import osgeo_utils.samples.validate_gpkg  # noqa: F401  (gdal-utils wheel, --no-deps)

        found.append([sys.executable, "-m", "osgeo_utils.samples.validate_gpkg"])
    except ImportError:
        pass
    debian = debian_validator()
    if debian:
        found.append(debian)
    return found


def debian_validator() -> list[str] | None:
    """Debian's GDAL validate_gpkg.py (python3-gdal, GDAL 3.6 on bookworm), run by the system Python."""
    system = Path("/usr/bin/python3")
    script = Path("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py")
    if not system.exists() or not script.exists():
        return None
    return [str(system), "-m", "osgeo_utils.samples.validate_gpkg"]


def run_validators(path: Path) -> list[subprocess.CompletedProcess[str]]:
    """Run every available validator on ``path``; fails the test when none is installed."""
    commands = validators()
    if not commands:
        pytest.fail("GDAL's validate_gpkg.py is not installed (pip install --no-deps gdal-utils)")
    return [subprocess.run([*cmd, str(path)], capture_output=True, text=True, timeout=600) for cmd in commands]


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default demo inventory (150 estates, seed 1), made once per session; copy before writing."""
    path = tmp_path_factory.mktemp("demo") / "勉县 演示.gpkg"
    make_demo(path).close()
    return path


@pytest.fixture
def demo_copy(demo_file: Path, tmp_path: Path) -> Path:
    """A private copy of the demo inventory that a test may change."""
    target = tmp_path / "张伟的 清单.gpkg"
    shutil.copy(demo_file, target)
    return target


@pytest.fixture
def fresh(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A new, empty inventory file, open for writing."""
    inventory = Inventory.create(tmp_path / "新清单.gpkg", county_code="610725", county_name="勉县", user="测试员")
    yield inventory
    inventory.close()


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Logs, state and settings go to a temporary home, never the developer's own."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "LOCALAPPDATA"):
        monkeypatch.setenv(name, str(home / name.lower()))
