"""Sheets drawn by a worker process: the packet is the very PDF one process draws."""

from __future__ import annotations

import io
import multiprocessing
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from onemap.brief import BriefCancelled, BriefOptions, build_packet
from onemap.brief.context import BriefContext
from onemap.brief.parallel import RecordingCanvas, record_sheet, replay, usable
from onemap.brief.sheet import facts_of, render_sheet, sheet_area
from onemap.store import Inventory
from onemap.view.order import pinyin_key
from tests.core.test_brief_ledger import page_texts


@pytest.fixture
def invariant() -> Iterator[None]:
    """PDFs without creation dates or random IDs, so two builds can be compared byte for byte."""
    saved = rl_config.invariant
    rl_config.invariant = 1
    yield
    rl_config.invariant = saved


def _build(source: Path, out: Path, options: BriefOptions, count: int | None = None) -> bytes:
    with Inventory.open(source, readonly=True) as inventory:
        estates = inventory.estates()[:count]
        build_packet(inventory, estates, out, options, selection="全部小区")
    return out.read_bytes()


def test_a_packet_drawn_with_a_worker_is_byte_for_byte_the_one_drawn_in_one_process(
    demo_file: Path, tmp_path: Path, invariant: None
) -> None:
    alone = _build(demo_file, tmp_path / "alone.pdf", BriefOptions(workers=0))
    helped = _build(demo_file, tmp_path / "helped.pdf", BriefOptions(workers=1))
    assert page_texts(tmp_path / "helped.pdf") == page_texts(tmp_path / "alone.pdf")
    assert helped == alone


def test_an_a3_landscape_redacted_packet_is_the_same_with_a_worker(
    demo_file: Path, tmp_path: Path, invariant: None
) -> None:
    options = {"paper": "A3", "landscape": True, "redact_phones": True}
    alone = _build(demo_file, tmp_path / "alone.pdf", BriefOptions(workers=0, **options), 20)
    helped = _build(demo_file, tmp_path / "helped.pdf", BriefOptions(workers=1, **options), 20)
    assert helped == alone


