"""``onemap validate|brief|snapshot`` accept a server URL wherever they accept a .gpkg."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from onemap.cli import main
from tests.core.server_support import loaded


def _validated(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    capsys.readouterr()
    code = main(["validate", *args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_validate_on_a_server_finds_what_the_file_check_finds_about_estates_and_is_usable(
    pg_database: str, demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded(pg_database, demo_file)
    code, served = _validated(capsys, pg_database)
    _, filed = _validated(capsys, str(demo_file))
    assert code == 0 and served["usable"] and served["estates"] == filed["estates"]
    per_estate = [f for f in filed["findings"] if f["where"] not in ("file", "estates")]
    assert [f for f in served["findings"] if f["where"] not in ("server", "estates")] == per_estate


def test_validate_on_a_server_reports_unaudited_versions_invalid_shapes_orphans_and_silenced_triggers(
    pg_database: str, demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded(pg_database, demo_file)
    with psycopg.connect(pg_database) as conn:
        code = conn.execute("SELECT min(code) FROM estates").fetchone()[0]
        conn.execute("ALTER TABLE estates DISABLE TRIGGER onemap_audit")
        conn.execute("UPDATE estates SET notes = '绕过审计' WHERE code = %s", (code,))
        conn.execute(
            "UPDATE estate_areas SET geom = ST_GeomFromText('MULTIPOLYGON(((0 0,1 1,1 0,0 1,0 0)))', 4326) "
            "WHERE fid = (SELECT min(fid) FROM estate_areas)"
        )
        conn.execute("UPDATE estates SET geom = ST_SetSRID(ST_MakePoint(33.1, 106.6), 4326) WHERE code = %s", (code,))
        conn.execute("ALTER TABLE buildings DISABLE TRIGGER ALL")  # the foreign key's triggers too
        conn.execute("UPDATE buildings SET estate_code = '9999999999' WHERE fid = (SELECT min(fid) FROM buildings)")
    exit_code, report = _validated(capsys, pg_database)
    said = " | ".join(f["message_en"] for f in report["findings"])
    assert exit_code == 1 and not report["usable"]
    assert "estates.onemap_audit" in said and "buildings.onemap_row_version" in said
    assert f"audit trail does not know (written with the triggers off): {code}" in said
    assert "1 shapes are invalid" in said and "1 points lie outside China" in said
    assert "1 rows belong to an estate that is gone" in said


def test_a_server_that_cannot_be_opened_is_one_error_finding(
    pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = _validated(capsys, pg_database)  # an empty database: no inventory
    assert code == 1 and "no OneMap inventory" in report["findings"][0]["message_en"]


def test_brief_reads_a_server_as_it_reads_its_file(pg_database: str, demo_file: Path, tmp_path: Path) -> None:
    loaded(pg_database, demo_file)
    with psycopg.connect(pg_database) as conn:
        code = conn.execute("SELECT min(code) FROM estates").fetchone()[0]
    for source, name in ((pg_database, "server"), (str(demo_file), "file")):
        assert main(["brief", source, code, "-o", str(tmp_path / f"{name}.pdf")]) == 0
    assert (tmp_path / "server.pdf").read_bytes()[:5] == b"%PDF-"
    texts = [_pdf_text(tmp_path / f"{name}.pdf") for name in ("server", "file")]
    assert code in texts[0] and texts[0] == texts[1]


@pytest.mark.slow  # the snapshot draws with Qt: run in the full venv (scripts/test), not the Qt-free one
def test_snapshot_reads_a_server_as_it_reads_its_file(pg_database: str, demo_file: Path, tmp_path: Path) -> None:
    loaded(pg_database, demo_file)
    for source, name in ((pg_database, "server"), (str(demo_file), "file")):
        assert main(["snapshot", source, "-o", str(tmp_path / f"{name}.png"), "--no-basemap"]) == 0
    from PIL import Image, ImageChops

    pictures = [Image.open(tmp_path / f"{name}.png").convert("RGB") for name in ("server", "file")]
    assert pictures[0].size == pictures[1].size
    changed = ImageChops.difference(*pictures).convert("L").point(lambda v: 255 if v else 0).histogram()[255]
    # the same map; only where two estates' markers overlap may the other one be on top (the copy's row order)
    assert changed <= 2 * 8 * 8, changed


def _pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext reads it, without the generation time (the two were made moments apart)."""
    import re
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?", "", text)
