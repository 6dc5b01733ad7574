"""A sentence in Chinese that carries its English twin, for warnings passed up as plain text.

Deep modules (the PDF's font search, its basemap, the 3D renderer) hand their warnings up
in lists of strings that the viewer and the PDF show in Chinese.  A :class:`Said` *is* that
Chinese string, so every existing caller keeps working, and it carries ``.en``:
``in_lang(text, lang)`` picks the language where the caller knows it (``--lang en``).
"""

from __future__ import annotations


class Said(str):
    """``Said(zh, en)``: the Chinese sentence, with ``.en`` its English twin."""

    en: str

    def __new__(cls, zh: str, en: str) -> Said:
        said = super().__new__(cls, zh)
        said.en = en
        return said

    def __reduce__(self) -> tuple[type[Said], tuple[str, str]]:  # copies and pickles keep the twin
        return (Said, (str(self), self.en))


def in_lang(text: str, lang: str = "zh") -> str:
    """``text`` in ``lang``: a :class:`Said`'s English twin for ``"en"``, any other text as it is."""
    return text if lang == "zh" else getattr(text, "en", text)


def error_text(error: BaseException, lang: str = "zh") -> str:
    """An error's sentence in ``lang``: its ``message(lang)``, a :class:`Said` argument, or ``str(error)``."""
    message = getattr(error, "message", None)
    if callable(message):
        return str(message(lang))
    first = error.args[0] if error.args else None
    return in_lang(first, lang) if isinstance(first, str) else str(error)
