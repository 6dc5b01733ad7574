"""``onemap brief`` on the command line: what it writes, and its exit codes 0, 1 and 2."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from pypdf import PdfReader

from onemap.brief.command import add_arguments, run
from tests.core.test_brief_ledger import LEADER_PHONE, TRICKY, TRICKY_NAME, make_tricky_inventory, pdf_text


def brief(*argv: str) -> int:
    """Parse like the real ``onemap brief`` would and run; argparse's usage errors exit 2."""
    parser = argparse.ArgumentParser(prog="onemap brief")
    add_arguments(parser)
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return run(args)


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tricky_inventory(tmp_path_factory.mktemp("cli") / "台账.gpkg")


def test_one_code_prints_that_estates_sheet(tricky: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "一个小区.pdf"
    assert brief(str(tricky), TRICKY, "-o", str(out), "--redact-phones") == 0
    assert len(PdfReader(out).pages) == 1
    text = pdf_text(out)
    assert TRICKY_NAME in text and LEADER_PHONE not in text
    assert "已生成" in capsys.readouterr().out


def test_all_estates_make_a_packet_in_a3_landscape(tricky: Path, tmp_path: Path) -> None:
    out = tmp_path / "全部.pdf"
    assert brief(str(tricky), "--all", "-o", str(out), "--paper", "a3", "--landscape") == 0
    reader = PdfReader(out)
    assert len(reader.pages) > 3 and float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)
    assert "目" in pdf_text(out, 2, 2)


def test_a_filter_selects_the_estates(tricky: Path, tmp_path: Path) -> None:
    out = tmp_path / "在建.pdf"
    assert brief(str(tricky), "--where", "状态=在建", "-o", str(out), "--sheets-only") == 0
    assert len(PdfReader(out).pages) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["--all", "--where", "状态=在建"],
        [],
        ["--all", "-o", "简报.docx"],
    ],
)
def test_a_muddled_selection_is_a_usage_error(
    tricky: Path, tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    if "-o" not in argv:
        argv = [*argv, "-o", str(tmp_path / "x.pdf")]
    assert brief(str(tricky), *argv) == 2
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    "argv, words",
    [
        (["9999"], "没有编码为 9999"),
        (["--where", "状态=乱写"], "筛选条件有误"),
        (["--where", "name~不存在的名字"], "没有符合条件的小区"),
    ],
)
def test_refused_input_gets_one_chinese_sentence_and_no_file(
    tricky: Path, tmp_path: Path, argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "拒绝.pdf"
    assert brief(str(tricky), *argv, "-o", str(out)) == 1
    err = capsys.readouterr().err.strip()
    assert words in err and "\n" not in err and "Traceback" not in err
    assert not out.exists()


def test_a_missing_inventory_or_output_folder_is_refused(
    tricky: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert brief(str(tmp_path / "没有.gpkg"), "--all", "-o", str(tmp_path / "a.pdf")) == 1
    assert "找不到文件" in capsys.readouterr().err
    assert brief(str(tricky), "--all", "-o", str(tmp_path / "没有的文件夹" / "a.pdf")) == 1
    assert "文件夹不存在" in capsys.readouterr().err
