"""Once a zoom rests, the boundaries are stroked a slice at a time between frames, into the same pixels as at once."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from onemap.gui.settings import Settings
from tests.gui.guikit import make_window, settle
from tests.gui.test_map_boundaries import pixels


def test_the_frame_after_a_zoom_rests_does_not_stroke_the_rings_and_their_image_matches_one_drawn_at_once(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings, demo_copy: Path
) -> None:
    window = make_window(qtbot, settings, demo_copy)
    try:
        window.canvas.home()
        settle(window)
        item = window.layers.admin.lines  # type: ignore[union-attr]
        for factor in (0.8, 1.25, 0.8):
            window.canvas.zoom(factor)
            window.canvas.viewport().repaint()
            assert item.stale
            renders = item.renders
            item.timer.stop()
            item._on_settled()  # the view rested (what the timer does)
            window.canvas.viewport().repaint()
            assert item.stale and item.renders == renders  # still the stretched image: nothing stroked in the frame
            qtbot.waitUntil(lambda: not item.stale, timeout=5000)
            assert item.renders == renders + 1
            window.canvas.viewport().repaint()
            from_worker = pixels(window)
            item.image = None  # drawn again at once, in the frame, as before
            window.canvas.viewport().repaint()
            assert item.renders == renders + 2
            assert np.array_equal(from_worker, pixels(window))
    finally:
        window.close()


def test_a_stroke_under_way_when_the_rings_change_or_the_window_closes_is_dropped(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings, demo_copy: Path
) -> None:
    window = make_window(qtbot, settings, demo_copy)
    window.canvas.home()
    settle(window)
    item = window.layers.admin.lines  # type: ignore[union-attr]
    window.canvas.zoom(0.8)
    window.canvas.viewport().repaint()
    item.timer.stop()
    item._on_settled()
    window.canvas.viewport().repaint()
    asked = item.generation
    assert item.worker.busy
    item.set_rings(list(item.rings), item.pen)  # new rings while the stroke is under way
    assert not item.worker.busy and item.generation > asked and item.stale
    settle(window)
    assert not item.stale and item.image is not None
    window.canvas.zoom(1.25)
    window.canvas.viewport().repaint()
    item.timer.stop()
    item._on_settled()
    window.canvas.viewport().repaint()
    assert item.worker.busy
    window.close()  # with a stroke under way: dropped, nothing left running
    assert not item.worker.busy
