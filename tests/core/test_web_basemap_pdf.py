"""Briefing PDFs over a web basemap: from the disk cache alone, credited to 天地图 with a 审图号, never the key."""

from __future__ import annotations

from pypdf import PdfReader

from onemap.brief import BriefOptions, build_sheets
from onemap.geo.tiles import lonlat_to_tile
from onemap.geo.tilesource import open_source
from tests.core.test_brief_ledger import TRICKY, make_tricky_inventory, pdf_text
from tests.tileserver_kit import GOOD_KEY

MIAN = (106.6710, 33.1607)


def test_a_packet_over_cached_tianditu_tiles_credits_it_and_never_holds_the_key(tmp_path, tile_server):  # type: ignore[no-untyped-def]
    inventory = make_tricky_inventory(tmp_path / "台账.gpkg")
    viewer = open_source("tianditu:vec", online=True, key=GOOD_KEY)  # what the viewer cached as the user looked
    for z in range(14, 19):
        cx, cy = lonlat_to_tile(*MIAN, z)
        for x in range(cx - 2, cx + 3):
            for y in range(cy - 2, cy + 3):
                assert viewer.tile(z, x, y) is not None
    viewer.close()
    tile_server.stop()  # the packet is made offline
    out = tmp_path / "天地图.pdf"
    result = build_sheets(inventory, [TRICKY], out, BriefOptions(mbtiles_path="tianditu:vec"))
    assert not result.warnings
    assert len(PdfReader(out).pages[0]["/Resources"]["/XObject"]) >= 1  # tiles drawn under the vectors
    text = pdf_text(out)
    assert "天地图" in text and "审图号" in text
    assert GOOD_KEY.encode() not in out.read_bytes() and GOOD_KEY not in text
