"""The status bar: cursor position (CGCS2000, optionally Gauss-Kruger), map scale, shown / total."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from onemap.geo.crs import from_cgcs2000, gk3_epsg, gk3_zone
from onemap.gui.i18n import tr
from onemap.view.extent import ground_factor, to_lonlat
from onemap.view.scale import format_scale, scale_denominator
from onemap.view.session import MapSession


class MapStatusBar(QStatusBar):
    """Permanent labels on the right, temporary messages on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapStatusBar")
        self.position = QLabel()
        self.position.setObjectName("cursorPosition")
        self.scale = QLabel()
        self.scale.setObjectName("mapScale")
        self.counts = QLabel()
        self.counts.setObjectName("shownCount")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setRange(0, 1000)
        self.progress.hide()
        for widget in (self.progress, self.position, self.scale, self.counts):
            self.addPermanentWidget(widget)
        self.session: MapSession | None = None
        self.gauss_kruger_epsg: int | None = None
        self.dpi = 96.0

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:  # 比例尺 / Scale and the counts in the new language
            self.update_counts()
            self.update_scale()
        super().changeEvent(event)

    def bind(self, session: MapSession) -> None:
        """Report on a session."""
        self.unbind()
        self.session = session
        session.state.filter_changed.connect(self.update_counts)
        session.state.extent_changed.connect(self.update_scale)
        self.update_counts()
        self.update_scale()

    def unbind(self) -> None:
        """Stop reporting."""
        if self.session is not None:
            self.session.state.filter_changed.disconnect(self.update_counts)
            self.session.state.extent_changed.disconnect(self.update_scale)
        self.session = None
        self.position.clear()
        self.scale.clear()
        self.counts.clear()

    def set_gauss_kruger(self, on: bool) -> None:
        """Also show Gauss-Kruger metres, in the zone of the inventory's centre (one zone per dataset)."""
        self.gauss_kruger_epsg = None
        if on and self.session is not None:
            lon, _lat = to_lonlat(*self.session.state.home.center)
            try:
                self.gauss_kruger_epsg = gk3_epsg(gk3_zone(lon), prefixed=False)
            except ValueError:
                self.gauss_kruger_epsg = None

    def show_cursor(self, x: float, y: float) -> None:
        """Show where the cursor is (display coordinates in, CGCS2000 out)."""
        lon, lat = to_lonlat(x, y)
        text = tr("经度 {lon:.6f}°  纬度 {lat:.6f}°（CGCS2000）").format(lon=lon, lat=lat)
        if self.gauss_kruger_epsg is not None:
            east, north = from_cgcs2000([lon], [lat], self.gauss_kruger_epsg)
            text += tr("  X {x:,.1f} 米  Y {y:,.1f} 米（EPSG:{epsg}）").format(
                x=float(east[0]), y=float(north[0]), epsg=self.gauss_kruger_epsg
            )
        self.position.setText(text)

    def clear_cursor(self) -> None:
        """The cursor left the map."""
        self.position.clear()

    def update_counts(self) -> None:
        """显示 N / 共 M 个小区."""
        if self.session is None:
            return
        state = self.session.state
        self.counts.setText(
            tr("显示 {shown} / 共 {total} 个小区").format(shown=f"{state.shown_count:,}", total=f"{len(state.table):,}")
        )

    def update_scale(self) -> None:
        """比例尺 1:N at the centre of the view."""
        if self.session is None:
            return
        state = self.session.state
        ground = state.resolution * ground_factor(state.extent.center[1])
        self.scale.setText(tr("比例尺 {scale}").format(scale=format_scale(scale_denominator(ground, self.dpi))))

    def show_progress(self, fraction: float | None, message: str = "") -> None:
        """A background job's progress (``None`` hides the bar)."""
        if fraction is None:
            self.progress.hide()
            self.clearMessage()
            return
        self.progress.show()
        self.progress.setValue(round(fraction * 1000))
        if message:
            self.showMessage(message)
