"""Where OneMap keeps a user's own files: settings, data (demo, basemaps, last file) and logs.

One rule for every folder, so the settings, the launcher and the log agree: on Windows the
``%APPDATA%`` (roaming settings) or ``%LOCALAPPDATA%`` (data, logs) folder ``OneMap``; elsewhere
the XDG base directories' ``onemap`` folder.  An empty environment variable falls back to the
usual place under the home folder.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

#: kind -> (Windows variable, its usual place under home), (XDG variable, its usual place under home)
_FOLDERS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "config": (("APPDATA", "AppData/Roaming"), ("XDG_CONFIG_HOME", ".config")),
    "data": (("LOCALAPPDATA", "AppData/Local"), ("XDG_DATA_HOME", ".local/share")),
    "state": (("LOCALAPPDATA", "AppData/Local"), ("XDG_STATE_HOME", ".local/state")),
}


def user_folder(kind: str) -> Path:
    """The per-user folder of ``kind``: ``"config"``, ``"data"`` or ``"state"`` (logs).

    Raises
    ------
    ValueError
        For another kind.
    """
    if kind not in _FOLDERS:
        raise ValueError(f"unknown user folder {kind!r}; expected one of {list(_FOLDERS)}")
    windows, xdg = _FOLDERS[kind]
    if sys.platform == "win32":
        variable, usual = windows
        return Path(os.environ.get(variable) or Path.home().joinpath(*usual.split("/"))) / "OneMap"
    variable, usual = xdg
    return Path(os.environ.get(variable) or Path.home().joinpath(*usual.split("/"))) / "onemap"


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
