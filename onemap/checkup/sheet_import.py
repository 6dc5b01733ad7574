"""One survey sheet into an inventory: what ``onemap checkup INV import`` and the viewer both run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from onemap.checkup.sheets import SurveySheet, read_survey_sheet


@dataclass(frozen=True)
class SheetImported:
    """A sheet's rows as read, how many findings were written, and the estates they reach."""

    read: SurveySheet
    written: int

    @property
    def estates(self) -> list[str]:
        """The codes of the estates the imported findings belong to, in sheet order."""
        return list(dict.fromkeys(f.estate_code for f in self.read.findings))


def import_survey_sheet(
    inventory_path: Path, sheet_path: Path, sheet: str | None = None, *, dry_run: bool = False
) -> SheetImported:
    """Read ``sheet_path`` against the inventory and write its findings (after a backup) unless ``dry_run``.

    Parameters
    ----------
    inventory_path : Path
        The inventory (opened here, so a background thread may run this).
    sheet_path : Path
        An ``.xlsx`` or ``.csv`` survey sheet.
    sheet : str, optional
        The workbook's sheet (default: the one whose header looks most like a survey sheet).
    dry_run : bool
        Read and check only; the file is opened read-only.

    Raises
    ------
    onemap.io.tables.LedgerError
        For a file that is not a survey sheet (one sentence; nothing is written).
    """
    from onemap.store import Inventory

    with Inventory.open(inventory_path, readonly=dry_run) as inventory:
        codes = {str(r[0]) for r in inventory.estate_columns(["code"])}
        read = read_survey_sheet(sheet_path, codes, inventory.building_keys(), sheet)
        written = 0
        if not dry_run and read.findings:
            with inventory.backup_before_changes("before-import"), inventory.transaction():
                written = inventory.add_findings(read.findings, read.pictures)
    return SheetImported(read, written)
