"""``onemap --lang en brief``: the warnings of the font search, the basemap and the 3D renderer are English too."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.said import Said, error_text, in_lang

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
ROOT = Path(__file__).resolve().parents[2]


def _notes(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("Note: ")]


def test_a_said_sentence_is_its_chinese_text_and_carries_its_english_twin() -> None:
    said = Said("字体已跳过", "The font was skipped")
    assert said == "字体已跳过" and in_lang(said, "en") == "The font was skipped" and in_lang("原样", "en") == "原样"
    assert error_text(RuntimeError(said), "en") == "The font was skipped" and str(RuntimeError(said)) == said


def test_a_missing_font_and_a_broken_basemap_are_noted_in_english(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    basemap = tmp_path / "broken.mbtiles"
    basemap.write_text("not a database", encoding="utf-8")
    out = tmp_path / "sheet.pdf"
    code = main(
        [
            "--lang",
            "en",
            "brief",
            str(demo_file),
            "6107250001",
            "-o",
            str(out),
            "--font",
            str(tmp_path / "missing.ttf"),
            "--basemap",
            str(basemap),
        ]
    )
    err = capsys.readouterr().err
    assert code == 0 and out.exists(), err
    notes = _notes(err)
    assert any("font file in the settings does not exist" in n for n in notes), err
    assert any("drawn as vectors only" in n and "broken.mbtiles" in n for n in notes), err
    assert not [n for n in notes if CJK.search(n)], notes


def test_the_3d_inset_renderers_refusal_is_english(demo_file: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}  # no OpenGL there
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "onemap",
            "--lang",
            "en",
            "brief",
            str(demo_file),
            "6107250001",
            "-o",
            str(tmp_path / "sheet.pdf"),
            "--3d-inset",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 1
    # with the gui extra the renderer finds no OpenGL; without it (the Qt-free venv) no GUI at all
    expected = "Cannot make the 3D insets" if _has_gui() else "The 3D insets need the GUI components"
    assert expected in done.stderr and not CJK.search(done.stderr), done.stderr


def _has_gui() -> bool:
    return importlib.util.find_spec("PySide6") is not None
