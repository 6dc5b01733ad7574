"""The import report in the dialog: problems row by row, how each column was read, what changes."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from onemap.io.report import ImportReport
from onemap.model import CONTACT_ROLES, ESTATE_FIELD_LABELS, FUNDING_SOURCES

_PARTS = {"name": ("姓名", "name"), "title": ("职务", "title"), "phone": ("联系电话", "phone")}
_COORDS = {
    "lon": ("经度", "longitude"),
    "lat": ("纬度", "latitude"),
    "x": ("X 坐标", "X"),
    "y": ("Y 坐标", "Y"),
    "lonlat": ("经纬度", "lon/lat"),
    "crs": ("坐标系", "coordinate system"),
}
_OTHER = {
    "cameras": ("监控链接", "camera links"),
    "gb_id": ("国标编码", "GB/T 28181 IDs"),
    "items": ("改造内容", "renovation items"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def target_label(target: str, lang: str = "zh") -> str:
    """What a ledger column was read as.

    ``estate.households`` -> 户数, ``contact.leader.phone`` -> 包抓负责人·联系电话 (English: column words).
    """
    kind, _, rest = target.partition(".")
    if kind == "estate":
        return ESTATE_FIELD_LABELS.get(rest, rest) if lang == "zh" else rest.replace("_", " ")
    if kind == "contact":
        role, _, part = rest.partition(".")
        who = _pick(CONTACT_ROLES.get(role, (role, role)), lang)
        return f"{who}·{_pick(_PARTS.get(part, (part, part)), lang)}"
    if kind == "funding":
        source = _pick(FUNDING_SOURCES.get(rest, (rest, rest)), lang)
        return f"资金来源·{source}" if lang == "zh" else f"funding: {source}"
    if kind == "coord":
        return _pick(_COORDS.get(rest, (rest, rest)), lang)
    return _pick(_OTHER.get(target, (target, target)), lang)


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if c == 0 and text.isdigit():
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


def _sizes(table: QTableWidget, stretch: int) -> None:
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        mode = QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)


class ReportView(QObject):
    """Fills the dialog's three report tables and writes its summary line."""

    def __init__(self, problems: QTableWidget, mapping: QTableWidget, changes: QTableWidget) -> None:
        super().__init__(problems)
        self.problems, self.mapping, self.changes = problems, mapping, changes

    def show(self, report: ImportReport, names: dict[str, str], lang: str) -> None:
        """Show a report (``names``: code -> name of the estates it updates)."""
        self.show_problems(report, lang)
        self.show_mapping(report, lang)
        self.show_changes(report, names)

    def show_problems(self, report: ImportReport, lang: str) -> None:
        """One row per skipped row and per warning, in ledger order (skips first within a row)."""
        skip, warn = self.tr("跳过"), self.tr("提示")
        rows = [(i.row, 0, i.field or "", i.message if lang == "zh" else i.message_en, skip) for i in report.skipped]
        rows += [(i.row, 1, i.field or "", i.message if lang == "zh" else i.message_en, warn) for i in report.warnings]
        _fill(self.problems, [[str(r[0]), r[2], r[3], r[4]] for r in sorted(rows, key=lambda r: r[:2])])
        _sizes(self.problems, stretch=2)
        self.problems.resizeRowsToContents()

    def show_mapping(self, report: ImportReport, lang: str) -> None:
        """Each ledger column and what it was read as; unknown columns went to notes."""
        rows = [[header, target_label(target, lang)] for header, target in report.mapping.items()]
        rows += [[column, self.tr("未识别（已保存到备注）")] for column in report.unknown_columns]
        _fill(self.mapping, rows)
        _sizes(self.mapping, stretch=1)

    def show_changes(self, report: ImportReport, names: dict[str, str]) -> None:
        """The estates the import updates (with their names in the file) and the ones it adds."""
        rows = [[code, self.tr("更新"), names.get(code, "")] for code in report.updated]
        rows += [[code, self.tr("新增"), ""] for code in report.imported]
        _fill(self.changes, rows)
        _sizes(self.changes, stretch=2)

    def summary(self, report: ImportReport) -> str:
        """Counts, coordinate system and backup, saying whether anything was written."""
        counts = {
            "imported": len(report.imported),
            "updated": len(report.updated),
            "unchanged": len(report.unchanged),
            "skipped": len(report.skipped),
            "warnings": len(report.warnings),
        }
        if report.dry_run:
            text = self.tr(
                "试运行结果（清单未改动）：将新增 {imported} 个、更新 {updated} 个小区，"
                "无变化 {unchanged} 个，跳过 {skipped} 行，提示 {warnings} 条。"
            )
        else:
            text = self.tr(
                "已导入：新增 {imported} 个、更新 {updated} 个小区，无变化 {unchanged} 个，"
                "跳过 {skipped} 行，提示 {warnings} 条。"
            )
        lines = [text.format(**counts)]
        if report.crs:
            lines.append(self.tr("坐标系：{crs}").format(crs=report.crs))
        if report.backup:
            lines.append(self.tr("导入前的备份：{path}").format(path=report.backup))
        return "\n".join(lines)
