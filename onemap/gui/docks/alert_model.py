"""The alert dock's table: alerts newest first, filtered, updated in place as they arrive.

:class:`AlertTableModel` keeps every alert it was given (by id) and shows those its
:class:`AlertFilter` lets through, ordered by last event time then id, newest first.  A
new filter resets the model (the only reset); alerts arriving or changing afterwards are
inserted, moved or repainted row by row (:meth:`AlertTableModel.upsert`), so a flood of
thousands costs what changed, not what is listed.  Alerts that arrived live stay
highlighted until clicked.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from onemap.gui.i18n import tr
from onemap.gui.i18n.language import ui_language
from onemap.watch.alert import Alert
from onemap.watch.event import SHANGHAI

COLUMNS = (
    str(QT_TRANSLATE_NOOP("", "时间")),
    str(QT_TRANSLATE_NOOP("", "小区")),
    str(QT_TRANSLATE_NOOP("", "乡镇")),
    str(QT_TRANSLATE_NOOP("", "类型")),
    str(QT_TRANSLATE_NOOP("", "次数")),
    str(QT_TRANSLATE_NOOP("", "状态")),
    str(QT_TRANSLATE_NOOP("", "来源")),
)
#: level (1 most severe … 4) -> colour of its mark
LEVEL_COLOURS = {1: "#d32f2f", 2: "#f57c00", 3: "#fbc02d", 4: "#1976d2"}
#: the same, dark enough for text on white and on the new-alert highlight
LEVEL_TEXT = {1: "#b71c1c", 2: "#bf4f00", 3: "#7a5d00", 4: "#0d47a1"}
#: time ranges of the filter: key -> (label, how far back; None: since local midnight)
RANGES: dict[str, tuple[str, timedelta | None]] = {
    "today": (str(QT_TRANSLATE_NOOP("", "今天")), None),
    "24h": (str(QT_TRANSLATE_NOOP("", "24 小时")), timedelta(hours=24)),
    "7d": (str(QT_TRANSLATE_NOOP("", "7 天")), timedelta(days=7)),
    "30d": (str(QT_TRANSLATE_NOOP("", "30 天")), timedelta(days=30)),
}
#: the most alerts listed at once (the oldest drop off the end)
MAX_ROWS = 5000
#: more changed alerts than this in one upsert are placed by one layout change, not row by row
BULK = 32
_FRESH = QColor("#fff3c4")


@dataclass(frozen=True)
class AlertFilter:
    """Which alerts the dock lists: types and statuses (empty: all), a township, a time range key."""

    types: frozenset[str] = field(default_factory=frozenset)
    statuses: frozenset[str] = field(default_factory=frozenset)
    township: str | None = None
    range: str = "7d"

    def since(self, now: datetime | None = None) -> datetime:
        """The earliest last-event time listed."""
        now = (now or datetime.now(SHANGHAI)).astimezone(SHANGHAI)
        back = RANGES[self.range][1]
        return now.replace(hour=0, minute=0, second=0, microsecond=0) if back is None else now - back

    def accepts(self, alert: Alert, since: datetime) -> bool:
        """Whether ``alert`` passes (``since`` from :meth:`since`, computed once per batch)."""
        return (
            alert.last_time >= since
            and (not self.types or alert.type in self.types)
            and (not self.statuses or alert.status in self.statuses)
            and (self.township is None or alert.township == self.township)
        )


def _key(alert: Alert) -> tuple[float, int]:
    """Ascending key for newest-first order."""
    return (-alert.last_time.timestamp(), -alert.id)


def level_icon(level: int) -> QIcon:
    """A filled disc in the level's colour (cached)."""
    cached = _ICONS.get(level)
    if cached is None:
        pixmap = QPixmap(14, 14)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(LEVEL_COLOURS.get(level, "#757575")))
        painter.setPen(QColor("#ffffff"))
        painter.drawEllipse(1, 1, 12, 12)
        painter.end()
        cached = _ICONS[level] = QIcon(pixmap)
    return cached


_ICONS: dict[int, QIcon] = {}


