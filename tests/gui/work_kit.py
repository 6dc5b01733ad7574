"""Helpers for the work-widget tests: an editable inventory, waiting on jobs, reading the file back."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication

from onemap.gui.errors import open_message_boxes

CODE = "6107250001"  # 纺织厂家属院 in the seed-1 demo: 446 households, 4 contacts, 5 cameras


def wait_for(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    """Process events until ``condition()`` holds (fails the test after ``timeout_s``)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the GUI")
        QApplication.processEvents()
        time.sleep(0.005)
    QApplication.processEvents()


def file_digest(path: Path) -> str:
    """The file's bytes as a hash: equal means unchanged."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_counts(path: Path) -> dict[str, int]:
    """Rows per table, read with a plain SQLite connection."""
    with sqlite3.connect(path) as conn:
        return {
            table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in ("estates", "contacts", "cameras", "funding", "audit_log")
        }


def messages() -> list[str]:
    """Texts of the message boxes now open."""
    return [box.text() for box in open_message_boxes()]


def close_messages() -> None:
    """Close every open message box."""
    for box in open_message_boxes():
        box.close()
