"""Survey sheets (体检调查表) from Excel or CSV into check-up findings.

The sheet is read with the same forgiving readers as estate ledgers (title rows above the
header, merged headers, GB18030 CSV).  Every data row is either imported or reported with
its row number, the field and why, so the clerk can fix the cell and import the sheet again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onemap.checkup.indicators import CURRENT_VERSION, IndicatorSet, available_versions, indicator_set
from onemap.checkup.photos import PhotoError, read_photo, resolve
from onemap.io.cells_dates import parse_date
from onemap.io.cells_numbers import parse_float
from onemap.io.export_cells import restore
from onemap.io.tables import SourceRow, read_table
from onemap.said import in_lang
from onemap.store.checkup import CheckupFinding

#: field -> the header words a survey sheet uses for it
HEADERS: dict[str, tuple[str, ...]] = {
    "estate_code": ("小区编码", "小区代码", "编码", "estate_code", "estate code"),
    "building": ("楼栋", "楼栋名称", "楼号", "building"),
    "indicator": ("指标编码", "指标", "indicator"),
    "version": ("指标版本", "版本", "version"),
    "problem": ("问题", "问题类型", "具体问题", "problem"),
    "value": ("数值", "数量", "缺口", "value"),
    "photo": ("照片", "photo"),
    "surveyor": ("调查人", "调查人员", "surveyor"),
    "surveyed_on": ("调查日期", "日期", "surveyed_on", "date"),
    "note": ("说明", "备注", "note"),
}
FIELD_NAMES = {k: v[0] for k, v in HEADERS.items()}


@dataclass(frozen=True)
class RowProblem:
    """Why one row (as numbered in Excel) was not imported, naming the field."""

    row: int
    field: str
    reason_zh: str
    reason_en: str


@dataclass
class SurveySheet:
    """What a sheet held: the findings to write and the rows left out."""

    findings: list[CheckupFinding] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0
    #: a finding's position in ``findings`` -> its photo's bytes (kept in the file, not as a path)
    pictures: dict[int, bytes] = field(default_factory=dict)


def _field_of(header: str) -> str | None:
    text = header.strip().lower()
    return next((k for k, words in HEADERS.items() if text in (w.lower() for w in words)), None)


def _score(header: list[str]) -> int:
    return sum(_field_of(h) is not None for h in header)


def read_survey_sheet(
    path: Path, estate_codes: set[str], buildings: dict[tuple[str, str], int], sheet: str | None = None
) -> SurveySheet:
    """Read a survey sheet against the inventory's estates and named buildings.

    Parameters
    ----------
    path
        ``.xlsx`` or ``.csv``.
    estate_codes
        Codes of the inventory's estates (a row naming another estate is reported).
    buildings
        (estate code, building name) -> building fid, from the inventory.

    Raises
    ------
    onemap.io.tables.LedgerError
        For a file that cannot be read at all.
    """
    table = read_table(path, _score, sheet)
    columns = {h: f for h in table.headers if (f := _field_of(h)) is not None}
    _require_columns(path, table.headers, set(columns.values()))
    out = SurveySheet()
    for row in table.iter_rows():
        if row.skip is not None:
            continue
        out.rows += 1
        cells = {columns[h]: restore(v) for h, v in row.cells.items() if h in columns}
        if all(_blank(v) for v in cells.values()):
            out.rows -= 1
            continue
        finding = _finding(row, cells, estate_codes, buildings, out.problems.append)
        if finding is not None and finding.photo:
            try:
                out.pictures[len(out.findings)] = read_photo(resolve(finding.photo, path.parent))
            except PhotoError as error:  # a photo that is not there: the row waits until it is
                said = error.args[0]
                out.problems.append(RowProblem(row.number, "photo", str(said), in_lang(said, "en")))
                continue
        if finding is not None:
            out.findings.append(finding)
    return out


def _require_columns(path: Path, headers: list[str], found: set[str]) -> None:
    """A sheet without an estate code, or without both indicator and problem, is no survey sheet: say so."""
    lacking = [] if "estate_code" in found else ["小区编码"]
    if not found & {"indicator", "problem"}:
        lacking.append("指标编码或问题")
    if lacking:
        seen = "、".join(h for h in headers if h)[:120] or "（无）"
        seen_en = ", ".join(h for h in headers if h)[:120] or "(none)"
        from onemap.io.tables import LedgerError

        raise LedgerError(
            f"{path.name} 不是城市体检调查表：缺少“{'”“'.join(lacking)}”列（表头为：{seen}），未导入任何内容。",
            f"{path.name} is not a check-up survey sheet: it has no {' and no '.join(_EN[c] for c in lacking)} "
            f"column (its header: {seen_en}); nothing was imported.",
        )


_EN = {"小区编码": "小区编码 (estate code)", "指标编码或问题": "指标编码/问题 (indicator or problem)"}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str | None:
    return None if _blank(value) else str(value).strip()


def _finding(
    row: SourceRow,
    cells: dict[str, Any],
    codes: set[str],
    buildings: dict[tuple[str, str], int],
    report: Callable[[RowProblem], None],
) -> CheckupFinding | None:
    def refuse(name: str, zh: str, en: str) -> None:
        report(RowProblem(row.number, name, zh, en))

    code = _text(cells.get("estate_code"))
    if code is None or code not in codes:
        refuse(
            "estate_code", f"小区编码“{code or ''}”不在清单中", f"estate code {code or ''!r} is not in the inventory"
        )
        return None
    version = _text(cells.get("version")) or CURRENT_VERSION
    if version not in available_versions():
        refuse("version", f"没有“{version}”版指标", f"no indicator wording {version!r}")
        return None
    wording = indicator_set(version)
    problem = _problem_key(wording, _text(cells.get("problem")))
    if problem == "":
        refuse(
            "problem",
            f"问题“{cells.get('problem')}”不在问题选项中",
            f"problem {cells.get('problem')!r} is not on the pick-list",
        )
        return None
    indicator = _indicator(wording, _text(cells.get("indicator")), problem)
    if indicator is None:
        refuse(
            "indicator", "指标编码不在指标体系中，且问题未指向指标", "indicator code unknown and the problem names none"
        )
        return None
    building = _text(cells.get("building"))
    building_fid = buildings.get((code, building)) if building else None
    if building and building_fid is None:
        refuse(
            "building", f"小区 {code} 没有名为“{building}”的楼栋", f"estate {code} has no building named {building!r}"
        )
        return None
    if wording.indicators[indicator].level == "building" and building_fid is None:
        refuse("building", "该指标按栋统计，请填写楼栋", "this indicator counts buildings: name the building")
        return None
    if wording.indicators[indicator].source == "coverage":
        refuse(
            "indicator",
            "该指标由生活圈覆盖分析计算，无需填报",
            "this indicator comes from the coverage analysis, not a survey",
        )
        return None
    value, when = parse_float(cells.get("value")), parse_date(cells.get("surveyed_on"))
    for name, cell in (("value", value), ("surveyed_on", when)):
        if cell.reason_zh:
            refuse(name, cell.reason_zh, cell.reason_en or "")
            return None
    return CheckupFinding(
        code, indicator, version, building_fid, problem, value.value, _text(cells.get("note")),
        _text(cells.get("photo")), _text(cells.get("surveyor")), when.value,
    )  # fmt: skip


def _problem_key(wording: IndicatorSet, text: str | None) -> str | None:
    """The pick-list key of a problem typed as its key or its wording; ``""`` when unknown."""
    if text is None:
        return None
    if text in wording.problems:
        return text
    return next((k for k, p in wording.problems.items() if text in (p.name, p.name_en)), "")


def _indicator(wording: IndicatorSet, text: str | None, problem: str | None) -> str | None:
    if text is not None:
        code = text.upper()
        if code in wording.indicators:
            return code
        return next((c for c, i in wording.indicators.items() if text in (i.name, i.name_en)), None)
    found = wording.indicator_of(problem) if problem else None
    return None if found is None else found.code
