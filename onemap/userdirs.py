"""Where OneMap keeps a user's own files: settings, data (demo, basemaps, last file) and logs.

One rule for every folder, so the settings, the launcher and the log agree: on Windows the
``%APPDATA%`` (roaming settings) or ``%LOCALAPPDATA%`` (data, logs) folder ``OneMap``; elsewhere
the XDG base directories' ``onemap`` folder.  An empty environment variable falls back to the
usual place under the home folder.
"""

from __future__ import annotations

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
