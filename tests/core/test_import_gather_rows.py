"""The first pass's positions read in one loop are what ``gather(coords_of(row) ...)`` reads.

:func:`~onemap.io.locate.gather_rows` makes no ``Place`` per row and names each distinct
coordinate-system text once; the per-row pair :func:`~onemap.io.ledger_rows.coords_of` and
:func:`~onemap.io.locate.gather` is its oracle, on ledgers with every kind of coordinate
cell (blank, unreadable, far, degrees-minutes-seconds, Gauss-Kruger metres, BD-09, systems
named per row and not) and on GeoJSON features with geometry.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from onemap.io.columns import header_score, map_columns
from onemap.io.ledger_rows import coords_of
from onemap.io.locate import Gathered, gather, gather_rows
from onemap.io.tables import read_table
from tests.core.ledgers import dms_csv, excel_ledger, gauss_kruger_csv, gb18030_csv_bd09
from tests.core.test_import_columns_path import _every_kind_ledger
from tests.core.test_import_set_based import repetitive_ledger


def _fields(found: Gathered) -> dict[str, Any]:
    return {
        "rows": list(found.rows),
        "xs": list(found.xs),
        "ys": list(found.ys),
        "named": list(found.named),
        "crs_ids": list(found.crs_ids),
        "systems": [str(s) for s in found.systems],
        "shapes": found.shapes,
        "count": found.count,
    }


def _geojson(path: Path) -> Path:
    features = [
        {
            "type": "Feature",
            "properties": {"小区名称": f"面{k}", "坐标系": ["高德", "", "WGS84", "不知道"][k % 4]},
            "geometry": {"type": "Point", "coordinates": [106.6 + k / 1000, 33.1 + k / 1000]} if k % 3 else None,
        }
        for k in range(12)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), "utf-8")
    return path


@pytest.mark.parametrize(
    "make",
    [
        lambda p: _every_kind_ledger(p / "台账.csv", 200),
        lambda p: repetitive_ledger(p / "台账.csv", 120, "utf-8"),
        lambda p: dms_csv(p / "度分秒.csv", swapped_row=3, far_row=5),
        lambda p: gauss_kruger_csv(p / "高斯.csv", 4545, swap_xy=True),
        lambda p: gb18030_csv_bd09(p / "百度.csv"),
        lambda p: excel_ledger(p / "台账.xlsx"),
        lambda p: _geojson(p / "要素.geojson"),
    ],
    ids=["every-kind", "repetitive", "dms", "gauss-kruger", "bd09", "xlsx", "geojson"],
)
def test_positions_read_in_one_loop_are_the_ones_read_row_by_row(tmp_path: Path, make: Any) -> None:
    source = make(tmp_path)
    table = read_table(source, header_score, None)
    mapping = map_columns(table.headers)
    rows = list(table.iter_rows())
    old = gather(coords_of(row, mapping) for row in rows if row.skip is None)
    new = gather_rows(rows, mapping)
    assert _fields(new) == _fields(old)
    assert old.count > 0
