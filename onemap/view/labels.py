"""Where estate names go: greedy placement in screen pixels, so labels never pile up.

Candidates come in priority order (the selection first, then the largest estates).
Each tries four spots around its marker -- right, left, above, below -- and takes the
first one that stays on screen and overlaps no label or marker placed before it.  A
coarse grid of buckets keeps the overlap test near O(1), so a few thousand candidates
place in milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: screen-pixel width of a text at a font size; a Qt-free default is :func:`estimate_width`
Measure = Callable[[str], float]

_BUCKET_PX = 64


@dataclass(frozen=True)
class LabelCandidate:
    """A point that would like a label: its row, screen position, text and marker size.

    ``marker_px`` of 0 means the default marker size given to :func:`place_labels`.
    """

    row: int
    x_px: float
    y_px: float
    text: str
    marker_px: float = 0.0


@dataclass(frozen=True)
class PlacedLabel:
    """A label that fits: the text's box (left, top, width, height) in screen pixels."""

    row: int
    text: str
    left: float
    top: float
    width: float
    height: float


def estimate_width(font_px: float) -> Measure:
    """A measure that counts CJK characters as one em and others as 0.6 em."""

    def width(text: str) -> float:
        return sum(font_px if ord(ch) > 0x2E80 else 0.6 * font_px for ch in text)

    return width


class Occupancy:
    """Boxes already taken on a screen or page, for "does this label collide?" tests.

    The one collision test of every label placer (2D map, 3D scene, PDF maps).  Boxes are
    ``(x0, y0, x1, y1)`` with ``x0 < x1`` and ``y0 < y1`` in any units and either y direction.
    """

    def __init__(self) -> None:
        self._buckets: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, box: tuple[float, float, float, float]) -> list[tuple[int, int]]:
        box = tuple(min(max(v, -1e6), 1e6) for v in box)  # type: ignore[assignment]
        x0, y0, x1, y1 = (int(v // _BUCKET_PX) for v in box)
        return [(i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1)]

    def free(self, box: tuple[float, float, float, float]) -> bool:
        """True when ``box`` overlaps no box taken so far."""
        l0, t0, r0, b0 = box
        for key in self._keys(box):
            for l1, t1, r1, b1 in self._buckets.get(key, ()):
                if l0 < r1 and l1 < r0 and t0 < b1 and t1 < b0:
                    return False
        return True

    def take(self, box: tuple[float, float, float, float]) -> None:
        """Mark ``box`` as taken."""
        for key in self._keys(box):
            self._buckets.setdefault(key, []).append(box)


Box = tuple[float, float, float, float]


def place_labels(
    candidates: Sequence[LabelCandidate],
    measure: Measure,
    *,
    width_px: float,
    height_px: float,
    line_px: float,
    marker_px: float = 10.0,
    padding_px: float = 2.0,
    obstacles: Sequence[Box] = (),
    max_labels: int = 400,
) -> list[PlacedLabel]:
    """Choose which candidates get a label and where, without overlaps.

    Parameters
    ----------
    candidates : sequence of LabelCandidate
        In priority order, most important first.
    measure : callable
        Text width in pixels (the GUI passes its font metrics).
    width_px, height_px : float
        The screen; labels stay wholly inside it.
    line_px : float
        Height of one line of text.
    marker_px : float
        Marker size: labels keep clear of every candidate's marker.
    padding_px : float
        Extra space kept around each label.
    obstacles : sequence of (left, top, right, bottom)
        Other things labels must not cover (aggregate circles).
    max_labels : int
        Stop after this many labels.
    """
    taken = Occupancy()
    for box in obstacles:
        taken.take(box)
    for c in candidates:
        half = (c.marker_px or marker_px) / 2
        taken.take((c.x_px - half, c.y_px - half, c.x_px + half, c.y_px + half))
    placed: list[PlacedLabel] = []
    for c in candidates:
        w = measure(c.text)
        gap = (c.marker_px or marker_px) / 2 + padding_px
        spot = _first_fit(c, w, line_px, gap, padding_px, width_px, height_px, taken)
        if spot is None:
            continue
        left, top = spot
        taken.take((left - padding_px, top - padding_px, left + w + padding_px, top + line_px + padding_px))
        placed.append(PlacedLabel(c.row, c.text, left, top, w, line_px))
        if len(placed) >= max_labels:
            break
    return placed


def _first_fit(
    c: LabelCandidate, w: float, h: float, gap: float, pad: float, width_px: float, height_px: float, taken: Occupancy
) -> tuple[float, float] | None:
    spots = (
        (c.x_px + gap, c.y_px - h / 2),
        (c.x_px - gap - w, c.y_px - h / 2),
        (c.x_px - w / 2, c.y_px - gap - h),
        (c.x_px - w / 2, c.y_px + gap),
    )
    for left, top in spots:
        if left < 0 or top < 0 or left + w > width_px or top + h > height_px:
            continue
        if taken.free((left - pad, top - pad, left + w + pad, top + h + pad)):
            return left, top
    return None
