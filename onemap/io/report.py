"""The import report: what came in, what was updated, what was skipped and why, cell by cell.

Every message passes through :func:`onemap.cameras.redact` on its way in, so a password
pasted anywhere in a ledger cannot reach the report, its JSON or a log line.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from onemap.cameras import redact


@dataclass
class RowIssue:
    """A warning or a skip, naming the ledger row (as numbered in Excel) and the column."""

    row: int
    field: str | None
    message: str
    message_en: str


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    source: str
    sheet: str | None = None
    dry_run: bool = False
    crs: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    unknown_columns: list[str] = field(default_factory=list)
    imported: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    #: estates the ledger matched whose every field already said the same (nothing written)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    backup: str | None = None

    def warn(self, row: int, column: str | None, zh: str, en: str) -> None:
        """Add a warning for a cell (or a whole row when ``column`` is None)."""
        self.warnings.append(RowIssue(row, column, redact(zh), redact(en)))

    def skip(self, row: int, zh: str, en: str) -> None:
        """Record a row that was not imported, and why."""
        self.skipped.append(RowIssue(row, None, redact(zh), redact(en)))

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: ``imported``, ``updated``, ``skipped`` (row + reason), ``warnings`` (row + field + message)."""
        data = asdict(self)
        data["skipped"] = [{"row": s.row, "reason": s.message, "reason_en": s.message_en} for s in self.skipped]
        return data

    def text(self, lang: str = "zh") -> str:
        """The report as lines a clerk can work through, one cell per line."""
        zh = lang == "zh"
        head = "（试运行，未写入）" if zh and self.dry_run else ("(dry run, nothing written)" if self.dry_run else "")
        sheet = f" / {self.sheet}" if self.sheet else ""
        lines = [f"{'导入' if zh else 'Import'} {self.source}{sheet} {head}".rstrip()]
        counts = (len(self.imported), len(self.updated), len(self.unchanged), len(self.skipped), len(self.warnings))
        lines.append(
            "新增 {}，更新 {}，无变化 {}，跳过 {}，提示 {}".format(*counts)
            if zh
            else "imported {}, updated {}, unchanged {}, skipped {}, warnings {}".format(*counts)
        )
        if self.crs:
            lines.append("坐标系：" + self.crs if zh else "CRS: " + _crs_en(self.crs))
        if self.unknown_columns:
            lines.append(
                ("未识别的列（已保存到备注）：" if zh else "Unrecognised columns (kept in notes): ")
                + ("、" if zh else ", ").join(self.unknown_columns)
            )
        for issue in self.skipped:
            lines.append(
                f"跳过第 {issue.row} 行：{issue.message}" if zh else f"skipped row {issue.row}: {issue.message_en}"
            )
        for issue in self.warnings:
            if zh:
                column = f"［{issue.field}］" if issue.field else ""
                lines.append(f"第 {issue.row} 行{column}：{issue.message}")
            else:
                column = f" [{_PSEUDO_COLUMNS_EN.get(issue.field, issue.field)}]" if issue.field else ""
                lines.append(f"row {issue.row}{column}: {issue.message_en}")
        if self.backup:
            lines.append(("导入前的备份：" if zh else "Backup before import: ") + self.backup)
        return "\n".join(lines)


#: names the importer gives to things that are not one ledger column (a ledger's own headers stay as written)
_PSEUDO_COLUMNS_EN = {"坐标": "coordinates", "坐标系": "coordinate system", "经度/纬度": "longitude/latitude"}


def _crs_en(crs: str) -> str:
    """The report's coordinate systems (``wgs84、4545`` or 未能识别) in English."""
    return "not recognised" if crs == "未能识别" else crs.replace("、", ", ")
