"""`onemap brief --3d-inset` puts a 3D picture of each estate on its sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from onemap.cli import main

pytestmark = pytest.mark.gl


def _images_per_page(pdf: Path) -> list[int]:
    return [len(page.images) for page in PdfReader(pdf).pages]


def test_each_sheet_gets_its_3d_inset_and_no_temporary_files_stay(gl_ready, demo_file: Path, tmp_path: Path) -> None:
    two = [str(demo_file), "6107250001", "6107250002", "--sheets-only"]
    out, plain = tmp_path / "简报 三维.pdf", tmp_path / "简报.pdf"
    assert main(["brief", *two, "--3d-inset", "-o", str(out)]) == 0
    assert main(["brief", *two, "-o", str(plain)]) == 0
    with_inset, without = _images_per_page(out), _images_per_page(plain)
    assert all(a == b + 1 for a, b in zip(with_inset, without, strict=True))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out.name, plain.name])
