"""``onemap import``: a county ledger into an inventory, in one transaction, with a report.

Re-importing the same ledger updates estates (matched by code, else by name and
township) instead of duplicating them; a row repeated inside one file is imported once
and reported.  A dry run does everything inside the transaction and rolls it back, so
its report is exactly what a real import would say.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onemap.io.columns import header_score, map_columns
from onemap.io.import_changes import changes_between
from onemap.io.ledger_rows import Draft, draft_row
from onemap.io.locate import locate_all
from onemap.io.report import ImportReport
from onemap.io.tables import read_table
from onemap.model import Estate
from onemap.store import Inventory
from onemap.store.codes import free_code
from onemap.store.rows import CHILD_LISTS

Progress = Callable[[float, str], None]
log = logging.getLogger("onemap.import")


#: child table -> the ledger columns that, when present, replace that table's rows on update
_REPLACED_CHILDREN = {"contacts": "contacts", "funding": "funding", "renovation_items": "items", "cameras": "cameras"}


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


def import_ledger(source: Path, into: Path, options: ImportOptions | None = None,
                  progress: Progress | None = None, cancel: Callable[[], bool] | None = None) -> ImportReport:
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
    options = options or ImportOptions()
    table = read_table(source, header_score, options.sheet)
    mapping = map_columns(table.headers)
    report = ImportReport(str(source), table.sheet, options.dry_run, mapping=mapping.describe(),
                          unknown_columns=list(mapping.unknown))
    for number, reason in table.skipped_rows:
        report.skip(number, f"{reason}，不导入", "totals row, not imported")
    drafts = [draft_row(row, mapping, report) for row in table.rows]
    created = not into.exists()
    inventory = _open_or_create(into, options)
    try:
        outline = county_outline_of(inventory, options.county)
        report.crs = locate_all(drafts, table.crs, options.crs, outline, report)
        # the copy is kept only if the import changed something (a dry run works on a scratch copy)
        with inventory.backup_before_changes("before-import", enabled=not created and not options.dry_run) as backup:
            _write(inventory, drafts, report, options, progress, cancel)
        report.backup = None if backup.path is None else str(backup.path)
        log.info("import %s into %s: %d imported, %d updated, %d skipped, %d warnings%s", source.name,
                 into.name, len(report.imported), len(report.updated), len(report.skipped),
                 len(report.warnings), " (dry run)" if options.dry_run else "")
        for issue in report.warnings:
            log.info("row %d [%s]: %s", issue.row, issue.field, issue.message_en)
    finally:
        inventory.close()
    return report


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

    row = inventory.conn.execute("SELECT geom FROM admin_areas WHERE level = 'county' ORDER BY fid LIMIT 1").fetchone()
    if row is not None:
        return decode(row[0])
    code = county or inventory.meta("county_code")
    return county_outline(code) if code else None


def _write(inventory: Inventory, drafts: list[Draft], report: ImportReport, options: ImportOptions,
           progress: Progress | None, cancel: Callable[[], bool] | None) -> None:
    try:
        with inventory.transaction():
            _add_county_outline(inventory, options.county)
            matcher = _Matcher(inventory)
            for index, draft in enumerate(drafts):
                if cancel is not None and cancel():
                    raise InterruptedError("import cancelled")
                _write_one(inventory, draft, matcher, report)
                if progress is not None and index % 50 == 0:
                    progress(index / max(len(drafts), 1), f"第 {draft.row} 行")
            if options.dry_run:
                raise _DryRun
    except _DryRun:
        pass


def _add_county_outline(inventory: Inventory, county: str | None) -> None:
    if not county or inventory.conn.execute("SELECT 1 FROM admin_areas WHERE code = ?", (county,)).fetchone():
        return
    from onemap.geo.boundaries import county_name, county_outline

    outline = county_outline(county)
    if outline is not None:
        inventory.add_admin_area(county, county_name(county) or county, "county", outline)


class _Matcher:
    """Finds the inventory estate a ledger row means, and rows already seen in this file."""

    def __init__(self, inventory: Inventory) -> None:
        rows = inventory.conn.execute("SELECT code, name, township FROM estates").fetchall()
        self.codes = {r[0] for r in rows}
        self.by_name = {(r[1], r[2] or ""): r[0] for r in rows}
        self.seen: dict[tuple[str, str], int] = {}
        self.county = inventory.meta("county_code") or "000000"

    def existing(self, estate: Estate) -> str | None:
        if estate.code and estate.code in self.codes:
            return estate.code
        return None if estate.code else self.by_name.get((estate.name, estate.township or ""))

    def duplicate_of(self, estate: Estate, row: int) -> int | None:
        key = ("code", estate.code) if estate.code else (estate.name, estate.township or "")
        first = self.seen.get(key)
        if first is None:
            self.seen[key] = row
        return first

    def new_code(self) -> str:
        return free_code(self.county, self.codes)

    def remember(self, estate: Estate) -> None:
        self.codes.add(estate.code)
        self.by_name[(estate.name, estate.township or "")] = estate.code


def _write_one(inventory: Inventory, draft: Draft, matcher: _Matcher, report: ImportReport) -> None:
    estate = draft.estate()
    if not estate.name:
        if len(draft.values) + len(draft.contacts) + len(draft.cameras) > 1 or draft.coords:
            report.skip(draft.row, "没有小区名称，无法导入", "no estate name")
        return  # a blank row that only carries a merged township cell
    first = matcher.duplicate_of(estate, draft.row)
    if first is not None:
        report.skip(draft.row, f"与第 {first} 行重复，只导入一次", f"duplicate of row {first}")
        return
    code = matcher.existing(estate)
    if code is None:
        estate.code = estate.code or matcher.new_code()
        for attr in CHILD_LISTS.values():
            for child in getattr(estate, attr):
                child.estate_code = estate.code
        inventory.add_estate(estate)
        matcher.remember(estate)
        report.imported.append(estate.code)
        return
    if _update(inventory, code, estate, draft):
        report.updated.append(code)


def _update(inventory: Inventory, code: str, estate: Estate, draft: Draft) -> bool:
    """Fill in what the ledger says; blanks in the ledger never erase what the file has.

    Only what really differs is written (an export imported back writes nothing); returns
    whether anything did.
    """
    carried = {t: CHILD_LISTS[t] for t, key in _REPLACED_CHILDREN.items() if key in draft.has_children}
    changes = changes_between(inventory.estate(code), estate, carried)
    inventory.update_estate(code, **changes.fields)
    if changes.location:
        inventory.move_estate(code, estate.location)
    if changes.outline:
        inventory.set_outline(code, estate.outline)
    for table in changes.children:
        inventory.replace_children(code, table, getattr(estate, CHILD_LISTS[table]))  # audits real changes only
    return bool(changes)
