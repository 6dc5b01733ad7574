"""The statistics dock: its numbers are `onemap list --where ... --json`'s, and a click on a bar narrows the filter."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt

from onemap.gui.docks.statistics import StatisticsDock
from onemap.model import STATUSES
from onemap.store import Inventory
from onemap.style import status_style

WHERES = [[], ["状态=在建"], ["renewal_year>=2024", "township=勉阳街道"], ["name~家属院"]]


def listed(path: Path, where: list[str]) -> list[dict]:  # type: ignore[type-arg]
    """What the command line lists for a filter."""
    args = [sys.executable, "-m", "onemap.cli", "list", str(path), "--json"]
    for condition in where:
        args += ["--where", condition]
    done = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", check=True, timeout=120)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def dock(qtbot, demo_file: Path) -> Iterator[StatisticsDock]:  # type: ignore[no-untyped-def]
    with Inventory.open(demo_file, readonly=True) as inventory:
        widget = StatisticsDock()
        qtbot.addWidget(widget)
        widget.resize(420, 1400)
        widget.bind(inventory)
        widget.show()
        yield widget
        widget.unbind()


@pytest.mark.parametrize("where", WHERES, ids=["all", "under-construction", "seat-since-2024", "name"])
def test_the_dock_shows_the_numbers_onemap_list_gives(dock: StatisticsDock, demo_file: Path, where: list[str]) -> None:
    dock.set_filter(where)
    rows = listed(demo_file, where)
    shown = {key: label.text() for key, label in dock.totals.items()}
    assert shown["estates"] == f"{len(rows):,}"
    assert shown["households"] == f"{sum(r['households'] or 0 for r in rows):,}"
    assert shown["buildings"] == f"{sum(r['buildings'] or 0 for r in rows):,}"
    status = dock.charts["status"]
    by_status = Counter(r["status"] for r in rows)
    assert status.labels == [label for label, _en in STATUSES.values()]
    assert status.values == [by_status.get(key, 0) for key in STATUSES]
    years = Counter(r["renewal_year"] for r in rows)
    assert dict(zip(dock.charts["renewal_year"].labels, dock.charts["renewal_year"].values, strict=True)) == {
        str(year): count for year, count in sorted(years.items())
    }
    townships = Counter()
    for r in rows:
        townships[r["township"]] += r["households"] or 0
    assert dict(zip(dock.charts["township"].labels, dock.charts["township"].values, strict=True)) == townships
    assert dock.filter_label.text() == ("全部小区" if not where else "筛选：" + " 且 ".join(where))


def test_clicking_a_status_bar_asks_for_the_filter_narrowed_by_that_status(qtbot, dock: StatisticsDock) -> None:
    dock.set_filter("renewal_year>=2024")
    chart = dock.charts["status"]
    at = chart.mapFromScene(chart.scene_point_of(3))
    with qtbot.waitSignal(dock.filter_requested) as requested:
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert requested.args == [["renewal_year>=2024", "status=under_construction"]]


def test_clicking_a_township_bar_filters_by_that_township(qtbot, dock: StatisticsDock) -> None:
    chart = dock.charts["township"]
    first = chart.labels[0]
    with qtbot.waitSignal(dock.filter_requested) as requested:
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.mapFromScene(chart.scene_point_of(0)))
    assert requested.args == [[f"township={first}"]]


def test_a_funding_bar_cannot_filter_the_map_and_says_so(qtbot, dock: StatisticsDock) -> None:
    chart = dock.charts["funding_source"]
    with qtbot.assertNotEmitted(dock.filter_requested):
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.mapFromScene(chart.scene_point_of(0)))
    assert dock.error_label.isVisible() and "不能作为" in dock.error_label.text()


def test_a_filter_the_language_cannot_read_is_said_in_the_dock(dock: StatisticsDock) -> None:
    dock.set_filter("楼层高度>3")
    assert dock.error_label.isVisible() and "楼层高度" in dock.error_label.text()
    assert dock.totals["estates"].text() == "–"


def test_status_bars_are_painted_in_the_maps_status_colours(dock: StatisticsDock) -> None:
    chart = dock.charts["status"]
    image = chart.grab().toImage()
    box = chart.getPlotItem().getViewBox()
    shown = 0
    for index, (key, value) in enumerate(zip(STATUSES, chart.values, strict=True)):
        if value <= 0:
            continue
        at = chart.mapFromScene(box.mapViewToScene(QPointF(value / 2, index)))
        ratio = image.devicePixelRatio()
        colour = image.pixelColor(int(at.x() * ratio), int(at.y() * ratio)).name()
        assert colour == status_style(key).color, (key, colour)
        shown += 1
    assert shown >= 3


def test_the_charts_are_made_with_the_first_figures_each_under_its_title(qtbot, demo_file: Path) -> None:  # type: ignore[no-untyped-def]
    dock = StatisticsDock()
    qtbot.addWidget(dock)
    assert dock._charts == {}  # not while the window is built: its first frame does not wait for four plots
    inventory = Inventory.open(demo_file, readonly=True)
    try:
        dock.bind(inventory)
        body = dock._layout
        assert list(dock._charts) == ["renewal_year", "status", "township", "funding_source"]
        for dimension, chart in dock.charts.items():
            assert body.indexOf(chart) == body.indexOf(dock.titles[dimension]) + 1
            assert chart.objectName() == f"chart_{dimension}" and chart.count > 0
    finally:
        dock.unbind()
        inventory.close()
