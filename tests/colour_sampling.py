"""Helpers of the one-status colour tests: an inventory whose estates all share one status, and
the dominant colour a picture shows.

Every renderer (2D snapshot, 3D snapshot, PDF sheet map, PDF chart) must paint such an
inventory in the style table's colour of that status (:mod:`onemap.style`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from onemap.demo import make_demo
from onemap.style import STATUS_STYLES
from onemap.view.palettes import hex_to_rgb

#: anti-aliasing and PDF rasterisers may move a channel this far from the table's value
TOLERANCE = 6
#: pixels whose channels spread less than this are greys (background, text, boundaries, basemap)
SATURATED = 45
ESTATES = 12
Box = tuple[int, int, int, int]


def one_status_inventory(path: Path, status: str) -> Path:
    """A small demo inventory on disk whose every estate has ``status``."""
    inventory = make_demo(path, ESTATES, seed=3)
    try:
        for code in [estate.code for estate in inventory.estates()]:
            inventory.update_estate(code, status=status)
    finally:
        inventory.close()
    return path


def dominant_colour(png: Path, box: Box | None = None, hue_away_from: str | None = None) -> tuple[int, int, int]:
    """The most frequent saturated colour of a picture (or of ``box``: left, top, right, bottom).

    Greys are skipped, so backgrounds, text, outlines and hatching strokes never win; the
    interior of a solid marker or bar gives one exact colour many times.  ``hue_away_from``
    (``#rrggbb``) also skips pixels near that colour and its shades (a selection highlight).
    """
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        if box is not None:
            rgb = rgb.crop(box)
        pixels = np.asarray(rgb, dtype=np.int16).reshape(-1, 3)
    pixels = pixels[pixels.max(axis=1) - pixels.min(axis=1) >= SATURATED]
    if hue_away_from is not None:
        pixels = pixels[_hue_distance(pixels, np.array(hex_to_rgb(hue_away_from))) > 0.08]
    assert len(pixels), f"{png.name} shows no coloured pixel"
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    r, g, b = (int(v) for v in colours[int(np.argmax(counts))])
    return r, g, b


def _hue_distance(pixels: np.ndarray, colour: np.ndarray) -> np.ndarray:
    """Distance (0-0.5 of a turn) between each pixel's hue and ``colour``'s: shading keeps the hue."""

    def hue(rgb: np.ndarray) -> np.ndarray:
        rgb = np.atleast_2d(rgb).astype(float)
        r, g, b = rgb[:, 0], rgb[:, 1], rgb[:, 2]
        return np.arctan2(np.sqrt(3) * (g - b), 2 * r - g - b) / (2 * np.pi)

    d = np.abs(hue(pixels) - hue(colour)) % 1.0
    return np.minimum(d, 1.0 - d)  # type: ignore[no-any-return]


def assert_status_colour(colour: tuple[int, int, int], status: str, what: str) -> None:
    """Fail, naming the renderer, unless ``colour`` is the status's colour within :data:`TOLERANCE`."""
    expected = hex_to_rgb(STATUS_STYLES[status].color)
    off = max(abs(a - b) for a, b in zip(colour, expected, strict=True))
    assert off <= TOLERANCE, f"{what} paints {status} as {colour}, the style table says {expected}"


def onemap(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the ``onemap`` command (as ``python -m onemap``) and fail with its output when it fails."""
    done = subprocess.run(
        [sys.executable, "-m", "onemap", *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done
