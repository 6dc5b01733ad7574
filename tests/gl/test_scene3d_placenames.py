"""The 3D county view writes the township names on the ground, as the 2D map does (under real Xvfb)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from onemap.gui.scene3d.snapshot import render_3d_png

SIZE = (1200, 760)


def _ink(path: Path) -> int:
    """How many pixels have the place names' dark brown ink (nothing else in the scene is that colour)."""
    rgb = np.asarray(Image.open(path).convert("RGB")).astype(int)
    near = (np.abs(rgb - (40, 36, 30)).sum(axis=2) < 40) | (np.abs(rgb - (70, 62, 52)).sum(axis=2) < 30)
    return int(near.sum())


def test_the_county_snapshot_writes_the_township_names(gl_ready, demo_file: Path, tmp_path: Path) -> None:
    out = render_3d_png(demo_file, tmp_path / "county.png", size=SIZE, basemap=None)
    assert _ink(out) > 1500  # about 18 names of 3-4 characters, 15 px tall


def test_the_3d_window_takes_its_place_names_from_the_2d_map(qtbot, gl_ready, demo_copy: Path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from onemap.gui.settings import Settings
    from tests.gui.guikit import make_window

    window = make_window(qtbot, Settings(tmp_path / "s.ini"), demo_copy)
    try:
        view = window.scene3d.view
        assert view.place_names.names_of is not None
        assert [n.text for n in view.place_names.names_of()] == [n.text for n in window.layers.reference.names.names]
        assert "勉阳街道" in [n.text for n in view.place_names.names_of()]
    finally:
        window.close()
