"""Which walking network the 生活圈 dock uses for an inventory, remembered in the user settings.

A file the user chose is kept per inventory and read again on open; never having chosen one,
the sidecar ``NAME.layers.gpkg`` streets (示意街道) are used when it has them; choosing
nothing (Cancel) keeps straight lines.
"""

from __future__ import annotations

from pathlib import Path

from onemap.analysis.walknet import WalkNetwork
from onemap.gui.settings import Settings
from onemap.io.walk_lines import read_network, sidecar_network


def remembered_network(settings: Settings, inventory: Path) -> WalkNetwork | None:
    """The network kept for ``inventory`` (sidecar streets when none was ever chosen).

    Raises
    ------
    NetworkError
        When the kept file no longer reads as a network.
    """
    chosen = settings.walk_network_for(inventory)
    if chosen is None:
        return sidecar_network(inventory)
    return read_network(Path(chosen)) if chosen else None
