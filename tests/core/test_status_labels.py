"""A status another program stored as its label (在建) counts and filters as that status everywhere."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from onemap.analysis.statistics import estate_statistics
from onemap.cli import main
from onemap.store import Inventory
from onemap.store.check import check_inventory
from onemap.view.estate_table import EstateTable
from onemap.view.symbology import symbology_for


@pytest.fixture
def labelled(demo_copy: Path) -> tuple[Path, list[str]]:
    """The demo with three 'under construction' estates retyped as 在建 by GDAL (as QGIS would)."""
    with sqlite3.connect(demo_copy) as conn:
        codes = [
            r[0]
            for r in conn.execute("SELECT code FROM estates WHERE status = 'under_construction' ORDER BY code LIMIT 3")
        ]
    quoted = ", ".join(f"'{c}'" for c in codes)
    for sql in (
        f"UPDATE estates SET status = '在建' WHERE code IN ({quoted})",
        "UPDATE estates SET status = 'Completed' WHERE code = "
        "(SELECT min(code) FROM estates WHERE status = 'completed')",
    ):
        subprocess.run(["ogrinfo", "-q", str(demo_copy), "-sql", sql], check=True, capture_output=True, timeout=60)
    return demo_copy, codes


def _under_construction(demo_file: Path) -> int:
    with Inventory.open(demo_file, readonly=True) as inventory:
        return len(inventory.estates("status=under_construction"))


def test_list_where_status_finds_the_labelled_ones(
    labelled: tuple[Path, list[str]], demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, codes = labelled
    assert main(["list", str(path), "--where", "状态=在建", "--json"]) == 0
    found = [row["code"] for row in json.loads(capsys.readouterr().out)]
    assert set(codes) <= set(found) and len(found) == _under_construction(demo_file)
    assert main(["list", str(path), "--where", "状态!=在建", "--json"]) == 0
    assert not set(codes) & {row["code"] for row in json.loads(capsys.readouterr().out)}


def test_statistics_count_the_labelled_ones_under_their_status(
    labelled: tuple[Path, list[str]], demo_file: Path
) -> None:
    with Inventory.open(labelled[0], readonly=True) as inventory, Inventory.open(demo_file, readonly=True) as original:
        bars = {bar.key: bar.value for bar in estate_statistics(inventory).by_status}
        expected = {bar.key: bar.value for bar in estate_statistics(original).by_status}
    assert bars == expected and "在建" not in bars


def test_the_legend_counts_the_labelled_ones_under_their_status(
    labelled: tuple[Path, list[str]], demo_file: Path
) -> None:
    def counts(path: Path) -> list[int]:
        with Inventory.open(path, readonly=True) as inventory:
            table = EstateTable.load(inventory)
        symbology = symbology_for("status", table)
        return symbology.counts(symbology.classify(table))

    assert counts(labelled[0]) == counts(demo_file)


def test_validate_suggests_normalising_the_labels(labelled: tuple[Path, list[str]]) -> None:
    report = check_inventory(labelled[0])
    assert report.usable
    suggestions = [f for f in report.findings if f.where == "estates" and "under_construction" in f.message]
    assert len(suggestions) == 1 and "3 个小区" in suggestions[0].message
    assert "'Completed'" in " ".join(f.message_en for f in report.findings)


def test_list_shows_the_label_in_english_too(
    labelled: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, codes = labelled
    assert main(["--lang", "en", "list", str(path), "--where", "status=under_construction"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith(codes[0])]
    assert lines and "Under construction" in lines[0]


def test_the_packet_summary_counts_the_labelled_ones_under_their_status(
    labelled: tuple[Path, list[str]], demo_file: Path
) -> None:
    from onemap.brief.stats import by_status

    with Inventory.open(labelled[0], readonly=True) as inventory, Inventory.open(demo_file, readonly=True) as original:
        assert by_status(inventory.estates()) == by_status(original.estates())
