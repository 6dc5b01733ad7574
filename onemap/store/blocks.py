"""Many new estates column by column: what a bulk load writes without per-row Python.

An :class:`EstateBlock` holds the rows of every table for a set of new estates as
columns (Python lists, one value per row), and each geometry column as finished
GeoPackage blobs with their envelopes (:class:`Geometries`).  The blobs are built from
coordinate arrays in one numpy pass (:func:`point_blobs`, :func:`ring_blobs`), byte for
byte what :func:`~onemap.store.geometry.encode` writes, and the envelopes are what the
R-tree triggers would read from them, so the R-trees are filled from arrays too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from onemap.model import Estate
from onemap.store.geometry import STORAGE_SRS_ID, decode
from onemap.store.rows import CHILD_LISTS, child_from_row, estate_from_row

_LITTLE = 0x01
_ENVELOPE = 0x02
_WKB_POINT, _WKB_POLYGON, _WKB_MULTIPOLYGON = 1, 3, 6


@dataclass
class Geometries:
    """Encoded geometries of one table's rows.

    ``envelopes`` is ``(n, 4)``: minx, maxx, miny, maxy per row, NaN for a NULL or
    empty geometry (which the R-tree does not hold).
    """

    blobs: Sequence[bytes | None]
    envelopes: np.ndarray


@dataclass
class TableRows:
    """New rows of one table: attribute columns (equal-length lists) and the geometry."""

    columns: dict[str, list[Any]]
    geometry: Geometries | None = None

    def __len__(self) -> int:
        first = next(iter(self.columns.values()), None)
        return len(first) if first is not None else len(self.geometry.blobs) if self.geometry else 0


@dataclass
class EstateBlock:
    """New estates and their child rows, table by table (``estates`` first).

    Every child row's ``estate_code`` names an estate of the same block.  Camera links
    are stored as given (they are expected to be built by :mod:`onemap.cameras`); every
    text column is still checked for credentials as a whole before it is written.
    """

    tables: dict[str, TableRows] = field(default_factory=dict)

    def __len__(self) -> int:
        estates = self.tables.get("estates")
        return 0 if estates is None else len(estates)


def _blobs(records: np.ndarray) -> list[bytes]:
    """Fixed-size records as one ``bytes`` each (sliced from one buffer)."""
    size = records.dtype.itemsize
    buffer = records.tobytes()
    return [buffer[at : at + size] for at in range(0, len(buffer), size)]


def point_blobs(x: np.ndarray, y: np.ndarray) -> Geometries:
    """POINT blobs as :func:`~onemap.store.rows.point_blob` writes them (no header envelope)."""
    dtype = np.dtype(
        [("gp", "S2"), ("ver", "u1"), ("flags", "u1"), ("srs", "<i4")]
        + [("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")],
        align=False,
    )
    records = np.zeros(len(x), dtype=dtype)
    records["gp"], records["flags"], records["srs"] = b"GP", _LITTLE, STORAGE_SRS_ID
    records["order"], records["kind"] = 1, _WKB_POINT
    records["x"], records["y"] = x, y
    envelopes = np.column_stack((x, x, y, y)).astype(np.float64)
    return Geometries(_blobs(records), envelopes)


def point_envelopes(points: Sequence[tuple[float, float] | None]) -> np.ndarray:
    """The ``(n, 4)`` envelopes of points (NaN for a missing one), as :class:`Geometries` holds them."""
    xy = np.array([p if p is not None else (np.nan, np.nan) for p in points], dtype=np.float64).reshape(-1, 2)
    return np.column_stack((xy[:, 0], xy[:, 0], xy[:, 1], xy[:, 1]))


def ring_blobs(rings: np.ndarray) -> Geometries:
    """MULTIPOLYGON blobs of one polygon with one closed ring each.

    Parameters
    ----------
    rings : numpy.ndarray
        ``(n, m, 2)`` lon/lat, each ring closed (first point repeated last).

    Returns
    -------
    Geometries
        What ``encode(as_multipolygon(Polygon(ring)))`` writes for each ring, with the xy
        envelope in the header as for every non-point geometry.
    """
    n, m, _two = rings.shape
    dtype = np.dtype(
        [("gp", "S2"), ("ver", "u1"), ("flags", "u1"), ("srs", "<i4"), ("env", "<f8", (4,))]
        + [("order", "u1"), ("kind", "<u4"), ("parts", "<u4")]
        + [("p_order", "u1"), ("p_kind", "<u4"), ("rings", "<u4"), ("points", "<u4"), ("xy", "<f8", (m, 2))],
        align=False,
    )
    envelopes = np.column_stack(
        (rings[:, :, 0].min(axis=1), rings[:, :, 0].max(axis=1), rings[:, :, 1].min(axis=1), rings[:, :, 1].max(axis=1))
    )
    records = np.zeros(n, dtype=dtype)
    records["gp"], records["flags"], records["srs"] = b"GP", _LITTLE | _ENVELOPE, STORAGE_SRS_ID
    records["env"] = envelopes
    records["order"], records["kind"], records["parts"] = 1, _WKB_MULTIPOLYGON, 1
    records["p_order"], records["p_kind"], records["rings"], records["points"] = 1, _WKB_POLYGON, 1, m
    records["xy"] = rings
    return Geometries(_blobs(records), envelopes)


def block_estates(block: EstateBlock) -> list[Estate]:
    """The estates of a block as model objects, with outline and child rows (for callers that want objects)."""
    found: dict[str, Estate] = {}
    for row in _table_rows(block.tables["estates"]):
        estate = estate_from_row(row)
        found[estate.code] = estate
    for row in _table_rows(block.tables.get("estate_areas", TableRows({}))):
        found[row["estate_code"]].outline = decode(row["geom"])
    for table, attr in CHILD_LISTS.items():
        for row in _table_rows(block.tables.get(table, TableRows({}))):
            getattr(found[row["estate_code"]], attr).append(child_from_row(table, row))
    return list(found.values())


def _table_rows(rows: TableRows) -> list[dict[str, Any]]:
    names = list(rows.columns)
    result = [dict(zip(names, values, strict=True)) for values in zip(*rows.columns.values(), strict=True)]
    if rows.geometry is not None:
        for row, blob in zip(result, rows.geometry.blobs, strict=True):
            row["geom"] = blob
    return result
