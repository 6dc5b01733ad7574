"""A dry run writes nothing at all, anywhere: same bytes, no backup, no migration, no scratch left."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest
from shapely.geometry import box

from onemap.cli import main
from onemap.io.importer import ImportOptions, import_ledger
from onemap.model import Estate
from onemap.store import Inventory
from tests.core.ledgers import dms_csv


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder scratch copies go to, so the test can see that none is left."""
    folder = tmp_path / "系统临时"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _older_file(folder: Path) -> Path:
    path = folder / "旧版 清单.gpkg"
    with Inventory.create(path, county_code="610725", upto=1) as old, old.transaction():
        old.add_estate(
            Estate(
                code="6107250001",
                name="桂园小区",
                township="勉阳街道",
                location=(106.67, 33.15),
                outline=box(106.669, 33.149, 106.671, 33.151),
            )
        )
    return path


def test_a_dry_run_on_a_file_from_an_older_onemap_neither_backs_up_nor_migrates(
    tmp_path: Path, private_tmp: Path
) -> None:
    work = tmp_path / "清单夹"
    work.mkdir()
    inventory = _older_file(work)
    ledger = dms_csv(tmp_path / "台账.csv")
    before, siblings = _digest(inventory), sorted(p.name for p in work.iterdir())
    report = import_ledger(ledger, inventory, ImportOptions(dry_run=True))
    assert _digest(inventory) == before
    assert sorted(p.name for p in work.iterdir()) == siblings  # no backup, no journal, no lock left
    assert report.backup is None and len(report.imported) + len(report.updated) == 5
    assert list(private_tmp.iterdir()) == []  # the scratch copy is gone too
    with Inventory.open(inventory, readonly=True) as still_old:
        assert still_old.schema_migrations == ["0001_inventory"]


def test_the_command_line_dry_run_reports_what_a_real_import_does(
    demo_copy: Path, tmp_path: Path, private_tmp: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    ledger = dms_csv(tmp_path / "台账.csv")
    before = _digest(demo_copy)
    assert main(["import", str(ledger), "--into", str(demo_copy), "--dry-run", "--json"]) == 0
    dry = capsys.readouterr().out
    assert _digest(demo_copy) == before and list(private_tmp.iterdir()) == []
    assert main(["import", str(ledger), "--into", str(demo_copy), "--json"]) == 0
    real = capsys.readouterr().out
    assert '"imported"' in dry and dry.count("桂园小区") == real.count("桂园小区")


def test_a_dry_run_into_a_file_that_does_not_exist_creates_nothing_beside_it(tmp_path: Path, private_tmp: Path) -> None:
    into = tmp_path / "新清单.gpkg"
    report = import_ledger(dms_csv(tmp_path / "a.csv"), into, ImportOptions(dry_run=True))
    assert len(report.imported) == 5 and not into.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "系统临时"] and list(private_tmp.iterdir()) == []
