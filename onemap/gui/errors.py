"""Unexpected errors: log them, tell the user what happened and where the log is, keep running.

Dialogs here are opened non-modally (``open()``, not ``exec()``): the event loop keeps
running, so one failing repaint cannot stack up a pile of blocking dialogs, and tests
can read the dialog without a second thread.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from onemap.cameras import redact
from onemap.gui.i18n import tr
from onemap.logs import log_dir

log = logging.getLogger("onemap.gui")
_MAX_OPEN_DIALOGS = 3


def show_message(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    details: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
) -> QMessageBox:
    """A non-blocking message box (deleted when closed)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("onemapMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if details:
        box.setDetailedText(details)
    box.open()
    return box


def open_message_boxes() -> list[QMessageBox]:
    """The message boxes now showing (for tests and to cap the number of error dialogs)."""
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


class ExceptionDialogHook:
    """``sys.excepthook`` for the viewer: log the error, show a dialog, carry on.

    Parameters
    ----------
    parent : QWidget, optional
        The main window, so the dialog sits over it.
    log_path : Path, optional
        The log file the dialog names.
    """

    def __init__(self, parent: QWidget | None = None, log_path: Path | None = None) -> None:
        self.parent = parent
        self.log_path = log_path or log_dir() / "onemap.log"
        self.previous = sys.excepthook

    def install(self) -> None:
        """Become ``sys.excepthook``."""
        sys.excepthook = self

    def uninstall(self) -> None:
        """Give ``sys.excepthook`` back."""
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("unexpected error", exc_info=(kind, error, trace))
        if len(open_message_boxes()) >= _MAX_OPEN_DIALOGS:
            return
        where = _where(trace)
        text = tr(
            "OneMap 遇到了一个意外错误，刚才的操作没有完成，程序可以继续使用。\n\n"
            "错误：{error}\n位置：{where}\n\n详细信息已写入日志：{log}"
        ).format(error=redact(f"{kind.__name__}: {error}"), where=where, log=self.log_path)
        show_message(
            self.parent,
            tr("意外错误"),
            text,
            details=redact("".join(traceback.format_exception(kind, error, trace))),
            icon=QMessageBox.Icon.Critical,
        )


def _where(trace: TracebackType | None) -> str:
    frames = traceback.extract_tb(trace) if trace is not None else []
    if not frames:
        return tr("未知")
    last = frames[-1]
    return tr("{file} 第 {line} 行（{function}）").format(
        file=Path(last.filename).name, line=last.lineno, function=last.name
    )
