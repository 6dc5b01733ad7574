"""Map frames and sheet maps: true scale bars, fitted extents, sections sharing a page, basemaps."""

from __future__ import annotations

import importlib.util
import io
import sqlite3
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from onemap.brief import BriefOptions, build_sheets
from onemap.brief.mapframe import MapFrame, distance_label, nice_length
from onemap.brief.sheet import allocate
from onemap.geo.geodesy import GEOD
from onemap.geo.tiles import lonlat_to_tile, tms_row
from tests.core.test_brief_ledger import TRICKY, make_tricky_inventory, pdf_text

MIAN = (106.6710, 33.1607)
HAS_MBTILES = importlib.util.find_spec("onemap.geo.mbtiles") is not None


def test_a_frame_keeps_the_estate_inside_its_box_with_the_boxes_shape() -> None:
    frame = MapFrame.around((106.670, 33.160, 106.672, 33.1615), (10, 20, 250, 200), min_span_m=650)
    xs, ys = frame.to_page([106.670, 106.672], [33.160, 33.1615])
    assert 10 < xs.min() < xs.max() < 260 and 20 < ys.min() < ys.max() < 220
    x0, y0, x1, y1 = frame.extent
    assert (x1 - x0) / (y1 - y0) == pytest.approx(250 / 200)


def test_the_scale_bar_measures_true_ground_distance_not_mercator_metres() -> None:
    frame = MapFrame.around((*MIAN, *MIAN), (0, 0, 300, 300), min_span_m=650)
    lon2, lat2, _ = GEOD.fwd(MIAN[0], MIAN[1], 90, 200.0)  # 200 m due east on the ellipsoid
    xs, _ys = frame.to_page([MIAN[0], lon2], [MIAN[1], lat2])
    assert (xs[1] - xs[0]) * frame.metres_per_point == pytest.approx(200.0, rel=0.003)
    assert 5_000 < frame.scale_denominator < 12_000


def test_scale_bar_lengths_are_round_numbers() -> None:
    assert [nice_length(m) for m in (137, 480, 2600, 9.9)] == [100, 250, 2500, 5]
    assert distance_label(250) == "250 米" and distance_label(2500) == "2.5 公里"


def test_sections_get_what_they_need_and_share_the_rest_evenly() -> None:
    assert allocate([50, 60], 200) == [50, 60]
    assert allocate([50, 400, 300], 350) == [50, 150, 150]
    assert allocate([500, 500], 100) == [50, 50]


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (200, 220, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def make_mbtiles(path: Path, zooms: range = range(13, 19)) -> Path:
    """A real MBTiles file with plain green PNG tiles around the tricky estate."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    conn.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
    conn.executemany(
        "INSERT INTO metadata VALUES (?, ?)",
        [
            ("name", "测试底图"),
            ("format", "png"),
            ("minzoom", str(zooms.start)),
            ("maxzoom", str(zooms.stop - 1)),
            ("bounds", "106.6,33.1,106.8,33.2"),
            ("attribution", "<a href='x'>© 测试测绘院</a>"),
        ],
    )
    png = _png()
    for z in zooms:
        cx, cy = lonlat_to_tile(*MIAN, z)
        conn.executemany(
            "INSERT INTO tiles VALUES (?, ?, ?, ?)",
            [(z, x, tms_row(y, z), png) for x in range(cx - 3, cx + 4) for y in range(cy - 3, cy + 4)],
        )
    conn.commit()
    conn.close()
    return path


@pytest.mark.skipif(not HAS_MBTILES, reason="onemap.geo.mbtiles is not there yet")
def test_an_mbtiles_basemap_is_drawn_under_the_vectors_and_credited(tmp_path: Path) -> None:
    inventory = make_tricky_inventory(tmp_path / "台账.gpkg")
    out = tmp_path / "底图.pdf"
    result = build_sheets(inventory, [TRICKY], out, BriefOptions(mbtiles_path=make_mbtiles(tmp_path / "底图.mbtiles")))
    assert not result.warnings
    resources = PdfReader(out).pages[0]["/Resources"]
    assert "/XObject" in resources and len(resources["/XObject"]) >= 1
    assert "© 测试测绘院" in pdf_text(out)


def test_an_unusable_basemap_leaves_a_vector_map_and_a_warning(tmp_path: Path) -> None:
    inventory = make_tricky_inventory(tmp_path / "台账.gpkg")
    broken = tmp_path / "坏底图.mbtiles"
    broken.write_bytes(b"not a database at all")
    out = tmp_path / "矢量.pdf"
    result = build_sheets(inventory, [TRICKY], out, BriefOptions(mbtiles_path=broken))
    assert len(result.warnings) == 1 and "矢量" in result.warnings[0]
    assert "底图：无" in pdf_text(out) and len(PdfReader(out).pages) == 1
