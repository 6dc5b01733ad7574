"""``onemap import``: a county ledger into an inventory, in one transaction, with a report.

Re-importing the same ledger updates estates (matched by code, else by name and
township) instead of duplicating them; a row repeated inside one file is imported once
and reported.  A dry run does everything inside the transaction and rolls it back, so
its report is exactly what a real import would say.

An import into a new file may hand its SQLite writes to a forked helper process, which
creates the file and writes each batch's new estates while the next batch is drafted here
(:mod:`onemap.io.import_forked`): the same file, the same report.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onemap.io import import_forked
from onemap.io.cells_fast import CellReader
from onemap.io.collector import fewer_collections
from onemap.io.columns import ColumnMap, header_score, map_columns
from onemap.io.import_batch import write_batch
from onemap.io.import_sensors import import_sensor_sheet
from onemap.io.ledger_columns import draft_batch
from onemap.io.ledger_rows import Draft
from onemap.io.ledger_sensors_sheet import is_sensor_sheet
from onemap.io.ledger_table import SourceRow
from onemap.io.locate import Gathered, Survey, gather_rows, locate_batch, survey
from onemap.io.matcher import Matcher
from onemap.io.report import ImportReport
from onemap.io.tables import Table, read_table
from onemap.store import Inventory
from onemap.store.ledger_load import refresh_extents
from onemap.store.ledger_window import LoadWindow

Progress = Callable[[float, str], None]
#: rows drafted and written at a time: memory stays flat however long the ledger is
BATCH_ROWS = 2000
#: rows of a streamed ledger (CSV) kept from the first pass for the second: about 2 KB each
KEEP_ROWS = 25_000
log = logging.getLogger("onemap.import")


class _DryRun(Exception):
    """Raised at the end of a dry run to roll the transaction back."""


@dataclass
class ImportOptions:
    """How to read the ledger: coordinate system, county, sheet, and whether to write."""

    crs: str = "auto"
    county: str | None = None
    sheet: str | None = None
    dry_run: bool = False
    user: str | None = None


def import_ledger(
    source: Path,
    into: Path,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import ``source`` (.xlsx/.csv/.geojson) into the inventory ``into`` (created if missing).

    Raises
    ------
    LedgerError
        When the ledger cannot be read at all.
    InventoryError
        When the inventory cannot be opened or written.
    InterruptedError
        When ``cancel()`` returned True; nothing was written.
    """
    with fewer_collections():  # onemap/io/collector.py
        try:
            return _import_ledger(source, into, options or ImportOptions(), progress, cancel, helped=True)
        except import_forked.NotForHelper:  # a row updates an estate: the new file removed, read again
            into.unlink(missing_ok=True)
            return _import_ledger(source, into, options or ImportOptions(), progress, cancel, helped=False)


def _import_ledger(
    source: Path,
    into: Path,
    options: ImportOptions,
    progress: Progress | None,
    cancel: Callable[[], bool] | None,
    *,
    helped: bool,
) -> ImportReport:
    table = read_table(source, header_score, options.sheet)
    mapping = map_columns(table.headers)
    report = ImportReport(
        str(source), table.sheet, options.dry_run, mapping=mapping.describe(), unknown_columns=list(mapping.unknown)
    )
    if is_sensor_sheet(mapping, table.sheet or source.stem):  # one row per device (onemap/io/ledger_sensors_sheet.py)
        return import_sensor_sheet(table, mapping, into, report, options)
    # First pass: every row's position, as numbers only; a broken row refuses the file here,
    # before the inventory is touched.  The second pass drafts and writes batch by batch.
    replay = _Replay(table)
    helping = helped and not options.dry_run and not into.exists() and import_forked.may_fork(source)
    # the helper is forked before the first pass (a smaller heap to copy) and creates the file after it
    with _helper_for(into, options) if helping else nullcontext() as helper:
        gathered = gather_rows(replay.first_pass(), mapping)  # gather(coords_of(row) ...) in one loop
        if helper is not None:
            helper.start()
            _with_helper(
                helper, options, table, mapping, replay, gathered, report, _Progress(progress, gathered.count), cancel
            )
            _log(source, into, report, options)
            return report
    created = not into.exists()
    inventory = _open_or_create(into, options)
    try:
        outline = county_outline_of(inventory, options.county)
        positions = survey(gathered, table.crs, options.crs, outline, report)
        report.crs = positions.crs_text
        batches = _batches(replay.second_pass(), mapping, positions, report)
        # the copy is kept only if the import changed something (a dry run works on a scratch copy)
        with inventory.backup_before_changes("before-import", enabled=not created and not options.dry_run) as backup:
            _write(inventory, batches, report, options, _Progress(progress, gathered.count), cancel)
        report.backup = None if backup.path is None else str(backup.path)
        _log(source, into, report, options)
    finally:
        inventory.close()
    return report


def _helper_for(into: Path, options: ImportOptions) -> AbstractContextManager[import_forked.Helper]:
    from onemap.geo.boundaries import county_name

    return import_forked.helper_for(into, options.county, county_name(options.county or "") or "", options.user)


