"""The map's facility layer at national scale: arrays read off the UI thread, only what is in view
painted (none past a limit, with a note), the street-scale look kept, edits patching one facility."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter, QPolygonF

from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.coverage import dock as dock_module
from onemap.gui.coverage.items import FacilityItem
from onemap.gui.coverage.points import FacilityArrays, to_cm
from onemap.gui.jobs import wait_for_jobs
from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
from onemap.store import Inventory
from onemap.store.facilities import Facility, FacilityPoints
from onemap.view.extent import Extent, to_display
from tests.gui.guikit import make_window, settle
from tests.gui.work_kit import close_messages

KEYS = ["kindergarten", "clinic", "grocery"]


def _arrays_oracle(facilities: list[Facility], keys: list[str]) -> dict[int, tuple[int, float, float]]:
    """What the old layer drew of each facility: fid -> (type index, display x, y)."""
    located = [f for f in facilities if f.location is not None]
    lonlat = np.array([f.location for f in located], dtype=np.float64).reshape(-1, 2)
    x, y = to_display(lonlat[:, 0], lonlat[:, 1])
    kinds = [keys.index(f.kind) if f.kind in keys else len(keys) for f in located]
    return {f.fid: (k, float(a), float(b)) for f, k, a, b in zip(located, kinds, x, y, strict=True)}  # type: ignore[misc]


def test_the_arrays_hold_what_the_objects_held_and_patch_like_a_fresh_read(demo_copy: Path) -> None:
    with Inventory.open(demo_copy) as inventory:
        keys = ["kindergarten", "clinic"]  # the other demo kinds are "not among the keys": grey
        arrays = FacilityArrays.of(inventory.facility_points(), keys)
        oracle = _arrays_oracle(inventory.facilities(), keys)
        assert len(arrays) == len(oracle) > 0
        assert np.all(np.diff(arrays.x) >= 0)  # sorted for the column search
        assert arrays.x_cm.dtype == arrays.y_cm.dtype == np.int32  # whole centimetres: half of float64's memory
        for fid, kind, x, y in zip(arrays.fid.tolist(), arrays.kind.tolist(), arrays.x, arrays.y, strict=True):
            held_kind, held_x, held_y = oracle[fid]
            assert kind == held_kind and abs(x - held_x) <= 0.005 and abs(y - held_y) <= 0.005  # within half a cm
        # a view's facilities are exactly those a full mask finds, in fid order
        x0, x1 = np.quantile(arrays.x, [0.3, 0.6])
        y0, y1 = np.quantile(arrays.y, [0.2, 0.9])
        found = arrays.within(x0, x1, y0, y1, column_limit=10**9)
        assert found is not None
        mask = (arrays.x >= x0) & (arrays.x <= x1) & (arrays.y >= y0) & (arrays.y <= y1)
        assert arrays.fid[found].tolist() == sorted(arrays.fid[mask].tolist())
        assert arrays.within(x0, x1, y0, y1, column_limit=int(((arrays.x >= x0) & (arrays.x <= x1)).sum() - 1)) is None
        assert arrays.within(x0, x1, y0, y1, column_limit=10**9, most=len(found) - 1) is None  # not even sorted
        assert arrays.within(x0, x1, y0, y1, column_limit=10**9, most=len(found)) is not None
        # move one, retype one, delete one, add one: the same as reading the file again
        first, second, third = (int(f) for f in arrays.fid[:3])
        inventory.update_facility(first, location=(106.95, 33.2))
        inventory.update_facility(second, kind="clinic")
        inventory.delete_facility(third)
        added = inventory.add_facility(Facility("新诊所", "clinic", (106.9, 33.1)))
        for fid in (first, second, third, added):
            found_now = inventory.facility(fid)
            if found_now is None:
                arrays.remove(fid)
            else:
                arrays.put(found_now, keys)
        fresh = FacilityArrays.of(inventory.facility_points(), keys)
    order, fresh_order = np.argsort(arrays.fid), np.argsort(fresh.fid)
    for name in ("fid", "kind", "x", "y"):
        assert np.array_equal(getattr(arrays, name)[order], getattr(fresh, name)[fresh_order]), name
    assert np.all(np.diff(arrays.x) >= 0)


def test_a_view_finds_the_facilities_a_float_mask_finds_on_the_positions_held() -> None:
    """The old algorithm on float64 metres is the oracle: the held centimetres give the same facilities
    for any rectangle, edges included, and never move a facility by more than half a centimetre."""
    rng = np.random.default_rng(12)
    n = 20_000
    lon, lat = rng.uniform(73.5, 135.0, n), rng.uniform(18.0, 53.6, n)  # China's span
    lon[:50] = lon[50:100]  # ties in x
    points = FacilityPoints(np.arange(1, n + 1, dtype=np.int64), np.array(["clinic"] * n, dtype=object), lon, lat)
    arrays = FacilityArrays.of(points, ["clinic"])
    x, y = to_display(lon, lat)
    held_x, held_y = np.empty(n), np.empty(n)
    held_x[arrays.fid - 1], held_y[arrays.fid - 1] = arrays.x, arrays.y
    assert np.abs(held_x - x).max() <= 0.005 and np.abs(held_y - y).max() <= 0.005
    for _ in range(200):
        x0, x1 = np.sort(rng.choice(held_x, 2)) + rng.choice([0.0, 0.004, -0.004], 2)  # on and beside the edges
        y0, y1 = np.sort(rng.uniform(y.min(), y.max(), 2))
        found = arrays.within(x0, x1, y0, y1, column_limit=10**9)
        mask = (held_x >= x0) & (held_x <= x1) & (held_y >= y0) & (held_y <= y1)
        assert found is not None and arrays.fid[found].tolist() == (np.flatnonzero(mask) + 1).tolist()


@pytest.fixture
def canvas(qtbot, settings: Settings) -> Iterator[MapCanvas]:  # type: ignore[no-untyped-def]
    """The map of a window with no inventory open (its own layers empty)."""
    window = make_window(qtbot, settings, None, size=(900, 700))
    before = set(map(id, window.canvas.vb.addedItems))
    yield window.canvas
    for item in list(window.canvas.vb.addedItems):  # the test's layers go before the window
        if id(item) not in before and isinstance(item, FacilityItem):
            item.close()
    window.close()


def _grid(n: int, centre: tuple[float, float], step_m: float) -> FacilityArrays:
    """``n`` facilities on a square grid ``step_m`` apart around display point ``centre``, kinds in turn."""
    side = int(np.ceil(np.sqrt(n)))
    k = np.arange(n)
    x = centre[0] + (k % side - side / 2) * step_m
    y = centre[1] + (k // side - side / 2) * step_m
    order = np.argsort(x, kind="stable")
    return FacilityArrays(k[order].astype(np.int64), (k % 3)[order].astype(np.int16), to_cm(x[order]), to_cm(y[order]))


def _render(canvas: MapCanvas) -> QImage:
    canvas.viewport().repaint()
    return canvas.grab().toImage()


def test_paint_draws_only_the_facilities_in_view_and_none_past_the_limit(canvas: MapCanvas) -> None:
    item = FacilityItem(canvas, KEYS)
    centre = (11_800_000.0, 3_900_000.0)
    item.set_arrays(_grid(1_000_000, centre, 50.0))  # a million facilities, 50 m apart: 50 km square
    canvas.show_extent(Extent(centre[0] - 400, centre[1] - 300, centre[0] + 400, centre[1] + 300))
    _render(canvas)
    view = canvas.view_rect()
    inside = (
        (item.arrays.x >= view.left())
        & (item.arrays.x <= view.right())
        & (item.arrays.y >= view.top())
        & (item.arrays.y <= view.bottom())
    )
    assert not item.hidden
    assert int(inside.sum()) <= item.drawn <= int(inside.sum()) + 200  # the view and a diamond's margin
    canvas.show_extent(Extent(centre[0] - 30_000, centre[1] - 22_000, centre[0] + 30_000, centre[1] + 22_000))
    image = _render(canvas)
    assert item.hidden and item.drawn == 0  # a province's scale: nothing drawn, and the map says so
    colours = {
        QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 7) for y in range(60, image.height(), 7)
    }
    assert not colours & {"#e69f00", "#56b4e9", "#009e73"}
    note = {QColor(image.pixel(x, y)).name() for x in range(8, 60) for y in range(8, 26)}
    assert "#555555" in note or len(note) > 2  # the note's text at the top left


def _old_paint(item: FacilityItem, image: QImage, canvas: MapCanvas) -> None:
    """The layer's paint before issue 12 (one polygon per facility, every one), as the oracle of the look."""
    from onemap.gui.canvas.markers import brush, pen

    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    a = item.arrays
    for k in np.argsort(a.fid).tolist():
        kind = item.keys[a.kind[k]] if a.kind[k] < len(item.keys) else "?"
        faded = item.chosen is not None and kind != item.chosen
        size = 2.5 if faded else 6.0
        painter.setPen(pen("#ffffff" if a.fid[k] != item.picked else "#000000", 0.5 if faded else 1.6))
        painter.setBrush(brush(item.colours.get(kind, "#777777"), 70 if faded else 255))
        at = canvas.mapFromScene(canvas.vb.mapViewToScene(QPointF(a.x[k], a.y[k])))
        scene = canvas.vb.mapViewToScene(QPointF(a.x[k], a.y[k]))
        x, y = canvas.viewportTransform().map(scene).x(), canvas.viewportTransform().map(scene).y()
        assert abs(x - at.x()) <= 1 and abs(y - at.y()) <= 1
        painter.drawPolygon(
            QPolygonF([QPointF(x, y - size), QPointF(x + size, y), QPointF(x, y + size), QPointF(x - size, y)])
        )
    painter.end()


