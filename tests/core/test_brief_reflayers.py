"""The PDF maps draw the inventory's reference layers with their credit, and the overview shows the whole county."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from onemap.brief import BriefOptions, build_packet, build_sheets
from onemap.demo.reflayers import write_demo_layers

SEAT_ESTATE = "6107250046"  # an estate of 勉阳街道 in the demo, among the schematic streets
STREET = (0xC9, 0xB4, 0x8F)  # the demo streets' colour (onemap/demo/reflayers.py)
RIVER = (0x6F, 0xA8, 0xDC)


def _page_pixels(pdf: Path, page: int, stem: Path, colour: tuple[int, int, int]) -> int:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    rgb = np.asarray(Image.open(stem.with_suffix(".png")).convert("RGB")).astype(int)
    return int((np.abs(rgb - np.array(colour)).max(axis=-1) <= 6).sum())


@pytest.fixture
def demo_with_layers(demo_file: Path, tmp_path: Path) -> Path:
    inventory = tmp_path / "demo.gpkg"
    shutil.copy(demo_file, inventory)
    write_demo_layers(inventory)
    return inventory


def test_a_sheet_shows_the_estate_among_its_streets_with_the_schematic_credit(
    demo_file: Path, demo_with_layers: Path, tmp_path: Path
) -> None:
    plain = tmp_path / "plain.pdf"
    build_sheets(demo_file, [SEAT_ESTATE], plain, BriefOptions(workers=0))
    sheet = tmp_path / "sheet.pdf"
    build_sheets(demo_with_layers, [SEAT_ESTATE], sheet, BriefOptions(workers=0))
    text = PdfReader(sheet).pages[0].extract_text()
    assert "参考图层" in text and "示意" in text
    assert "参考图层" not in PdfReader(plain).pages[0].extract_text()
    assert _page_pixels(plain, 1, tmp_path / "plain", STREET) < 20
    assert _page_pixels(sheet, 1, tmp_path / "sheet", STREET) > 300


def test_the_packet_overview_shows_the_whole_county_with_the_river(demo_with_layers: Path, tmp_path: Path) -> None:
    from onemap.brief.context import BriefContext
    from onemap.brief.overview import OverviewMap
    from onemap.store import Inventory

    with Inventory.open(demo_with_layers, readonly=True) as inventory:
        ctx = BriefContext.create(inventory, BriefOptions())
        estates = [inventory.estate(code) for code in inventory.codes_within(-180, -90, 180, 90)]
        county = next(area for area in ctx.admin if area.level == "county")
        west, south, east, north = OverviewMap(ctx, estates)._bounds()
        c_west, c_south, c_east, c_north = county.geom.bounds
        assert west <= c_west and south <= c_south and east >= c_east and north >= c_north
        located = np.array([e.location for e in estates if e.location is not None])
        assert located[:, 1].max() < c_north - 0.02  # the estates alone would cut the county's north off
    out = tmp_path / "packet.pdf"
    build_packet(demo_with_layers, [SEAT_ESTATE, "6107250118"], out, BriefOptions(workers=0))
    overview = (
        next(
            i
            for i, page in enumerate(PdfReader(out).pages)
            if "分布图" in (t := page.extract_text()) and "共 2 个小区" in t
        )
        + 1
    )
    assert _page_pixels(out, overview, tmp_path / "overview", RIVER) > 200


def test_brief_layer_adds_a_file_whose_names_reach_the_sheet(demo_file: Path, tmp_path: Path) -> None:
    import json

    from onemap.cli import main
    from onemap.store import Inventory

    with Inventory.open(demo_file, readonly=True) as inventory:
        lon, lat = inventory.estate(SEAT_ESTATE).location  # type: ignore[misc]
    lat -= 0.0012  # a river just south of the estate
    river = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "小河"},
                "geometry": {"type": "LineString", "coordinates": [[lon - 0.05, lat], [lon + 0.05, lat]]},
            }
        ],
    }
    layer = tmp_path / "river.geojson"
    layer.write_text(json.dumps(river, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "sheet.pdf"
    assert main(["brief", str(demo_file), SEAT_ESTATE, "-o", str(out), "--layer", str(layer)]) == 0
    text = PdfReader(out).pages[0].extract_text()
    assert "小河" in text  # the river's name on the location map, among the estates' own
