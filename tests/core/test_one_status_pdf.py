"""An inventory whose estates all share one status prints in that status's screen colour:
on the sheet map and in the status chart of the packet (rendered with pdftoppm)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from onemap.model import STATUSES
from tests.colour_sampling import assert_status_colour, dominant_colour, one_status_inventory, onemap

DPI = "100"


def _page_of(pdf: Path, *words: str) -> int:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    return next(i + 1 for i, page in enumerate(pages) if all(w in page for w in words))


def _render(pdf: Path, page: int, stem: Path) -> Path:
    subprocess.run(
        ["pdftoppm", "-png", "-r", DPI, "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return stem.with_suffix(".png")


@pytest.fixture(scope="module", params=list(STATUSES))
def packet(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    status = request.param
    folder = tmp_path_factory.mktemp(f"one-{status}")
    inventory = one_status_inventory(folder / "同一状态.gpkg", status)
    pdf = folder / "简报.pdf"
    onemap("brief", str(inventory), "--all", "-o", str(pdf))
    return status, pdf


def test_the_status_chart_paints_the_one_status_in_its_screen_colour(packet: tuple[str, Path]) -> None:
    status, pdf = packet
    png = _render(pdf, _page_of(pdf, "分状态小区数"), pdf.parent / "chart")
    assert_status_colour(dominant_colour(png), status, "the PDF status chart")


def test_the_sheet_map_marks_the_estate_in_its_status_colour(packet: tuple[str, Path]) -> None:
    status, pdf = packet
    png = _render(pdf, _page_of(pdf, "本小区范围"), pdf.parent / "sheet")
    assert_status_colour(dominant_colour(png), status, "the PDF sheet map")


def test_the_overview_map_marks_every_estate_in_the_status_colour(packet: tuple[str, Path]) -> None:
    status, pdf = packet
    png = _render(pdf, _page_of(pdf, "小区分布图", "县（镇）界"), pdf.parent / "overview")
    assert_status_colour(dominant_colour(png), status, "the PDF overview map")
