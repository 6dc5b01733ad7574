"""Headless 3D snapshots: ``render_3d_png(inventory, out_png)`` draws the county (or one estate) to a PNG.

It needs a real OpenGL context, so an X display with GLX: on a server run it under
``xvfb-run -a -s "-screen 0 1920x1080x24"``. Qt's ``offscreen`` platform has no OpenGL.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from onemap.geo.tilesource import source_errors
from onemap.gui.scene3d.glcheck import display_problem
from onemap.gui.scene3d.ground_setup import GENERATED, basemap_source, estate_detail, grounded
from onemap.gui.scene3d.refdrape import reference_layers
from onemap.gui.scene3d.view import Scene3DView
from onemap.said import Said, in_lang
from onemap.scene.colours import ColourFn, status_colour_fn
from onemap.scene.scene import CountyScene, load_scene
from onemap.store.inventory import Inventory
from onemap.view.placenames import PlaceName, place_names
from onemap.view.polygons import AdminAreas

DEFAULT_SIZE = (1600, 1000)


class SnapshotError(RuntimeError):
    """A 3D snapshot cannot be made here; the message says why and what to do.

    ``str(error)`` is the Chinese sentence; :func:`onemap.said.error_text` gives either language.
    """

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(Said(zh, en))


def render_3d_png(
    inventory_path: str | Path,
    out_png: str | Path,
    size: tuple[int, int] = DEFAULT_SIZE,
    estate_code: str | None = None,
    colour_fn: ColourFn | None = None,
    dem: str | Path | None = None,
    basemap: str | Path | None = GENERATED,
    layers: Sequence[Path] = (),
    layer_crs: str = "",
    said: list[str] | None = None,
) -> Path:
    """Render the inventory's buildings in 3D, on the draped basemap and reference layers, to a PNG file.

    Parameters
    ----------
    inventory_path : str or Path
        The inventory (opened read-only).
    out_png : str or Path
        Where to write the PNG (its folder must exist).
    size : (int, int)
        Width and height in pixels.
    estate_code : str, optional
        Highlight this estate and frame it; the whole county otherwise.
    colour_fn : callable, optional
        Estate code -> colour (``"#rrggbb"``); by renovation status when not given.
    dem : str or Path, optional
        A DEM GeoTIFF: the ground gets its relief (flat without one; OneMap invents none).
    basemap : str or Path, optional
        The raster draped on the ground (MBTiles, PMTiles, GeoTIFF); ``"generated"`` (default) the
        inventory's own basemap; None a plain ground.
    layers : sequence of Path
        Reference layer files painted on the ground over the inventory's own (``NAME.layers.gpkg``).
    layer_crs : str
        The CRS of layer files that declare none (DXF).
    said : list, optional
        Receives one sentence per layer that could not be read (the picture is made without it).

    Returns
    -------
    Path
        ``out_png``.

    Raises
    ------
    SnapshotError
        No display or no OpenGL here, an unknown estate, an unusable DEM or basemap, or the PNG
        could not be written.
    onemap.store.errors.InventoryError
        The inventory cannot be opened.
    """
    problem = display_problem()
    if problem:
        raise SnapshotError(f"无法生成三维快照：{problem}", f"Cannot make the 3D snapshot: {in_lang(problem, 'en')}")
    app = _application()
    with Inventory.open(inventory_path, readonly=True) as inventory:
        scene = load_scene(inventory)
        colour_fn = colour_fn or status_colour_fn(_statuses(inventory))
        admin, county = AdminAreas(inventory), inventory.meta("county_code")
    if estate_code and scene.index_of(estate_code) is None:
        raise SnapshotError(
            f"清单中没有编号为 {estate_code} 的小区（或它没有建筑和范围面）",
            f"The inventory has no estate {estate_code} (or it has no buildings and no outline)",
        )
    try:
        source = basemap_source(Path(inventory_path), basemap)
    except source_errors() as error:
        raise SnapshotError(str(error), error.message("en")) from None  # type: ignore[attr-defined]
    reference, problems = reference_layers(Path(inventory_path), layers, layer_crs)
    if said is not None:
        said.extend(problems)
    try:
        scene, texture, warnings = grounded(scene, Path(dem) if dem else None, source, layers=reference)
        detail = estate_detail(scene, estate_code, source, reference) if estate_code and not warnings else None
    finally:
        if source is not None and hasattr(source, "close"):
            source.close()
    if warnings:
        raise SnapshotError(str(warnings[0]), in_lang(warnings[0], "en"))
    names = place_names(admin.names, admin.levels, admin.geoms, reference, county)  # as on the 2D map
    image = _render(app, scene, size, estate_code, colour_fn, texture, detail, names)
    out = Path(out_png)
    if not image.save(str(out), "PNG"):  # type: ignore[call-overload]  # PySide6 takes str at run time
        raise SnapshotError(f"无法写入三维快照文件：{out}", f"Cannot write the 3D snapshot file: {out}")
    return out


INSET_SIZE = (900, 560)


def render_3d_insets(
    inventory_path: str | Path, codes: list[str], out_dir: str | Path, size: tuple[int, int] = INSET_SIZE
) -> dict[str, Path]:
    """One 3D picture (JPEG) per estate for the PDF sheets' insets, with the scene loaded once.

    Estates without buildings or outline get no picture. Raises :class:`SnapshotError`
    (Chinese message) without a display or OpenGL.
    """
    problem = display_problem()
    if problem:
        raise SnapshotError(f"无法生成三维示意：{problem}", f"Cannot make the 3D insets: {in_lang(problem, 'en')}")
    app = _application()
    with Inventory.open(inventory_path, readonly=True) as inventory:
        scene = load_scene(inventory)
        colour_fn = status_colour_fn(_statuses(inventory))
    pictures: dict[str, Path] = {}
    with _hidden_view(app, scene, size, colour_fn, Said("无法生成三维示意", "Cannot make the 3D insets")) as view:
        if view.layers is not None:  # on its sheet the estate shows its status colour, as on the map
            view.layers.highlight_fill = False
        for code in codes:
            if scene.index_of(code) is None:
                continue
            view.select_estate(code)
            view.fly_to(code, animate=False)
            out = Path(out_dir) / f"{code}.jpg"
            if view.grab_image().save(str(out), "JPG", 85):  # type: ignore[call-overload]
                pictures[code] = out
    return pictures


def _render(
    app: QApplication,
    scene: CountyScene,
    size: tuple[int, int],
    estate_code: str | None,
    colour_fn: ColourFn,
    texture: NDArray[np.uint8] | None = None,
    detail: tuple[NDArray[np.uint8] | None, tuple[float, float, float, float]] | None = None,
    names: list[PlaceName] | None = None,
) -> QImage:
    failure = Said("无法生成三维快照", "Cannot make the 3D snapshot")
    with _hidden_view(app, scene, size, colour_fn, failure, texture) as view:
        view.place_names.set_names(names or [])
        if detail is not None and view.layers is not None:  # the streets round the estate, sharp
            view.layers.set_detail(*detail)
        if estate_code:
            view.select_estate(estate_code)
            view.fly_to(estate_code, animate=False)
        return view.grab_image()


@contextmanager
def _hidden_view(
    app: QApplication,
    scene: CountyScene,
    size: tuple[int, int],
    colour_fn: ColourFn,
    failure: str,
    texture: NDArray[np.uint8] | None = None,
) -> Iterator[Scene3DView]:
    """A 3D view drawn off screen with ``scene`` in it, closed afterwards."""
    view = Scene3DView(toolbar=False)
    try:
        if not view.available:
            reason = view.unavailable_reason or ""
            raise SnapshotError(f"{failure}：{reason}", f"{in_lang(failure, 'en')}: {in_lang(reason, 'en')}")
        view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        view.resize(*size)
        view.show()
        app.processEvents()
        view.set_symbology(colour_fn)
        view.set_ground_texture(texture)
        view.set_scene(scene)
        yield view
    finally:
        view.close()
        view.deleteLater()


def _statuses(inventory: Inventory) -> dict[str, str | None]:
    return dict(inventory.estate_columns(("code", "status")))


def _application() -> QApplication:
    """The running QApplication, or a new one made with shared OpenGL contexts."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    return QApplication(["onemap-snapshot"])
