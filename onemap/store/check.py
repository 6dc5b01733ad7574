"""``onemap validate``: is this a file OneMap can use, and what should a clerk fix in it?

The file is opened read-only and never written (except that a crashed writer's journal
is rolled back, as any writer would).  A refusal (not SQLite, truncated, foreign,
damaged, locked) is one sentence; a usable file gets findings, each a sentence naming
the estate and the field — a read-only file, one from a newer OneMap, a ``-wal`` beside
it or another OneMap editing it are findings too (:mod:`onemap.store.filecheck`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path

from onemap import validation
from onemap.store import check_history, check_secrets, filecheck, files, migrations
from onemap.store.check_gpkg import rtree_trigger_problems
from onemap.store.check_sensors import sensor_findings
from onemap.store.check_status import status_findings
from onemap.store.errors import InventoryError
from onemap.store.gpkg import APPLICATION_ID
from onemap.store.inventory import Inventory


@dataclass
class Finding:
    """One thing found in a file: ``level`` is error (file unusable) or warning."""

    level: str
    where: str
    message: str
    message_en: str


@dataclass
class CheckReport:
    """What ``onemap validate`` found."""

    path: str
    usable: bool
    estates: int = 0
    findings: list[Finding] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """The report as JSON-ready data."""
        return asdict(self)


def check_inventory(path: Path | str, max_estate_findings: int = 500, *, full: bool = False) -> CheckReport:
    """Check an inventory file without changing it (``full``: SQLite's slower integrity_check).

    The full check also runs on its own when the quick one is clean but something else
    looks wrong (an error finding, an index that disagrees with its table, a read error).
    """
    path = Path(path)
    report = CheckReport(str(path), usable=False)
    try:
        files.check_bytes(path)
        inventory = Inventory.open(path, readonly=True)  # rolls back a crashed writer's journal first
    except InventoryError as error:
        report.findings.append(Finding("error", "file", error.message("zh"), error.message("en")))
        return report
    with inventory:
        locked = None if files.is_read_only(path) else _locked(path)
        if locked is not None:
            report.findings.append(locked)
            return report
        problems, failed = filecheck.integrity_problems(inventory._conn, full), False
        if not problems:
            try:
                report.estates = inventory.count()
                report.findings += [Finding(*f) for f in filecheck.file_state(path, inventory._conn)]
                structure = _structure(inventory) + [Finding(*f) for f in filecheck.damaged_outlines(inventory._conn)]
                report.findings += structure + _estates(inventory, max_estate_findings)
                report.findings += status_findings(inventory) + sensor_findings(inventory)
                report.findings += check_history.findings(inventory) + check_secrets.findings(inventory)
                suspicious = any(f.level == "error" for f in structure)
                suspicious = suspicious or bool(filecheck.indexes_disagree(inventory._conn))
            except (sqlite3.Error, InventoryError) as error:
                refusal = error if isinstance(error, InventoryError) else files.translate(error, path)
                report.findings = [Finding("error", "file", refusal.message("zh"), refusal.message("en"))]
                suspicious = failed = True
            if suspicious and not full:
                problems = filecheck.integrity_problems(inventory._conn, full=True)
        if problems:
            report.findings = [Finding(*filecheck.damaged(path, problems))]
            return report
        report.usable = not failed
    return report


def _locked(path: Path) -> Finding | None:
    """Another program holding the write lock (taking it writes nothing to the file)."""
    conn = files.connect(path, readonly=False)
    try:
        files.ensure_writable(conn, path)
    except InventoryError as error:
        return Finding("error", "file", error.message("zh"), error.message("en"))
    finally:
        conn.close()
    return None


def _structure(inventory: Inventory) -> list[Finding]:
    found = []
    conn = inventory._conn
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        found.append(
            Finding(
                "warning",
                "file",
                "文件头未标记为 GeoPackage，QGIS 可能无法识别。",
                "The file header does not mark it as a GeoPackage; QGIS may not recognise it.",
            )
        )
    pending = migrations.pending(conn)
    if pending:
        found.append(
            Finding(
                "warning",
                "file",
                f"文件由较早版本的 OneMap 创建，编辑时会先备份再升级（{len(pending)} 步）。",
                f"Made by an older OneMap; it will be backed up and upgraded ({len(pending)} steps) when edited.",
            )
        )
    for table, column in conn.execute("SELECT table_name, column_name FROM gpkg_geometry_columns").fetchall():
        rows = conn.execute(f'SELECT count(*) FROM "{table}" WHERE "{column}" IS NOT NULL').fetchone()[0]
        indexed = conn.execute(f'SELECT count(*) FROM "rtree_{table}_{column}"').fetchone()[0]
        if rows != indexed:
            found.append(
                Finding(
                    "error",
                    table,
                    f"{table} 的空间索引与数据不一致（{indexed}/{rows}），请用 OneMap 重建索引。",
                    f"The spatial index of {table} does not match its rows ({indexed}/{rows}).",
                )
            )
    found += [Finding(*problem) for problem in rtree_trigger_problems(conn)]
    return found


def _estates(inventory: Inventory, limit: int) -> list[Finding]:
    found = []
    unlocated = inventory._conn.execute("SELECT count(*) FROM estates WHERE geom IS NULL").fetchone()[0]
    if unlocated:
        found.append(
            Finding(
                "warning",
                "estates",
                f"有 {unlocated} 个小区尚未定位（没有坐标），不会显示在地图上。",
                f"{unlocated} estates have no position and will not show on the map.",
            )
        )
    for estate in inventory.estates():
        for problem in validation.validate_estate(estate):
            if len(found) >= limit:
                return found
            found.append(
                Finding(problem.severity, f"{estate.code} {estate.name}", problem.message_zh, problem.message_en)
            )
    return found
