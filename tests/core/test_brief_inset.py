"""The overview's township inset goes where it hides no marker and least of the county."""

from __future__ import annotations

import shapely

from onemap.brief.inset import plan_inset
from onemap.brief.mapframe import MapFrame
from onemap.model import Estate


def _crowd() -> list[Estate]:
    """Twelve estates crowded in one township in the middle, one estate in each of two far corners."""
    estates = [
        Estate(code=f"61072500{i:02d}", name=f"小区{i}", township="勉阳街道", location=(106.67 + 0.002 * i, 33.15))
        for i in range(12)
    ]
    estates.append(Estate(code="6107250090", name="西南", township="新铺镇", location=(106.42, 32.92)))
    estates.append(Estate(code="6107250091", name="东北", township="茶店镇", location=(106.93, 33.37)))
    return estates


def test_the_inset_takes_the_clear_corner_that_hides_least_of_the_county() -> None:
    frame = MapFrame.around((106.4, 32.9, 106.95, 33.4), (0.0, 0.0, 500.0, 600.0), pad=0.03)
    x0, y0, w, h = frame.box
    estates = _crowd()
    # without land, the first clear corner of the largest size: a lower one (page y grows upwards)
    first = plan_inset(frame, estates)
    assert first is not None and first.frame.box[1] < y0 + h / 2
    # a county filling the lower half of the page: the inset must go up, to a clear upper corner
    land = shapely.box(x0, y0, x0 + w, y0 + h / 2)
    placed = plan_inset(frame, estates, land)
    assert placed is not None
    px, py, side, _ = placed.frame.box
    assert py > y0 + h / 2 - 40
    hidden = shapely.box(px, py, px + side, py + side).intersection(land).area
    assert hidden <= 0.01 * land.area
    markers = frame.to_page([e.location[0] for e in estates], [e.location[1] for e in estates])  # type: ignore[index]
    for mx, my in zip(*markers, strict=True):
        assert not (px - 8 < mx < px + side + 8 and py - 8 < my < py + side + 8)


def test_without_a_clear_low_corner_the_largest_clear_square_is_kept() -> None:
    frame = MapFrame.around((106.4, 32.9, 106.95, 33.4), (0.0, 0.0, 500.0, 600.0), pad=0.03)
    x0, y0, w, h = frame.box
    land = shapely.box(x0, y0, x0 + w, y0 + h)  # the county fills the page: every corner hides some
    placed = plan_inset(frame, _crowd(), land)
    assert placed is not None
    assert placed.frame.box[2] >= 0.42 * min(w, h) - 1  # the largest size, not shrunk for nothing
