"""Translatable UI text: every string a user sees goes through Qt's translator.

Strings given as literals to :func:`tr` are found by ``pyside6-lupdate`` (context ``""``).
A string passed through a variable (an action's text, a dock's title) is marked where it is
written with ``QT_TRANSLATE_NOOP("", "…")`` so lupdate finds it too, and set with
:func:`keep_tr`, which remembers its source text: :func:`retranslate_kept` sets it again in
the new language when the window gets ``QEvent.LanguageChange``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

#: the context pyside6-lupdate gives a bare ``tr("…")`` call, so extracted strings are found at run time
CONTEXT = ""
#: dynamic property holding a kept source text: ``onemap_tr:<setter>``
_KEPT = "onemap_tr:"


def tr(text: str, context: str = CONTEXT) -> str:
    """``text`` translated for the current locale (the Chinese source when no translation is loaded)."""
    return QCoreApplication.translate(context, text)


def keep_tr(obj: QObject, setter: str, source: str) -> None:
    """Call ``obj.<setter>(tr(source))`` now, and again at every :func:`retranslate_kept` over it.

    ``setter`` is a one-argument text setter: ``setText``, ``setToolTip``, ``setStatusTip``,
    ``setTitle``, ``setWindowTitle``, ``setPlaceholderText``.
    """
    obj.setProperty(_KEPT + setter, source)
    getattr(obj, setter)(tr(source))


def retranslate_kept(root: QObject) -> int:
    """Set every text :func:`keep_tr` kept on ``root`` and its descendants again; returns how many."""
    count = 0
    for obj in (root, *root.findChildren(QObject)):
        for raw in obj.dynamicPropertyNames():
            name = bytes(raw.data()).decode()
            if name.startswith(_KEPT):
                getattr(obj, name[len(_KEPT) :])(tr(obj.property(name)))
                count += 1
    return count
