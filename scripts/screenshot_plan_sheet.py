"""Screenshot of the plan sheet (``onemap plan --budget 5000 -o PLAN.xlsx`` on the demo) for the README.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_plan_sheet.py [--out docs/screenshots]

No spreadsheet program is needed: the workbook is read back with openpyxl and its first rows
shown as cells in a table widget (the sheet's own text and order, not Excel's look), so the
picture is of what the file holds.  Saves ``plan-sheet.png``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--rows", type=int, default=24)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import openpyxl
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

    from onemap.cli import main as onemap
    from onemap.demo import make_demo
    from onemap.gui.appsetup import make_application

    app = make_application(offscreen=True)
    work = Path(tempfile.mkdtemp(prefix="plan_sheet_"))
    make_demo(work / "勉县.gpkg").close()
    plan = work / "2027年度计划.xlsx"
    assert onemap(["plan", str(work / "勉县.gpkg"), "--budget", "5000", "-o", str(plan)]) == 0
    sheet = openpyxl.load_workbook(plan).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    chosen = [r for r in rows[1:] if r[7] == "是"]
    shown = chosen + [r for r in rows[1:] if r[7] != "是"][: max(0, args.rows - len(chosen))]
    table = QTableWidget(len(shown), len(rows[0]))
    table.setWindowTitle(f"{plan.name} — {sheet.title}")
    table.setHorizontalHeaderLabels([str(h) for h in rows[0]])
    for i, row in enumerate(shown):
        for j, value in enumerate(row):
            table.setItem(i, j, QTableWidgetItem("" if value is None else str(value)))
    table.resizeColumnsToContents()
    table.resizeRowsToContents()
    table.resize(
        table.horizontalHeader().length() + table.verticalHeader().width() + 4,
        table.verticalHeader().length() + table.horizontalHeader().height() + 4,
    )
    table.show()
    app.processEvents()
    args.out.mkdir(parents=True, exist_ok=True)
    table.grab().save(str(args.out / "plan-sheet.png"))
    print(f"{len(chosen)} chosen of {len(rows) - 1}; {len(shown)} rows shown")


if __name__ == "__main__":
    main()
