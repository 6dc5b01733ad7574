"""``onemap snapshot`` (2D, offscreen) paints an inventory whose estates all share one status in
that status's colour from the one style table."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from onemap.model import STATUSES
from tests.colour_sampling import assert_status_colour, dominant_colour, one_status_inventory, onemap


@pytest.mark.parametrize("status", list(STATUSES))
def test_the_2d_snapshot_paints_the_one_status_in_its_colour(status: str, tmp_path: Path) -> None:
    inventory = one_status_inventory(tmp_path / "同一状态.gpkg", status)
    png = tmp_path / "快照.png"
    onemap("snapshot", str(inventory), "-o", str(png), "--no-basemap", "--size", "900x600",
           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert_status_colour(dominant_colour(png), status, "onemap snapshot")
