"""Place names: counties first, township seats when the inventory has no township outlines, an imported
township layer in their stead."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import box

from onemap.geo.reflayers import RefLayer
from onemap.geo.refshapes import LabelPoint, shapes_of
from onemap.geo.refstyle import RefStyle
from onemap.view.placenames import place_names

MIAN = "610725"
COUNTY = np.array([box(11_860_000, 3_900_000, 11_900_000, 3_940_000)], dtype=object)


def _township_layer() -> RefLayer:
    area = box(11_870_000, 3_910_000, 11_880_000, 3_920_000)
    shapes = shapes_of(np.array([area], dtype=object), [LabelPoint(11_875_000, 3_915_000, "某某镇")])
    return RefLayer("乡镇", shapes, RefStyle(), source=None, crs="EPSG:3857")  # type: ignore[arg-type]


def test_without_township_outlines_mians_seats_are_named_after_the_county() -> None:
    names = place_names(["勉县"], ["county"], COUNTY, [], MIAN)
    assert names[0].text == "勉县" and names[0].rank == 0
    assert {"勉阳街道", "武侯镇", "新铺镇"} <= {n.text for n in names if n.rank == 1}


def test_an_imported_township_layer_replaces_the_seats() -> None:
    names = place_names(["勉县"], ["county"], COUNTY, [_township_layer()], MIAN)
    assert [(n.text, n.rank) for n in names] == [("勉县", 0), ("某某镇", 1)]


def test_the_inventorys_own_township_outlines_win_over_a_layer_and_seats() -> None:
    geoms = np.array([*COUNTY, box(11_861_000, 3_901_000, 11_862_000, 3_902_000)], dtype=object)
    names = place_names(["勉县", "勉阳街道"], ["county", "township"], geoms, [_township_layer()], MIAN)
    assert [n.text for n in names] == ["勉县", "勉阳街道"]


def test_another_county_gets_no_invented_seats() -> None:
    assert [n.text for n in place_names(["宁强县"], ["county"], COUNTY, [], "610726")] == ["宁强县"]
    assert shapely.is_valid(COUNTY[0])
