"""Remembered settings: window layout, recent and last files, basemap per inventory, symbology,
and the Settings dialog's values (:data:`onemap.settings.KEYS`: language, audit name ...).

Kept in an INI file in the user's config folder (``%APPDATA%\\OneMap\\OneMap.ini`` on
Windows), so a clerk can delete or copy it.  A file Qt cannot parse is set aside as
``OneMap.ini.broken-YYYYMMDD-HHMMSS`` and replaced by defaults, and the window says so.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, QLocale, QSettings

from onemap.geo.refstyle import RefLayerSpec, specs_from_json, specs_to_json
from onemap.settings import KEYS, Language, SettingProblem, language_for_locale
from onemap.settings import Settings as UserSettings
from onemap.store.server import is_server_url
from onemap.userdirs import user_folder

MAX_RECENT = 8


def config_dir() -> Path:
    """The per-user config folder (``%APPDATA%\\OneMap`` on Windows)."""
    return user_folder("config")


class Settings:
    """Typed access to the settings file; a wrong type reads as the default.

    Parameters
    ----------
    path : Path, optional
        The INI file (defaults to ``config_dir() / "OneMap.ini"``).
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "OneMap.ini"
        #: the file a broken settings file was moved to, when that happened at start
        self.broken_copy: Path | None = None
        self.q = QSettings(str(self.path), QSettings.Format.IniFormat)
        if self.q.status() != QSettings.Status.NoError:
            self._reset()

    def _reset(self) -> None:
        del self.q
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        try:
            self.path.replace(target)
            self.broken_copy = target
        except OSError:
            self.path.unlink(missing_ok=True)
            self.broken_copy = self.path
        self.q = QSettings(str(self.path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self.q.sync()

    # -- files ---------------------------------------------------------------------------

    def recent_files(self) -> list[Path | str]:
        """Recently opened inventories, newest first (missing files included: the menu greys them);
        a server's ``postgresql://`` URL (never with a password) stays text."""
        value = self.q.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [v if is_server_url(v) else Path(v) for v in value if isinstance(v, str) and v][:MAX_RECENT]

    def add_recent(self, path: Path | str) -> None:
        """Put a file (or a server URL) at the top of the recent list and remember a file as the last file."""
        text = path if isinstance(path, str) else str(path.resolve())
        files = [text] + [str(p) for p in self.recent_files() if str(p) != text]
        self.q.setValue("files/recent", files[:MAX_RECENT])
        if not isinstance(path, str):
            self.q.setValue("files/last", text)

    def clear_recent(self) -> None:
        """Forget the recent files."""
        self.q.setValue("files/recent", [])

    def last_file(self) -> Path | None:
        """The inventory opened last."""
        value = self.q.value("files/last", "")
        return Path(value) if isinstance(value, str) and value else None

    # -- window --------------------------------------------------------------------------

    def window_geometry(self) -> QByteArray | None:
        """Saved window geometry."""
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        """Saved toolbar and dock layout."""
        return self._bytes("window/state")

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        """Remember the window's geometry and dock layout."""
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/state", state)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.q.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # -- map -----------------------------------------------------------------------------

    def basemap_for(self, inventory: Path) -> str | None:
        """The MBTiles file chosen for an inventory; ``""`` means the user turned the basemap off."""
        value = self.q.value(f"basemaps/{_key(inventory)}")
        return value if isinstance(value, str) else None

    def set_basemap_for(self, inventory: Path, mbtiles: str) -> None:
        """Remember an MBTiles file (or ``""`` for none) for an inventory."""
        self.q.setValue(f"basemaps/{_key(inventory)}", mbtiles)

    def reference_layers_for(self, inventory: Path) -> list[RefLayerSpec] | None:
        """The reference layers kept for an inventory (``None``: never set, show its sidecar's)."""
        value = self.q.value(f"reflayers/{_key(inventory)}")
        return specs_from_json(value) if isinstance(value, str) else None

    def set_reference_layers_for(self, inventory: Path, specs: list[RefLayerSpec]) -> None:
        """Remember an inventory's reference layers: files, CRS, style, shown or not, order."""
        self.q.setValue(f"reflayers/{_key(inventory)}", specs_to_json(specs))

    def dem_for(self, inventory: Path) -> str:
        """The DEM GeoTIFF chosen for an inventory's 3D ground (``""``: none, flat ground)."""
        value = self.q.value(f"dems/{_key(inventory)}")
        return value if isinstance(value, str) else ""

    def set_dem_for(self, inventory: Path, dem: str) -> None:
        """Remember a DEM file (or ``""`` for none) for an inventory."""
        self.q.setValue(f"dems/{_key(inventory)}", dem)

    def walk_network_for(self, inventory: Path) -> str | None:
        """The walking-network file chosen for an inventory (``""``: straight lines; ``None``: never chosen)."""
        value = self.q.value(f"walknets/{_key(inventory)}")
        return value if isinstance(value, str) else None

    def set_walk_network_for(self, inventory: Path, network: str) -> None:
        """Remember a walking-network file (or ``""`` for straight lines) for an inventory."""
        self.q.setValue(f"walknets/{_key(inventory)}", network)

    def symbology(self) -> str:
        """The last colouring chosen."""
        value = self.q.value("map/symbology", "status")
        return value if value in ("status", "year", "category") else "status"

    def set_symbology(self, kind: str) -> None:
        """Remember the colouring."""
        self.q.setValue("map/symbology", kind)

    def show_gauss_kruger(self) -> bool:
        """Whether the status bar also shows Gauss-Kruger metres."""
        return str(self.q.value("map/gauss_kruger", "false")).lower() == "true"

    def set_show_gauss_kruger(self, on: bool) -> None:
        """Show Gauss-Kruger metres in the status bar, or not."""
        self.q.setValue("map/gauss_kruger", "true" if on else "false")


def _key(path: Path) -> str:
    import hashlib

    return hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:16]


# The Settings dialog's values, kept in the same INI file.  Whatever is read goes through
# UserSettings.from_mapping: a hand-edited or corrupted value is put back to its default
# in the file and reported, never raised.
def system_language() -> Language:
    """Chinese on a Chinese system, English elsewhere (the default before anything is set)."""
    return language_for_locale(QLocale.system().name())


def read_settings(q: QSettings, default_language: Language | None = None) -> tuple[UserSettings, list[SettingProblem]]:
    """The stored settings; every value that was not usable is reset to its default in ``q`` too.

    Returns
    -------
    (UserSettings, list of SettingProblem)
        The settings to use, and one problem (with its sentence) per value reset.
    """
    stored = {key: q.value(key) for key in KEYS.values() if q.contains(key)}
    settings, problems = UserSettings.from_mapping(stored, default_language=default_language or system_language())
    if problems:
        values = settings.to_mapping()
        for problem in problems:
            q.setValue(problem.key, values[problem.key])
        q.sync()
    return settings, problems


def stored_language(q: QSettings) -> Language:
    """The language to start in: the stored one, else the system's (nothing is written back).

    A bad stored value falls back like :func:`read_settings` would, but is left for the
    Settings dialog to report and reset.
    """
    stored = {key: q.value(key) for key in KEYS.values() if q.contains(key)}
    return UserSettings.from_mapping(stored, default_language=system_language())[0].language


def write_settings(q: QSettings, settings: UserSettings) -> None:
    """Store every value of ``settings``."""
    for key, value in settings.to_mapping().items():
        q.setValue(key, value)
    q.sync()
