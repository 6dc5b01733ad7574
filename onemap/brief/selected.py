"""An inventory seen through a packet's selection of estates, for what the check-up section reads.

:func:`~onemap.checkup.gather.read_checkup` reads every estate of an inventory and measures
the living-circle coverage of each (0.7 s CPU and 40 MB at 20,000 estates), though the
packet prints only its own estates.  Handed this view instead, it gets the same rows,
findings and coverage for the selected estates alone, in the same order (the file's), so
the section prints the same.  Anything else is asked of the inventory itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from onemap.store.checkup import CheckupFinding
from onemap.store.facilities import EstatePoint
from onemap.store.inventory import Inventory
from onemap.store.selection_reads import selected_estate_points


class SelectedEstates:
    """The estates ``codes`` of ``inventory``, as the check-up's readers ask for them."""

    def __init__(self, inventory: Inventory, codes: Iterable[str]) -> None:
        self.inventory, self.codes = inventory, frozenset(codes)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inventory, name)

    def checkup_estate_locations(self) -> dict[str, tuple[float, float]]:
        """Code -> (lon, lat) of the located selected estates."""
        return {c: p for c, p in self.inventory.checkup_estate_locations().items() if c in self.codes}

    def estate_columns(self, columns: Sequence[str], where: Any = None) -> list[tuple[Any, ...]]:
        """Columns (the first one ``code``) of the selected estates, in file order."""
        if list(columns[:1]) != ["code"]:  # only the form read_checkup asks for is narrowed
            return self.inventory.estate_columns(columns, where)
        return [r for r in self.inventory.estate_columns(columns, where) if str(r[0]) in self.codes]

    def building_keys(self, codes: Iterable[str] | None = None) -> dict[tuple[str, str], int]:
        """(estate code, building name) -> building fid, for the selected estates' buildings
        (of ``codes`` among them)."""
        return self.inventory.building_keys(self.codes if codes is None else self.codes & set(codes))

    def checkup_findings(self, codes: Iterable[str] | None = None) -> list[CheckupFinding]:
        """The selected estates' findings (of ``codes`` among them), in file order."""
        wanted = self.codes if codes is None else self.codes & set(codes)
        return [f for f in self.inventory.checkup_findings() if f.estate_code in wanted]

    def estate_points(self) -> list[EstatePoint]:
        """The located selected estates, in code order: the only ones coverage is measured from
        (read alone from a GeoPackage: reading all 20,000 to keep 500 was most of the section's time)."""
        narrowed = selected_estate_points(self.inventory, self.codes)
        if narrowed is not None:
            return narrowed
        return [p for p in self.inventory.estate_points() if p.code in self.codes]
