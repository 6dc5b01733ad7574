"""The 生活圈 dock: coverage off the UI thread, gaps on the map, service areas, what-if, facility edits.

Coverage runs in a job (progress bar, Cancel) that reads the estates and facilities on its own
connection.  The map's facilities are read as arrays in a job too, once the opening's first frame
is on screen (:meth:`LivingCirclesDock.load_facilities`; a national inventory has two million),
and an edit, undo or redo patches the one facility it touched (:meth:`LivingCirclesDock.follow`).
The what-if tool takes the next map click as a new facility's place and lists the estates it
would newly bring within the chosen type's circle; 保留 adds it as a real facility, and a
picked facility can be retyped, moved (next click) or deleted: each an undoable, audited edit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from onemap.analysis.coverage import EstateCoverage, measure
from onemap.analysis.facility_types import default_config
from onemap.analysis.service_area import ServiceArea, service_area, what_if
from onemap.analysis.service_polygon import WALK_SIDE_M
from onemap.analysis.walknet import WalkNetwork
from onemap.gui.coverage.items import CoverageItem, FacilityItem
from onemap.gui.coverage.points import FacilityArrays, read_arrays
from onemap.gui.coverage.text import method_text, summary_text, what_if_text
from onemap.gui.i18n import keep_tr, tr
from onemap.gui.i18n.language import ui_language
from onemap.gui.jobs import Outcome, start_job
from onemap.store.facilities import EstatePoint, Facility
from onemap.view.extent import to_lonlat

if TYPE_CHECKING:
    from onemap.edit.history import HistoryEvent
    from onemap.gui.main_window import MainWindow
    from onemap.gui.workers import Job
    from onemap.view.session import MapSession


class LivingCirclesDock(QDockWidget):
    """Living-circle coverage of the open inventory (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.main = window
        self.setObjectName("livingCirclesDock")
        keep_tr(self, "setWindowTitle", str(QT_TRANSLATE_NOOP("", "生活圈")))
        self.config = default_config()
        self.session: MapSession | None = None
        self._network: WalkNetwork | None = None
        self._network_read = False  # the sidecar's streets wait until coverage needs them (see bind)
        self.estates: list[EstatePoint] = []
        self.result: dict[str, EstateCoverage] = {}
        self.mode = ""  # "", "what_if", "pick", "move"
        self.candidate: tuple[float, float] | None = None
        self._job: Job | None = None
        self._reading: Job | None = None  # the map's facilities being read
        self._touched: set[int] = set()  # facilities edited while they were being read
        self._area_asked = 0  # service areas asked for: only the last one's is drawn
        self.facility_item = FacilityItem(window.canvas, [t.key for t in self.config.types])
        self.coverage_item = CoverageItem(window.canvas)
        scroll = QScrollArea()  # a narrow window scrolls the dock rather than growing for it
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._body())
        self.setWidget(scroll)
        self.facility_item.chosen = self.kind_key
        window.canvas.clicked.connect(self._on_map_click)
        self.visibilityChanged.connect(self._on_visible)

    def _body(self) -> QWidget:
        body = QWidget()
        layout = QVBoxLayout(body)
        self.kind = QComboBox()
        self.kind.setObjectName("coverageType")
        for t in self.config.types:
            self.kind.addItem(t.name(ui_language()), t.key)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.compute = QPushButton(tr("计算覆盖"))
        self.compute.clicked.connect(self.run)
        self.network_button = QPushButton(tr("步行路网…"))
        self.network_button.clicked.connect(self.choose_network)
        self.show_area = QCheckBox(tr("显示服务范围"))
        self.show_area.toggled.connect(lambda _on: self._update_area())
        self.show_area.setToolTip(
            tr("沿路网时：可达街道两侧各 {side} 米（假定的步行进深）合并为一片服务范围。").format(
                side=f"{WALK_SIDE_M:g}"
            )
        )
        self.what_if_button = QPushButton(tr("假如在此新增设施"))
        self.what_if_button.setCheckable(True)
        self.what_if_button.toggled.connect(lambda on: self._set_mode("what_if" if on else ""))
        self.keep = QPushButton(tr("保留此设施"))
        self.keep.clicked.connect(self.keep_candidate)
        self.pick = QPushButton(tr("选择设施"))
        self.pick.setCheckable(True)
        self.pick.toggled.connect(lambda on: self._set_mode("pick" if on else ""))
        self.retype = QPushButton(tr("改为所选类型"))
        self.retype.clicked.connect(self.retype_picked)
        self.move_button = QPushButton(tr("移动"))
        self.move_button.clicked.connect(lambda: self._set_mode("move"))
        self.delete = QPushButton(tr("删除"))
        self.delete.clicked.connect(self.delete_picked)
        self.progress = QProgressBar()
        self.cancel = QPushButton(tr("取消"))
        self.cancel.clicked.connect(self.cancel_run)
        self.report = QLabel()
        self.report.setObjectName("coverageReport")
        self.report.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.progress)
        row.addWidget(self.cancel)
        edits = QGridLayout()
        for k, button in enumerate((self.pick, self.retype, self.move_button, self.delete)):
            edits.addWidget(button, k // 2, k % 2)
        widgets: list[QWidget] = [self.kind, self.compute, self.network_button, self.show_area]
        for widget in (*widgets, self.what_if_button, self.keep):
            layout.addWidget(widget)
        layout.addLayout(edits)
        layout.addLayout(row)
        layout.addWidget(self.report, 1)
        self._busy(False)
        self._update_buttons()
        return body

    # -- binding ----------------------------------------------------------------------------

    def bind(self, session: MapSession | None) -> None:
        """Follow ``session`` (None: clear everything); its facilities are read by :meth:`load_facilities`."""
        self.session = session
        self.result, self.estates, self.candidate = {}, [], None
        self.facility_item.picked = None
        self.facility_item.set_arrays(FacilityArrays.empty())
        if self._reading is not None:  # the last file's read: not waited for here
            with contextlib.suppress(RuntimeError):  # its thread already ended and went
                self._reading.cancel(timeout_ms=0)
        self._reading, self._touched = None, set()
        self.coverage_item.set_gaps(np.zeros((0, 2)), np.zeros(0))
        self.coverage_item.set_area(None)
        self.coverage_item.set_what_if(None)
        self.report.setText("")
        self._network, self._network_read = None, False
        if (
            session is None
            or not self.visibleRegion().isEmpty()
            or self.main.settings.walk_network_for(session.path) is not None
        ):
            self._load_network()
        else:  # the sidecar's streets: read when the dock is shown or coverage runs (scipy and GDAL are ~75 MB)
            from onemap.checkup.network_choice import forget

            forget(session.path)  # meanwhile the check-up walks the sidecar's streets itself, as this dock will
            self.network_button.setToolTip("")

    @property
    def network(self) -> WalkNetwork | None:
        """The network coverage walks (None: straight lines); the sidecar's streets are read when first asked for."""
        if not self._network_read:
            self._load_network()
        return self._network

    @network.setter
    def network(self, network: WalkNetwork | None) -> None:
        self._network, self._network_read = network, True

    def _on_visible(self, visible: bool) -> None:
        if visible and not self._network_read:
            self._load_network()  # the button's tooltip names the network

    def _load_network(self) -> None:
        from onemap.gui.coverage.network import remembered_network
        from onemap.io.walk_lines import NetworkError

        try:
            self.network = remembered_network(self.main.settings, self.session.path) if self.session else None
        except NetworkError as error:  # the kept file moved or broke: straight lines, and say why
            self.network = None
            self.report.setText(str(error.args[0]) if ui_language() == "zh" else error.args[0].en)
        self._share_network()
        self.network_button.setToolTip(method_text(self.network, self.config.detour_factor, ui_language()))

    def _share_network(self) -> None:
        """The check-up's facility indicators (roll-ups, score, plan, packet) walk this dock's network too."""
        from onemap.checkup.network_choice import choose

        if self.session is not None:
            choose(self.session.path, self.network)

    def load_facilities(self) -> None:
        """Read the map's facilities as arrays in a job (a file's on the job's own connection, a
        server session's here); the map shows them when it ends."""
        session = self.session
        if session is None:
            return
        from onemap.store import Inventory

        path, keys = session.path, list(self.facility_item.keys)
        read = None if isinstance(session.inventory, Inventory) else session.inventory.facility_points()

        def work(_progress: Callable[[float, str], None], cancel: Callable[[], bool]) -> FacilityArrays:
            return read_arrays(path, keys, cancel) if read is None else FacilityArrays.of(read, keys)

        self._touched = set()
        self._reading = start_job(
            self,
            "facilities",
            work,
            lambda outcome: self._on_read(session, outcome),
            None,
            lambda _message: self._on_read(session, Outcome(error="failed")),  # the job logged why
        )

    def _on_read(self, session: MapSession, outcome: Outcome) -> None:
        if session is not self.session:
            return
        self._reading = None
        if not outcome.ok:
            return
        self.facility_item.set_arrays(outcome.value)
        for fid in sorted(self._touched):  # edits the read may have missed
            self._patch(fid)
        self._touched = set()

    def follow(self, event: HistoryEvent) -> None:
        """Show what an edit, undo or redo of a facility did: only that facility is read again."""
        from onemap.edit.facility_edits import AddFacility, ChangeFacility, DeleteFacility

        command = event.command
        if not isinstance(command, (AddFacility, ChangeFacility, DeleteFacility)) or command.fid is None:
            return
        self._patch(command.fid)
        if self._reading is not None:
            self._touched.add(command.fid)
        self._update_area()

    def _patch(self, fid: int) -> None:
        if self.session is None:
            return
        facility = self.session.inventory.facility(fid)
        if facility is None:
            self.facility_item.remove(fid)
        else:
            self.facility_item.put(facility)

    @property
    def kind_key(self) -> str:
        """The chosen facility type's key."""
        return str(self.kind.currentData())

    # -- coverage -----------------------------------------------------------------------------

    def run(self) -> None:
        """Compute coverage in a job; the map and the report follow when it ends.

        A file's estates and facilities are read by the job on its own read-only connection
        and the summary is worded there too (at 20,000 estates these took seconds of the UI
        thread); a server session's are read here, on the session's connection.
        """
        if self.session is None:
            return
        from onemap.store import Inventory

        local = isinstance(self.session.inventory, Inventory)
        path, network, lang = self.session.path, self.network, ui_language()
        read = None if local else (self.session.inventory.estate_points(), self.session.inventory.facilities())

        def work(progress: Callable[[float, str], None], cancel: Callable[[], bool]) -> tuple[object, ...]:
            if read is None:
                with Inventory.open(path, readonly=True) as inventory:
                    estates, facilities = inventory.estate_points(), inventory.facilities()
            else:
                estates, facilities = read
            result = measure(estates, facilities, network=network, progress=progress, cancel=cancel)
            lonlat = np.array([e.location for e in estates], dtype=np.float64).reshape(-1, 2)
            counts = np.array([len(result[e.code].gaps) for e in estates])
            return estates, result, lonlat, counts, summary_text(result, network, lang)

        self._busy(True)
        self._job = start_job(
            self,
            "coverage",
            work,
            self._on_done,
            lambda fraction, _message: self.progress.setValue(round(fraction * 100)),
        )

    def _on_done(self, outcome: Outcome) -> None:
        self._busy(False)
        self._job = None
        if not outcome.ok:
            self.report.setText(outcome.error or tr("已取消"))
            return
        self.estates, self.result, lonlat, counts, summary = outcome.value
        self.coverage_item.set_gaps(lonlat, counts)
        self.report.setText(summary)
        self._update_area()
        self._update_buttons()

    def choose_network(self) -> None:
        """Load road/path lines as the walking network (Cancel: straight lines again)."""
        from onemap.io.walk_lines import NetworkError, read_network

        name, _ = QFileDialog.getOpenFileName(self, tr("步行路网"), "", "GIS (*.shp *.gpkg *.geojson *.json)")
        try:
            self.network = read_network(Path(name)) if name else None
        except NetworkError as error:
            self.report.setText(str(error.args[0]) if ui_language() == "zh" else error.args[0].en)
            return
        if self.session is not None:  # kept for this inventory, read again on open
            self.main.settings.set_walk_network_for(self.session.path, name)
        self._share_network()
        self.network_button.setToolTip(method_text(self.network, self.config.detour_factor, ui_language()))
        self.run()

    def _update_area(self) -> None:
        """Draw the chosen type's service area, or take it away.

        The type's facilities are read (a file's on a connection of the job's own) and the area
        worked out in a job: on the UI thread the read alone took about a second at 220,000 estates.
        The area shown meanwhile is taken away (it was another type's, or none); only the last
        one asked for is drawn.
        """
        self._area_asked += 1
        asked, session = self._area_asked, self.session
        self.coverage_item.set_area(None)
        if not self.show_area.isChecked() or session is None:
            return
        from onemap.store import Inventory

        kind, network, path = self.kind_key, self.network, session.path
        read = None if isinstance(session.inventory, Inventory) else session.inventory.facility_points([kind])

        def work(_progress: Callable[[float, str], None], _cancel: Callable[[], bool]) -> ServiceArea | None:
            if read is None:
                with Inventory.open(path, readonly=True) as inventory:
                    found = inventory.facility_points([kind])
            else:
                found = read
            located = [
                Facility("", kind, (lon, lat)) for lon, lat in zip(found.lon.tolist(), found.lat.tolist(), strict=True)
            ]
            return service_area(located, kind, network)

        start_job(self, "service area", work, lambda outcome: self._on_area(asked, session, outcome))

    def _on_area(self, asked: int, session: MapSession, outcome: Outcome) -> None:
        if asked != self._area_asked or session is not self.session or not outcome.ok:
            return
        self.coverage_item.set_area(outcome.value)

    def _on_kind(self) -> None:
        self.facility_item.chosen = self.kind_key
        self.facility_item.refresh()
        self._update_area()
        if self.candidate is not None:
            self.try_place(self.candidate)

    # -- tools ------------------------------------------------------------------------------------

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        for button, name in ((self.what_if_button, "what_if"), (self.pick, "pick")):
            button.blockSignals(True)
            button.setChecked(mode == name or (name == "pick" and mode == "move"))
            button.blockSignals(False)
        self._update_buttons()

    def _on_map_click(self, x: float, y: float, _modifiers: object) -> None:
        if self.mode == "what_if":
            self.try_place(to_lonlat(x, y))
        elif self.mode == "pick":
            fid = self.facility_item.nearest(x, y)
            found = None if fid is None or self.session is None else self.session.inventory.facility(fid)
            self.facility_item.picked = None if found is None else found.fid
            self.facility_item.refresh()
            self.report.setText("" if found is None else f"{found.name}（{found.kind_text or found.kind}）")
        elif self.mode == "move" and self.facility_item.picked is not None:
            from onemap.edit.facility_edits import ChangeFacility

            self._edit(ChangeFacility(self.facility_item.picked, location=to_lonlat(x, y)))
            self._set_mode("pick")
        self._update_buttons()

    def try_place(self, lonlat: tuple[float, float]) -> None:
        """Show what a new facility of the chosen type at ``lonlat`` would cover."""
        if not self.result:
            self.report.setText(tr("请先计算覆盖。"))
            return
        self.candidate = lonlat
        found = what_if(self.result, self.estates, self.kind_key, lonlat, self.network, self.config)
        where = {e.code: e.location for e in self.estates}
        covered = np.array([where[c] for c in found.newly], dtype=np.float64).reshape(-1, 2)
        self.coverage_item.set_what_if(found, covered)
        names = {e.code: e.name for e in self.estates}
        self.report.setText(what_if_text(found, names, ui_language()))

    def keep_candidate(self) -> None:
        """Add the what-if place as a real facility of the chosen type (undoable)."""
        from onemap.edit.facility_edits import AddFacility, new_facility

        if self.candidate is None:
            return
        self._edit(AddFacility(new_facility(self.kind_key, self.candidate)))
        self.candidate = None
        self.coverage_item.set_what_if(None)
        self.run()

    def retype_picked(self) -> None:
        """Give the picked facility the chosen type."""
        from onemap.edit.facility_edits import ChangeFacility

        if self.facility_item.picked is not None:
            self._edit(ChangeFacility(self.facility_item.picked, kind=self.kind_key))

    def delete_picked(self) -> None:
        """Delete the picked facility (undoable)."""
        from onemap.edit.facility_edits import DeleteFacility

        if self.facility_item.picked is not None:
            self._edit(DeleteFacility(self.facility_item.picked))
            self.facility_item.picked = None

    def _edit(self, command: object) -> None:
        editing = self.main.editing
        if editing.history is not None:  # the history's event patches the map (follow)
            editing._push(command, tr("修改设施"))  # type: ignore[arg-type]
        self._update_buttons()

    def cancel_run(self) -> None:
        """Stop the coverage job and free the dock at once (a cancelled job sends no outcome)."""
        if self._job is not None:
            self._job.cancel(timeout_ms=0)  # not waited for on the UI thread: parked until it stops
            self._job = None
        self._busy(False)
        self.report.setText(tr("已取消"))

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel.setVisible(busy)
        self.compute.setEnabled(not busy)

    def _update_buttons(self) -> None:
        writable = getattr(self.main, "editing", None) is not None and self.main.editing.history is not None
        self.keep.setEnabled(writable and self.candidate is not None)
        picked = self.facility_item.picked is not None and self.mode in ("pick", "move")
        for button in (self.retype, self.move_button, self.delete):
            button.setEnabled(writable and picked)
        self.pick.setEnabled(writable)