def test_a_replayed_recording_writes_the_operators_drawing_the_sheet_writes(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        ctx = BriefContext.create(inventory, BriefOptions())
        codes = [e.code for e in inventory.estates()[:3]]
        size, font = sheet_area(ctx.options), ctx.ts.font.name
        direct = Canvas(io.BytesIO(), pagesize=ctx.options.pagesize, initialFontName=font)
        stitched = Canvas(io.BytesIO(), pagesize=ctx.options.pagesize, initialFontName=font)
        recorder = RecordingCanvas(ctx.options.pagesize, font)
        for code in codes:  # several sheets: the font's subset codes carry on from page to page
            render_sheet(direct, ctx, facts_of(ctx, code), *size)
            replay(stitched, record_sheet(recorder, ctx, code, size))
            assert "\n".join(stitched._code) == "\n".join(direct._code)
            direct.showPage()
            stitched.showPage()
    assert "\0" not in "".join(stitched._code)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_a_packet_of_many_sheets_gets_a_worker_and_a_few_sheets_do_not(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        assert usable(BriefContext.create(inventory, BriefOptions(workers=1)), 150) == 1
        assert usable(BriefContext.create(inventory, BriefOptions(workers=1)), 3) == 0
        assert usable(BriefContext.create(inventory, BriefOptions(workers=0)), 150) == 0


def test_cancelling_a_packet_with_a_worker_leaves_no_file_and_no_process(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "cancelled.pdf"
    drawn: list[str] = []

    def progress(fraction: float, message: str) -> None:
        drawn.append(message)

    with (
        Inventory.open(demo_file, readonly=True) as inventory,
        pytest.raises(BriefCancelled),
    ):
        build_packet(
            inventory,
            inventory.estates(),
            out,
            BriefOptions(workers=1),
            progress=progress,
            cancel=lambda: sum("小区档案" in m for m in drawn) >= 5,
        )
    assert not out.exists()
    assert not list(tmp_path.iterdir())
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pypinyin is unloaded where workers may fork")
def test_a_packet_unloads_pypinyin_once_ordered_and_a_new_sort_key_loads_it_again(
    demo_file: Path, tmp_path: Path
) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        estates = inventory.estates()[:3]
        build_packet(inventory, estates, tmp_path / "three.pdf", BriefOptions(workers=0))
    assert "pypinyin" not in sys.modules
    assert pinyin_key("重庆小区") == ("chong2", "qing4", "xiao3", "qu1", "\x00", "重庆小区")


def test_where_processes_cannot_fork_as_on_windows_sheets_are_drawn_in_this_process(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        ctx = BriefContext.create(inventory, BriefOptions(workers=1))
        assert usable(ctx, 150) == 1
        monkeypatch.setattr(sys, "platform", "win32")
        assert usable(ctx, 150) == 0
        monkeypatch.setattr(sys, "platform", "linux")
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn", "forkserver"])
        assert usable(ctx, 150) == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_the_worker_is_drawing_sheets_already_while_the_packet_is_laid_out(demo_file: Path, tmp_path: Path) -> None:
    at_layout: list[int] = []

    def progress(fraction: float, message: str) -> None:
        if message == "排版与页码…":  # said as the layout pass starts
            at_layout.append(len(multiprocessing.active_children()))

    with Inventory.open(demo_file, readonly=True) as inventory:
        result = build_packet(
            inventory, inventory.estates()[:30], tmp_path / "p.pdf", BriefOptions(workers=1), progress=progress
        )
    assert at_layout == [1]
    assert result.page_count > 30
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def _check_up_readers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A file each process that reads the whole inventory's check-up writes its pid to."""
    import os

    from onemap.checkup import gather

    readers = tmp_path / "readers.txt"
    read = gather.read_checkup

    def noted(inventory: object, *args: object) -> gather.CheckupData:
        data = read(inventory, *args)  # type: ignore[arg-type]
        if len(data.places) > 30:  # the whole inventory's, not the packet section's own estates
            with readers.open("a") as out:
                out.write(f"{os.getpid()}\n")
        return data

    monkeypatch.setattr(gather, "read_checkup", noted)  # a forked process calls it too
    return readers


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="processes are forked on Linux only")
def test_the_whole_check_up_is_read_once_per_packet_in_a_process_of_its_own_and_sheets_get_its_scores(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invariant: None
) -> None:
    import os

    readers = _check_up_readers(monkeypatch, tmp_path)
    helped = _build(demo_file, tmp_path / "helped.pdf", BriefOptions(workers=1), 30)
    pids = readers.read_text().split()
    assert len(pids) == 1 and pids[0] != str(os.getpid())  # never in this process: its memory all goes back
    readers.unlink()
    alone = _build(demo_file, tmp_path / "alone.pdf", BriefOptions(workers=0), 30)
    assert helped == alone
    assert "八、评分" in "".join(page_texts(tmp_path / "helped.pdf"))
    assert multiprocessing.active_children() == []


def test_where_processes_cannot_fork_the_check_up_is_read_here_and_the_packet_is_the_same(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invariant: None
) -> None:
    import os

    forked = _build(demo_file, tmp_path / "forked.pdf", BriefOptions(workers=1), 30)
    readers = _check_up_readers(monkeypatch, tmp_path)
    monkeypatch.setattr(sys, "platform", "win32")  # as on Windows: no fork, no worker, no scores' process
    here = _build(demo_file, tmp_path / "here.pdf", BriefOptions(workers=1), 30)
    assert readers.read_text().split() == [str(os.getpid())]
    assert here == forked


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="processes are forked on Linux only")
def test_the_sheet_worker_is_started_once_the_scores_are_in_and_their_process_has_gone(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onemap.brief import build as build_module

    seen: list[tuple[int, bool, bool]] = []
    start = build_module.start_feed

    def noted(ctx: BriefContext, sheets: int) -> object:
        scores = ctx.extras.get("scores")
        seen.append((len(multiprocessing.active_children()), scores is not None, ctx.checkup is not None))
        return start(ctx, sheets)

    monkeypatch.setattr(build_module, "start_feed", noted)
    with Inventory.open(demo_file, readonly=True) as inventory:
        build_packet(inventory, inventory.estates()[:30], tmp_path / "p.pdf", BriefOptions(workers=1))
    # no other process alive as the worker forks; the book (printed scores only) and the packet's
    # check-up section came from the scores' process
    assert seen == [(0, True, True)]
    assert multiprocessing.active_children() == []
