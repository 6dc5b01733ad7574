"""Which counties an inventory's estates lie in, from their codes (county code + sequence)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onemap.store.inventory import Inventory

NO_COUNTY = "000000"  # codes of an inventory imported without --county


def estate_counties(inventory: Inventory) -> dict[str, int]:
    """County code → number of estates, most estates first (codes not starting with 6 digits left out)."""
    rows = inventory._conn.execute(
        "SELECT substr(code, 1, 6) AS county, count(*) FROM estates "
        "WHERE length(code) > 6 GROUP BY county ORDER BY count(*) DESC, county"
    ).fetchall()
    return {county: n for county, n in rows if county.isdigit() and county != NO_COUNTY}


def county_names(inventory: Inventory) -> dict[str, str]:
    """County code → name from the inventory's own county outlines."""
    return {area.code: area.name for area in inventory.admin_areas(("county",)) if area.code and area.name}
