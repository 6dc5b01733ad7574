"""Every located estate's code and place as arrays: what a check of a plan drawn ahead compares.

:meth:`~onemap.store.Inventory.estate_points` builds an object per estate with its name,
township and households; a national demo only asks whether the estates a helper drew its
facility plan for are exactly the file's (codes and places), which for 220,000 estates
costs seconds that way and a fraction of one here: the point blobs are read as one array
(:func:`~onemap.store.bulkindex.blob_boxes`, the values :func:`~onemap.store.rows.location_of`
reads).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from onemap.store.bulkindex import blob_boxes

if TYPE_CHECKING:
    from onemap.store import Inventory


def located_estates(inventory: Inventory) -> tuple[list[str], np.ndarray]:
    """The codes (in code order) of the estates with a place, and their ``(n, 2)`` lon, lat.

    The same estates and places as :meth:`~onemap.store.Inventory.estate_points`.
    """
    rows = inventory._conn.execute("SELECT code, geom FROM estates WHERE geom IS NOT NULL ORDER BY code").fetchall()
    boxes = blob_boxes([blob for _code, blob in rows])
    found = ~np.isnan(boxes[:, 0]) & ~np.isnan(boxes[:, 2])
    codes = [code for (code, _blob), keep in zip(rows, found.tolist(), strict=True) if keep]
    return codes, np.column_stack((boxes[found, 0], boxes[found, 2]))
