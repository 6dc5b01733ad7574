"""Things the store tells the person waiting, while it keeps working (not refusals).

A notice is an :class:`InventoryError` sentence sent to the ``onemap.notice`` logger:
the command line prints it on stderr in the chosen language (``onemap.cli``), the log
file keeps its English twin, and the viewer may show it in its status bar.
"""

from __future__ import annotations

import logging

from onemap.store.errors import InventoryError

log = logging.getLogger("onemap.notice")


def tell(notice: InventoryError) -> None:
    """Pass one notice on (``record.notice`` carries it, for handlers that translate)."""
    log.warning(notice.message("en"), extra={"notice": notice})
