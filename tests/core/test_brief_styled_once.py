"""Sheet tables styled by the same commands share what the commands set, and print the same PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab import rl_config

from onemap.brief import sheetgrid
from onemap.brief.fitting import grid
from onemap.brief.fonts import find_cjk_font
from onemap.brief.typeset import Typesetter
from tests.core.brief_support import packet_bytes


def _state(table: sheetgrid.SheetGrid) -> tuple[object, ...]:
    return table.styles, table.backgrounds, table.lines, table.spans, table.covered


def test_a_second_table_of_the_same_commands_and_shape_is_styled_without_applying_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ts = Typesetter(find_cjk_font(None, None))
    rows = [["名称", "类型"], ["1号楼东侧", "枪机"], ["2号楼", "球机"]]
    first = grid(ts, [list(r) for r in rows], [61.0, 47.0], more=3, label_cols=[0], fixed=True)
    applied: list[str] = []
    own = sheetgrid.SheetGrid._command

    def counted(self: sheetgrid.SheetGrid, cmd: tuple[object, ...]) -> None:
        applied.append(str(cmd[0]))
        own(self, cmd)

    monkeypatch.setattr(sheetgrid.SheetGrid, "_command", counted)
    again = grid(ts, [list(r) for r in rows], [61.0, 47.0], more=3, label_cols=[0], fixed=True)
    assert applied == []
    assert _state(again) == _state(first)
    assert again.styles[1][1] is not first.styles[1][1]  # copies: each table's own
    again.setStyle([("TEXTCOLOR", (0, 0), (-1, -1), "red")])
    assert again.styles[1][1] != first.styles[1][1]
    fresh = grid(ts, [list(r) for r in rows], [61.0, 47.0], more=3, label_cols=[0], fixed=True)
    assert _state(fresh) == _state(first)  # the later setStyle changed only its own table
    monkeypatch.setattr(sheetgrid, "STYLE_ONCE", False)
    applied.clear()
    plain = grid(ts, [list(r) for r in rows], [61.0, 47.0], more=3, label_cols=[0], fixed=True)
    assert applied and _state(plain) == _state(first)


def test_a_packet_of_shared_table_styles_is_the_same_pdf(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random IDs: comparable bytes

    shared = packet_bytes(demo_file, tmp_path / "shared.pdf")
    monkeypatch.setattr(sheetgrid, "STYLE_ONCE", False)
    assert packet_bytes(demo_file, tmp_path / "own.pdf") == shared
