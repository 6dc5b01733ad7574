"""A packet of an inventory with its sidecar layers loads no GDAL (pyogrio): ~30 MB in each process.

The sidecar (``NAME.layers.gpkg``) is a plain GeoPackage: its walking network and township layer
are read through SQLite (:mod:`onemap.store.gpkg_layers`), giving what pyogrio gives (the oracle
here), and pyogrio stays the fallback for what that reader does not answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.brief_support import fresh_python

#: in a fresh interpreter: the sidecar's network and townships without GDAL, then with it (the oracle)
READS = """
import json, sys
from pathlib import Path
import numpy as np
import shapely
from onemap.checkup.district_area import township_areas
from onemap.io.walk_lines import sidecar_network
inventory = Path(sys.argv[1])
network, towns = sidecar_network(inventory), township_areas(inventory)
gdal = "pyogrio" in sys.modules
import pyogrio
from onemap.analysis.walknet import WalkNetwork
from onemap.geo.refsets import sidecar_path
from onemap.io.walk_lines import read_line_parts
sidecar = sidecar_path(inventory)
oracle = WalkNetwork.from_lines(read_line_parts(sidecar, layer="roads"), source=network.source)
_m, _f, wkb, fields = pyogrio.raw.read(str(sidecar), layer="townships", columns=["name"])
oracle_towns = {str(n): shapely.from_wkb(b) for n, b in zip(fields[0], wkb)}
print(json.dumps({
    "gdal": gdal,
    "source": network.source,
    "same_network": bool(
        np.array_equal(network.seg_length_m, oracle.seg_length_m)
        and all(np.array_equal(getattr(network, k), getattr(oracle, k)) for k in vars(oracle)
                if isinstance(getattr(oracle, k), np.ndarray))
    ),
    "towns": sorted(towns),
    "same_towns": sorted(towns) == sorted(oracle_towns)
    and all(shapely.to_wkb(towns[n]) == shapely.to_wkb(oracle_towns[n]) for n in towns),
}))
"""

#: in a fresh interpreter: a packet (scores forked where they can be), then the scores' process's
#: own work done here, each followed by whether GDAL was loaded
PACKET = """
import json, multiprocessing, sys, threading
from datetime import date
from pathlib import Path
from onemap.brief import BriefOptions, build_packet
from onemap.brief.score_block import _score_elsewhere
from onemap.store import Inventory
path = Path(sys.argv[1])
with Inventory.open(path, readonly=True) as inventory:
    codes = [e.code for e in inventory.estates()]
    build_packet(inventory, codes, Path(sys.argv[2]), BriefOptions(report_date=date(2026, 1, 5)))
here = "pyogrio" in sys.modules
receive, send = multiprocessing.Pipe(duplex=False)
got = []
reader = threading.Thread(target=lambda: got.extend([receive.recv(), receive.recv()]))
reader.start()
_score_elsewhere(send, path, codes, 2026, True)
reader.join()
print(json.dumps({"here": here, "scores": "pyogrio" in sys.modules, "sent": [g[0] for g in got],
                  "method": got[1][1].gaps.method}))
"""


@pytest.fixture
def with_sidecar(demo_copy: Path) -> Path:
    from onemap.demo.reflayers import write_demo_layers

    write_demo_layers(demo_copy)
    return demo_copy


def test_the_sidecars_network_and_townships_are_read_without_gdal_and_equal_what_pyogrio_reads(
    with_sidecar: Path,
) -> None:
    found = fresh_python(READS, with_sidecar)
    assert found["gdal"] is False
    assert "roads" in str(found["source"])
    assert found["same_network"] is True
    assert len(found["towns"]) >= 2  # type: ignore[arg-type]
    assert found["same_towns"] is True


def test_a_packet_of_the_demo_with_its_sidecar_loads_no_gdal_here_nor_where_its_scores_are_worked_out(
    with_sidecar: Path, tmp_path: Path
) -> None:
    found = fresh_python(PACKET, with_sidecar, tmp_path / "packet.pdf")
    assert (tmp_path / "packet.pdf").stat().st_size > 0
    assert found["sent"] == ["book", "checkup"]
    assert found["method"] == "network"  # the sidecar's streets were walked
    assert found["here"] is False
    assert found["scores"] is False
