"""``onemap [FILE]``: open the viewer on a file, the last inventory, or a fresh demo.

Until the Qt viewer is installed (the ``gui`` extra), the same choice of file is made
and its summary is printed, so the command is useful on a headless machine too.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from onemap.store.errors import InventoryError
from onemap.userdirs import user_folder

DEMO_NAME = "勉县演示清单.gpkg"
NO_DISPLAY = {
    "zh": "没有图形显示：请在桌面会话中运行，或使用 xvfb-run onemap，或使用无需显示的命令"
          "（onemap list、show、brief、snapshot 等，见 onemap --help）。",
    "en": "No display: run it in a desktop session, or use xvfb-run onemap, or the headless commands"
          " (onemap list, show, brief, snapshot and others; see onemap --help).",
}
NO_GUI = {
    "zh": "（尚未安装图形界面：pip install 'onemap[gui]'）",
    "en": "(The viewer is not installed: pip install 'onemap[gui]')",
}
#: the environment variable each display-bound Qt platform plugin needs
_DISPLAY_VARIABLES = {"xcb": "DISPLAY", "wayland": "WAYLAND_DISPLAY", "wayland-egl": "WAYLAND_DISPLAY"}


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


def no_display_message(lang: str | None) -> str:
    """The one sentence for a viewer that has no screen to open on (Chinese unless ``lang`` is ``en``)."""
    return NO_DISPLAY["en" if lang == "en" else "zh"]


def display_missing() -> bool:
    """Whether Qt would find no display to open a window on (X11/Wayland systems only).

    ``QT_QPA_PLATFORM`` may name a list (``wayland;xcb``); a platform that needs no
    display (``offscreen``, ``vnc``, ``eglfs``) means there is something to draw on.
    Windows and macOS always have their own platform.
    """
    if sys.platform in ("win32", "darwin"):
        return False
    chosen = os.environ.get("QT_QPA_PLATFORM", "")
    names = [name.split(":")[0].strip() for name in chosen.split(";") if name.strip()] or ["xcb", "wayland"]
    return all(name in _DISPLAY_VARIABLES and not os.environ.get(_DISPLAY_VARIABLES[name]) for name in names)


def open_viewer(path: Path | None, lang: str | None = None) -> int:
    """Open the viewer (or print the summary without the ``gui`` extra); returns an exit code.

    ``lang`` (``onemap --lang en FILE``) is the viewer's language for this session and the
    language of the sentences printed here (Chinese when ``None``).  Without a display the
    viewer is not tried: one sentence, exit code 1.  A refused file gets its sentence here
    (opening read-only takes milliseconds); with the viewer installed the file then goes
    straight to it, which remembers it once it opened.  Reading a summary first would cost
    seconds on a large inventory (8.6 s for 220,000 estates).
    """
    from onemap.store import Inventory

    run = _viewer()
    if run is not None and display_missing():
        print(no_display_message(lang), file=sys.stderr)
        return 1
    try:
        chosen = choose_inventory(path)
        Inventory.open(chosen, readonly=True).close()
    except InventoryError as error:
        print(error.message("en" if lang == "en" else "zh"), file=sys.stderr)
        return 1
    if run is None:
        return _print_summary(chosen, lang)
    return int(run(chosen, lang))


def _viewer() -> Callable[[Path, str | None], int] | None:
    """The viewer's entry point, or ``None`` without the ``gui`` extra."""
    try:
        from onemap.gui.app import run
    except ImportError:
        return None
    return run


def _print_summary(chosen: Path, lang: str | None = None) -> int:
    from onemap.store import Inventory
    from onemap.summary import inventory_summary, summary_text

    try:
        with Inventory.open(chosen, readonly=True) as inventory:
            summary = inventory_summary(inventory)
    except InventoryError as error:
        print(error.message("en" if lang == "en" else "zh"), file=sys.stderr)
        return 1
    remember(chosen)
    print(summary_text(summary))
    print(NO_GUI["en" if lang == "en" else "zh"])
    return 0
