"""How a reference layer is drawn, and how the list of an inventory's layers is remembered.

A :class:`RefLayerSpec` is what the user's settings keep per inventory (file, layer, CRS,
style, shown or not); the list round-trips through JSON so the GUI can keep it in its INI
file and the PDF and snapshot commands can take the same list.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

#: default colours by geometry kind: quiet, so estates stay the loudest thing on the map
_DEFAULTS = {
    "lines": ("#8c8c8c", "", 1.2),
    "polygons": ("#7a8a99", "#dfe6ec", 1.0),
    "points": ("#6b6b6b", "", 1.0),
}


@dataclass(frozen=True)
class RefStyle:
    """Line colour, fill colour, line width in pixels/points, label field (``""`` none).

    ``fill`` is ``""`` for the default of the kind and ``"none"`` for no fill.
    """

    line: str = ""
    fill: str = ""
    width: float = 0.0
    label_field: str = ""

    def for_kind(self, kind: str) -> RefStyle:
        """This style with the defaults of ``kind`` filled in where nothing was chosen."""
        line, fill, width = _DEFAULTS.get(kind, _DEFAULTS["lines"])
        return replace(
            self,
            line=self.line or line,
            fill=self.fill if self.fill or kind != "polygons" else fill,
            width=self.width or width,
        )

    @property
    def fill_colour(self) -> str:
        """The fill as a colour, ``""`` for none."""
        return "" if self.fill in ("", "none") else self.fill


@dataclass(frozen=True)
class RefLayerSpec:
    """One reference layer as the settings keep it.

    Attributes
    ----------
    path : str
        The file.
    layer : str
        The layer inside a multi-layer file, ``""`` for the first.
    crs : str
        The CRS the user named, ``""`` to use the file's own.
    style : RefStyle
    visible : bool
    title : str
        What the legend calls it (``""``: the layer or file name).
    """

    path: str
    layer: str = ""
    crs: str = ""
    style: RefStyle = field(default_factory=RefStyle)
    visible: bool = True
    title: str = ""

    @property
    def key(self) -> str:
        """Tells layers apart in a list: file and layer."""
        return f"{Path(self.path).resolve()}|{self.layer}"

    @property
    def label(self) -> str:
        """The name shown to the user."""
        return self.title or self.layer or Path(self.path).stem

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RefLayerSpec:
        """From :meth:`to_dict` output; unknown keys are ignored."""
        style = RefStyle(
            **{k: v for k, v in dict(data.get("style") or {}).items() if k in RefStyle.__dataclass_fields__}
        )
        return cls(
            path=str(data["path"]),
            layer=str(data.get("layer", "")),
            crs=str(data.get("crs", "")),
            style=style,
            visible=bool(data.get("visible", True)),
            title=str(data.get("title", "")),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return asdict(self)


def specs_to_json(specs: list[RefLayerSpec]) -> str:
    """The list as JSON text (what the settings file keeps)."""
    return json.dumps([s.to_dict() for s in specs], ensure_ascii=False)


def specs_from_json(text: str) -> list[RefLayerSpec]:
    """The list back from JSON; a damaged entry is dropped, damaged text gives an empty list."""
    try:
        raw = json.loads(text)
    except (TypeError, ValueError):
        return []
    out = []
    for item in raw if isinstance(raw, list) else []:
        try:
            out.append(RefLayerSpec.from_dict(item))
        except (KeyError, TypeError, ValueError):
            continue
    return out
