"""Where OneMap writes its log, and a log that never holds a camera credential."""

from __future__ import annotations

import logging
from pathlib import Path

from onemap.userdirs import user_folder


def log_dir() -> Path:
    """The per-user log folder (``%LOCALAPPDATA%\\OneMap\\logs`` on Windows)."""
    return user_folder("state") / "logs"


class RedactingFormatter(logging.Formatter):
    """Formats records, then removes any ``user:password@`` from URLs in the text."""

    def format(self, record: logging.LogRecord) -> str:
        from onemap.cameras import redact

        return redact(super().format(record))


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to ``onemap.log`` in :func:`log_dir`; returns the log file's path."""
    folder = log_dir()
    path = folder / "onemap.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:  # a locked-down profile: keep working, log to stderr instead
        handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("onemap")
    root.handlers[:] = [handler]
    root.setLevel(level)
    return path
