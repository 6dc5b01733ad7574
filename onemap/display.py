"""Whether the viewer has a screen to open on, and the one sentence when it has none.

Below both the launcher (``onemap [FILE]`` checks before starting Qt) and the GUI (which says
the same sentence when Qt itself finds no display), so neither imports the other for it.
"""

from __future__ import annotations

import os
import sys

NO_DISPLAY = {
    "zh": "没有图形显示：请在桌面会话中运行，或使用 xvfb-run onemap，或使用无需显示的命令"
    "（onemap list、show、brief、snapshot 等，见 onemap --help）。",
    "en": "No display: run it in a desktop session, or use xvfb-run onemap, or the headless commands"
    " (onemap list, show, brief, snapshot and others; see onemap --help).",
}
#: the environment variable each display-bound Qt platform plugin needs
_DISPLAY_VARIABLES = {"xcb": "DISPLAY", "wayland": "WAYLAND_DISPLAY", "wayland-egl": "WAYLAND_DISPLAY"}


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