def test_street_scale_looks_as_before(canvas: MapCanvas) -> None:
    item = FacilityItem(canvas, KEYS)
    centre = (11_800_000.0, 3_900_000.0)
    item.set_arrays(_grid(144, centre, 40.0))  # clear of the scale bar and north arrow in the corners
    item.chosen, item.picked = "clinic", 4  # fid 4 is a clinic (kinds in turn)
    canvas.show_extent(Extent(centre[0] - 450, centre[1] - 340, centre[0] + 450, centre[1] + 340))
    item.setVisible(False)
    base = _render(canvas)
    item.setVisible(True)
    new = _render(canvas)
    assert item.drawn == 144 and canvas.devicePixelRatioF() == 1.0
    old = base.copy()
    _old_paint(item, old, canvas)
    a, b = _pixels(new).astype(int), _pixels(old).astype(int)
    differ = np.abs(a - b).max(axis=2)
    drawn = np.abs(b - _pixels(base).astype(int)).max(axis=2) > 0
    assert drawn.sum() > 1000  # the oracle drew diamonds
    # the same diamonds, placed to a quarter pixel: only their antialiased edges differ a little
    assert (differ > 40).sum() < 0.01 * drawn.sum(), ((differ > 40).sum(), drawn.sum())
    assert (differ > 10).sum() < 0.15 * drawn.sum(), ((differ > 10).sum(), drawn.sum())


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    raw = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return raw[:, : image.width()].copy()