def _with_helper(
    helper: import_forked.Helper,
    options: ImportOptions,
    table: Table,
    mapping: ColumnMap,
    replay: _Replay,
    gathered: Gathered,
    report: ImportReport,
    progress: _Progress,
    cancel: Callable[[], bool] | None,
) -> None:
    """The second pass of an import into a new file, its SQLite writes made by a forked helper.

    The helper creates the file and makes the very store calls :func:`_write` makes for new
    estates (:mod:`onemap.io.import_forked`); here the rows are drafted, placed and matched.
    """
    from onemap.geo.boundaries import county_outline

    code = options.county or ""
    outline = county_outline(code) if code else None  # what county_outline_of finds for a new file
    positions = survey(gathered, table.crs, options.crs, outline, report)
    report.crs = positions.crs_text
    matcher = Matcher.of_new_file(options.county)
    note = f"导入 {Path(report.source).name}"
    rows = replay.second_pass()
    # a short ledger's drafts are let go while the helper commits, not between batches
    done: list[list[Draft]] | None = [] if isinstance(rows, list) else None
    batch: list[Draft] = []
    for batch in _batches(rows, mapping, positions, report):
        if cancel is not None and cancel():
            raise InterruptedError("import cancelled")
        helper.load(import_forked.new_estates(batch, matcher, report), note)
        progress.advance(batch)
        if done is not None:
            done.append(batch)
    helper.finish()
    del rows, done, batch
    helper.outcome()


def _log(source: Path, into: Path, report: ImportReport, options: ImportOptions) -> None:
    log.info(
        "import %s into %s: %d imported, %d updated, %d skipped, %d warnings%s",
        source.name,
        into.name,
        len(report.imported),
        len(report.updated),
        len(report.skipped),
        len(report.warnings),
        " (dry run)" if options.dry_run else "",
    )
    for issue in report.warnings:
        log.info("row %d [%s]: %s", issue.row, issue.field, issue.message_en)


def _open_or_create(into: Path, options: ImportOptions) -> Inventory:
    """The inventory to write; a dry run gets a private scratch copy so nothing anywhere is written."""
    if into.exists():
        if options.dry_run:
            return Inventory.scratch_copy(into, user=options.user)
        return Inventory.open(into, user=options.user)
    from onemap.geo.boundaries import county_name

    code = options.county or ""
    make = Inventory.create_scratch if options.dry_run else Inventory.create
    return make(into, county_code=code, county_name=county_name(code) or "", user=options.user)


def county_outline_of(inventory: Inventory, county: str | None) -> Any:
    """The county outline to judge positions by: the inventory's own, else ``--county``'s."""
    from onemap.geo.boundaries import county_outline
    from onemap.store.geometry import decode

    counties = inventory.admin_areas(("county",))
    if counties:
        return decode(counties[0].geom)
    code = county or inventory.meta("county_code")
    return county_outline(code) if code else None


class _Replay:
    """The rows of a streamed ledger, read once if it is short, twice if it is long.

    The first pass (positions only) keeps the rows it reads while there are at most
    ``KEEP_ROWS`` of them, and the second pass replays them instead of reading and
    splitting the file again; past that the kept rows are let go and the second pass
    reads the file anew, so a 100 MB ledger still never sits in memory.
    """

    def __init__(self, table: Table) -> None:
        self.table = table
        self.kept: list[SourceRow] | None = [] if table.stream is not None else None

    def first_pass(self) -> Iterator[SourceRow]:
        for row in self.table.iter_rows():
            if self.kept is not None:
                self.kept.append(row)
                if len(self.kept) > KEEP_ROWS:
                    self.kept = None
            yield row

    def second_pass(self) -> Iterable[SourceRow]:
        kept, self.kept = self.kept, None
        return self.table.iter_rows() if kept is None else kept


def _batches(
    rows: Iterable[SourceRow], mapping: ColumnMap, positions: Survey, report: ImportReport
) -> Iterator[list[Draft]]:
    """Drafts of ``BATCH_ROWS`` rows at a time, placed: only one batch is ever drafted at a time.

    The rows of a batch are drafted together, column by column (:mod:`onemap.io.ledger_columns`).
    """
    batch: list[SourceRow] = []
    reader = CellReader()
    for row in rows:
        if row.skip is not None:
            report.skip(row.number, f"{row.skip}，不导入", "totals row, not imported")
            continue
        batch.append(row)
        if len(batch) >= BATCH_ROWS:
            yield _placed(batch, mapping, positions, report, reader)
            batch = []
    if batch:
        yield _placed(batch, mapping, positions, report, reader)


def _placed(
    rows: list[SourceRow], mapping: ColumnMap, positions: Survey, report: ImportReport, reader: CellReader
) -> list[Draft]:
    batch = draft_batch(rows, mapping, report, save_logins=not report.dry_run, reader=reader)
    locate_batch(batch, positions, report)
    return batch


class _Progress:
    """Progress over a known number of rows, told once per batch."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, max(total, 1), 0

    def advance(self, batch: list[Draft]) -> None:
        self.done += len(batch)
        if self.progress is not None and batch:
            self.progress(min(self.done / self.total, 1.0), f"第 {batch[-1].row} 行")


def _write(
    inventory: Inventory,
    batches: Iterable[list[Draft]],
    report: ImportReport,
    options: ImportOptions,
    progress: _Progress,
    cancel: Callable[[], bool] | None,
) -> None:
    try:
        with inventory.transaction():
            _add_county_outline(inventory, options.county)
            matcher = Matcher(inventory)
            loaded = 0
            # the insert triggers held down across batches of new estates: an empty R-tree packed once
            with LoadWindow(inventory) as window:
                for batch in batches:
                    if cancel is not None and cancel():
                        raise InterruptedError("import cancelled")
                    loaded += write_batch(inventory, batch, matcher, report, window)
                    progress.advance(batch)
            if loaded:  # the layers' extents once, not after every batch (each a scan of the R-trees)
                refresh_extents(inventory)
            if options.dry_run:
                raise _DryRun
    except _DryRun:
        pass


def _add_county_outline(inventory: Inventory, county: str | None) -> None:
    if not county or inventory.admin_areas(code=county):
        return
    from onemap.geo.boundaries import county_name, county_outline

    outline = county_outline(county)
    if outline is not None:
        inventory.add_admin_area(county, county_name(county) or county, "county", outline)
