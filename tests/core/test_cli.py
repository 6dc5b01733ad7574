"""The onemap command: each subcommand, its --json output and its exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from onemap.cli import COMMANDS, main

README = Path(__file__).resolve().parents[2] / "README.md"


def _json(capsys: pytest.CaptureFixture[str]) -> object:
    return json.loads(capsys.readouterr().out)


def test_demo_writes_an_inventory_and_prints_its_summary(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "勉县 演示.gpkg"
    assert main(["demo", str(out), "--estates", "30", "--seed", "7"]) == 0
    assert "30 个小区" in capsys.readouterr().out
    assert main(["demo", str(out)]) == 1
    assert "已存在" in capsys.readouterr().err
    assert main(["demo", str(out), "--estates", "12", "--force", "--json"]) == 0
    assert _json(capsys)["estates"] == 12  # type: ignore[index]


def test_list_filters_with_chinese_labels_and_keys_alike(demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", str(demo_file), "--where", "状态=在建", "--json"]) == 0
    by_label = _json(capsys)
    assert main(["list", str(demo_file), "--where", "status=under_construction", "--json"]) == 0
    assert _json(capsys) == by_label
    assert by_label and all(e["status"] == "under_construction" for e in by_label)  # type: ignore[union-attr]


def test_list_combines_conditions(demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", str(demo_file), "--where", "renewal_year>=2024 and 镇街=勉阳街道", "--json"]) == 0
    rows = _json(capsys)
    assert rows and all(r["renewal_year"] >= 2024 and r["township"] == "勉阳街道" for r in rows)  # type: ignore[union-attr]


def test_a_bad_filter_is_one_sentence_and_exit_one(demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", str(demo_file), "--where", "状态=快好了"]) == 1
    err = capsys.readouterr().err
    assert "没有“快好了”这个状态" in err and len(err.strip().splitlines()) == 1


def test_show_prints_every_field_with_blanks_as_weitian(demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["show", str(demo_file), "6107250001"]) == 0
    text = capsys.readouterr().out
    assert "小区名称：" in text and "备注：未填" in text


def test_show_json_has_contacts_cameras_and_funding(demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["show", str(demo_file), "6107250001", "--json"]) == 0
    record = _json(capsys)
    assert record["code"] == "6107250001" and record["contacts"]  # type: ignore[index]
    assert sum(f["amount_wan"] for f in record["funding"]) == pytest.approx(record["investment_wan"], abs=0.05)  # type: ignore[index]


def test_show_an_unknown_code_is_refused(demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["show", str(demo_file), "999"]) == 1
    assert "没有编码为 999 的小区" in capsys.readouterr().err


def test_validate_a_good_file(demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["validate", str(demo_file), "--json"]) == 0
    report = _json(capsys)
    assert report["usable"] and report["estates"] == 150  # type: ignore[index]
    assert not [f for f in report["findings"] if f["level"] == "error"]  # type: ignore[index]


def test_export_to_geopackage_and_geojson_keeps_the_filtered_estates(demo_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from onemap.store import Inventory

    gpkg, geojson = tmp_path / "在建.gpkg", tmp_path / "在建.geojson"
    assert main(["export", str(demo_file), str(gpkg), "--where", "状态=在建"]) == 0
    assert main(["export", str(demo_file), str(geojson), "--where", "状态=在建"]) == 0
    with Inventory.open(demo_file, readonly=True) as source, Inventory.open(gpkg, readonly=True) as copy:
        expected = source.estates("状态=在建")
        assert [e.code for e in copy.estates()] == [e.code for e in expected]
        assert copy.estate(expected[0].code).building_list == source.estate(expected[0].code).building_list
    features = json.loads(geojson.read_text("utf-8"))["features"]
    points = [f for f in features if f["geometry"]["type"] == "Point"]
    assert len(points) == len(expected)


def test_export_refuses_an_unknown_format(demo_file: Path, tmp_path: Path) -> None:
    assert main(["export", str(demo_file), str(tmp_path / "x.dxf")]) == 2


def test_usage_errors_exit_two(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo"]) == 2
    assert main(["demo", "x.gpkg", "--estates", "0"]) == 2


def test_every_command_is_documented_in_the_readme() -> None:
    readme = README.read_text("utf-8")
    for command in COMMANDS:
        assert re.search(rf"onemap {command}\b", readme), f"README does not document 'onemap {command}'"


@pytest.mark.parametrize("crs", ["wgs48", "EPSG:99999", "gcj03", "xian80"])
def test_an_unknown_crs_is_refused_before_anything_is_written(crs: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    ledger = tmp_path / "台账.csv"
    ledger.write_text("小区名称,经度,纬度\n桂园小区,106.67,33.15\n", encoding="utf-8")
    into = tmp_path / "新.gpkg"
    assert main(["import", str(ledger), "--into", str(into), "--crs", crs, "--county", "610725"]) == 1
    err = capsys.readouterr().err
    assert crs in err and "wgs84" in err and len(err.strip().splitlines()) == 1
    assert not into.exists()


@pytest.mark.parametrize(
    ("county", "why"),
    [("61072", "6 位数字"), ("６１０７２５", "6 位数字"), ("abc", "6 位数字"), ("999999", "没有行政区划代码为 999999")],
)
def test_a_bad_county_code_is_refused(county: str, why: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    ledger = tmp_path / "台账.csv"
    ledger.write_text("小区名称\n桂园小区\n", encoding="utf-8")
    assert main(["import", str(ledger), "--into", str(tmp_path / "新.gpkg"), "--county", county]) == 1
    assert why in capsys.readouterr().err
    assert not (tmp_path / "新.gpkg").exists()


def test_a_new_inventory_says_which_codes_it_will_use(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    ledger = tmp_path / "台账.csv"
    ledger.write_text("小区名称,所在镇（街道）\n桂园小区,勉阳街道\n", encoding="utf-8")
    assert main(["import", str(ledger), "--into", str(tmp_path / "a.gpkg")]) == 0
    assert "000000" in capsys.readouterr().err
    assert main(["import", str(ledger), "--into", str(tmp_path / "b.gpkg"), "--county", "610725"]) == 0
    assert "610725（勉县）" in capsys.readouterr().err
    assert main(["import", str(ledger), "--into", str(tmp_path / "b.gpkg"), "--county", "610725"]) == 0
    assert "610725（勉县）" not in capsys.readouterr().err  # said once, when the inventory is new


def test_the_import_report_can_be_saved_as_a_workbook_and_is_not_overwritten(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    ledger = tmp_path / "台账.csv"
    ledger.write_text("小区名称,所在镇（街道）\n桂园小区,勉阳街道\n", encoding="utf-8")
    report = tmp_path / "报告.xlsx"
    args = ["import", str(ledger), "--into", str(tmp_path / "a.gpkg"), "--county", "610725", "--report", str(report)]
    assert main(args) == 0 and report.stat().st_size > 0
    assert main(args) == 1 and "已存在" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0


def test_output_piped_into_head_ends_quietly(demo_file: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(README.parent)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "onemap", "list", str(demo_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like head after its lines: the reader is gone before onemap writes
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=120) == 0
    assert err == "", err


def test_the_lang_flag_also_works_after_the_command(demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", str(demo_file), "--where", "状态=在建", "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip().endswith("estates")


@pytest.mark.parametrize("where", ["状态＝在建", "renewal_year＞＝2024"])
def test_full_width_operators_filter_like_ascii_ones(where: str, demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", str(demo_file), "--where", where, "--json"]) == 0
    full = _json(capsys)
    assert main(["list", str(demo_file), "--where", where.replace("＝", "=").replace("＞", ">"), "--json"]) == 0
    assert full == _json(capsys) and full


def test_or_in_a_filter_is_refused_with_the_syntax(demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", str(demo_file), "--where", "状态=在建 or 状态=完工"]) == 1
    err = capsys.readouterr().err
    assert "不支持 or" in err and "and" in err and len(err.strip().splitlines()) == 1
