"""Where the county summary's short sections land: a section of two lines shares the page
of what comes before it instead of taking a page of its own."""

from __future__ import annotations

from pathlib import Path

from onemap.brief import BriefOptions, build_packet
from onemap.store import Inventory
from tests.core.test_brief_ledger import page_texts

TOWNSHIP = "勉阳街道"


def test_alert_section_without_alerts_follows_the_charts_on_their_page(demo_file: Path, tmp_path: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        codes = [e.code for e in inventory.estates() if e.township == TOWNSHIP]
        out = tmp_path / "勉阳街道.pdf"
        result = build_packet(inventory, codes, out, BriefOptions(workers=0))
    charts, alerts = result.pages["section:charts"], result.pages["section:alerts"]
    assert alerts == charts, f"the two-line alert section was pushed from page {charts} to page {alerts}"
    texts = page_texts(out)
    assert "本册所列小区近30天无告警" in texts[alerts - 1]
    assert "分年度投资" in texts[alerts - 1]  # the charts printed on the same page


def test_room_asked_for_is_the_sections_height_up_to_the_cap() -> None:
    from reportlab.platypus import Spacer

    from onemap.brief.report import RoomFor

    tall = RoomFor([Spacer(10, 500)], 300)
    tall.wrap(400, 1000)
    assert tall.height == 300
    short = RoomFor([Spacer(10, 40), Spacer(10, 20)], 300)
    short.wrap(400, 290)
    assert short.height == 60
