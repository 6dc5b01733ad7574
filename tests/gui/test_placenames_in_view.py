"""Place names are placed from the names that may reach the view only, exactly as from every name."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from onemap.demo.reflayers import write_demo_layers
from onemap.gui.settings import Settings
from onemap.view.extent import Extent
from tests.gui.guikit import make_window, settle


def _placed_both_ways(window) -> tuple[list, list, int]:  # type: ignore[no-untyped-def]
    """The names drawn now, those drawn when every name is tried in turn (the old loop), and how many were tried."""
    item = window.layers.reference.names
    item._placed_for = ()
    window.canvas.grab()
    fast = [(text, box.getRect()) for text, box in item.drawn]
    device = item.deviceTransform(window.canvas.viewportTransform())
    tried = len(item._may_show(device, device.mapRect(item.boundingRect())))
    every = item._may_show
    item._may_show = lambda _device, _view: np.flatnonzero(item.resolution <= item._finest)
    try:
        item._placed_for = ()
        window.canvas.grab()
        slow = [(text, box.getRect()) for text, box in item.drawn]
    finally:
        item._may_show = every
    return fast, slow, tried


def test_place_names_tried_in_view_only_are_placed_as_when_every_name_is_tried(
    qtbot, demo_copy: Path, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    write_demo_layers(demo_copy)
    window = make_window(qtbot, settings, demo_copy, size=(1400, 900))
    try:
        t = window.session.state.table
        seat = [i for i, town in enumerate(t.township) if town == "勉阳街道"]
        cx, cy = float(t.x[seat].mean()), float(t.y[seat].mean())
        skipped = 0
        for half_w, dx in ((260, 0), (1900, 0), (1900, 1700), (9000, 0), (60000, 0)):
            half_h = half_w * 0.65
            window.canvas.show_extent(Extent(cx + dx - half_w, cy - half_h, cx + dx + half_w, cy + half_h))
            settle(window)
            fast, slow, tried = _placed_both_ways(window)
            assert fast == slow, (half_w, dx)
            skipped += len(window.layers.reference.names.names) - tried
        assert fast, "no place name was drawn at the whole county"
        assert skipped > 0, "every name was tried in every view: nothing was left out"
    finally:
        window.close()
