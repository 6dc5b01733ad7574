"""One batch of drafted ledger rows into the inventory: matched, updated, the new ones loaded.

Rows are matched in file order (a duplicate, a new code and a name seen earlier depend on
the rows before), the estates they update are read with one query per table for the
whole batch, and the new estates go in together, as columns (no ``Estate`` object per row:
:mod:`onemap.io.import_fresh`), through
:func:`onemap.store.ledger_columns_load.load_estate_columns`.  What lands in the file, the
audit trail and the report is what a row-by-row import writes.
"""

from __future__ import annotations

from pathlib import Path

from onemap.io.import_changes import changes_between
from onemap.io.import_fresh import RowKey, fresh_columns
from onemap.io.ledger_rows import Draft
from onemap.io.ledger_sensors_write import update_sensors, warn_shared_sensors
from onemap.io.matcher import Matcher
from onemap.io.report import ImportReport
from onemap.io.shp_limits import keep_uncut
from onemap.model import Estate
from onemap.store import Inventory
from onemap.store.ledger_columns_load import load_estate_columns
from onemap.store.ledger_read import estates_by_code
from onemap.store.ledger_window import LoadWindow
from onemap.store.rows import CHILD_LISTS

#: child table -> the ledger columns that, when present, replace that table's rows on update
REPLACED_CHILDREN = {"contacts": "contacts", "funding": "funding", "renovation_items": "items", "cameras": "cameras"}


def write_batch(
    inventory: Inventory,
    batch: list[Draft],
    matcher: Matcher,
    report: ImportReport,
    window: LoadWindow | None = None,
) -> int:
    """Write one batch of drafts; returns how many new estates it loaded.

    ``window``: the import's suspension of the insert triggers (:mod:`onemap.store.ledger_window`),
    closed here before anything reads or changes the rows it loaded.
    """
    fresh: list[tuple[str, Draft]] = []
    updates: list[tuple[str, Estate, Draft]] = []
    made: set[str] = set()  # the codes of this part's new estates
    loaded = 0
    for draft in batch:
        matched = match_row(draft, matcher, report)
        if matched is None:
            continue
        code, new = matched
        if new:  # a new estate never becomes an Estate object: its values go in as columns
            fresh.append((code, draft))
            made.add(code)
            continue
        if code in made:
            # a row naming an estate an earlier row of this batch makes (by name, without its code):
            # the rows before it go in first, as they would have at a batch's end
            loaded += _write_part(inventory, fresh, updates, report, window)
            fresh, updates, made = [], [], set()
        updates.append((code, draft.estate(), draft))
    loaded += _write_part(inventory, fresh, updates, report, window)
    if window is not None and any(draft.sensors for draft in batch):
        window.close()  # sensors are looked up by IMEI next: their indexes back first
    warn_shared_sensors(inventory, batch, report)  # onemap/io/ledger_sensors_write.py
    return loaded


def _write_part(
    inventory: Inventory,
    fresh: list[tuple[str, Draft]],
    updates: list[tuple[str, Estate, Draft]],
    report: ImportReport,
    window: LoadWindow | None,
) -> int:
    """Rows of a batch in file order: the updates of estates already in the file, then the new estates."""
    if updates and window is not None:
        window.close()  # updates and matched reads see the file as the triggers keep it
    # only the child tables a ledger can replace are compared: buildings are never read
    current = estates_by_code(inventory, [c for c, _e, _d in updates], REPLACED_CHILDREN) if updates else {}
    for code, estate, draft in updates:
        stored = current.pop(code, None) or inventory.estate(code)  # read again once it was changed
        if _update(inventory, code, stored, estate, draft, report) | update_sensors(inventory, code, estate, draft):
            report.updated.append(code)
        else:
            report.unchanged.append(code)
    return load_fresh(inventory, fresh, f"导入 {Path(report.source).name}", window)


def load_fresh(inventory: Inventory, fresh: list[tuple[str, Draft]], note: str, window: LoadWindow | None) -> int:
    """The batch's new estates ``(code, draft)`` in, as columns; returns how many."""
    values, locations, outlines, children = fresh_columns(fresh)  # onemap/io/import_fresh.py
    return load_estate_columns(inventory, values, locations, outlines, children, note=note, window=window)


def match_row(draft: Draft, matcher: Matcher, report: ImportReport) -> tuple[str, bool] | None:
    """The estate a row means: ``(code, True)`` for a new one (coded now, reported imported),
    ``(code, False)`` for the estate it updates, ``None`` for a row skipped (reported)."""
    values = draft.values
    name = values.get("name")
    if name and not values.get("code"):  # the usual row: named, no code (its key made once, no RowKey)
        first, code = matcher.uncoded(name, values.get("township"), draft.row)
        if first is not None:
            skip_repeat(report, draft.row, first)
            return None
        if code is not None:
            return code, False
        report.imported.append(matcher.last_code)
        return matcher.last_code, True
    key = RowKey.of(draft)
    code = _match(draft, key, matcher, report)
    if code is None:
        return None
    return (key.code, True) if code == "" else (code, False)


def _match(draft: Draft, estate: RowKey, matcher: Matcher, report: ImportReport) -> str | None:
    """The code of the estate a row updates, ``""`` for a new estate (coded now), ``None`` if skipped."""
    if not estate.name:
        if len(draft.values) + len(draft.contacts) + len(draft.cameras) > 1 or draft.coords:
            report.skip(draft.row, "没有小区名称，无法导入", "no estate name")
        return None  # a blank row that only carries a merged township cell
    first = matcher.duplicate_of(estate, draft.row)
    if first is not None:
        skip_repeat(report, draft.row, first)
        return None
    code = matcher.existing(estate)
    if code is not None:
        return code
    estate.code = estate.code or matcher.new_code()  # its children get it in fresh_columns
    matcher.remember(estate)
    report.imported.append(estate.code)
    return ""


def skip_repeat(report: ImportReport, row: int, first: int) -> None:
    """Report row ``row`` as a repeat of row ``first``, imported once."""
    report.skip(row, f"与第 {first} 行重复，只导入一次", f"duplicate of row {first}")


def _update(
    inventory: Inventory, code: str, current: Estate, estate: Estate, draft: Draft, report: ImportReport
) -> bool:
    """Fill in what the ledger says; blanks in the ledger never erase what the file has.

    Only what really differs is written (an export imported back writes nothing); returns
    whether anything did.
    """
    carried = {t: CHILD_LISTS[t] for t, key in REPLACED_CHILDREN.items() if key in draft.has_children}
    changes = changes_between(current, estate, carried)
    if not changes:
        return False
    if Path(report.source).suffix.lower() == ".shp":  # a DBF cuts text at 254 bytes: never write the cut copy
        keep_uncut(current.attributes(), changes.fields, draft.row, report)
    inventory.update_estate(code, **changes.fields)
    if changes.location:
        inventory.move_estate(code, estate.location)
    if changes.outline:
        inventory.set_outline(code, estate.outline)
    for table in changes.children:
        inventory.replace_children(code, table, getattr(estate, CHILD_LISTS[table]))  # audits real changes only
    return bool(changes)  # keep_uncut may have taken every change back
