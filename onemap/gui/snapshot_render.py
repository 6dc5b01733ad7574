"""Rendering a snapshot: the viewer's canvas and layers offscreen, with a title and a legend painted on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPainter

from onemap.said import Said, error_text
from onemap.store.errors import InventoryError
from onemap.view.point_plan import PointPlan
from onemap.view.session import MapSession

DEFAULT_SIZE = (1600, 1000)


class SnapshotError(Exception):
    """A snapshot request refused, with the sentence to print (exit code 1)."""


def render(
    inventory: Path,
    *,
    size: tuple[int, int] = DEFAULT_SIZE,
    estate: str | None = None,
    symbology: str = "status",
    basemap: Path | str | None = "generated",
    online: bool = False,
    warnings: list[str] | None = None,
    layers: list[Path] | None = None,
    layer_crs: str = "",
    said: list[str] | None = None,
) -> QImage:
    """The map of an inventory as an image.

    Parameters
    ----------
    inventory : Path
        The .gpkg file.
    size : (int, int)
        Width and height in pixels.
    estate : str, optional
        Select this estate and show it close up.
    symbology : str
        ``status``, ``year`` or ``category``.
    basemap : Path, str, "generated" or None
        A basemap spec (an MBTiles file, a URL template, ``tianditu:vec``: see
        :func:`onemap.geo.tilesource.open_source`), the inventory's generated basemap (built if
        missing), or none.  A web source answers from its cache; it goes online only when the
        user's setting allows it or ``online`` is given.
    online : bool
        Fetch tiles the cache lacks even if the setting is off (``--online``).
    warnings : list, optional
        Receives the basemap's problem (wrong key, server down) as a :class:`~onemap.said.Said`.
    layers : list of Path, optional
        Reference layer files drawn over the inventory's own (``NAME.layers.gpkg``).
    layer_crs : str
        The CRS of layer files that declare none (DXF).
    said : list, optional
        Receives one sentence per layer that could not be read (the map is drawn without it).

    Raises
    ------
    InventoryError
        For a file that cannot be opened or an unknown estate code.
    SnapshotError
        For a basemap that cannot be used.
    """
    from onemap.gui.appsetup import make_application

    make_application(offscreen=True)
    session = MapSession.open(inventory)
    try:
        return _render(session, size, estate, symbology, basemap, online, warnings, (layers or [], layer_crs, said))
    finally:
        session.close()


def _render(
    session: MapSession,
    size: tuple[int, int],
    estate: str | None,
    symbology: str,
    basemap: Path | str | None,
    online: bool = False,
    warnings: list[str] | None = None,
    reference: tuple[list[Path], str, list[str] | None] = ([], "", None),
) -> QImage:
    from PySide6.QtWidgets import QApplication

    from onemap.gui.canvas.layers import MapLayers
    from onemap.gui.canvas.map_canvas import MapCanvas
    from onemap.gui.canvas.overlay import MapOverlay

    state = session.state
    state.set_symbology(symbology)
    canvas = MapCanvas()
    canvas.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    canvas.resize(*size)
    canvas.show()
    layers = MapLayers(canvas, session)
    overlay = MapOverlay(canvas)
    try:
        canvas.bind(state)
        _zoom_to_estate(session, estate)
        attribution = _use_basemap(session, layers, basemap, online)
        files, crs, said = reference
        if files:
            problems = layers.reference.add_files(files, crs)
            if said is not None:
                said.extend(problems)
        layers.reference.settle()  # the sidecar's layers are read in the background
        credit = layers.reference.attribution()
        overlay.set_attribution("；".join(a for a in (attribution, credit) if a))
        QApplication.processEvents()
        layers.settle()
        QApplication.processEvents()
        problem = getattr(layers.basemap.source, "problem", None)
        if problem is not None and warnings is not None:
            warnings.append(problem.said())
        return compose(canvas, session, layers.estates.plan)
    finally:
        layers.close()
        canvas.hide()
        canvas.deleteLater()


def _zoom_to_estate(session: MapSession, code: str | None) -> None:
    if code is None:
        return
    state = session.state
    if state.table.row_of(code) is None:
        raise InventoryError("no_estate", session.path, detail=code)
    state.select([code])
    outline = session.inventory.outline(code)
    if outline is not None:
        from onemap.view.extent import Extent

        west, south, east, north = outline.bounds
        state.request_zoom(Extent.from_lonlat(west, south, east, north), minimum_m=700.0)
    elif not state.zoom_to_selection():
        raise SnapshotError(f"小区 {code} 尚未定位（没有坐标），无法在地图上显示。")


def _use_basemap(session: MapSession, layers: object, basemap: Path | str | None, online: bool = False) -> str:
    from onemap.geo.tilesource import open_source, source_errors
    from onemap.gui.basemap_builder import basemap_path_for, build_basemap
    from onemap.gui.online_settings import OnlineSettings, is_web_spec
    from onemap.gui.settings import Settings

    if basemap is None:
        return ""
    spec = str(basemap_path_for(session.path) if basemap == "generated" else basemap)
    if basemap == "generated" and not Path(spec).exists():
        if not len(session.admin) and not session.state.shown_count:
            return ""
        build_basemap(session, Path(spec))
    options = OnlineSettings.read(Settings().q).options(spec) if is_web_spec(spec) else None
    if options is not None and online:
        from dataclasses import replace

        options = replace(options, online=True)
    try:
        source = open_source(spec, options)
    except source_errors() as error:
        raise SnapshotError(Said(error_text(error, "zh"), error_text(error, "en"))) from None
    layers.basemap.set_source(source)  # type: ignore[attr-defined]
    return str(source.attribution or "")


def compose(canvas: object, session: MapSession, plan: PointPlan | None) -> QImage:
    """The canvas as an image, with a title box (top left) and the legend (bottom right)."""
    from onemap.gui.canvas.map_canvas import MapCanvas

    assert isinstance(canvas, MapCanvas)
    image = canvas.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    _paint_title(painter, session)
    _paint_legend(painter, QRectF(image.rect()), session, plan)
    painter.end()
    return image


def _paint_title(painter: QPainter, session: MapSession) -> None:
    from onemap.gui.canvas.labels import label_font
    from onemap.gui.canvas.markers import brush, pen
    from onemap.gui.i18n import tr
    from onemap.gui.i18n.language import ui_language

    state = session.state
    from onemap.summary import area_name

    county = area_name(session.inventory) or session.path.stem  # never one county's name for many
    title = tr("{county}老旧小区改造分布图").format(county=county)
    if state.current is not None:
        row = state.table.row_of(state.current)
        name = state.table.name[row] if row is not None else ""
        title += tr(" · {name}（{code}）").format(name=name, code=state.current)
    line = tr("{how} · 显示 {shown} / 共 {total} 个小区 · {today}").format(
        how=tr(state.symbology.title),
        shown=f"{state.shown_count:,}",
        total=f"{len(state.table):,}",
        today=date.today().isoformat(),
    )
    if not state.filter.is_empty:
        line += tr(" · 筛选：{what}").format(what=state.filter.describe(ui_language()))
    big, small = label_font(20, bold=True), label_font(13)
    mb, ms = QFontMetricsF(big), QFontMetricsF(small)
    box = QRectF(
        12, 12, max(mb.horizontalAdvance(title), ms.horizontalAdvance(line)) + 24, mb.height() + ms.height() + 18
    )
    painter.setPen(pen("#9aa0a6", 1.0))
    painter.setBrush(brush("#ffffff", 225))
    painter.drawRoundedRect(box, 4, 4)
    painter.setPen(brush("#111111").color())
    painter.setFont(big)
    painter.drawText(QPointF(box.left() + 12, box.top() + 8 + mb.ascent()), title)
    painter.setFont(small)
    painter.setPen(brush("#444444").color())
    painter.drawText(QPointF(box.left() + 12, box.top() + 12 + mb.height() + ms.ascent()), line)


def _paint_legend(painter: QPainter, canvas: QRectF, session: MapSession, plan: PointPlan | None) -> None:
    from onemap.gui.canvas.labels import label_font
    from onemap.gui.canvas.markers import brush, pen
    from onemap.gui.canvas.polygons import BUILDING_MAX_RES, OUTLINE_MAX_RES
    from onemap.gui.docks.legend import legend_icon, legend_rows
    from onemap.gui.i18n import tr

    state = session.state
    res = state.resolution
    rows = legend_rows(session, bool(plan and plan.aggregated), res <= OUTLINE_MAX_RES, res <= BUILDING_MAX_RES)
    heading = tr("图例 · {title}").format(title=tr(state.symbology.title))
    font, bold = label_font(13), label_font(13, bold=True)
    metrics, line = QFontMetricsF(font), QFontMetricsF(font).height() + 6
    width = (
        max(
            [metrics.horizontalAdvance(f"{label}  {count}") for _k, label, count in rows]
            + [QFontMetricsF(bold).horizontalAdvance(heading)]
        )
        + 52
    )
    height = line * (len(rows) + 1) + 14
    box = QRectF(canvas.right() - width - 12, canvas.bottom() - height - 34, width, height)
    painter.setPen(pen("#9aa0a6", 1.0))
    painter.setBrush(brush("#ffffff", 230))
    painter.drawRoundedRect(box, 4, 4)
    painter.setFont(bold)
    painter.setPen(brush("#111111").color())
    painter.drawText(QPointF(box.left() + 10, box.top() + 8 + metrics.ascent()), heading)
    painter.setFont(font)
    y = box.top() + 8 + line
    for kind, label, count in rows:
        painter.drawPixmap(
            QPointF(box.left() + 10, y + (line - 18) / 2 - 3), legend_icon(kind, state.symbology.classes)
        )
        painter.drawText(QPointF(box.left() + 36, y + metrics.ascent()), label)
        if count:
            painter.drawText(QRectF(box.left(), y, box.width() - 10, line), Qt.AlignmentFlag.AlignRight, count)
        y += line
