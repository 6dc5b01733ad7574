"""One open inventory as the viewer sees it: the file, its estates as columns, its layers."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from onemap.store import Inventory
from onemap.store.changes import TrailChanges
from onemap.view.estate_table import EstateTable
from onemap.view.point_plan import PointPlanner
from onemap.view.polygons import AdminAreas, FeatureSource
from onemap.view.rowchange import RowChange
from onemap.view.state import ViewState
from onemap.view.table_patch import patch_table


class MapSession:
    """An inventory opened for viewing, with everything the map draws from.

    Use :meth:`open`; :meth:`close` releases the file.

    Attributes
    ----------
    inventory : Inventory
        Opened read-only: viewing never writes to the file.
    state : ViewState
        Filter, symbology, selection and extent.
    planner : PointPlanner
        What the estate layer draws for a view.
    outlines, buildings : FeatureSource
        Estate outlines and building footprints, read by view through the R-tree.
    admin : AdminAreas
        County and township boundaries.
    """

    def __init__(self, inventory: Inventory, *, rest_later: bool = False) -> None:
        self.inventory = inventory
        # what the file held when read: a change committed from here on is picked up (twice at worst)
        self._version, self._schema = inventory.data_version(), inventory.schema_version()
        self._audit_seen = inventory.audit_high_water()
        self.table = EstateTable.load_first(inventory) if rest_later else EstateTable.load(inventory)
        self.admin = AdminAreas(inventory)
        home = self.admin.extent
        located = ViewState.home_of(self.table)
        home = located if home is None else home.union(located)
        self.state = ViewState(self.table, home=home.expanded(0.03) if home is not None else None)
        self.state.score_source = self._scores
        self.planner = PointPlanner(self.state)
        self.outlines = FeatureSource(inventory, "estate_areas")
        self.buildings = FeatureSource(inventory, "buildings")
        self._early_title: str | None = None
        self._title_read = threading.Event()
        self._title_read.set()

    def _scores(self) -> dict[str, tuple[float, bool]]:
        """Scores under the default weights, read when the map is coloured by score."""
        from onemap.checkup.gather import scores_by_code

        return scores_by_code(self.inventory)

    @classmethod
    def open(cls, path: Path | str, *, rest_later: bool = False) -> MapSession:
        """Open an inventory for viewing.

        ``rest_later``: read only what the map's first frame draws; the caller then calls
        :meth:`read_rest` (in its thread: until it ends, reading a later column waits).

        Raises
        ------
        InventoryError
            With the sentence to show when the file cannot be used.
        """
        inventory = Inventory.open(path, readonly=True)
        try:
            return cls(inventory, rest_later=rest_later)
        except BaseException:
            inventory.close()
            raise

    @property
    def path(self) -> Path:
        """The inventory file."""
        return self.inventory.path

    @property
    def title(self) -> str:
        """The county's name and the file's, for the window title."""
        self._title_read.wait()  # being read ahead (read_title_ahead): the same answer, not a second query
        early, self._early_title = self._early_title, None
        return early if early is not None else self._read_title()

    def _read_title(self) -> str:
        from onemap.summary import area_name

        county = area_name(self.inventory)  # 勉县, or 勉县等 5 个县（区） for a many-county file
        return f"{county} · {self.path.name}" if county else self.path.name

    def expect_title(self) -> None:
        """Say that :meth:`read_title_ahead` is coming: :attr:`title` waits for it rather than asking again."""
        self._title_read.clear()

    def read_title_ahead(self) -> None:
        """Work out :attr:`title` now for its first reader (the opening thread does, while Qt is imported).

        Its query is one SQLite step over every estate's code (0.1 s at 220,000 estates) that
        holds no GIL, so it costs the importing thread nothing.
        """
        try:
            self._early_title = self._read_title()
        except Exception:  # the first reader asks again and sees the error itself
            self._early_title = None
        finally:
            self._title_read.set()

    def read_rest(self, hold_s: float = 0.0) -> None:
        """Read the columns an ``open(..., rest_later=True)`` left (never raises: their readers get the error).

        ``hold_s``: first wait up to this long until someone reads one of them (the first
        frame, painted meanwhile, does not), so that the reading does not slow the paint down.
        """
        self.table.until_wanted(hold_s)
        self.table.load_rest(self.inventory)

    def changed_since_seen(self) -> bool:
        """Whether any connection committed to the file since :meth:`take_changes` last looked (no file read).

        False while the later columns are being read: their read transaction shows the file as
        it was, so a look now would skip a change; the first look after it sees the change.
        """
        return self.table.is_complete and self.inventory.data_version() != self._version

    def take_changes(self) -> TrailChanges:
        """What was written since the last look, by the audit trail; the next look starts after it.

        ``whole`` is set when the trail cannot say (it was emptied, a bulk load, the schema or
        an admin boundary changed): read the file again.
        """
        self.table.complete()  # the opening's read transaction over: the trail as it is now
        self._version = self.inventory.data_version()  # first: a commit after this is seen next time
        changes = self.inventory.trail_changes(self._audit_seen)
        schema = self.inventory.schema_version()
        changes.whole |= schema != self._schema
        self._schema, self._audit_seen = schema, changes.last_id
        return changes

    def look_from(self) -> tuple[int, int] | None:
        """Where a look at the trail on another connection starts: ``(data_version now, last audit row seen)``.

        None for a server inventory (its trail is read on the session's own connection). The
        version is read first, as :meth:`take_changes` does: a commit after it is seen next time.
        """
        if not isinstance(self.inventory, Inventory):
            return None
        self.table.complete()
        return self.inventory.data_version(), self._audit_seen

    def took_changes(self, look: tuple[int, int], changes: TrailChanges, schema: int) -> TrailChanges | None:
        """Take in what another connection read of the trail from ``look`` (see :meth:`look_from`).

        None when :meth:`take_changes` ran meanwhile: it read the trail later, so it saw at
        least as much, and anything after it moves ``data_version`` for the next look.
        """
        version, after = look
        if after != self._audit_seen:
            return None
        changes.whole |= schema != self._schema
        self._version, self._schema, self._audit_seen = version, schema, changes.last_id
        return changes

    def refresh(self, codes: Iterable[str], tables: Iterable[str] | None = None) -> RowChange:
        """Read just these estates again and patch everything held in memory; emits ``state.rows_changed``.

        The one way in for a change made while the inventory is open -- an edit, an undo,
        another program's write, an alert, a server's notice: it costs what changed (a few
        rows read by code), not what exists.

        Parameters
        ----------
        codes : iterable of str
            Estates that may have changed, been added or been deleted.
        tables : iterable of str, optional
            The tables written, when known (``estate_areas`` and ``buildings`` make the
            polygon layers read those estates again); ``None``: any of them.
        """
        codes = frozenset(codes)
        written = None if tables is None else frozenset(tables)
        fresh = EstateTable.load_codes(self.inventory, codes)
        change = self.state.apply(patch_table(self.table, fresh, codes), codes, written)
        for source in (self.outlines, self.buildings):
            if change.wrote(source.table):
                source.forget(codes)
        if change.patch.structural or change.shown or change.symbology or len(change.patch.moved):
            self.planner.invalidate()
        elif change.classes:  # only colours changed: aggregates without these estates stay
            rows = change.rows
            self.planner.recolour(rows[self.table.located[rows] & self.state.mask[rows]])
        dropped = change.patch.structural and self.state.drop_missing()
        self.state.rows_changed.emit(change)
        if dropped:
            self.state.selection_changed.emit()
        return change

    def estates_at(self, x: float, y: float, tolerance_px: float = 8.0) -> list[str]:
        """Estates under a display point: nearest point first, then outlines containing it."""
        codes = self.state.identify(x, y, tolerance_px)
        if self.state.resolution <= 50.0 and self.state.layer_visible("outlines"):
            mask, table = self.state.mask, self.table
            for code in self.outlines.keys_at(x, y):
                row = table.row_of(code)
                if row is not None and mask[row] and code not in codes:
                    codes.append(code)
        return codes

    def close(self) -> None:
        """Close the inventory file (after the later columns' reading, if it still runs)."""
        with suppress(Exception):  # a failed reading: nothing to wait for
            self.table.complete()
        self.inventory.close()
