"""Render the work widgets (form, cameras, import, export, statistics, settings, brief) in Chinese and English.

Writes ``docs/screenshots/work-<widget>-<zh|en>.png`` from a fresh demo inventory, in a
private temporary home (settings, logs, keyring untouched).  Run through
``scripts/screenshots_work``; build the translations first (``scripts/build_translations``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = "6107250001"


def private_home() -> Path:
    home = Path(tempfile.mkdtemp(prefix="onemap-work-shots-"))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "APPDATA", "LOCALAPPDATA"):
        os.environ[name] = str(home / name.lower())
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return home


def settle(until: Callable[[], bool] = lambda: True, seconds: float = 0.3, limit: float = 120.0) -> None:
    from PySide6.QtWidgets import QApplication

    start = time.monotonic()
    while not until() and time.monotonic() - start < limit:
        QApplication.processEvents()
        time.sleep(0.01)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()


def shoot(widget, out: Path, size: tuple[int, int] | None = None) -> None:  # type: ignore[no-untyped-def]
    if size is not None:
        widget.resize(*size)
    widget.show()
    settle()
    widget.grab().save(str(out), "PNG")
    widget.close()
    print(out)


class Shots:
    """Each widget as a user meets it, for one language."""

    def __init__(self, home: Path, inventory: Path, out: Path, lang: str) -> None:
        self.home, self.inventory, self.out, self.lang = home, inventory, out, lang

    def path(self, name: str) -> Path:
        return self.out / f"work-{name}-{self.lang}.png"

    def estate_form(self) -> None:
        from datetime import date

        from onemap.edit import EditHistory
        from onemap.gui.editing.estate_form import EstateFormDialog
        from onemap.store import Inventory

        copy = self.home / f"form-{self.lang}.gpkg"
        shutil.copy(self.inventory, copy)
        with Inventory.open(copy) as inventory:
            form = EstateFormDialog.for_estate(EditHistory(inventory), CODE, today=date(2026, 11, 1))
            form.fields.text["households"].setText("十二" if self.lang == "zh" else "twelve")
            form.fields.text["renewal_year"].setText("2035")
            form.tables["contacts"].table.item(1, 3).setText("1381234")
            form.tabs.setCurrentIndex(1)
            shoot(form, self.path("estate-form"))
            form.tabs.setCurrentIndex(3)
            shoot(form, self.path("estate-form-contacts"))

    def cameras(self) -> None:
        from onemap.gui.cameras.panel import CameraPanel
        from onemap.store import Inventory

        with Inventory.open(self.inventory, readonly=True) as inventory:
            estate = inventory.estate(CODE)
        panel = CameraPanel(timeout=0.5)
        panel.set_cameras(CODE, estate.cameras)
        panel.resize(460, 380)
        panel.show()
        panel.check_all()
        settle(lambda: panel.check_button.isEnabled(), limit=20)
        shoot(panel, self.path("cameras"))

    def import_dialog(self) -> None:
        sys.path.insert(0, str(ROOT))
        from onemap.gui.dialogs.import_dialog import ImportDialog
        from tests.core.ledgers import excel_ledger

        ledger = excel_ledger(self.home / "勉县2024年改造台账.xlsx")
        dialog = ImportDialog(self.inventory)
        dialog.set_source(ledger)
        dialog.resize(900, 640)
        dialog.show()
        dialog.dry_run()
        settle(lambda: dialog._job is None)
        shoot(dialog, self.path("import-report"))
        dialog.show()
        dialog.tabs.setCurrentIndex(1)
        shoot(dialog, self.path("import-mapping"))

    def export_dialog(self) -> None:
        from onemap.gui.dialogs.export_dialog import ExportDialog

        shoot(ExportDialog(self.inventory, ["状态=在建"]), self.path("export"), (640, 300))

    def statistics(self) -> None:
        from onemap.gui.docks.statistics import StatisticsDock
        from onemap.store import Inventory

        with Inventory.open(self.inventory, readonly=True) as inventory:
            dock = StatisticsDock()
            dock.bind(inventory)
            dock.set_filter("renewal_year>=2023")
            shoot(dock, self.path("statistics"), (440, 1250))

    def settings(self) -> None:
        from PySide6.QtCore import QSettings

        from onemap.gui.dialogs.settings_dialog import SettingsDialog

        ini = self.home / f"settings-{self.lang}.ini"
        ini.write_text(f"[settings]\nlanguage={self.lang}\nmask_phones=maybe\naudit_user=张伟\n", encoding="utf-8")
        shoot(SettingsDialog(QSettings(str(ini), QSettings.Format.IniFormat)), self.path("settings"), (660, 400))

    def brief(self) -> None:
        from onemap.gui.dialogs.brief_dialog import BriefDialog

        dialog = BriefDialog(self.inventory, where="状态=在建")
        dialog.resize(920, 760)
        dialog.show()
        dialog.preview()
        settle(lambda: dialog._job is None)
        shoot(dialog, self.path("brief"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", help="one widget: estate_form, cameras, import_dialog, export_dialog, "
                                       "statistics, settings, brief")
    args = parser.parse_args()
    home = private_home()
    sys.path.insert(0, str(ROOT))
    from onemap.demo import make_demo
    from onemap.gui.appsetup import make_application
    from onemap.gui.i18n.language import install_language

    make_application(offscreen=True)
    inventory = home / "勉县演示清单.gpkg"
    make_demo(inventory).close()
    args.out.mkdir(parents=True, exist_ok=True)
    names = [args.only] if args.only else ["estate_form", "cameras", "import_dialog", "export_dialog", "statistics",
                                           "settings", "brief"]
    try:
        for lang in ("zh", "en"):
            if not install_language(lang):
                sys.exit("the English translation is missing: run scripts/build_translations first")
            shots = Shots(home, inventory, args.out, lang)
            for name in names:
                getattr(shots, name)()
    finally:
        from onemap.gui.jobs import wait_for_jobs

        wait_for_jobs()
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
