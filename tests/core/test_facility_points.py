"""Facilities read as arrays: the same located facilities, kinds and coordinates as the objects."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

from onemap.store import Inventory


def _other_programs_point(lon: float, lat: float) -> bytes:
    """A GeoPackage point as another program may write it: an envelope, then big-endian WKB."""
    header = b"GP" + bytes([0, 0b0000_0011]) + struct.pack("<i", 4490) + struct.pack("<4d", lon, lon, lat, lat)
    return header + struct.pack(">bIdd", 0, 1, lon, lat)


def test_facility_points_are_the_located_facilities_in_fid_order(demo_copy: Path) -> None:
    with Inventory.open(demo_copy) as inventory:
        with inventory.transaction():
            inventory.add_facility_columns(
                {"name": ["未定位", "已定位", "他处写入"], "kind": ["clinic", "kindergarten", "elderly_care"]},
                [None, (106.61, 33.15), (106.62, 33.16)],
                "测试",
            )
            fid = inventory._conn.execute("SELECT max(fid) FROM facilities").fetchone()[0]
            inventory._conn.execute(
                "UPDATE facilities SET geom = ? WHERE fid = ?", (_other_programs_point(106.625, 33.165), fid)
            )
        objects = [f for f in inventory.facilities() if f.location is not None]
        points = inventory.facility_points()
        wanted = ["kindergarten", "elderly_care"]
        some = inventory.facility_points(wanted)
        chosen = [f for f in objects if f.kind in wanted]
    assert len(objects) > 3 and len(points) == len(objects)
    assert points.fid.tolist() == [f.fid for f in objects]
    assert points.kind.tolist() == [f.kind for f in objects]
    assert np.array_equal(points.lon, [f.location[0] for f in objects if f.location])
    assert np.array_equal(points.lat, [f.location[1] for f in objects if f.location])
    assert points.lon[-1] == 106.625 and points.lat[-1] == 33.165  # the big-endian blob read too
    assert some.fid.tolist() == [f.fid for f in chosen] and set(some.kind.tolist()) <= set(wanted)


def test_no_facilities_gives_empty_arrays(tmp_path: Path) -> None:
    path = tmp_path / "空 清单.gpkg"
    Inventory.create(path, county_code="610725", county_name="勉县", user="测试员").close()
    with Inventory.open(path, readonly=True) as inventory:
        points = inventory.facility_points()
    assert len(points) == 0 and points.lon.dtype == np.float64 and points.fid.dtype == np.int64
