"""A national demo draws its facilities' places in a helper process while the estates are written.

The plan drawn from the estates as generated must be the plan drawn from the estates read
back from the file, so that the demo holds the same facilities either way; a plan drawn for
other estates is never used.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from onemap.demo import drawn_facility_plan, make_demo
from onemap.demo.facilities import demo_facility_columns, facility_plan


def test_the_facility_plan_drawn_ahead_is_the_one_drawn_from_the_written_estates(tmp_path: Path) -> None:
    estates = 620  # Mian's 600, drawn one by one, and a county beyond, drawn as a block
    with make_demo(tmp_path / "demo.gpkg", estates) as inventory:
        points = inventory.estate_points()
        codes, lonlat, plan = drawn_facility_plan(estates, 1)
        assert codes == [p.code for p in points]
        assert np.array_equal(lonlat, np.array([p.location for p in points]))
        expected = facility_plan(lonlat, 1)
        assert [(kind, owners) for kind, owners, _lon, _lat in plan] == [(k, o) for k, o, _x, _y in expected]
        assert all(
            np.array_equal(lon, x) and np.array_equal(lat, y)
            for (_k, _o, lon, lat), (_k2, _o2, x, y) in zip(plan, expected, strict=True)
        )
        assert demo_facility_columns(inventory, 1, (codes, lonlat, plan)) == demo_facility_columns(inventory, 1)


def test_a_facility_plan_drawn_for_other_estates_is_not_used(demo_copy: Path) -> None:
    from onemap.store import Inventory

    with Inventory.open(demo_copy) as inventory:
        points = inventory.estate_points()
        lonlat = np.array([p.location for p in points])
        moved = facility_plan(lonlat + 0.01, 1)  # the same estates, elsewhere: other places
        wrong = ([p.code for p in points], lonlat + 0.01, moved)
        assert demo_facility_columns(inventory, 1, wrong) == demo_facility_columns(inventory, 1)
        claimed = ([p.code for p in points], lonlat, moved)  # a plan naming these very estates is taken as is
        assert demo_facility_columns(inventory, 1, claimed)[1] != demo_facility_columns(inventory, 1)[1]
