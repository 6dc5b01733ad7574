"""QGIS (Debian's 3.22 with GDAL 3.6, through PyQGIS) opens the demo with OneMap's aliases and colours.

The check runs /usr/bin/python3 (Debian's PyQGIS is built for it, not for the venv) in a
subprocess with QT_QPA_PLATFORM=offscreen and prints what QGIS made of the stored style.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from onemap.store.qgis_style import status_classes

pytestmark = pytest.mark.qgis

SYSTEM_PYTHON = Path("/usr/bin/python3")
PROBE = """
import json, sys
from qgis.core import QgsApplication, QgsVectorLayer
app = QgsApplication([], False)
app.initQgis()
layer = QgsVectorLayer(sys.argv[1] + "|layername=estates", "estates", "ogr")
renderer = layer.renderer()
status = layer.fields().indexOf("status")
print(json.dumps({
    "valid": layer.isValid(),
    "features": layer.featureCount(),
    "alias": layer.attributeAlias(layer.fields().indexOf("name")),
    "renderer": renderer.type(),
    "attr": renderer.classAttribute() if renderer.type() == "categorizedSymbol" else None,
    "categories": [[c.value(), c.label(), c.symbol().color().name()] for c in renderer.categories()]
                  if renderer.type() == "categorizedSymbol" else [],
    "widget": layer.editorWidgetSetup(status).type(),
}, ensure_ascii=False), flush=True)
del renderer, layer  # QGIS 3.22 crashes on exit if a layer outlives exitQgis()
app.exitQgis()
"""


def _qgis_missing() -> str | None:
    if not SYSTEM_PYTHON.exists():
        return "no /usr/bin/python3 for Debian's PyQGIS"
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import qgis.core"], capture_output=True, text=True)
    if probe.returncode != 0:
        return "qgis.core cannot be imported (apt-get install qgis python3-qgis)"
    return None


@pytest.fixture(scope="module")
def qgis_view(demo_file: Path) -> dict[str, object]:
    """What QGIS shows of the demo's estates layer."""
    missing = _qgis_missing()
    if missing:
        pytest.skip(missing)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)  # the system Python must not pick up the venv's packages
    result = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", PROBE, str(demo_file)], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_qgis_loads_the_estates_layer_through_the_ogr_provider(qgis_view: dict[str, object]) -> None:
    assert qgis_view["valid"] is True
    assert qgis_view["features"] == 150


def test_qgis_shows_the_chinese_alias_of_name(qgis_view: dict[str, object]) -> None:
    assert qgis_view["alias"] == "小区名称"


def test_qgis_edits_status_with_a_value_map(qgis_view: dict[str, object]) -> None:
    assert qgis_view["widget"] == "ValueMap"


def test_qgis_draws_estates_by_status_in_onemaps_colours(qgis_view: dict[str, object]) -> None:
    assert qgis_view["renderer"] == "categorizedSymbol" and qgis_view["attr"] == "status"
    expected = [[c.key, c.label, c.color.lower()] for c in status_classes()]
    assert qgis_view["categories"] == expected
