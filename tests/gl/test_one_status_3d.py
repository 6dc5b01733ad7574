"""``onemap snapshot --3d`` paints an inventory whose estates all share one status in that
status's colour from the one style table (the 2D map's, the PDF's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from onemap.model import STATUSES
from tests.colour_sampling import assert_status_colour, dominant_colour, one_status_inventory, onemap

pytestmark = pytest.mark.gl


@pytest.mark.parametrize("status", list(STATUSES))
def test_the_3d_snapshot_paints_the_one_status_in_its_colour(gl_ready, status: str, tmp_path: Path) -> None:
    inventory = one_status_inventory(tmp_path / "同一状态.gpkg", status)
    png = tmp_path / "三维.png"
    onemap("snapshot", str(inventory), "--3d", "-o", str(png), "--size", "600x400")
    # the north arrow's red tip is the only other colour; the estates outnumber it
    assert_status_colour(dominant_colour(png), status, "onemap snapshot --3d")
