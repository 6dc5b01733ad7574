"""Check-up survey photos live in the inventory itself: a copied file keeps them; a missing one is said."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from onemap.checkup.photos import PhotoError, read_photo
from onemap.cli import main
from onemap.store import Inventory
from tests.conftest import run_validators
from tests.core.checkup_support import clear_survey, write_photo, write_sheet

CODE = "6107250001"


def _row(photo: str | None, indicator: str = "H02") -> list[object]:
    return [CODE, "1号楼", indicator, None, None, photo, "李四", "2025-03-01", None]


def test_a_survey_sheets_photos_are_kept_in_the_file_and_travel_with_a_copy(demo_copy: Path, tmp_path: Path) -> None:
    clear_survey(demo_copy)
    folder = tmp_path / "调查"
    folder.mkdir()
    sheet = write_sheet(folder / "体检调查表.xlsx", [_row("照片/燃气.jpg"), _row(None, "H03")])
    photo = write_photo(folder / "照片" / "燃气.jpg")
    assert main(["checkup", str(demo_copy), "import", str(sheet)]) == 0
    shutil.rmtree(folder)  # the surveyor's folder is gone; the mailed copy still shows the photo
    copy = shutil.copy(demo_copy, tmp_path / "寄出的副本.gpkg")
    with Inventory.open(copy, readonly=True) as inventory:
        found = inventory.checkup_findings([CODE])
        kept = inventory.finding_photos([f.fid or 0 for f in found])
    assert [f.photo for f in found] == ["照片/燃气.jpg", None]
    assert list(kept) == [found[0].fid] and kept[found[0].fid or 0][0] == "照片/燃气.jpg"
    assert kept[found[0].fid or 0][1][:3] == b"\xff\xd8\xff"
    conn = sqlite3.connect(copy)
    audit = conn.execute("SELECT new_value FROM audit_log WHERE table_name = 'photos' AND action = 'insert'").fetchall()
    assert len(audit) == 1 and json.loads(audit[0][0])["picture"].endswith(" bytes")  # its size, not the picture
    conn.close()
    del photo
    for result in run_validators(Path(copy)):
        assert result.returncode == 0, result.stdout


def test_a_photo_path_that_does_not_exist_is_reported_on_its_row_and_the_row_waits(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clear_survey(demo_copy)
    sheet = write_sheet(tmp_path / "表.xlsx", [_row("照片/没有这张.jpg"), _row(None, "H03")])
    assert main(["checkup", str(demo_copy), "import", str(sheet), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["imported"] == 1 and [(r["row"], r["field"]) for r in result["reported"]] == [(3, "照片")]
    reason = result["reported"][0]["reason"]
    assert reason.startswith("照片文件不存在：") and str(tmp_path / "照片" / "没有这张.jpg") in reason
    assert main(["--lang", "en", "checkup", str(demo_copy), "import", str(sheet), "--dry-run"]) == 0
    assert "photo file not found:" in capsys.readouterr().err


def test_a_file_that_is_not_a_picture_is_refused_with_its_name(tmp_path: Path) -> None:
    fake = tmp_path / "照片.jpg"
    fake.write_text("这不是图片", "utf-8")
    with pytest.raises(PhotoError) as refused:
        read_photo(fake)
    assert str(refused.value.args[0]) == f"不是 JPEG 或 PNG 图片：{fake}"
    assert refused.value.args[0].en == f"not a JPEG or PNG picture: {fake}"


def test_deleting_a_finding_deletes_its_photo_audited(demo_copy: Path, tmp_path: Path) -> None:
    clear_survey(demo_copy)
    sheet = write_sheet(tmp_path / "表.xlsx", [_row("a.jpg")])
    write_photo(tmp_path / "a.jpg")
    assert main(["checkup", str(demo_copy), "import", str(sheet)]) == 0
    clear_survey(demo_copy)
    conn = sqlite3.connect(demo_copy)
    assert conn.execute("SELECT count(*) FROM photos WHERE finding_fid IS NOT NULL").fetchone()[0] == 0
    deleted = conn.execute("SELECT old_value FROM audit_log WHERE table_name = 'photos' AND action = 'delete'")
    assert [json.loads(r[0])["path"] for r in deleted] == ["a.jpg"]
    conn.close()
