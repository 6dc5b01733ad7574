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
    onemap(
        "snapshot",
        str(inventory),
        "-o",
        str(png),
        "--no-basemap",
        "--size",
        "900x600",
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert_status_colour(dominant_colour(png), status, "onemap snapshot")


def test_the_map_and_the_legend_draw_the_admin_boundary_with_the_tables_dashed_line(qapp) -> None:  # type: ignore[no-untyped-def]
    from onemap.gui.canvas.markers import area_pen, area_swatch
    from onemap.style import AREA_STYLES

    look = AREA_STYLES["admin_areas"]
    pen = area_pen("admin_areas")
    assert pen.color().name() == look.line and pen.widthF() == look.width
    assert tuple(pen.dashPattern()) == look.dash
    image = area_swatch("admin_areas", 18).toImage()
    middle = [image.pixelColor(x, 9) for x in range(18)]
    assert any(c.alpha() == 0 for c in middle[2:16]) and any(c.name() == look.line for c in middle)
