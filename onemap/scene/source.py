"""Reading what the 3D scene shows from an inventory: footprints, heights, outlines, names.

Blobs are decoded all at once (one ``shapely.from_wkb`` over the column), which is what
makes a county of 150,000 footprints load in well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from numpy.typing import NDArray

if TYPE_CHECKING:
    from onemap.store import Inventory

#: storey height used when a building records floors but no height
STOREY_HEIGHT_M = 3.0
#: height of a building that records neither (one storey)
UNKNOWN_HEIGHT_M = STOREY_HEIGHT_M
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


@dataclass(frozen=True)
class BuildingRows:
    """Buildings ordered by estate code: codes, heights in metres and lon/lat footprints."""

    estate_codes: NDArray[np.object_]
    heights_m: NDArray[np.float64]
    footprints_lonlat: NDArray[np.object_]

    def __len__(self) -> int:
        return len(self.estate_codes)


def building_heights(floors: NDArray[np.float64], height_m: NDArray[np.float64]) -> NDArray[np.float64]:
    """Height in metres: ``height_m`` when recorded and positive, else floors x 3.0 m, else 3.0 m.

    Parameters
    ----------
    floors, height_m : ndarray of float
        NaN where the inventory leaves the value blank.
    """
    from_floors = np.where(floors > 0, floors * STOREY_HEIGHT_M, UNKNOWN_HEIGHT_M)
    return np.where(height_m > 0, height_m, from_floors)


def decode_blobs(blobs: list[bytes | None]) -> NDArray[np.object_]:
    """GeoPackage geometry blobs to shapely geometries (``None`` for NULL or empty)."""
    wkbs: list[bytes | None] = [None] * len(blobs)
    for i, blob in enumerate(blobs):
        if blob is None or len(blob) < 8 or blob[3] & 0x10:
            continue
        offset = 8 + _ENVELOPE_BYTES.get((blob[3] >> 1) & 0x07, 0)
        wkbs[i] = bytes(blob[offset:])
    return np.asarray(shapely.from_wkb(np.asarray(wkbs, dtype=object)), dtype=object)


def read_buildings(inventory: Inventory) -> BuildingRows:
    """Every building with a footprint, ordered by estate code (so each estate is contiguous).

    Parameters
    ----------
    inventory : Inventory
        An open inventory.
    """
    return rows_from_tuples(inventory.building_rows())


def rows_from_tuples(rows: list[tuple[str, Any, Any, bytes]]) -> BuildingRows:
    """``(estate_code, floors, height_m, geom blob)`` rows (the store's) as :class:`BuildingRows`."""
    geoms = decode_blobs([row[3] for row in rows])
    keep = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    floors = np.array([as_number(row[1]) for row in rows], dtype=np.float64)
    height = np.array([as_number(row[2]) for row in rows], dtype=np.float64)
    codes = np.array([str(row[0]) for row in rows], dtype=object)
    return BuildingRows(codes[keep], building_heights(floors, height)[keep], geoms[keep])


def read_outlines(inventory: Inventory) -> tuple[NDArray[np.object_], NDArray[np.object_]]:
    """Estate outlines as ``(estate_codes, lon/lat geometries)``, NULL and empty ones left out."""
    pairs = inventory.outline_rows()
    geoms = decode_blobs([row[1] for row in pairs])
    keep = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    return np.array([str(row[0]) for row in pairs], dtype=object)[keep], geoms[keep]


def read_boundaries(inventory: Inventory, levels: tuple[str, ...] = ("county",)) -> NDArray[np.object_]:
    """Administrative outlines of the given levels (``county``, ``township``) in lon/lat."""
    geoms = decode_blobs([area.geom for area in inventory.admin_areas(levels) if area.geom is not None])
    return np.asarray(geoms[~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)], dtype=object)


def read_estate_names(inventory: Inventory) -> dict[str, str]:
    """Estate code -> name, for labels."""
    return {str(code): str(name or code) for code, name in inventory.estate_columns(("code", "name"))}


def as_number(value: object) -> float:
    """A stored number as a float (NaN for blank or unreadable)."""
    try:
        return float(value) if value is not None and value != "" else np.nan  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return np.nan