class AlertTableModel(QAbstractTableModel):
    """Alerts for a :class:`~PySide6.QtWidgets.QTableView`, newest first."""

    def __init__(self) -> None:
        super().__init__()
        self.filter = AlertFilter()
        self.known: dict[int, Alert] = {}
        self.rows: list[Alert] = []
        self._keys: list[tuple[float, int]] = []
        self.fresh: set[int] = set()
        self._since = self.filter.since()

    # -- filling -------------------------------------------------------------------------------

    def reset(self, alerts: Iterable[Alert], flt: AlertFilter | None = None) -> None:
        """List ``alerts`` under ``flt`` (the only model reset)."""
        self.beginResetModel()
        self.filter = flt or self.filter
        self._since = self.filter.since()
        self.known = {a.id: a for a in alerts}
        shown = sorted((a for a in self.known.values() if self.filter.accepts(a, self._since)), key=_key)
        self.rows = shown[:MAX_ROWS]
        self._keys = [_key(a) for a in self.rows]
        self.endResetModel()

    def upsert(self, alerts: Iterable[Alert], live: bool = False) -> list[Alert]:
        """Add or update alerts; returns those not seen before (``live``: highlighted).

        Row by row (a few moves); a burst that moves more than :data:`BULK` rows is one layout
        change instead — 500 folds moving to the top cost 500 bisections, not 500 row moves — with the
        selection and current row following their alerts.
        """
        self._since = self.filter.since()
        changed = {a.id: a for a in alerts if self.known.get(a.id) != a}  # a re-read unchanged: nothing to do
        added = [a for a in changed.values() if a.id not in self.known]
        if live:
            self.fresh.update(a.id for a in added)
        if len(changed) > BULK:
            gone = sorted({r for r in (self._row_of(self.known[i]) for i in changed if i in self.known) if r >= 0})
            self.known.update(changed)
            self._relayout(changed, gone)
            return added
        for alert in changed.values():
            old = self.known.get(alert.id)
            self.known[alert.id] = alert
            self._place(old, alert)
        self._trim()
        return added

    def _relayout(self, changed: dict[int, Alert], gone: list[int]) -> None:
        """Place many changed alerts at once: their old rows (``gone``, found by bisection) are cut out and
        the changed ones put back by bisection -- no pass over every listed row, no sort of them."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self.rows[i.row()].id if 0 <= i.row() < len(self.rows) else None for i in before]
        for row in reversed(gone):
            del self.rows[row], self._keys[row]
        for key, alert in sorted((_key(a), a) for a in changed.values() if self.filter.accepts(a, self._since)):
            at = bisect_left(self._keys, key)
            if at < MAX_ROWS:
                self._keys.insert(at, key)
                self.rows.insert(at, alert)
        del self.rows[MAX_ROWS:], self._keys[MAX_ROWS:]
        rows = [-1 if i is None else self.row_of_id(i) for i in ids]  # a few: the selection's, by bisection
        after = [
            self.index(row, old.column()) if row >= 0 else QModelIndex() for row, old in zip(rows, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _place(self, old: Alert | None, alert: Alert) -> None:
        row = self._row_of(old) if old is not None else -1
        wanted = self.filter.accepts(alert, self._since)
        if row >= 0 and wanted and _key(old) == _key(alert):  # type: ignore[arg-type]
            self.rows[row] = alert
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row], self._keys[row]
            self.endRemoveRows()
        if wanted:
            key = _key(alert)
            at = bisect_left(self._keys, key)
            if at >= MAX_ROWS:
                return
            self.beginInsertRows(QModelIndex(), at, at)
            self.rows.insert(at, alert)
            self._keys.insert(at, key)
            self.endInsertRows()

    def _row_of(self, alert: Alert) -> int:
        key = _key(alert)
        at = bisect_left(self._keys, key)
        return at if at < len(self._keys) and self._keys[at] == key else -1

    def _trim(self) -> None:
        if len(self.rows) > MAX_ROWS:
            self.beginRemoveRows(QModelIndex(), MAX_ROWS, len(self.rows) - 1)
            del self.rows[MAX_ROWS:], self._keys[MAX_ROWS:]
            self.endRemoveRows()

    def row_of_id(self, alert_id: int) -> int:
        """The row showing this alert, or -1."""
        alert = self.known.get(alert_id)
        return -1 if alert is None else self._row_of(alert)

    def alert_at(self, row: int) -> Alert | None:
        """The alert in a row."""
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def mark_seen(self, alert_id: int) -> None:
        """No longer highlighted."""
        if alert_id in self.fresh:
            self.fresh.discard(alert_id)
            row = self.row_of_id(alert_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def newest_time(self) -> datetime | None:
        """The latest last-event time of any alert known."""
        return max((a.last_time for a in self.known.values()), default=None)

    # -- Qt ------------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        alert = self.alert_at(index.row())
        if alert is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(alert, column, ui_language())
        if role == Qt.ItemDataRole.DecorationRole and column == 3:
            return level_icon(alert.level)
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return QBrush(QColor(LEVEL_TEXT.get(alert.level, "#424242")))
        if role == Qt.ItemDataRole.BackgroundRole and alert.id in self.fresh:
            return QBrush(_FRESH)
        if role == Qt.ItemDataRole.FontRole and alert.id in self.fresh:
            bold = QFont()
            bold.setBold(True)
            return bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("等级 {level}，设备 {device}").format(level=alert.level, device=alert.device)
        return None


def cell_text(alert: Alert, column: int, lang: str = "zh") -> str:
    """What a cell shows."""
    if column == 0:
        return alert.last_time.astimezone(SHANGHAI).strftime("%m-%d %H:%M:%S")
    if column == 1:
        return alert.estate_name or alert.estate_code
    if column == 2:
        return alert.township or ""
    if column == 3:
        return alert.type_label(lang)
    if column == 4:
        return f"{alert.count:,}"
    if column == 5:
        return alert.status_label(lang)
    source = alert.source or ""
    return tr("演示数据") if source == "demo" else source
