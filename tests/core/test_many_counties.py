"""An inventory spanning several counties is never titled by one county's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from onemap.model import Estate
from onemap.store import Inventory
from onemap.summary import area_name, inventory_summary, summary_text
from onemap.view.session import MapSession


@pytest.fixture
def city(tmp_path: Path) -> Path:
    """Estates in Mian (610725), Chenggu (610722) and Yang (610723), in a file made for Mian."""
    path = tmp_path / "汉中市.gpkg"
    with (
        Inventory.create(path, county_code="610725", county_name="勉县", user="测试员") as inventory,
        inventory.transaction(),
    ):
        for i, county in enumerate(["610725", "610725", "610722", "610723"], start=1):
            inventory.add_estate(
                Estate(code=f"{county}{i:04d}", name=f"小区{i}", township="某镇", location=(107.0 + i / 100, 33.2))
            )
    return path


def test_the_summary_names_every_county_not_just_mian(city: Path) -> None:
    with Inventory.open(city, readonly=True) as inventory:
        summary = inventory_summary(inventory)
        assert area_name(inventory) == "勉县等 3 个县（区）"
        assert area_name(inventory, "en") == "勉县 and 2 more counties"
    assert summary["counties"] == 3
    assert summary_text(summary).splitlines()[1].startswith("勉县等 3 个县（区）")
    assert summary_text(summary, "en").splitlines()[1].startswith("勉县 and 2 more counties")


def test_one_county_is_still_called_by_its_name(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        assert area_name(inventory) == "勉县"
        assert inventory_summary(inventory)["counties"] == 1


def test_the_viewer_title_does_not_call_a_city_mian(city: Path) -> None:
    session = MapSession.open(city)
    try:
        assert session.title.startswith("勉县等 3 个县（区） · ")
    finally:
        session.close()


def test_the_packet_cover_and_title_do_not_call_a_city_mian(city: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from onemap.brief import BriefOptions, build_packet

    out = tmp_path / "简报.pdf"
    with Inventory.open(city, readonly=True) as inventory:
        build_packet(inventory, inventory.estates(), out, BriefOptions(), selection="全部小区")
    info = PdfReader(out).metadata
    assert info is not None and info.title == "勉县等 3 个县（区）城镇老旧小区改造小区档案汇编"
    cover = PdfReader(out).pages[0].extract_text()
    assert "610725" not in cover
