"""The one style table: every picture's status colours, markers and hatches come from it, and
the helpers once written two or three times (scale-bar rounding, label collisions, user folders)
exist once."""

from __future__ import annotations

from pathlib import Path

import pytest

from onemap import style
from onemap.brief.mapdraw import legend_swatch
from onemap.brief.palette import admin_line, status_style
from onemap.model import STATUSES
from onemap.scene.colours import STATUS_COLOURS
from onemap.store.qgis_style import status_classes
from onemap.userdirs import user_folder
from onemap.view.labels import Occupancy
from onemap.view.palettes import hex_to_rgb
from onemap.view.scale import format_scale, nice_length, round_denominator


def test_statuses_run_dark_to_light_in_programme_order_with_their_own_marker_and_hatch() -> None:
    looks = [style.STATUS_STYLES[key] for key in STATUSES]
    greys = [look.grey for look in looks]
    assert greys == sorted(greys) and min(b - a for a, b in zip(greys, greys[1:], strict=False)) > 0.08
    assert len({look.marker for look in looks}) == len(looks)
    assert {look.hatch for look in looks} <= set(style.HATCHES)
    assert [(look.zh, look.en) for look in looks] == list(STATUSES.values())


def test_the_pdf_the_3d_scene_and_qgis_use_the_screens_status_colours() -> None:
    screen = {cls.key: cls.color for cls in status_classes() if cls.key}
    assert screen == STATUS_COLOURS
    for key, color in screen.items():
        fill = status_style(key).fill
        assert tuple(round(c * 255) for c in (fill.red, fill.green, fill.blue)) == hex_to_rgb(color)
        assert status_style(key).marker == style.STATUS_STYLES[key].marker
        assert status_style(key).pattern == style.STATUS_STYLES[key].hatch


def test_the_admin_boundary_prints_as_the_map_and_legend_draw_it() -> None:
    look = style.AREA_STYLES["admin_areas"]
    line = admin_line("township")
    assert line.color.hexval()[2:] == look.line[1:]
    assert line.dash == [d * line.width for d in look.dash]
    swatch = legend_swatch("boundary", 0, 0).contents[0]
    assert swatch.strokeColor.hexval()[2:] == look.line[1:] and swatch.strokeDashArray


def test_screen_and_print_scale_bars_round_with_one_rule() -> None:
    assert nice_length(360) == 200 and nice_length(360, (1.0, 2.0, 2.5, 5.0)) == 250
    assert round_denominator(7_342) == 7_300 and round_denominator(137_400) == 140_000
    assert format_scale(7_342) == "1:7,300"


def test_label_collisions_are_one_test_in_either_y_direction() -> None:
    taken = Occupancy()
    taken.take((0, 0, 10, 10))
    assert not taken.free((5, 5, 15, 15)) and taken.free((10, 0, 20, 10)) and taken.free((0, -20, 10, -1))


@pytest.mark.parametrize(
    ("kind", "variable"), [("config", "XDG_CONFIG_HOME"), ("data", "XDG_DATA_HOME"), ("state", "XDG_STATE_HOME")]
)
def test_every_user_folder_follows_one_rule(
    kind: str, variable: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv(variable, str(tmp_path))
    assert user_folder(kind) == tmp_path / "onemap"
    monkeypatch.setenv(variable, "")
    assert user_folder(kind).parent.is_relative_to(Path.home())


def test_windows_keeps_settings_roaming_and_logs_local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert user_folder("config") == tmp_path / "Roaming" / "OneMap"
    assert user_folder("data") == user_folder("state") == tmp_path / "Local" / "OneMap"
