"""Field laptops: check a township out, edit offline, check back in; collisions listed, nothing lost or doubled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.store import Inventory
from tests.conftest import run_validators
from tests.core.server_support import loaded

TOWNSHIP = "镇街=勉阳街道"


@pytest.fixture
def field_copy(pg_database: str, demo_file: Path, tmp_path: Path) -> tuple[str, Path, list[str]]:
    """A server, a checked-out township, and three of its estate codes."""
    loaded(pg_database, demo_file)
    out = tmp_path / "外业.gpkg"
    assert main(["checkout", pg_database, "--where", TOWNSHIP, "-o", str(out)]) == 0
    with Inventory.open(out, readonly=True) as copy:
        codes = [e.code for e in copy.estates()][:3]
    return pg_database, out, codes


def _checkin(out: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    capsys.readouterr()
    code = main(["checkin", str(out), "--json", *flags])
    return code, json.loads(capsys.readouterr().out)


def test_a_checkout_holds_the_township_with_its_rows_and_where_it_came_from(
    field_copy: tuple[str, Path, list[str]],
) -> None:
    server, out, _codes = field_copy
    assert all(result.returncode == 0 for result in run_validators(out))
    with Inventory.open(out, readonly=True) as copy, Inventory.open(server, readonly=True) as served:
        assert copy.count() == served.count(TOWNSHIP) > 0
        code = copy.estates()[0].code
        assert copy.estate(code).building_list == served.estate(code).building_list
        assert copy.meta("checkout_server") == served.url and copy.meta("checkout_where") == TOWNSHIP


def test_checkin_applies_what_did_not_collide_lists_what_did_and_a_rerun_changes_nothing(
    field_copy: tuple[str, Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    server, out, (first, second, third) = field_copy
    with Inventory.open(out) as laptop, laptop.transaction():
        laptop.update_estate(first, notes="外业：已入户")
        laptop.update_estate(second, progress_pct=77.5, notes="外业：脚手架已拆")
    with Inventory.open(server) as office:  # meanwhile, in the office
        office.update_estate(second, notes="办公室：等待验收")
        office.update_estate(third, notes="办公室：另一小区")
    code, report = _checkin(out, capsys)
    assert code == 1
    assert sorted((a["code"], a["field"]) for a in report["applied"]) == sorted(
        [(first, "notes"), (second, "progress_pct")]
    )
    [collision] = report["collisions"]
    assert (collision["code"], collision["field"]) == (second, "notes")
    assert collision["server"]["value"] == "办公室：等待验收" and collision["server"]["who"] == "onemap_test"
    assert collision["field_copy"]["value"] == "外业：脚手架已拆"
    with Inventory.open(server, readonly=True) as served:
        assert served.estate(first).notes == "外业：已入户"
        assert served.estate(second).notes == "办公室：等待验收"
        assert served.estate(third).notes == "办公室：另一小区"
        trail = len(served.history(None, None))
    code, again = _checkin(out, capsys)
    assert (code, again["applied"], again["unchanged"], len(again["collisions"])) == (1, [], 2, 1)
    with Inventory.open(server, readonly=True) as served:
        assert len(served.history(None, None)) == trail  # nothing doubled


def test_prefer_field_settles_collisions_with_the_laptops_values(
    field_copy: tuple[str, Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    server, out, (first, _second, _third) = field_copy
    with Inventory.open(out) as laptop, laptop.transaction():
        laptop.update_estate(first, management="外业：街道代管")
    with Inventory.open(server) as office:
        office.update_estate(first, management="办公室：物业公司")
    code, report = _checkin(out, capsys, "--prefer", "field")
    assert code == 0 and report["collisions"][0]["kept"] == "field"
    with Inventory.open(server, readonly=True) as served:
        assert served.estate(first).management == "外业：街道代管"
    assert _checkin(out, capsys)[0] == 0  # settled: the second run has nothing to do


def test_prefer_server_keeps_the_offices_value(
    field_copy: tuple[str, Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    server, out, (first, _second, _third) = field_copy
    with Inventory.open(out) as laptop, laptop.transaction():
        laptop.update_estate(first, management="外业：街道代管")
    with Inventory.open(server) as office:
        office.update_estate(first, management="办公室：物业公司")
    assert _checkin(out, capsys, "--prefer", "server")[0] == 0
    with Inventory.open(server, readonly=True) as served:
        assert served.estate(first).management == "办公室：物业公司"


def test_a_file_that_was_never_checked_out_is_refused_in_one_sentence(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "checkin", str(demo_copy)]) == 1
    assert "was not checked out from a server" in capsys.readouterr().err
