"""``onemap [FILE]``: open the viewer on a file, the last inventory, or a fresh demo.

Until the Qt viewer is installed (the ``gui`` extra), the same choice of file is made
and its summary is printed, so the command is useful on a headless machine too.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from onemap.store.errors import InventoryError
from onemap.userdirs import user_folder

DEMO_NAME = "勉县演示清单.gpkg"


def user_data_dir() -> Path:
    """Per-user data folder (``%LOCALAPPDATA%\\OneMap`` on Windows)."""
    return user_folder("data")


def _state_file() -> Path:
    return user_data_dir() / "state.json"


def last_inventory() -> Path | None:
    """The inventory opened last time, if it still exists."""
    try:
        state = json.loads(_state_file().read_text("utf-8"))
        path = Path(state["last_inventory"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return path if path.exists() else None


def remember(path: Path) -> None:
    """Record the inventory just opened (best effort: a read-only profile is not an error)."""
    try:
        _state_file().parent.mkdir(parents=True, exist_ok=True)
        _state_file().write_text(json.dumps({"last_inventory": str(path.resolve())}, ensure_ascii=False), "utf-8")
    except OSError:
        pass


def choose_inventory(path: Path | None) -> Path:
    """FILE if given, else the last inventory, else the demo inventory (made if missing)."""
    if path is not None:
        return path
    last = last_inventory()
    if last is not None:
        return last
    demo = user_data_dir() / DEMO_NAME
    if not demo.exists():
        from onemap.demo import make_demo

        demo.parent.mkdir(parents=True, exist_ok=True)
        make_demo(demo).close()
    return demo


def open_viewer(path: Path | None) -> int:
    """Open the viewer (or print the summary without the ``gui`` extra); returns an exit code.

    A refused file gets its sentence here (opening read-only takes milliseconds); with the
    viewer installed the file then goes straight to it, which remembers it once it opened.
    Reading a summary first would cost seconds on a large inventory (8.6 s for 220,000 estates).
    """
    from onemap.store import Inventory

    try:
        chosen = choose_inventory(path)
        Inventory.open(chosen, readonly=True).close()
    except InventoryError as error:
        print(str(error), file=sys.stderr)
        return 1
    try:
        from onemap.gui.app import run
    except ImportError:
        return _print_summary(chosen)
    return int(run(chosen))


def _print_summary(chosen: Path) -> int:
    from onemap.store import Inventory
    from onemap.summary import inventory_summary, summary_text

    try:
        with Inventory.open(chosen, readonly=True) as inventory:
            summary = inventory_summary(inventory)
    except InventoryError as error:
        print(str(error), file=sys.stderr)
        return 1
    remember(chosen)
    print(summary_text(summary))
    print("（尚未安装图形界面：pip install 'onemap[gui]'）")
    return 0
