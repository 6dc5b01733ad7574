"""The Settings dialog's values in QSettings: read (bad values reset, with a sentence), write.

Keys are :data:`onemap.settings_model.KEYS` (``settings/language`` ...), kept in the
same INI file as the window's own settings.  Whatever is read goes through
:meth:`onemap.settings_model.Settings.from_mapping`: a hand-edited or corrupted value is
put back to its default in the file and reported, never raised.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSettings

from onemap.settings_model import KEYS, Language, SettingProblem, Settings, language_for_locale


def system_language() -> Language:
    """Chinese on a Chinese system, English elsewhere (the default before anything is set)."""
    return language_for_locale(QLocale.system().name())


def read_settings(q: QSettings, default_language: Language | None = None) -> tuple[Settings, list[SettingProblem]]:
    """The stored settings; every value that was not usable is reset to its default in ``q`` too.

    Returns
    -------
    (Settings, list of SettingProblem)
        The settings to use, and one problem (with its sentence) per value reset.
    """
    stored = {key: q.value(key) for key in KEYS.values() if q.contains(key)}
    settings, problems = Settings.from_mapping(stored, default_language=default_language or system_language())
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
    return Settings.from_mapping(stored, default_language=system_language())[0].language


def write_settings(q: QSettings, settings: Settings) -> None:
    """Store every value of ``settings``."""
    for key, value in settings.to_mapping().items():
        q.setValue(key, value)
    q.sync()
