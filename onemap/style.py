"""The one style table: how every status, renewal-year class, category and area layer looks.

The 2D map, its legend, the 3D scene, ``onemap snapshot``, the PDF maps and charts, the
statistics dock and the QGIS style stored in the inventory all read this module through
thin adapters (Qt brushes, GL colours, ReportLab colours, QML); none keeps a colour of its own.

The screen palette is the truth: statuses run the viridis ramp dark → light in programme
order (planned darkest), so the order reads in greyscale and for every common colour-vision
deficiency; each status also has its own marker shape and bar hatch, so a black-and-white
printout keeps them apart.  Marker names are pyqtgraph's symbol codes
(``o s t1 d p h star x``), plain strings so the core stays free of Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from onemap.model import BLANK_EN, BLANK_ZH, CATEGORIES, STATUSES
from onemap.view.palettes import BLANK_GREY, CIVIDIS, OKABE_ITO, VIRIDIS, lightness, ramp


@dataclass(frozen=True)
class ClassStyle:
    """How one class prints and draws: ``#rrggbb`` colour, marker, hatch pattern and labels."""

    key: str
    color: str
    marker: str
    hatch: str
    zh: str
    en: str

    @property
    def grey(self) -> float:
        """The greyscale value a black-and-white printer keeps (CIE L*, 0 black … 1 white)."""
        return lightness(self.color) / 100

    def label(self, lang: str = "zh") -> str:
        """The class's name in ``"zh"`` or ``"en"``."""
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class AreaStyle:
    """A polygon or line layer: outline colour, width (px on screen, pt in print), dash and fill.

    ``dash`` is an on/off pattern in multiples of the line width (Qt's convention); empty is solid.
    ``fill`` None draws no fill; ``fill_alpha`` is 0–255.
    """

    line: str
    width: float
    fill: str | None = None
    fill_alpha: int = 255
    dash: tuple[float, ...] = ()


#: hatch pattern names the renderers know: none, dots, diag(onal), back(slash), horiz(ontal), cross
HATCHES = ("none", "dots", "diag", "back", "horiz", "cross")
#: the blank (未填) class: a neutral grey cross, never mistaken for a stage
BLANK = ClassStyle("", BLANK_GREY, "x", "none", BLANK_ZH, BLANK_EN)

_STATUS_LOOK = {  # key: (marker, hatch), in programme order
    "planned": ("t1", "none"),
    "designing": ("d", "dots"),
    "tendering": ("p", "diag"),
    "under_construction": ("s", "horiz"),
    "completed": ("o", "cross"),
    "accepted": ("h", "back"),
    "handed_over": ("star", "none"),
}
#: renovation statuses in programme order, darkest first; viridis up to 0.94 keeps its palest
#: yellow off the pale basemap
STATUS_STYLES: dict[str, ClassStyle] = {
    key: ClassStyle(key, color, *_STATUS_LOOK[key], *STATUSES[key])
    for key, color in zip(STATUSES, ramp(VIRIDIS, len(STATUSES), 0.0, 0.94), strict=True)
}


def status_style(key: str | None) -> ClassStyle:
    """The style of a status key; :data:`BLANK` for a blank or unknown one."""
    return STATUS_STYLES.get(key or "", BLANK)


def year_styles(labels: list[tuple[str, str, str]]) -> list[ClassStyle]:
    """Styles of renewal-year classes ``(key, zh, en)`` in year order: cividis dark → light, circles."""
    colors = ramp(CIVIDIS, len(labels), 0.0, 1.0)
    return [ClassStyle(key, color, "o", "none", zh, en) for (key, zh, en), color in zip(labels, colors, strict=True)]


#: score bands (lower bound, zh, en), best first: the default weights sum to 100 points
SCORE_BANDS = ((80.0, "80 分以上", "80 and above"), (60.0, "60–80 分", "60–80"), (40.0, "40–60 分", "40–60"),
               (20.0, "20–40 分", "20–40"), (0.0, "20 分以下", "below 20"))  # fmt: skip
INELIGIBLE = ClassStyle("ineligible", "#d9d9d9", "t", "none", "不符合条件", "not eligible")


def score_styles() -> list[ClassStyle]:
    """Score bands best first, dark → light (cividis reads in greyscale), then 不符合条件 (a pale triangle)."""
    colors = ramp(CIVIDIS, len(SCORE_BANDS), 0.0, 0.9)
    bands = [
        ClassStyle(f"score{int(lo)}", color, "o", "none", zh, en)
        for (lo, zh, en), color in zip(SCORE_BANDS, colors, strict=True)
    ]
    return [*bands, INELIGIBLE]


#: the most advanced renovation tier an estate's plan holds, Okabe–Ito colours
TIER_COLORS = {"basic": OKABE_ITO["yellow"], "improvement": OKABE_ITO["orange"], "enhancement": OKABE_ITO["blue"]}
SAFETY_ONLY_COLOR = OKABE_ITO["reddish_purple"]


def category_styles() -> list[ClassStyle]:
    """Category classes: each tier as a circle, tier + safety as a diamond, then safety only."""
    out = []
    safety_zh, safety_en = CATEGORIES["safety"]
    for key, color in TIER_COLORS.items():
        zh, en = CATEGORIES[key]
        out.append(ClassStyle(key, color, "o", "none", zh, en))
        out.append(ClassStyle(f"{key}+safety", color, "d", "none", f"{zh} + {safety_zh}", f"{en} + {safety_en}"))
    out.append(ClassStyle("safety", SAFETY_ONLY_COLOR, "d", "none", f"仅{safety_zh}", f"{safety_en} only"))
    return out


#: area and line layers, the same on screen, in the legend, in print and in QGIS
AREA_STYLES: dict[str, AreaStyle] = {
    # county and township boundaries: a dark warm grey dash-dot, readable over any basemap and in greyscale
    "admin_areas": AreaStyle("#5b5349", 1.5, dash=(4.0, 1.5, 1.0, 1.5)),
    "estate_areas": AreaStyle("#3d3d3d", 1.2, OKABE_ITO["sky_blue"], 80),
    "buildings": AreaStyle("#8a8377", 0.8, "#b9b2a6", 200),
    "cameras": AreaStyle("#1f1f1f", 0.5, OKABE_ITO["blue"]),
    "facilities": AreaStyle("#1f1f1f", 0.5, OKABE_ITO["bluish_green"]),
    "sensors": AreaStyle("#1f1f1f", 0.5, OKABE_ITO["reddish_purple"]),
    "alerts": AreaStyle("#1f1f1f", 0.5, OKABE_ITO["vermillion"]),
}
#: alert levels (GB/T 28181 AlarmPriority, 1 the most severe) in China's warning colours
#: red, orange, yellow, blue (Okabe–Ito's, apart for colour-blind readers), each its own shape
ALERT_LEVEL_STYLES: dict[int, ClassStyle] = {
    1: ClassStyle("1", OKABE_ITO["vermillion"], "star", "none", "一级（最高）", "level 1 (most severe)"),
    2: ClassStyle("2", OKABE_ITO["orange"], "d", "none", "二级", "level 2"),
    3: ClassStyle("3", OKABE_ITO["yellow"], "t1", "none", "三级", "level 3"),
    4: ClassStyle("4", OKABE_ITO["blue"], "o", "none", "四级", "level 4"),
}
#: the outline drawn around every marker
MARKER_EDGE = "#1f1f1f"
