"""Street names along their streets on the 2D map: in view at estate zoom, not crowded at the county seat."""

from __future__ import annotations

from pathlib import Path

from onemap.demo.reflayers import write_demo_layers
from onemap.gui.canvas.placenames import REPEAT_PX
from onemap.gui.settings import Settings
from onemap.view.extent import Extent
from tests.gui.guikit import make_window, settle


def _drawn(window) -> list[tuple[str, float, float]]:  # type: ignore[no-untyped-def]
    window.canvas.grab()
    return [(text, box.center().x(), box.center().y()) for text, box in window.layers.reference.names.drawn]


def test_at_estate_zoom_the_streets_round_the_estate_keep_their_names(
    qtbot, demo_copy: Path, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    write_demo_layers(demo_copy)
    window = make_window(qtbot, settings, demo_copy, size=(1400, 900))
    try:
        t = window.session.state.table
        seat = [i for i, town in enumerate(t.township) if town == "勉阳街道"]
        row = seat[len(seat) // 2]
        window.canvas.show_extent(Extent(t.x[row] - 260, t.y[row] - 170, t.x[row] + 260, t.y[row] + 170))
        settle(window)
        streets = {text for text, _x, _y in _drawn(window) if text.endswith(("街", "路"))}
        assert len(streets) >= 3, streets  # before: only names whose street's middle fell in the view
    finally:
        window.close()


def test_at_the_county_seat_a_street_name_is_not_repeated_closer_than_its_spacing(
    qtbot, demo_copy: Path, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    write_demo_layers(demo_copy)
    window = make_window(qtbot, settings, demo_copy, size=(1400, 900))
    try:
        t = window.session.state.table
        seat = [i for i, town in enumerate(t.township) if town == "勉阳街道"]
        cx, cy = float(t.x[seat].mean()), float(t.y[seat].mean())
        window.canvas.show_extent(Extent(cx - 1900, cy - 1200, cx + 1900, cy + 1200))
        settle(window)
        drawn = _drawn(window)
        for i, (text, x, y) in enumerate(drawn):
            for other, ox, oy in drawn[i + 1 :]:
                assert other != text or abs(x - ox) + abs(y - oy) >= REPEAT_PX * 0.9, (text, x, y, ox, oy)
    finally:
        window.close()
