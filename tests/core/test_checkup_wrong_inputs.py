"""Every input a user can get wrong in check-up, score, 片区 and plan commands: one sentence, nothing lost."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
import pytest

from onemap.cli import main


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _said(capsys: pytest.CaptureFixture[str], argv: list[str], code: int) -> tuple[str, str]:
    """The one line on stderr in Chinese and in English, for a command that ends with ``code``."""
    assert main(argv) == code
    zh = capsys.readouterr().err.strip()
    assert main(["--lang", "en", *argv]) == code
    en = capsys.readouterr().err.strip()
    assert "\n" not in zh and "\n" not in en and "usage" not in zh + en and "Traceback" not in zh + en
    return zh, en


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ('[weights]\nsafety = "high"\n', "权重应为非负数：safety", "weights must be numbers ≥ 0: safety"),
        ('version = "x"\n', "没有大于 0 的权重", "gives no weight above 0"),
        ("[weights]\nsafety = 0\n", "没有大于 0 的权重", "gives no weight above 0"),
        ("[weights]\nbogus = 3\n", "未知的评分项：bogus", "unknown criteria: bogus"),
        ("[gates]\nconsent_pct = 150\n[weights]\nage = 1\n", "gates.consent_pct 应为 0 到 100", "from 0 to 100"),
        ('[gates]\nbuilt_before = "早"\n[weights]\nage = 1\n', "gates.built_before", "built_before must be"),
        ("[weights\n", "格式有误", "not valid TOML"),
    ],
)
def test_a_bad_weight_file_is_one_sentence_in_either_language(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, zh: str, en: str
) -> None:
    weights = tmp_path / "权重.toml"
    weights.write_text(text, "utf-8")
    before = _digest(demo_copy)
    for command in (["score", str(demo_copy)], ["plan", str(demo_copy), "--budget", "5000"]):
        said_zh, said_en = _said(capsys, [*command, "--weights", str(weights)], 1)
        assert zh in said_zh and "权重.toml" in said_zh and en in said_en
    assert _digest(demo_copy) == before


@pytest.mark.parametrize(
    ("budget", "zh", "en"),
    [
        ("0", "预算须大于 0 万元", "must be more than 0"),
        ("-5", "预算须大于 0 万元", "must be more than 0"),
        ("abc", "“abc”不是数字", "“abc” is not a number"),
        ("", "不是数字", "is not a number"),
        ("nan", "有限的万元数", "finite amount"),
    ],
)
def test_a_budget_that_is_not_a_positive_amount_is_refused_with_a_sentence(
    demo_file: Path, capsys: pytest.CaptureFixture[str], budget: str, zh: str, en: str
) -> None:
    said_zh, said_en = _said(capsys, ["plan", str(demo_file), "--budget", budget], 2)
    assert zh in said_zh and en in said_en


def test_a_budget_written_with_its_unit_and_commas_is_read(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(demo_file), "--budget", "5,000万元", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["budget_wan"] == 5000


def test_the_packet_refuses_a_zero_plan_budget_before_writing_anything(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "简报.pdf"
    said_zh, said_en = _said(capsys, ["brief", str(demo_file), "--all", "--plan-budget", "0", "-o", str(out)], 2)
    assert "预算须大于 0 万元" in said_zh and "more than 0" in said_en and not out.exists()


def test_an_unknown_facility_type_names_the_types_there_are(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    said_zh, said_en = _said(capsys, ["coverage", str(demo_file), "--type", "spaceship"], 2)
    assert "没有“spaceship”这种设施类型" in said_zh and "kindergarten（幼儿园）" in said_zh
    assert "no facility type 'spaceship'" in said_en
    said_zh, _ = _said(capsys, ["facilities", "list", str(demo_file), "--type", "rocket"], 2)
    assert "rocket" in said_zh


def test_a_sheet_without_survey_columns_is_refused_and_nothing_is_written(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "通讯录.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["名称", "地址", "电话"])
    book.active.append(["张三", "城关", "123"])
    book.save(sheet)
    before = _digest(demo_copy)
    said_zh, said_en = _said(capsys, ["checkup", str(demo_copy), "import", str(sheet)], 1)
    assert "通讯录.xlsx 不是城市体检调查表" in said_zh and "名称、地址、电话" in said_zh
    assert "is not a check-up survey sheet" in said_en and "nothing was imported" in said_en
    assert _digest(demo_copy) == before


def test_a_road_file_with_no_lines_is_said_not_ignored(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    points = tmp_path / "点.geojson"
    feature = {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [106.67, 33.15]}}
    points.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")
    said_zh, said_en = _said(capsys, ["districts", str(demo_copy), "--roads", str(points), "--save"], 1)
    assert "点.geojson 中没有线要素" in said_zh and "holds no lines" in said_en
    for command in (["coverage", str(demo_copy)], ["checkup", str(demo_copy), "rollup"], ["score", str(demo_copy)]):
        said_zh, said_en = _said(capsys, [*command, "--network", str(points)], 1)
        assert "点.geojson 中没有线要素" in said_zh and "holds no lines" in said_en


@pytest.mark.parametrize(("flag", "value"), [("--max-households", "0"), ("--max-households", "x"), ("--within", "-5")])
def test_a_district_cap_or_distance_that_makes_no_sense_is_refused(
    demo_copy: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str
) -> None:
    before = _digest(demo_copy)
    said_zh, said_en = _said(capsys, ["districts", str(demo_copy), flag, value, "--save"], 2)
    assert value in said_zh and value in said_en and _digest(demo_copy) == before


def test_assigning_an_unknown_estate_to_a_district_changes_nothing(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(demo_copy)
    argv = ["districts", str(demo_copy), "--assign", "999=测试片区", "--assign", "6107250001=测试片区"]
    said_zh, said_en = _said(capsys, argv, 1)
    assert "没有这些小区编码：999" in said_zh and "999" in said_en and _digest(demo_copy) == before
