"""Where OneMap's data folders are: source tree, installed wheel or PyInstaller bundle.

``db/``, ``resources/`` and ``ui/`` live at the top of the source tree.  A wheel carries
them inside the package as ``onemap/_data/<name>`` (see ``pyproject.toml``) and a
PyInstaller bundle unpacks them under ``sys._MEIPASS``.  Every caller asks
:func:`data_path` and never builds these paths itself.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

DATA_FOLDERS = ("db", "resources", "ui")
_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidate_roots() -> list[Path]:
    roots = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle))
    roots.append(_PACKAGE_DIR / "_data")
    roots.append(_PACKAGE_DIR.parent)
    return roots


@cache
def data_root(folder: str) -> Path:
    """The directory holding ``folder`` (one of ``db``, ``resources``, ``ui``).

    Raises
    ------
    FileNotFoundError
        When no installation layout holds the folder (a broken install).
    """
    if folder not in DATA_FOLDERS:
        raise ValueError(f"unknown data folder {folder!r}; expected one of {DATA_FOLDERS}")
    for root in _candidate_roots():
        if (root / folder).is_dir():
            return root / folder
    raise FileNotFoundError(f"OneMap data folder '{folder}' is missing from this installation")


def data_path(folder: str, *parts: str) -> Path:
    """Path of a file inside one of OneMap's data folders, e.g. ``data_path("db", "schema.sql")``."""
    return data_root(folder).joinpath(*parts)
