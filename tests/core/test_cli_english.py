"""``--lang en``: every command speaks English; Chinese appears only inside the data (names, townships)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.store import Inventory
from onemap.summary import estate_record
from tests.store_access import connection

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")


@pytest.fixture(scope="module")
def data_text(demo_file: Path) -> str:
    """Every text value of the demo inventory, and its path: the Chinese that may appear."""
    values: list[str] = [str(demo_file)]

    def walk(value: object) -> None:
        if isinstance(value, str):
            values.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v)

    with Inventory.open(demo_file, readonly=True) as inventory:
        for estate in inventory.estates():
            record = estate_record(inventory.estate(estate.code))
            record.pop("status_label")
            walk(record)
        values += [row[0] for row in connection(inventory).execute("SELECT name FROM admin_areas")]
    return "\n".join(values)


def _chinese_outside_data(text: str, data: str) -> list[str]:
    return [run for run in _CJK.findall(text) if run not in data]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--lang", "en", *argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "{inv}"],
        ["list", "{inv}", "--where", "状态=在建"],
        ["list", "{inv}", "--where", "township=未填"],
        ["show", "{inv}", "6107250001"],
        ["show", "{inv}", "6107250007"],
        ["validate", "{inv}"],
        ["export", "{inv}", "{tmp}/out.csv"],
        ["export", "{inv}", "{tmp}/out.shp"],
        ["list", "{inv}", "--where", "状态=快好了"],
        ["list", "{inv}", "--where", "状态=在建 or 状态=完工"],
        ["list", "{inv}", "--where", "名称"],
        ["list", "{inv}", "--where", "renewal_year>=明年"],
        ["show", "{inv}", "999"],
        ["list", "{tmp}/没有.gpkg"],
        ["export", "{inv}", "{inv}", "--force"],
        ["export", "{inv}", "{tmp}/没有的文件夹/a.gpkg"],
        ["demo", "{tmp}/演示.gpkg", "--estates", "5"],
        ["brief", "{inv}", "6107250001", "6107250002"],
        ["brief", "{inv}", "--where", "状态=快好了", "-o", "{tmp}/a.pdf"],
    ],
)
def test_every_command_speaks_english(
    argv: list[str], demo_file: Path, data_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [a.format(inv=demo_file, tmp=tmp_path) for a in argv]
    _code, text = _run(argv, capsys)
    assert text.strip()
    allowed = data_text + "\n" + " ".join(argv)  # the user's own words may be echoed back
    assert _chinese_outside_data(text, allowed) == [], text


def test_an_import_report_speaks_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = tmp_path / "台账.csv"
    ledger.write_text(
        "小区名称,所在镇（街道）,建成年份,户数,联系电话,奇怪的列,经度,纬度\n"
        "桂园小区,勉阳街道,1998年,12x0,138-0000-0000,x,200,33\n"
        "合计,,,120,,,,\n",
        encoding="utf-8",
    )
    for argv in (
        ["import", str(ledger), "--into", str(tmp_path / "a.gpkg")],
        ["import", str(ledger), "--into", str(tmp_path / "a.gpkg"), "--dry-run"],
        ["import", str(ledger), "--into", str(tmp_path / "b.gpkg"), "--crs", "wgs48"],
        ["import", str(ledger), "--into", str(tmp_path / "b.gpkg"), "--county", "12"],
    ):
        _code, text = _run(argv, capsys)
        allowed = "桂园小区 勉阳街道 1998年 奇怪的列 户数 " + " ".join(argv)  # the ledger's own words
        assert _chinese_outside_data(text, allowed) == [], text


def test_the_demo_summary_speaks_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run(["demo", str(tmp_path / "d.gpkg"), "--estates", "8"], capsys)
    assert code == 0 and "8 estates" in text and "By status:" in text
