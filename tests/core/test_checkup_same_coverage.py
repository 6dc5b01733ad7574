"""The check-up's facility indicators are the coverage analysis's own: same network, same gaps, same method named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onemap.checkup.facility_inputs import COVERAGE_KEYS
from onemap.checkup.network_choice import choose, forget
from onemap.cli import main

#: the check-up indicator of each coverage-computed facility type
INDICATOR = {"elderly_care": "C01", "childcare": "C02", "kindergarten": "C03", "activity_space": "C08"}


def _coverage(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[dict[str, set[str]], str]:
    """estate -> check-up facility types coverage finds outside their 5-minute circle, and the method line."""
    command = ["coverage", str(path), "--json", *extra]
    for kind in COVERAGE_KEYS.values():
        command += ["--type", kind]
    assert main(command) == 0
    captured = capsys.readouterr()
    lacking: dict[str, set[str]] = {}
    back = {v: k for k, v in COVERAGE_KEYS.items()}
    for row in json.loads(captured.out):
        if not row["within"]["5min"]:
            lacking.setdefault(row["estate"], set()).add(back[row["type"]])
    return lacking, captured.err


def _rollup(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:  # type: ignore[type-arg]
    assert main(["checkup", str(path), "rollup", "--level", "estate", "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def _agree(lacking: dict[str, set[str]], rolled: dict) -> int:  # type: ignore[type-arg]
    """Assert every estate's four facility indicators read as coverage says; the estates lacking something."""
    for code, figures in rolled["groups"].items():
        for facility, indicator in INDICATOR.items():
            assert figures[indicator] == (1 if facility in lacking.get(code, set()) else 0), (code, indicator)
    return sum(1 for v in lacking.values() if v)


def test_the_rollup_walks_the_sidecar_streets_coverage_walks_and_reads_the_same_gaps(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from onemap.demo.reflayers import write_demo_layers

    sidecar = write_demo_layers(demo_copy)
    lacking, said = _coverage(demo_copy, capsys)
    rolled = _rollup(demo_copy, capsys)
    assert rolled["facility_distance"] == "network"
    assert rolled["facility_network"] == f"{sidecar.name}:roads 示意街道 schematic streets"
    assert rolled["facility_network"] in said
    walked = _agree(lacking, rolled)
    straight_lacking, _ = _coverage(demo_copy, capsys, "--straight")
    straight = _rollup(demo_copy, capsys, "--straight")
    assert straight["facility_distance"] == "straight" and straight["facility_network"] is None
    assert _agree(straight_lacking, straight) != walked  # the two methods differ on the demo, each agrees with its own
    assert _rollup(demo_copy, capsys)["facility_distance"] == "network"  # no flag: the default again


def test_a_network_given_to_the_rollup_is_the_one_coverage_was_given_and_the_text_names_it(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pyogrio

    from onemap.demo.reflayers import write_demo_layers

    sidecar = write_demo_layers(demo_copy)
    streets = tmp_path / "路网.gpkg"  # not beside the file: only --network reaches it
    meta, _fids, geometry, fields = pyogrio.raw.read(str(sidecar), layer="roads")
    pyogrio.raw.write(str(streets), geometry, fields, meta["fields"], layer="roads", driver="GPKG",
                      crs=meta["crs"], geometry_type=meta["geometry_type"], encoding="UTF-8")  # fmt: skip
    sidecar.unlink()
    lacking, _ = _coverage(demo_copy, capsys, "--network", str(streets))
    assert _agree(lacking, _rollup(demo_copy, capsys, "--network", str(streets))) > 0
    assert main(["--lang", "en", "checkup", str(demo_copy), "rollup", "--network", str(streets)]) == 0
    assert f"facility distance: walking network ({streets.name})" in capsys.readouterr().out


def test_the_network_the_viewer_chose_for_a_file_is_the_one_the_checkup_walks(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from onemap.checkup.gather import read_checkup
    from onemap.demo.reflayers import write_demo_layers
    from onemap.store import Inventory

    write_demo_layers(demo_copy)
    try:
        choose(demo_copy, None)  # the dock was told straight lines for this file
        with Inventory.open(demo_copy, readonly=True) as inventory:
            gaps = read_checkup(inventory).gaps
        assert gaps.method == "straight" and gaps.method_text("en") == "straight line × 1.3 (no walking network)"
        lacking, _ = _coverage(demo_copy, capsys, "--straight")
        assert {c: v for c, v in gaps.missing.items() if v} == {c: v for c, v in lacking.items() if v}
    finally:
        forget(demo_copy)
    with Inventory.open(demo_copy, readonly=True) as inventory:
        assert read_checkup(inventory).gaps.method == "network"
