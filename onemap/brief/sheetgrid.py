"""The sheet's thin-ruled tables, laid out and drawn without ReportLab's general Table.

A sheet draws about six tables of a hundred cells, and fits each to its box by measuring
it; ReportLab's ``Table`` spends most of that time on its general machinery (a style
object per cell, every command parsed and applied cell by cell, spans and splits looked
up per cell).  :class:`SheetGrid` knows only what :func:`onemap.brief.fitting.grid` and the
sheet's lists ask for (FONT, TEXTCOLOR, ALIGN, VALIGN, the four paddings, BACKGROUND,
GRID and column SPANs within one row) and writes the very operators ``Table`` writes, in
the same order: a sheet is the same PDF, byte for byte (tests/core/test_brief_sheetgrid.py).
It never splits, so pages that may break a table (the county summary) keep ``Table``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.platypus import Flowable, TableStyle
from reportlab.platypus.tables import _hLine

#: cell style fields: font, size, leading, colour, align, valign, left/right/top/bottom padding
FONT, SIZE, LEADING, COLOR, ALIGN, VALIGN, LEFT, RIGHT, TOP, BOTTOM = range(10)
#: ReportLab's CellStyle defaults, in that order
DEFAULT: list[Any] = ["Helvetica", 10, 12, "black", "LEFT", "BOTTOM", 6, 6, 3, 3]
_FIELDS = {"TEXTCOLOR": COLOR, "ALIGN": ALIGN, "VALIGN": VALIGN, "LEFTPADDING": LEFT, "RIGHTPADDING": RIGHT,
           "TOPPADDING": TOP, "BOTTOMPADDING": BOTTOM}  # fmt: skip


class SheetGrid(Flowable):  # type: ignore[misc]
    """A table of strings and flowables in fixed column widths, styled by TableStyle commands."""

    def __init__(self, rows: list[list[Any]], widths: Sequence[float], style: Sequence[tuple[Any, ...]] = ()) -> None:
        super().__init__()
        self.rows, self.widths = rows, list(widths)
        self.nrows, self.ncols = len(rows), len(self.widths)
        self.hAlign = "LEFT"
        key = _style_key(style, self.nrows, self.ncols) if STYLE_ONCE else None
        styled = _STYLED.get(key) if key is not None else None
        if styled is None:
            styled = _styled(style, self.nrows, self.ncols)
            if key is not None:
                if len(_STYLED) >= STYLED_LIMIT:
                    _STYLED.clear()
                _STYLED[key] = styled
        # copies: a later setStyle changes this table's own
        styles, backgrounds, lines, spans, covered = styled
        self.styles = [[list(cell) for cell in row] for row in styles]
        self.backgrounds, self.lines = list(backgrounds), list(lines)
        self.spans = dict(spans)  # (row, first column) -> last column
        self.covered = set(covered)  # (row, column) under a span, not its first
        self._wrapped: tuple[float, float] | None = None

    def setStyle(self, style: TableStyle | Sequence[tuple[Any, ...]]) -> None:
        """Apply commands in order, as ``Table.setStyle`` does."""
        for cmd in style.getCommands() if isinstance(style, TableStyle) else style:
            self._command(tuple(cmd))
        self._wrapped = None

    def _command(self, cmd: tuple[Any, ...]) -> None:
        op, (sc, sr), (ec, er), values = cmd[0], cmd[1], cmd[2], cmd[3:]
        if op == "BACKGROUND":
            self.backgrounds.append(cmd)
        elif op == "GRID":
            self.lines.append(cmd)
        elif op == "SPAN":
            sc, ec, sr, er = self._norm(sc, ec, sr, er, clamp=False)
            if sr != er:
                raise ValueError("SheetGrid spans columns within one row only")
            self.spans[(sr, min(sc, ec))] = max(sc, ec)
            self.covered.update((sr, c) for c in range(min(sc, ec) + 1, max(sc, ec) + 1))
        else:
            sc, ec, sr, er = self._norm(sc, ec, sr, er, clamp=True)
            for i in range(sr, er + 1):
                for j in range(sc, ec + 1):
                    _set(self.styles[i][j], op, values)

    def _norm(self, sc: int, ec: int, sr: int, er: int, clamp: bool) -> tuple[int, int, int, int]:
        sc, ec = (c + self.ncols if c < 0 else c for c in (sc, ec))
        sr, er = (r + self.nrows if r < 0 else r for r in (sr, er))
        if clamp:
            return max(0, sc), min(self.ncols - 1, ec), max(0, sr), min(self.nrows - 1, er)
        return sc, ec, sr, er

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._wrapped is None:
            self._layout()
        assert self._wrapped is not None
        return self._wrapped

    def _layout(self) -> None:
        self.cols = [0.0]
        for w in self.widths:
            self.cols.append(self.cols[-1] + w)
        heights = [self._row_height(i) for i in range(self.nrows)]
        # row positions from the bottom up, summed as Table sums them (compensated)
        positions, height, c = [], 0.0, 0.0
        for h in reversed(heights):
            positions.append(height)
            y = h - c
            t = height + y
            c = (t - height) - y
            height = t
        positions.append(height)
        positions.reverse()
        self.heights, self.positions = heights, positions
        self._wrapped = (self.cols[-1], height)

    def _cell_width(self, i: int, j: int) -> float:
        last = self.spans.get((i, j), j)
        return self.cols[last + 1] - self.cols[j]

    def _row_height(self, i: int) -> float:
        h = 0.0
        for j, (v, s) in enumerate(zip(self.rows[i], self.styles[i], strict=True)):
            if isinstance(v, Flowable):
                if (i, j) in self.covered:
                    continue
                aw = self._cell_width(i, j) - s[LEFT] - s[RIGHT]
                vh = v.wrapOn(None, aw, 72000 - s[TOP] - s[BOTTOM])[1]
                before, after = v.getSpaceBefore(), v.getSpaceAfter()
                t = (0 + (vh + after + before)) - before - after
            else:
                t = (s[LEADING] or 1.2 * s[SIZE]) * len(("" if v is None else str(v)).split("\n"))
            h = max(h, t + s[BOTTOM] + s[TOP])
        return h

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        self._draw_backgrounds(canv)
        current: list[Any] | None = None
        for i in range(self.nrows):
            y, rh = self.positions[i + 1], self.heights[i]
            for j in range(self.ncols):
                if (i, j) in self.covered:
                    continue
                s = self.styles[i][j]
                if current is None or s[COLOR] != current[COLOR]:
                    canv.setFillColor(s[COLOR])
                if current is None or s[FONT:COLOR] != current[FONT:COLOR]:  # font, size or leading
                    canv.setFont(s[FONT], s[SIZE], s[LEADING])
                current = s
                _draw_cell(canv, self.rows[i][j], s, self.cols[j], y, self._cell_width(i, j), rh)
        self._draw_lines(canv)
        canv.restoreState()

    def _draw_backgrounds(self, canv: Any) -> None:
        for _op, (sc, sr), (ec, er), arg in self.backgrounds:
            sc, ec = (c + self.ncols if c < 0 else c for c in (sc, ec))
            sr, er = (r + self.nrows if r < 0 else r for r in (sr, er))
            x0, y0 = self.cols[sc], self.positions[sr]
            w = self.cols[min(ec + 1, self.ncols)] - x0
            h = self.positions[min(er + 1, self.nrows)] - y0
            color = colors.toColorOrNone(arg)
            if not color:
                continue
            if ec == sc and er == sr and self.spans and (sr, sc) not in self.covered:
                x0, y0 = self.cols[sc], self.positions[sr + 1]
                w, h = self._cell_width(sr, sc), self.positions[sr] - y0
            canv.setFillColor(color)
            canv.rect(x0, y0, w, h, stroke=0, fill=1)

    def _draw_lines(self, canv: Any) -> None:
        canv.saveState()
        cap = join = color = weight = None
        blocks: dict[float, list[tuple[float, float]]] = {}
        for (i, first), last in self.spans.items():  # inner column edges of a span are not ruled
            if i < self.nrows:
                for c in range(first + 1, last + 1):
                    blocks.setdefault(self.cols[c], []).append((self.positions[i + 1], self.positions[i]))
        for value in blocks.values():
            value.sort()
        for _op, start, end, line_weight, line_color, *rest in self.lines:
            if rest:  # caps, dashes, joins, double rules: not a sheet's
                raise ValueError("SheetGrid draws plain GRID rules only")
            if cap != 1:
                canv.setLineCap(1)
                cap = 1
            if join != 1:
                canv.setLineJoin(1)
                join = 1
            sc, ec, sr, er = self._norm(start[0], end[0], start[1], end[1], clamp=True)
            rows = [sr, er + 1, *range(sr + 1, er + 1)]  # box top, box bottom, then the inner rules
            cols = [sc, ec + 1, *range(sc + 1, ec + 1)]
            for kind, at in (("h", [sr]), ("h", [er + 1]), ("v", [sc]), ("v", [ec + 1]),
                             ("h", rows[2:]), ("v", cols[2:])):  # fmt: skip
                if not at:
                    continue
                if line_color and line_color != color:
                    canv.setStrokeColor(line_color)
                    color = line_color
                if line_weight and line_weight != weight:
                    canv.setLineWidth(line_weight)
                    weight = line_weight
                if kind == "h":
                    for r in at:
                        _hLine(canv.line, self.cols[sc], self.cols[ec + 1], self.positions[r], None)
                else:
                    top, bottom = self.positions[sr], self.positions[er + 1]
                    vline = lambda y0, x0, y1, x1: canv.line(x0, y0, x1, y1)  # noqa: E731
                    for c in at:
                        _hLine(vline, bottom, top, self.cols[c], blocks)
        canv.restoreState()


#: what a table's commands set: cell styles, backgrounds, rules, spans and covered cells
Styled = tuple[
    list[list[list[Any]]],
    list[tuple[Any, ...]],
    list[tuple[Any, ...]],
    dict[tuple[int, int], int],
    set[tuple[int, int]],
]

#: tables styled by the same commands share what the commands set (False: each applies them; the tests compare)
STYLE_ONCE = True
#: styled shapes kept; past this they are dropped and refilled
STYLED_LIMIT = 200
#: (commands, rows, columns) -> the cell styles, backgrounds, rules, spans and covered cells they set
_STYLED: dict[tuple[Any, ...], Styled] = {}


def _style_key(style: Sequence[tuple[Any, ...]] | TableStyle, nrows: int, ncols: int) -> tuple[Any, ...] | None:
    """What a table's styling depends on, or None where its commands cannot be a key (a
    TableStyle, or a value that is not hashable)."""
    if isinstance(style, TableStyle):
        return None
    key = (tuple(tuple(cmd) for cmd in style), nrows, ncols)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _styled(style: Sequence[tuple[Any, ...]] | TableStyle, nrows: int, ncols: int) -> Styled:
    """What ``style``'s commands set on a fresh table of ``nrows`` x ``ncols`` cells."""
    blank = SheetGrid.__new__(SheetGrid)
    blank.nrows, blank.ncols = nrows, ncols
    blank.styles = [[list(DEFAULT) for _ in range(ncols)] for _ in range(nrows)]
    blank.backgrounds, blank.lines, blank.spans, blank.covered = [], [], {}, set()
    blank.setStyle(style)
    return blank.styles, blank.backgrounds, blank.lines, blank.spans, blank.covered


