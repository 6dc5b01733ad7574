"""``onemap [FILE]``: open the viewer on a file, the last inventory, or a fresh demo.

Until the Qt viewer is installed (the ``gui`` extra), the same choice of file is made
and its summary is printed, so the command is useful on a headless machine too.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from onemap.display import display_missing, no_display_message
from onemap.store.errors import InventoryError
from onemap.userdirs import last_inventory, remember, user_data_dir

DEMO_NAME = "勉县演示清单.gpkg"
NO_GUI = {
    "zh": "（尚未安装图形界面：pip install 'onemap[gui]'）",
    "en": "(The viewer is not installed: pip install 'onemap[gui]')",
}


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
    from onemap.geo.refsets import sidecar_path

    if not sidecar_path(demo).exists():  # a demo made before the reference layers gets them too
        from onemap.demo.reflayers import write_demo_layers

        write_demo_layers(demo)
    return demo


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


def open_server_viewer(url: str, lang: str | None = None) -> int:
    """``onemap postgresql://login@host:port/db[?county=CODE]``: the viewer on a shared inventory.

    The connection is made by the viewer (a refused password asks once there); without the
    viewer or a display, one sentence and exit code 1.
    """
    run = _viewer()
    if run is None:
        print(NO_GUI["en" if lang == "en" else "zh"], file=sys.stderr)
        return 1
    if display_missing():
        print(no_display_message(lang), file=sys.stderr)
        return 1
    from onemap.gui.server.control import run_url

    return run_url(url, lang)


def _viewer() -> Callable[[Path, str | None], int] | None:
    """The viewer's entry point, or ``None`` without the ``gui`` extra.

    The one place the core reaches into the GUI, and only downwards: ``onemap.gui`` never
    imports this module (what both need, the user folders and the no-display sentence, lives
    in :mod:`onemap.userdirs` and :mod:`onemap.display`).  Imported here, not at the top, because
    the ``gui`` extra is optional.
    """
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
