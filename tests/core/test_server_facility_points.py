"""A shared inventory's view (PostGIS on a throwaway cluster) reads its facilities as arrays, the
same ones as objects and as the file it was loaded from, and the check-up's facility gaps on it
are the coverage analysis's own."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from onemap.checkup.facility_inputs import facility_gaps
from onemap.store import Inventory
from onemap.store.server.viewreads import open_for_viewing, view_url
from tests.core.server_support import MIAN, loaded
from tests.core.test_checkup_gaps_oracle import oracle_gaps


def test_the_server_reads_the_facilities_as_arrays_and_its_gaps_are_the_coverage_analysis_s(
    pg_database: str, demo_file: Path
) -> None:
    loaded(pg_database, demo_file)
    with open_for_viewing(view_url(pg_database, [MIAN])) as server:
        objects = [f for f in server.facilities() if f.location is not None]
        points = server.facility_points()
        wanted = ["kindergarten", "elderly_care"]
        some = server.facility_points(wanted)
        gaps = facility_gaps(server)  # type: ignore[arg-type]
        expected = oracle_gaps(server, None)  # type: ignore[arg-type]
    with Inventory.open(demo_file, readonly=True) as file:
        in_file = file.facility_points()
    assert len(objects) > 10 and points.fid.tolist() == [f.fid for f in objects]
    assert points.kind.tolist() == [f.kind for f in objects]
    assert np.allclose(points.lon, [f.location[0] for f in objects if f.location], rtol=0, atol=1e-12)
    assert np.allclose(points.lat, [f.location[1] for f in objects if f.location], rtol=0, atol=1e-12)
    assert some.fid.tolist() == [f.fid for f in objects if f.kind in wanted]
    assert in_file.fid.tolist() == points.fid.tolist() and np.allclose(in_file.lon, points.lon, rtol=0, atol=1e-9)
    assert gaps.method == "straight" and gaps.missing == expected and len(expected) > 100