def _set(style: list[Any], op: str, values: tuple[Any, ...]) -> None:
    if op == "FONT":
        style[FONT] = values[0]
        if len(values) > 1:
            style[SIZE] = values[1]
            style[LEADING] = values[2] if len(values) > 2 else values[1] * 1.2
    elif op == "TEXTCOLOR":
        style[COLOR] = colors.toColor(values[0], colors.Color(0, 0, 0))
    elif op in _FIELDS:
        style[_FIELDS[op]] = values[0]
    else:
        raise ValueError(f"SheetGrid does not know the table command {op!r}")


def _draw_cell(canv: Any, value: Any, s: list[Any], x: float, y: float, width: float, height: float) -> None:
    """One cell as ``Table._drawCell`` draws it (``y`` its bottom)."""
    just, valign = s[ALIGN], s[VALIGN]
    if isinstance(value, Flowable):
        w, h = value.wrapOn(canv, width - s[LEFT] - s[RIGHT], height - s[TOP] - s[BOTTOM])
        before, after = value.getSpaceBefore(), value.getSpaceAfter()
        geom = (0 + (h + after + before)) - before - after  # summed as Table._listCellGeom sums
        if valign == "TOP":
            top = y + height - s[TOP]
        elif valign == "BOTTOM":
            top = y + s[BOTTOM] + geom
        else:
            top = y + (height + s[BOTTOM] - s[TOP] + geom) / 2.0
        top += before
        if just == "LEFT":
            left = x + s[LEFT]
        elif just == "RIGHT":
            left = x + width - s[RIGHT] - w
        else:
            left = x + (width + s[LEFT] - s[RIGHT] - w) / 2.0
        top -= before
        top -= h
        value.drawOn(canv, left, top)
        return
    if just == "LEFT":
        draw, left = canv.drawString, x + s[LEFT]
    elif just in ("CENTRE", "CENTER"):
        draw, left = canv.drawCentredString, x + (width + s[LEFT] - s[RIGHT]) * 0.5
    else:
        draw, left = canv.drawRightString, x + width - s[RIGHT]
    lines = str(value).split("\n")
    leading, size = s[LEADING], s[SIZE]
    if valign == "BOTTOM":
        base = y + s[BOTTOM] + len(lines) * leading - size
    elif valign == "TOP":
        base = y + height - s[TOP] - size
    else:
        base = y + (s[BOTTOM] + height - s[TOP] + len(lines) * leading) / 2.0 - size
    for line in lines:
        draw(left, base, line)
        base -= leading


assert rl_config._FUZZ is not None  # _hLine's tolerance, shared with Table
