"""``onemap snapshot --3d`` paints an inventory whose estates all share one status in that
status's colour from the one style table (the 2D map's, the PDF's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from onemap.gui.scene3d.layers import HIGHLIGHT  # after the tests/gl conftest set up Qt
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


@pytest.mark.parametrize("status", list(STATUSES))
def test_the_packets_3d_inset_paints_the_one_status_in_its_colour(gl_ready, status: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    inventory = one_status_inventory(tmp_path / "同一状态.gpkg", status)
    pdf = tmp_path / "简报.pdf"
    onemap("brief", str(inventory), "6107250001", "--sheets-only", "--3d-inset", "-o", str(pdf))
    pictures = [image for image in PdfReader(pdf).pages[0].images if image.image is not None]
    assert pictures, "the sheet holds no picture"
    inset = max(pictures, key=lambda picture: picture.image.width * picture.image.height)  # QR codes are smaller
    png = tmp_path / "inset.png"
    inset.image.save(png)
    # the estate's buildings keep their status colour; only its outline is the selection's orange
    assert_status_colour(dominant_colour(png, hue_away_from=HIGHLIGHT), status, "the packet's 3D inset")
