"""Estate colours for the 3D scene: a symbology function (estate code -> colour) made into arrays.

A colour is ``"#rrggbb"``, ``"#rrggbbaa"`` or a tuple of 0-255 integers ``(r, g, b[, a])`` -- the
same hex strings the 2D symbology's classes carry, so one function serves both views.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from onemap.style import AREA_STYLES, STATUS_STYLES

Colour = str | tuple[int, ...]
ColourFn = Callable[[str], Colour]

#: buildings of estates the symbology does not colour
DEFAULT_BUILDING = "#c8c3b8"
#: renovation stages: the one style table's colours (:mod:`onemap.style`), as on the 2D map
STATUS_COLOURS: dict[str, str] = {key: look.color for key, look in STATUS_STYLES.items()}


def rgba8(colour: Colour) -> tuple[int, int, int, int]:
    """A colour as an ``(r, g, b, a)`` tuple of 0-255 integers.

    Raises
    ------
    ValueError
        For anything that is not ``#rrggbb``, ``#rrggbbaa`` or 3-4 integers.
    """
    if isinstance(colour, str):
        text = colour.lstrip("#")
        if len(text) not in (6, 8):
            raise ValueError(f"not a #rrggbb colour: {colour!r}")
        values = [int(text[i : i + 2], 16) for i in range(0, len(text), 2)]
    else:
        if not all(isinstance(v, int | np.integer) for v in colour):  # 0-1 floats would silently turn black
            raise ValueError(f"colour channels must be 0-255 integers: {colour!r}")
        values = [int(v) for v in colour]
    if len(values) not in (3, 4) or not all(0 <= v <= 255 for v in values):
        raise ValueError(f"not an RGB(A) colour of 0-255 values: {colour!r}")
    r, g, b, *rest = values
    return r, g, b, rest[0] if rest else 255


def gl_rgba(colour: Colour, alpha: float = 1.0) -> tuple[float, float, float, float]:
    """A colour as the 0-1 float ``(r, g, b, a)`` GL items take (``alpha`` replaces the colour's own)."""
    r, g, b, _a = rgba8(colour)
    return r / 255, g / 255, b / 255, alpha


#: the county and township boundaries in 3D: the style table's line colour (GL lines are solid)
BOUNDARY = gl_rgba(AREA_STYLES["admin_areas"].line, 0.9)


def colour_table(codes: Sequence[str], colour_fn: ColourFn | None) -> NDArray[np.uint8]:
    """The ``(n, 4)`` uint8 RGBA of each estate code; the default grey where ``colour_fn`` is None."""
    table = np.empty((len(codes), 4), dtype=np.uint8)
    if colour_fn is None:
        table[:] = rgba8(DEFAULT_BUILDING)
        return table
    parsed: dict[Colour, tuple[int, int, int, int]] = {}  # a nation's estates share a handful of colours
    for i, code in enumerate(codes):
        colour = colour_fn(code)
        rgba = parsed.get(colour)
        if rgba is None:
            rgba = parsed[colour] = rgba8(colour)
        table[i] = rgba
    return table


def colour_fn_from_mapping(colours: Mapping[str, Colour], default: Colour = DEFAULT_BUILDING) -> ColourFn:
    """A colour function looking codes up in ``colours`` (e.g. built from a symbology's classes)."""
    return lambda code: colours.get(code, default)


def colour_fn_from_classes(codes: Sequence[str], class_index: Sequence[int], class_colours: Sequence[str]) -> ColourFn:
    """A colour function from a classification: estate ``codes[i]`` is in class ``class_index[i]``.

    This is the shape of the 2D symbology (``Symbology.classify`` and its classes' colours).
    """
    return colour_fn_from_mapping({c: class_colours[int(k)] for c, k in zip(codes, class_index, strict=True)})


def status_colour_fn(statuses: Mapping[str, str | None]) -> ColourFn:
    """Colour by renovation status, given estate code -> status key (blank statuses get the default)."""
    return colour_fn_from_mapping({code: STATUS_COLOURS[s] for code, s in statuses.items() if s in STATUS_COLOURS})
