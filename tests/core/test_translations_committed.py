"""The compiled translations (.qm) are committed, so every install path has English, and never lag their .ts.

A hatch build hook would need Qt's ``pyside6-lrelease`` at build time (PySide6 in the
build requirements of every ``pip install``, Windows included) and an editable install
reads the source tree anyway; a committed .qm needs no tool anywhere.  This test is the
price: it rebuilds each .ts into a temporary folder and fails while a committed .qm differs.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
LRELEASE = Path(sys.executable).parent / ("pyside6-lrelease.exe" if sys.platform == "win32" else "pyside6-lrelease")


def _build_translations():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_translations", ROOT / "scripts" / "build_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_translation_source_has_its_compiled_file_in_git() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "resources/translations"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    sources = sorted(name for name in tracked if name.endswith(".ts"))
    assert sources, "no .ts files are tracked"
    assert sorted(name for name in tracked if name.endswith(".qm")) == [s[:-3] + ".qm" for s in sources]


@pytest.mark.skipif(not LRELEASE.exists(), reason="pyside6-lrelease comes with the gui extra")
def test_each_committed_qm_is_what_its_ts_compiles_to(tmp_path: Path) -> None:
    rebuilt = _build_translations().release(tmp_path)
    assert len(rebuilt) == len(list(TRANSLATIONS.glob("*.ts")))
    stale = [qm.name for qm in rebuilt if qm.read_bytes() != (TRANSLATIONS / qm.name).read_bytes()]
    assert stale == [], f"rebuild with scripts/build_translations --release and commit: {stale}"
