"""What a command run on a server's scratch copy needs of the server (issue 16).

``brief`` and ``snapshot`` draw the counties of the estates they choose; ``import`` can touch the
counties of the ledger's codes, of ``--county`` and of the server's own county, and the estates it
names by name and township or by their sensors.  The copy itself: :mod:`onemap.store.server.scratch`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from onemap.store.server.scratch import Scope, counties_of, ledger_estates


def import_scope(server: object, source: Path, options: object) -> Scope:
    """What an import can touch: the counties of the ledger's codes, of ``--county`` and of the server's
    own county (new estates are numbered there), and any estate the ledger names by name and township or
    whose sensor it lists.  A sensor sheet (rows of devices) gets every county."""
    keys = ledger_keys(source, getattr(options, "sheet", None))
    if keys is None:
        return Scope(counties_of(server), for_import=True)
    codes, names, devices = keys
    county = getattr(options, "county", None)
    own = server.meta("county_code") or "000000"  # type: ignore[attr-defined]  # the matcher's, for new codes
    counties = sorted({c[:6] for c in codes} | {own} | ({county} if county else set()))
    return Scope(counties, ledger_estates(server, sorted(names), sorted(devices)), for_import=True)


def ledger_keys(source: Path, sheet: str | None) -> tuple[set[str], set[tuple[str, str]], set[str]] | None:
    """What a ledger names, drafted as the import drafts it: its estate codes, the (name, township) of its
    rows without a code, and its sensors' IMEIs and device IDs; ``None`` for a sensor sheet."""
    from onemap.io.cells_fast import CellReader
    from onemap.io.columns import header_score, map_columns
    from onemap.io.importer import BATCH_ROWS
    from onemap.io.ledger_columns import draft_batch
    from onemap.io.ledger_sensors_sheet import is_sensor_sheet
    from onemap.io.report import ImportReport
    from onemap.io.tables import read_table

    table = read_table(source, header_score, sheet)
    mapping = map_columns(table.headers)
    if is_sensor_sheet(mapping, table.sheet or source.stem):
        return None
    said, reader = ImportReport(str(source), table.sheet, True), CellReader()  # the import reports, not this
    codes: set[str] = set()
    names: set[tuple[str, str]] = set()
    devices: set[str] = set()
    batch: list = []  # type: ignore[type-arg]
    rows = iter(table.iter_rows())
    while True:
        row = next(rows, None)
        if row is not None and row.skip is None:
            batch.append(row)
        if batch and (row is None or len(batch) >= BATCH_ROWS):
            for draft in draft_batch(batch, mapping, said, save_logins=False, reader=reader):
                estate = draft.estate()
                if estate.code:
                    codes.add(estate.code)
                elif estate.name:
                    names.add((estate.name, estate.township or ""))
                devices.update(d for s in draft.sensors for d in (s.imei, s.device_id) if d)
            batch = []
        if row is None:
            return codes, names, devices


def command_scope(server: object, args: argparse.Namespace) -> Scope:
    """The counties a ``brief`` or ``snapshot`` draws: those of its chosen estates (all when it chooses all)."""
    codes = list(getattr(args, "codes", None) or [])
    if getattr(args, "estate", None):
        codes.append(args.estate)
    if codes:
        return Scope(counties_of(server, codes=codes))
    if getattr(args, "where", None) and not getattr(args, "all_estates", False):
        return Scope(counties_of(server, args.where))
    if hasattr(args, "all_estates") and not args.all_estates:
        return Scope([])  # a brief that chose nothing: it says how to choose, and draws nothing
    return Scope(counties_of(server))