@pytest.fixture
def editor(qtbot, demo_copy: Path, settings: Settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings.q.setValue("settings/audit_user", "测试员")
    w = make_window(qtbot, settings, demo_copy)
    wait_for_jobs()
    settle(w)
    yield w
    close_messages()
    w.close()


def test_opening_reads_the_facilities_off_the_ui_thread(
    qtbot, demo_copy: Path, settings: Settings, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    threads: list[threading.Thread] = []
    real = FacilityArrays.of

    def spied(points, keys):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real(points, keys)

    monkeypatch.setattr(dock_module.FacilityArrays, "of", staticmethod(spied))
    w = make_window(qtbot, settings, demo_copy)
    wait_for_jobs()
    settle(w)
    assert threads and all(t is not threading.main_thread() for t in threads)
    with Inventory.open(demo_copy, readonly=True) as inventory:
        assert len(w.living_circles.facility_item.arrays) == len(inventory.facility_points()) > 0
    w.close()


def test_an_edit_undo_and_redo_patch_the_one_facility_not_the_whole_layer(editor: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from onemap.edit.facility_edits import ChangeFacility, DeleteFacility

    dock = editor.living_circles
    arrays = dock.facility_item.arrays
    fid = int(arrays.fid[len(arrays) // 2])
    before = len(arrays)
    reads: list[object] = []
    real_points = Inventory.facility_points

    def counted(self, kinds=None):  # type: ignore[no-untyped-def]
        reads.append(kinds)
        return real_points(self, kinds)

    monkeypatch.setattr(Inventory, "facility_points", counted)
    dock._edit(ChangeFacility(fid, location=(106.97, 33.17)))
    item = dock.facility_item
    k = item.arrays.index_of(fid)
    assert k is not None
    x, y = to_display(np.array([106.97]), np.array([33.17]))
    assert (item.arrays.x_cm[k], item.arrays.y_cm[k]) == (round(x[0] * 100), round(y[0] * 100))
    dock._edit(DeleteFacility(fid))
    assert item.arrays.index_of(fid) is None and len(item.arrays) == before - 1
    history = editor.editing.history
    assert history is not None
    history.undo()  # the delete: back, at the moved place
    k = item.arrays.index_of(fid)
    assert k is not None and (item.arrays.x_cm[k], item.arrays.y_cm[k]) == (round(x[0] * 100), round(y[0] * 100))
    history.undo()  # the move
    with Inventory.open(editor.session.path, readonly=True) as inventory:  # type: ignore[union-attr]
        fresh = FacilityArrays.of(real_points(inventory), item.keys)
    assert sorted(item.arrays.fid.tolist()) == sorted(fresh.fid.tolist())
    k, j = item.arrays.index_of(fid), fresh.index_of(fid)
    assert k is not None and j is not None
    assert (item.arrays.x[k], item.arrays.y[k]) == (fresh.x[j], fresh.y[j])
    assert reads == []  # no edit read the whole layer again


def test_a_national_inventory_is_read_in_a_helper_process_to_the_same_arrays(demo_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from onemap.gui.coverage import points

    here = points.read_arrays(demo_copy, KEYS)
    monkeypatch.setattr(points, "HELPER_FROM", 1)  # the demo's facilities count as a nation's
    helped = points.read_arrays(demo_copy, KEYS)
    assert len(here) > 0
    for name in ("fid", "kind", "x", "y"):
        assert np.array_equal(getattr(here, name), getattr(helped, name)), name


def test_the_gap_rings_drawn_are_those_in_view(editor: MainWindow) -> None:
    dock = editor.living_circles
    dock.run()
    wait_for_jobs()
    settle(editor)
    item = dock.coverage_item
    assert len(item.estate_xy) > 10
    x, y = item.estate_xy[len(item.estate_xy) // 2]
    editor.canvas.show_extent(Extent(x - 400, y - 300, x + 400, y + 300))
    editor.canvas.viewport().repaint()
    view = editor.canvas.view_rect()
    xs, ys = item.estate_xy[:, 0], item.estate_xy[:, 1]
    inside = int(((xs >= view.left()) & (xs <= view.right()) & (ys >= view.top()) & (ys <= view.bottom())).sum())
    assert 1 <= inside <= item.rings_drawn < len(item.estate_xy)


def test_service_circles_culled_to_the_view_look_as_before(canvas: MapCanvas) -> None:
    import math

    from onemap.analysis.service_area import ServiceArea
    from onemap.gui.canvas.markers import brush, pen
    from onemap.gui.coverage.items import AREA, CoverageItem
    from onemap.view.extent import to_lonlat

    centre = (11_800_000.0, 3_900_000.0)
    grid = _grid(400, centre, 150.0)  # 20 × 20 centres, most of them off the view
    lonlat = [to_lonlat(x, y) for x, y in zip(grid.x.tolist(), grid.y.tolist(), strict=True)]
    item = CoverageItem(canvas)
    try:
        canvas.show_extent(Extent(centre[0] - 450, centre[1] - 340, centre[0] + 450, centre[1] + 340))
        base = _render(canvas)
        item.set_area(ServiceArea("clinic", 100.0, "straight", centres=lonlat, radius_m=40.0))
        new = _render(canvas)
        old = base.copy()
        painter = QPainter(old)  # the paint before issue 12: every centre, one ellipse each
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pen(AREA, 1.2, alpha=200))
        painter.setBrush(brush(AREA, 45))
        for c in item.area_xy:
            lat = math.degrees(2 * math.atan(math.exp(c[0, 1] / 6378137.0)) - math.pi / 2)
            at = canvas.mapFromScene(canvas.vb.mapViewToScene(QPointF(c[0, 0], c[0, 1])))
            edge = canvas.mapFromScene(canvas.vb.mapViewToScene(QPointF(c[0, 0] + 1000.0, c[0, 1])))
            radius = 40.0 / math.cos(math.radians(lat)) * (edge.x() - at.x()) / 1000.0
            scene = canvas.viewportTransform().map(canvas.vb.mapViewToScene(QPointF(c[0, 0], c[0, 1])))
            painter.drawEllipse(QPointF(scene.x(), scene.y()), radius, radius)
        painter.end()
        differ = np.abs(_pixels(new).astype(int) - _pixels(old).astype(int)).max(axis=2)
        drawn = np.abs(_pixels(old).astype(int) - _pixels(base).astype(int)).max(axis=2) > 0
        assert drawn.sum() > 1000
        assert (differ > 40).sum() < 0.01 * drawn.sum(), ((differ > 40).sum(), drawn.sum())
    finally:
        item.close()


def test_a_helper_read_stops_when_asked(demo_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from onemap.gui.coverage import points

    monkeypatch.setattr(points, "HELPER_FROM", 1)
    with pytest.raises(InterruptedError):
        points.read_arrays(demo_copy, KEYS, cancel=lambda: True)


def test_the_fids_are_held_as_int32_while_they_fit_and_widen_for_one_that_does_not(demo_copy: Path) -> None:
    with Inventory.open(demo_copy) as inventory:
        points = inventory.facility_points()
        arrays = FacilityArrays.of(points, KEYS)
        facility = inventory.facility(int(arrays.fid[0]))
    assert arrays.fid.dtype == np.int32  # two million facilities: 8 MB, not 16
    assert arrays.kind.dtype == np.int8  # and 2 MB, not 4
    located = ~np.isnan(points.lon)
    assert sorted(arrays.fid.tolist()) == sorted(points.fid[located].tolist())
    assert facility is not None and facility.fid is not None
    big = 2**31 + 5  # a fid past int32 (a file whose rows were renumbered high): kept exactly
    arrays.put(Facility(facility.name, facility.kind, facility.location, fid=big), KEYS)
    assert arrays.fid.dtype == np.int64 and arrays.index_of(big) is not None
    assert arrays.index_of(facility.fid) is not None and len(arrays) == int(located.sum()) + 1
