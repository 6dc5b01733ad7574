"""Shapefiles as ArcGIS users in China exchange them: GBK text, CGCS2000, 10-character names."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.io.columns_shp import SHP_NAMES
from onemap.io.export import export
from onemap.io.importer import import_ledger
from onemap.model import Estate
from onemap.store import Inventory

pytestmark = pytest.mark.skipif(not shutil.which("ogrinfo"), reason="GDAL's command-line tools are not installed")
README = Path(__file__).resolve().parents[2] / "README.md"


def _ogrinfo(*args: str) -> str:
    return subprocess.run(["ogrinfo", "-ro", *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def exported(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shp") / "勉县小区.shp"
    assert main(["export", str(demo_file), str(out)]) == 0
    return out


def test_the_export_writes_gbk_text_and_a_cgcs2000_prj_that_gdal_reads(exported: Path, demo_file: Path) -> None:
    assert exported.with_suffix(".cpg").read_text() == "GBK"
    assert "GCS_China_Geodetic_Coordinate_System_2000" in exported.with_suffix(".prj").read_text()
    summary = _ogrinfo("-so", str(exported), exported.stem)
    assert "Geometry: Point" in summary and "Feature Count: 150" in summary and 'ID["EPSG",4490]' in summary
    with Inventory.open(demo_file, readonly=True) as inventory:
        estate = inventory.estate("6107250001")
    feature = _ogrinfo("-where", "code = '6107250001'", str(exported), exported.stem)
    assert f"name (String) = {estate.name}" in feature and f"township (String) = {estate.township}" in feature
    assert f"built_txt (String) = {estate.built_year_text}" in feature and "status_lbl (String) = " in feature


def test_field_names_are_the_documented_ten_character_ones(exported: Path) -> None:
    fields = re.findall(r"^(\w+): (?:String|Integer|Real)", _ogrinfo("-so", str(exported), exported.stem), re.M)
    assert fields == [*SHP_NAMES.values(), "status_lbl"] and max(len(f) for f in fields) <= 10
    readme = README.read_text("utf-8")
    for field, short in SHP_NAMES.items():
        assert f"| `{short}` | `{field}` |" in readme, short


def test_outlines_go_to_a_second_shapefile(exported: Path) -> None:
    outlines = exported.with_name(f"{exported.stem}_outlines.shp")
    assert outlines.with_suffix(".cpg").read_text() == "GBK"
    summary = _ogrinfo("-so", str(outlines), outlines.stem)
    assert "Geometry: Polygon" in summary and "Feature Count: 150" in summary and 'ID["EPSG",4490]' in summary
    assert re.findall(r"^(\w+): String", summary, re.M) == ["code", "name"]


def test_text_with_no_gbk_form_makes_a_utf8_shapefile(fresh: Inventory, tmp_path: Path) -> None:
    fresh.add_estate(Estate("6107250001", "𠮷祥小区", location=(106.67, 33.15)))  # 𠮷 is outside GBK
    out = tmp_path / "小区.shp"
    export(fresh, out)
    assert out.with_suffix(".cpg").read_text() == "UTF-8"
    assert "name (String) = 𠮷祥小区" in _ogrinfo(str(out), out.stem)


def test_onemaps_own_shapefile_imports_into_a_new_inventory(exported: Path, demo_file: Path, tmp_path: Path) -> None:
    again = tmp_path / "再导入.gpkg"
    report = import_ledger(exported, again)
    assert len(report.imported) == 150 and not report.skipped and not report.unknown_columns
    with Inventory.open(demo_file, readonly=True) as source, Inventory.open(again, readonly=True) as copy:
        for code in ("6107250001", "6107250077"):
            old, new = source.estate(code), copy.estate(code)
            assert new.attributes() | {"updated_at": None} == old.attributes() | {"updated_at": None}
            assert new.location == pytest.approx(old.location, abs=1e-9)
            assert new.outline.normalize().equals_exact(old.outline.normalize(), 1e-9)


@pytest.mark.parametrize(("encoding", "cpg"), [("GBK", True), ("UTF-8", True), ("", True), ("GBK", False)])
def test_a_shapefile_ogr2ogr_cut_from_a_geojson_export_maps_back_to_fields(
    demo_file: Path, tmp_path: Path, encoding: str, cpg: bool
) -> None:
    geojson = tmp_path / "小区.geojson"
    main(["export", str(demo_file), str(geojson)])
    cut = tmp_path / "cut.shp"
    # reprojected to CGCS2000 3-degree Gauss-Kruger CM 108E; encoding "" = raw UTF-8, no .cpg
    subprocess.run(
        [
            "ogr2ogr",
            "-f",
            "ESRI Shapefile",
            "-lco",
            f"ENCODING={encoding}",
            str(cut),
            str(geojson),
            "-where",
            "layer IS NULL",
            "-nlt",
            "POINT",
            "-t_srs",
            "EPSG:4545",
        ],
        check=True,
        capture_output=True,
    )
    if not cpg:
        cut.with_suffix(".cpg").unlink()  # as ArcGIS on Chinese Windows often leaves it: GBK, said nowhere
    fields = _ogrinfo("-so", str(cut), "cut")
    assert "renewal_ye: Integer" in fields and "floor_area: Real" in fields and "3-degree Gauss-Kruger" in fields
    report = import_ledger(cut, tmp_path / "新清单.gpkg")
    assert not report.unknown_columns and len(report.imported) == 150
    assert (report.mapping["renewal_ye"], report.mapping["floor_area"], report.mapping["former_nam"]) == (
        "estate.renewal_year",
        "estate.floor_area_m2",
        "estate.former_name",
    )
    with Inventory.open(demo_file, readonly=True) as source, Inventory.open(tmp_path / "新清单.gpkg") as copy:
        old, new = source.estate("6107250005"), copy.estate("6107250005")
    assert (new.name, new.township, new.renewal_year, new.floor_area_m2, new.built_year_text, new.notes) == (
        old.name,
        old.township,
        old.renewal_year,
        old.floor_area_m2,
        old.built_year_text,
        old.notes,
    )
    assert new.location == pytest.approx(old.location, abs=1e-8)


def test_a_missing_dbf_is_refused_in_one_sentence(exported: Path, tmp_path: Path) -> None:
    from onemap.io.tables import LedgerError

    lonely = tmp_path / "只有shp.shp"
    shutil.copy(exported, lonely)
    with pytest.raises(LedgerError) as refused:
        import_ledger(lonely, tmp_path / "清单.gpkg")
    assert "Shapefile" in refused.value.message_zh and lonely.name in refused.value.message_zh


def test_the_export_help_offers_the_shapefile_and_names_its_outlines_file(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["export", "--help"]) == 0
    assert "OUT_outlines.shp" in capsys.readouterr().out
    assert main(["--help"]) == 0
    assert ".kml, .shp)" in " ".join(capsys.readouterr().out.split())  # however argparse wraps it


LONG_NOTES = "一期改造后居民提出加装电梯和雨污分流，" * 12  # 228 characters: 456 bytes in GBK
LONG_ADDRESS = "勉阳街道定军山路" + "x" * 300  # over 254 bytes in any encoding


def test_the_export_names_each_field_the_dbf_limit_cut(demo_copy: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with Inventory.open(demo_copy) as inventory:
        inventory.update_estate("6107250003", notes=LONG_NOTES, address=LONG_ADDRESS)
    out = tmp_path / "小区.shp"
    assert main(["--lang", "en", "export", str(demo_copy), str(out)]) == 0
    err = capsys.readouterr().err
    assert "6107250003 (notes)" in err and "6107250003 (address)" in err and "254 bytes" in err
    assert "truncated" not in err  # GDAL's own half-sentence is replaced by ours
    assert main(["export", str(demo_copy), str(tmp_path / "全部.shp")]) == 0
    assert "6107250003（备注）" in capsys.readouterr().err


def test_a_cut_text_imported_back_never_replaces_the_longer_stored_one(demo_copy: Path, tmp_path: Path) -> None:
    with Inventory.open(demo_copy) as inventory:
        inventory.update_estate("6107250003", notes=LONG_NOTES, address=LONG_ADDRESS)
        inventory.update_estate("6107250004", notes="短备注")
    out = tmp_path / "小区.shp"
    assert main(["export", str(demo_copy), str(out)]) == 0
    report = import_ledger(out, demo_copy)
    with Inventory.open(demo_copy, readonly=True) as inventory:
        estate = inventory.estate("6107250003")
    assert (estate.notes, estate.address) == (LONG_NOTES, LONG_ADDRESS)
    assert "6107250003" in report.unchanged and not report.updated
    cut = [w for w in report.warnings if "Shapefile" in w.message]
    assert {w.field for w in cut} == {"备注", "地址"} and len({w.row for w in cut}) == 1
    assert all("254" in w.message and "kept" in w.message_en for w in cut)


def test_a_real_change_at_the_limit_still_comes_in_from_a_shapefile(demo_copy: Path, tmp_path: Path) -> None:
    with Inventory.open(demo_copy) as inventory:
        inventory.update_estate("6107250003", notes="新的长备注" * 60)
    out = tmp_path / "小区.shp"
    assert main(["export", str(demo_copy), str(out)]) == 0
    with Inventory.open(demo_copy) as inventory:
        inventory.update_estate("6107250003", notes="旧的长备注" * 60)  # the shapefile's text does not begin it
    report = import_ledger(out, demo_copy)
    with Inventory.open(demo_copy, readonly=True) as inventory:
        notes = inventory.estate("6107250003").notes
    assert notes is not None and notes.startswith("新的长备注") and "6107250003" in report.updated
