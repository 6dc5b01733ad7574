"""Every OneMap writer — viewer, importer, any open for writing — takes the same lock."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.store import Inventory, InventoryError
from onemap.store.editlock import EditLock, lock_path
from tests.core.ledgers import dms_csv

HOLDER = textwrap.dedent("""
    import sys, time
    from onemap.store import Inventory
    inventory = Inventory.open(sys.argv[1], user="张伟")  # what the viewer does when it opens a file
    print("held", flush=True)
    time.sleep(120)
""")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def held_elsewhere(demo_copy: Path) -> Iterator[Path]:
    """The demo inventory, open for writing by another OneMap process (user 张伟)."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(demo_copy)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield demo_copy
    finally:
        holder.kill()
        holder.wait()


def test_an_import_into_a_file_another_onemap_edits_is_refused_and_names_who(
    held_elsewhere: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    before = _digest(held_elsewhere)
    code = main(["import", str(dms_csv(tmp_path / "台账.csv")), "--into", str(held_elsewhere)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"正由 张伟（电脑 {socket.gethostname()}，" in err and "起）" in err and "不能写入" in err
    assert _digest(held_elsewhere) == before
    assert not [p for p in held_elsewhere.parent.iterdir() if "before-import" in p.name]


def test_the_refusal_reads_in_english_too(held_elsewhere: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--lang", "en", "import", str(dms_csv(tmp_path / "a.csv")), "--into", str(held_elsewhere)]) == 1
    assert f"open for editing in OneMap by 张伟 (computer {socket.gethostname()}, since " in capsys.readouterr().err


def test_opening_for_writing_is_refused_while_reading_is_not(held_elsewhere: Path) -> None:
    with pytest.raises(InventoryError) as refused:
        Inventory.open(held_elsewhere, user="李娜")
    assert refused.value.kind == "edited_by" and refused.value.fields["user"] == "张伟"
    with Inventory.open(held_elsewhere, readonly=True) as reader:
        assert reader.count() == 150


def test_validate_reports_who_has_the_file_open_for_editing(held_elsewhere: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["validate", str(held_elsewhere)]) == 0
    assert "正由 张伟（电脑" in capsys.readouterr().out


def test_the_lock_lasts_as_long_as_the_writer(demo_copy: Path) -> None:
    with Inventory.open(demo_copy, user="李娜"):
        assert lock_path(demo_copy).exists()
    assert not lock_path(demo_copy).exists()
    with Inventory.open(demo_copy, readonly=True):
        assert not lock_path(demo_copy).exists()  # readers take no lock


def test_a_writer_killed_without_cleanup_leaves_a_lock_the_next_writer_takes_over(demo_copy: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(demo_copy)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    assert lock_path(demo_copy).exists()
    with Inventory.open(demo_copy, user="李娜") as inventory, inventory.transaction():
        inventory.update_estate(inventory.estates()[0].code, households=321)
    assert not lock_path(demo_copy).exists()


def test_the_viewer_and_an_import_it_runs_share_one_lock(demo_copy: Path, tmp_path: Path) -> None:
    from onemap.io.importer import import_ledger

    viewer = EditLock.acquire(demo_copy, "李娜")  # the viewer's own lock, held while it edits
    with Inventory.open(demo_copy, user="李娜"):  # its writable connection
        import_ledger(dms_csv(tmp_path / "台账.csv"), demo_copy)  # an import started from its menu
    assert lock_path(demo_copy).exists()  # still the viewer's
    viewer.release()
    assert not lock_path(demo_copy).exists()


def test_making_a_new_inventory_over_a_file_another_onemap_edits_is_refused(held_elsewhere: Path) -> None:
    before = _digest(held_elsewhere)
    with pytest.raises(InventoryError) as refused:
        Inventory.create(held_elsewhere, overwrite=True)
    assert refused.value.kind == "edited_by"
    assert _digest(held_elsewhere) == before
