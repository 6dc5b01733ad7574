"""``Scene3DView``: the county's buildings in 3D, coloured by the map's symbology, with picking.

The view draws a :class:`onemap.scene.CountyScene`; it owns no data rules. Selection comes
in through :meth:`Scene3DView.select_estate` (never re-emitted) and goes out through
``estate_picked`` when the user clicks a building, so a shared selection cannot loop.
Without OpenGL the view holds a sentence saying why, and every method quietly does nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import QLabel, QStackedLayout, QToolBar, QVBoxLayout, QWidget

from onemap.gui.i18n import keep_tr
from onemap.gui.scene3d.flight import CameraFlight
from onemap.gui.scene3d.glcheck import opengl_problem, sharing_enabled
from onemap.gui.scene3d.placenames3d import PlaceNames3D
from onemap.gui.scene3d.tileloader import TileLoader
from onemap.scene.camera import OrbitCamera
from onemap.scene.colours import ColourFn
from onemap.scene.picking import pick_face, pick_outline
from onemap.scene.scene import CountyScene, load_scene
from onemap.scene.tiles import TileGrid

if TYPE_CHECKING:
    from onemap.gui.scene3d.canvas import SceneCanvas
    from onemap.gui.scene3d.layers import SceneLayers

log = logging.getLogger(__name__)
BACKGROUND = (214, 224, 234)
#: the county's home view is oblique (its valleys and ridges read as relief), an estate's a little steeper
HOME_ELEVATION, ESTATE_ELEVATION = 32.0, 40.0
#: flying to a single small building stops this far away
MIN_FLY_DISTANCE_M = 150.0
#: tiles follow the camera at most this often while it moves (milliseconds)
TILE_UPDATE_MS = 60


class Scene3DView(QWidget):
    """The 3D tab: buildings, outlines, names and the selected estate, or a note when OpenGL is missing.

    Parameters
    ----------
    parent : QWidget, optional
    toolbar : bool
        Show the 复位视角 / 飞至所选 / 显示名称 toolbar (snapshots leave it out).
    """

    estate_picked = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, toolbar: bool = True) -> None:
        super().__init__(parent)
        self._stack = QStackedLayout()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._stack)
        self.canvas: SceneCanvas | None = None
        self.layers: SceneLayers | None = None
        self.unavailable_reason: str | None = opengl_problem()
        self._scene: CountyScene | None = None
        #: the county, township and street names on the ground (set from the 2D map's; see placenames3d)
        self.place_names = PlaceNames3D(lambda: self._scene)
        self._selected: str | None = None
        #: what the camera frames until the user moves it: ("home", "") or ("estate", code); kept on resize
        self._framing: tuple[str, str] | None = None
        #: the tile meshes the camera needs (a county scene is one tile)
        self.tiles = TileLoader(parent=self)
        self.tiles.changed.connect(self._on_tiles_changed)
        self._tile_timer = QTimer(self, singleShot=True, interval=TILE_UPDATE_MS)
        self._tile_timer.timeout.connect(self._update_tiles)
        self._make_actions()
        if self.unavailable_reason:
            self._show_unavailable(self.unavailable_reason)
            return
        self._build(toolbar, outer)

    # -- construction ----------------------------------------------------------------------

    def _build(self, toolbar: bool, outer: QVBoxLayout) -> None:
        if not sharing_enabled():
            log.warning("Qt.AA_ShareOpenGLContexts was not set before the QApplication: a second GL view may fail")
        from onemap.gui.scene3d.canvas import SceneCanvas
        from onemap.gui.scene3d.layers import SceneLayers
        from onemap.gui.scene3d.overlay import label_painter, north_arrow_painter

        canvas = self.canvas = SceneCanvas(self)
        canvas.setBackgroundColor(BACKGROUND)
        self.layers = SceneLayers(canvas)
        self._labels = label_painter(lambda: self._scene, self._selected_index, lambda: self.place_names.boxes)
        canvas.overlays = [self.place_names.paint, self._labels, north_arrow_painter()]  # place names first
        self._flight = CameraFlight(canvas.set_camera, self)
        canvas.clicked.connect(self._on_click)
        canvas.camera_changed.connect(self._on_camera_change)
        canvas.failed.connect(self._show_unavailable)
        canvas.reset_requested.connect(self.reset_view)
        canvas.fly_requested.connect(self._fly_to_selected)
        canvas.user_moved.connect(self._forget_framing)
        canvas.resized.connect(self._keep_framing)
        if toolbar:
            outer.insertWidget(0, self._toolbar())
        self._stack.addWidget(canvas)

    def _make_actions(self) -> None:
        self.reset_action = self._action(
            QT_TRANSLATE_NOOP("", "复位视角"), QT_TRANSLATE_NOOP("", "显示全部建筑（Home）")
        )
        self.reset_action.setShortcut(QKeySequence("Home"))
        self.fly_action = self._action(QT_TRANSLATE_NOOP("", "飞至所选"), QT_TRANSLATE_NOOP("", "飞到选中的小区（F）"))
        self.fly_action.setShortcut(QKeySequence("F"))
        self.labels_action = self._action(
            QT_TRANSLATE_NOOP("", "显示名称"), QT_TRANSLATE_NOOP("", "放大后显示小区名称")
        )
        self.labels_action.setCheckable(True)
        self.labels_action.setChecked(True)
        for action in (self.reset_action, self.fly_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)  # the shortcuts work whenever the view has focus, toolbar or not
        self.reset_action.triggered.connect(self.reset_view)
        self.fly_action.triggered.connect(self._fly_to_selected)
        self.labels_action.toggled.connect(self._on_labels_toggled)

    def _action(self, text: object, tip: object) -> QAction:
        """A toolbar action whose text and tip follow the interface language."""
        action = QAction(self)
        keep_tr(action, "setText", str(text))
        keep_tr(action, "setToolTip", str(tip))
        return action

    def _toolbar(self) -> QToolBar:
        bar = QToolBar("三维", self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addActions([self.reset_action, self.fly_action, self.labels_action])
        return bar

    @Slot(str)
    def _show_unavailable(self, reason: str) -> None:
        self.unavailable_reason = reason
        heading = QCoreApplication.translate("", "三维视图不可用")
        rest = QCoreApplication.translate("", "二维地图、列表和其他功能不受影响。")
        note = QLabel(f"{heading}\n\n{reason}\n\n{rest}", self)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setWordWrap(True)
        note.setObjectName("scene3dUnavailable")
        self._stack.addWidget(note)
        self._stack.setCurrentWidget(note)
        for action in (self.reset_action, self.fly_action, self.labels_action):
            action.setEnabled(False)

    # -- public API ------------------------------------------------------------------------

    @property
    def available(self) -> bool:
        """Whether 3D can be drawn here (False shows the explanation instead)."""
        return self.unavailable_reason is None

    @property
    def flying(self) -> bool:
        """Whether an animated "fly to" is under way."""
        return self.canvas is not None and self._flight.flying

    @property
    def scene(self) -> CountyScene | None:
        """The scene on show."""
        return self._scene

    def load(self, inventory_path: str | Path) -> CountyScene:
        """Read an inventory's buildings and outlines and show them."""
        scene = load_scene(inventory_path)
        self.set_scene(scene)
        return scene

    def set_scene(self, scene: CountyScene, grid: TileGrid | None = None) -> None:
        """Show ``scene`` (new data) and frame all of it: a county's mesh at once, a tiled scene's
        tiles as the camera needs them (``grid``: its tiles, when made in the background already)."""
        self._scene = scene
        if self.layers is None or self.canvas is None:
            return
        self.canvas.stand_on(scene.terrain)
        self.layers.set_scene(scene)
        self.tiles.set_scene(scene, grid=grid)
        self.layers.set_tiles(self.tiles.shown, self.tiles.shown_estates())
        self._refresh_highlight()
        self.reset_view()
        self._update_tiles()

    def replace_scene(
        self, scene: CountyScene, stale_tiles: Iterable[tuple[int, int]], grid: TileGrid | None = None
    ) -> None:
        """Show ``scene``, the same place after an edit: the camera stays, only ``stale_tiles`` are rebuilt.

        ``grid``: the scene's tiles, when made in the background already.
        """
        self._scene = scene
        if self.layers is None:
            return
        self.layers.set_scene(scene)
        self.tiles.set_scene(scene, stale=set(stale_tiles), grid=grid)
        self._on_tiles_changed()
        self._update_tiles()

    def _update_tiles(self) -> None:
        self._tile_timer.stop()
        if self.canvas is not None and self._scene is not None:
            self.tiles.update(self.canvas.camera())

    def _on_tiles_changed(self) -> None:
        if self.layers is not None and self.canvas is not None:
            self.layers.set_tiles(self.tiles.shown, self.tiles.shown_estates())
            self.canvas.update()

    def set_ground_texture(self, texture: NDArray[np.uint8] | None) -> None:
        """Drape ``texture`` on the scene's terrain (:func:`onemap.scene.drape.drape_texture`); None: plain ground."""
        if self.layers is not None:
            self.layers.set_texture(texture)
            if self.canvas is not None:
                self.canvas.update()

    def set_symbology(self, colour_fn: ColourFn | None) -> None:
        """Colour buildings by ``colour_fn(estate_code) -> "#rrggbb"`` (None: neutral grey).

        Only the colour buffer is rebuilt, and only when some estate's colour really changed.
        """
        if self.layers is not None:
            self.layers.set_symbology(colour_fn)

    def set_visible_estates(self, codes: Iterable[str] | None) -> None:
        """Show only these estates' buildings and outlines (None shows all): the map's filter."""
        if self.layers is not None:
            self.layers.set_visible(None if codes is None else set(codes))

    @Slot(str)
    def select_estate(self, code: str | None) -> None:
        """Highlight an estate ("" or None clears). Does not emit ``estate_picked``."""
        self._selected = code or None
        self._refresh_highlight()

    def selected_estate(self) -> str | None:
        """The highlighted estate's code."""
        return self._selected

    def fly_to(self, code: str, animate: bool = True) -> bool:
        """Move the camera to frame one estate; False when it has nothing to show."""
        target = self._estate_camera(code)
        if target is None:
            return False
        self._framing = ("estate", code)
        self._move(target, animate)
        return True

    @Slot()
    def reset_view(self) -> None:
        """Frame the whole county from the south, north up."""
        if self.canvas is None:
            return
        lo, hi = self._scene.bounds() if self._scene is not None else (np.full(3, -500.0), np.full(3, 500.0))
        home = OrbitCamera(elevation=HOME_ELEVATION).fitted(lo, hi, *self._viewport(), margin=1.05)
        self._framing = ("home", "")
        self._move(home, animate=False)

    def camera(self) -> OrbitCamera | None:
        """The current camera (None without OpenGL)."""
        return None if self.canvas is None else self.canvas.camera()

    def set_camera(self, camera: OrbitCamera) -> None:
        """Move the camera at once."""
        self._framing = None
        self._move(camera, animate=False)

    def grab_image(self) -> QImage:
        """The current picture, overlays included (renders if needed)."""
        if self.canvas is None:
            return self.grab().toImage()
        image: QImage = self.canvas.grabFramebuffer()
        return image

    def pick_at(self, x: float, y: float) -> str | None:
        """The estate under canvas pixel ``(x, y)``, or None."""
        if self._scene is None or self.canvas is None or self.layers is None:
            return None
        origin, direction = self.canvas.camera().ray(x, y, self.canvas.width(), self.canvas.height())
        hits = [
            (hit[1], m, hit[0]) for m in self.layers.tile_meshes.values() if (hit := pick_face(m, origin, direction))
        ]
        if hits:
            _distance, mesh, face = min(hits, key=lambda h: h[0])
            code: str | None = mesh.estate_codes[int(mesh.face_estate[face])]
        else:
            code = pick_outline(self._scene.outlines, origin, direction)
        return code if code is not None and self.layers.is_visible(code) else None

    # -- handlers (connected only when OpenGL works) ---------------------------------------

    def _on_click(self, x: float, y: float) -> None:
        code = self.pick_at(x, y)
        if code is not None:
            self.select_estate(code)
            self.estate_picked.emit(code)

    def _on_camera_change(self) -> None:
        if self.layers is not None and self.canvas is not None:
            self.layers.set_camera_distance(self.canvas.camera().distance)
            if self.tiles.synchronous:
                self._update_tiles()
            elif not self._tile_timer.isActive():  # a throttle, not a debounce: tiles follow a long drag
                self._tile_timer.start()

    def _forget_framing(self) -> None:
        self._framing = None
        self._flight.stop()

    def _keep_framing(self) -> None:
        if self._framing is None or self._flight.flying:
            return
        kind, code = self._framing
        if kind == "home":
            self.reset_view()
        else:
            self.fly_to(code, animate=False)

    def _on_labels_toggled(self, on: bool) -> None:
        if self.canvas is None:
            return
        others = [o for o in self.canvas.overlays if o is not self._labels]
        self.canvas.overlays = [self._labels, *others] if on else others
        self.canvas.update()

    def _fly_to_selected(self) -> None:
        if self._selected:
            self.fly_to(self._selected)

    def _refresh_highlight(self) -> None:
        if self.layers is not None and self.canvas is not None:
            self.layers.set_highlight(self._selected)
            self.canvas.update()

    def _selected_index(self) -> int | None:
        return None if self._scene is None or self._selected is None else self._scene.index_of(self._selected)

    # -- camera moves ----------------------------------------------------------------------

    def _viewport(self) -> tuple[int, int]:
        canvas = self.canvas
        return (1, 1) if canvas is None else (max(canvas.width(), 1), max(canvas.height(), 1))

    def _estate_camera(self, code: str) -> OrbitCamera | None:
        scene, canvas = self._scene, self.canvas
        i = None if scene is None or canvas is None else scene.index_of(code)
        if scene is None or canvas is None or i is None or not np.all(np.isfinite(scene.estate_bounds[i])):
            return None
        lo, hi = scene.estate_bounds[i]
        current = canvas.camera()
        start = OrbitCamera(elevation=ESTATE_ELEVATION, azimuth=current.azimuth, fov=current.fov)
        target = start.fitted(lo, hi, *self._viewport(), margin=1.15)
        if target.distance < MIN_FLY_DISTANCE_M:
            target = OrbitCamera(target.center, MIN_FLY_DISTANCE_M, target.elevation, target.azimuth, target.fov)
        return target

    def _move(self, target: OrbitCamera, animate: bool) -> None:
        if self.canvas is not None:
            self._flight.go(self.canvas.camera(), target, animate and self.isVisible())
