"""``onemap import`` of a sensor sheet: one transaction, a backup kept only if something changed.

:func:`onemap.io.importer.import_ledger` hands a table here when
:func:`~onemap.io.ledger_sensors_sheet.is_sensor_sheet` says it is one; the report is the
import's, so the CLI, the viewer's import dialog and ``--json`` say what happened the same way.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from onemap.io.columns import ColumnMap
from onemap.io.ledger_sensors_sheet import write_sensor_sheet
from onemap.io.ledger_table import LedgerError
from onemap.io.report import ImportReport
from onemap.io.tables import Table
from onemap.store import Inventory

if TYPE_CHECKING:
    from onemap.io.importer import ImportOptions

log = logging.getLogger("onemap.import")


class _DryRun(Exception):
    """Raised at the end of a dry run to roll the transaction back."""


def import_sensor_sheet(
    table: Table, mapping: ColumnMap, into: Path, report: ImportReport, options: ImportOptions
) -> ImportReport:
    """Write a sensor sheet's devices into the estates of an existing inventory.

    Raises
    ------
    LedgerError
        When the inventory does not exist yet (sensors belong to estates it must already hold).
    """
    if not into.exists():
        raise LedgerError(
            f"传感器表只能导入到已有的清单，找不到 {into.name}；请先导入小区台账",
            f"A sensor sheet goes into an existing inventory and {into.name} does not exist; import the estates first",
        )
    make = Inventory.scratch_copy if options.dry_run else Inventory.open
    inventory = make(into, user=options.user)
    try:
        with inventory.backup_before_changes("before-import", enabled=not options.dry_run) as backup:
            try:
                with inventory.transaction():
                    write_sensor_sheet(inventory, list(table.iter_rows()), mapping, report)
                    if options.dry_run:
                        raise _DryRun
            except _DryRun:
                pass
        report.backup = None if backup.path is None else str(backup.path)
    finally:
        inventory.close()
    log.info(
        "sensor sheet %s into %s: %d estates updated, %d unchanged, %d skipped",
        report.source,
        into.name,
        len(report.updated),
        len(report.unchanged),
        len(report.skipped),
    )
    return report
