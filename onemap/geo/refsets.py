"""An inventory's reference layers: the sidecar ``NAME.layers.gpkg`` beside it plus the user's own.

The inventory schema holds no reference layers (they are the county's, not the programme's).
A GeoPackage named like the inventory with ``.layers.gpkg`` is picked up by every face of
OneMap (viewer, snapshot, PDF): ``onemap demo`` writes one for Mian.  Its layers may carry
OneMap metadata (``ONEMAP_TITLE``, ``ONEMAP_LINE``, ``ONEMAP_FILL``, ``ONEMAP_WIDTH``,
``ONEMAP_LABEL``, ``ONEMAP_ATTRIBUTION``) so that they open styled.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from onemap.geo.reflayers import RefLayer, RefLayerError, load_layer
from onemap.geo.refstyle import RefLayerSpec, RefStyle
from onemap.said import Said

SIDECAR_SUFFIX = ".layers.gpkg"


def add_layer_argument(parser: argparse.ArgumentParser) -> None:
    """``--layer FILE`` (repeatable): the reference layers a snapshot or briefing draws over the inventory's own."""
    parser.add_argument(
        "--layer",
        dest="layers",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="参考图层（可重复：Shapefile、GeoPackage、GeoJSON、KML、DXF） / reference layer (repeatable)",
    )


def sidecar_path(inventory: Path) -> Path:
    """Where an inventory's own reference layers live: ``NAME.layers.gpkg`` beside ``NAME.gpkg``."""
    inventory = Path(inventory)
    return inventory.with_name(inventory.stem + SIDECAR_SUFFIX)


def sidecar_specs(inventory: Path) -> list[RefLayerSpec]:
    """One spec per layer of the sidecar file (none when there is no sidecar), styled by its metadata."""
    path = sidecar_path(inventory)
    if not path.is_file():
        return []  # before pyogrio's import: GDAL is 49 MB the viewer of a file without layers never needs
    names = _layer_names(path)
    return [] if names is None else [styled_spec(path, name) for name in names]


def _layer_names(path: Path) -> list[str] | None:
    """The layers of a GeoPackage (read as SQLite when it is a plain one: no GDAL), None when unreadable."""
    from onemap.store.gpkg_layers import feature_layers

    names = feature_layers(path)
    if names is not None:
        return names
    import pyogrio

    try:
        return [str(row[0]) for row in pyogrio.list_layers(path)]
    except (OSError, ValueError, RuntimeError):
        return None


def styled_spec(path: Path, layer: str, crs: str = "") -> RefLayerSpec:
    """A GeoPackage layer's spec, styled and titled by its OneMap metadata (defaults where it has none)."""
    meta = _metadata(path, layer) if layer else {}
    style = RefStyle(
        line=meta.get("ONEMAP_LINE", ""),
        fill=meta.get("ONEMAP_FILL", ""),
        width=_number(meta.get("ONEMAP_WIDTH", "")),
        label_field=meta.get("ONEMAP_LABEL", ""),
    )
    return RefLayerSpec(str(path), layer=layer, crs=crs, style=style, title=meta.get("ONEMAP_TITLE", ""))


def specs_for_files(files: Iterable[Path | str], crs: str = "") -> list[RefLayerSpec]:
    """Specs for files given on a command line or added in the viewer: every layer of a GeoPackage (in
    the style its OneMap metadata gives, as the sidecar's), the file otherwise."""
    out: list[RefLayerSpec] = []
    for file in files:
        path = Path(file)
        if path.suffix.lower() == ".gpkg" and path.is_file():
            names = _layer_names(path)
            out.extend(styled_spec(path, name, crs) for name in (names if names is not None else [""]))
        else:
            out.append(RefLayerSpec(str(path), crs=crs))
    return out


def load_specs(specs: Iterable[RefLayerSpec], *, shown_only: bool = True) -> tuple[list[RefLayer], list[Said]]:
    """Read each layer; a layer that cannot be read is left out with its sentence.

    Returns
    -------
    (list of RefLayer, list of Said)
        The layers in the given order (bottom first) and one sentence per layer left out.
    """
    layers, problems = [], []
    for spec in specs:
        if shown_only and not spec.visible:
            continue
        try:
            layer = load_layer(Path(spec.path), layer=spec.layer or None, crs=spec.crs or None, style=spec.style)
        except RefLayerError as error:
            problems.append(error.args[0])
            continue
        layer.name = spec.label
        if spec.layer and Path(spec.path).suffix.lower() == ".gpkg":
            layer.attribution = _metadata(Path(spec.path), spec.layer).get("ONEMAP_ATTRIBUTION", "")
        layers.append(layer)
        if layer.skipped:
            problems.append(_skipped_said(layer))
    return layers, problems


def _skipped_said(layer: RefLayer) -> Said:
    name, count = layer.source.name, layer.skipped
    return Said(
        f"参考图层“{name}”中有 {count} 个损坏的图元无法读取，已跳过，其余照常显示",
        f"reference layer {name}: {count} broken {'entity' if count == 1 else 'entities'} skipped, the rest is shown",
    )


def attribution_of(layers: Iterable[RefLayer]) -> str:
    """One attribution line for a set of layers (each distinct credit once, in order)."""
    seen: list[str] = []
    for layer in layers:
        if layer.attribution and layer.attribution not in seen:
            seen.append(layer.attribution)
    return "；".join(seen)


def _metadata(path: Path, layer: str) -> dict[str, str]:
    from onemap.store.gpkg_layers import feature_layers, layer_metadata

    if feature_layers(path) is not None and (native := layer_metadata(path, layer)) is not None:
        return native  # the items GDAL wrote, read as SQLite
    import pyogrio

    try:
        meta = pyogrio.read_info(path, layer=layer).get("layer_metadata") or {}
    except (OSError, ValueError, RuntimeError):
        return {}
    return {str(k): str(v) for k, v in meta.items()}


def _number(text: str) -> float:
    try:
        return max(float(text), 0.0)
    except ValueError:
        return 0.0
