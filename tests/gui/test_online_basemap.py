"""Online basemaps in the viewer, against the tile server on 127.0.0.1: off means no connection, a slow
or dead server leaves the map working and is said once, the key stays in the keyring."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from onemap.geo.webspecs import store_key
from onemap.gui.main_window import MainWindow
from onemap.gui.online_settings import OnlineSettings
from tests.gui.guikit import settle
from tests.tileserver_kit import GOOD_KEY


def _online(window: MainWindow, on: bool, **fields: object) -> None:
    OnlineSettings(online=on, **fields).write(window.settings.q)  # type: ignore[arg-type]


def _messages(window: MainWindow) -> list[str]:
    seen: list[str] = []
    window.status.messageChanged.connect(lambda text: seen.append(text) if text else None)
    return seen


def test_with_online_access_off_showing_tianditu_opens_no_connection(qtbot, window, tile_server, memory_keyring):  # type: ignore[no-untyped-def]
    store_key("tianditu:vec", GOOD_KEY)
    _online(window, False)
    assert window.basemaps.show_spec("tianditu:vec")
    qtbot.wait(300)
    settle(window)
    assert tile_server.count == 0
    assert "在线底图未开启" in window.status.currentMessage()


def test_tianditu_tiles_arrive_and_are_painted_under_the_estates(qtbot, window, tile_server, memory_keyring):  # type: ignore[no-untyped-def]
    store_key("tianditu:vec", GOOD_KEY)
    _online(window, True)
    assert window.basemaps.show_spec("tianditu:vec")
    assert window.layers.basemap.wait_until_loaded(15_000)
    tiles = window.layers.basemap.tiles
    assert tiles.keys and all(tiles.cache.get(k) is not None for k in tiles.keys)
    assert tile_server.problems == [] and tile_server.count >= 2 * len(tiles.keys)
    assert "天地图" in window.overlay.attribution and "审图号" in window.overlay.attribution


def test_a_slow_server_does_not_freeze_the_map(qtbot, window, tile_server, memory_keyring):  # type: ignore[no-untyped-def]
    tile_server.delay_s = 3.0
    _online(window, True)
    assert window.basemaps.show_spec(tile_server.xyz)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    qtbot.wait(600)  # the server is still sleeping on every request
    timer.stop()
    assert tile_server.count >= 1 and len(window.layers.basemap.tiles.cache) == 0
    assert len(ticks) >= 10  # the event loop kept running: the UI thread never waited for the server
    window.canvas.grab()  # and the estates still draw
    assert len(window.layers.estates.item.data) > 0


def test_a_dead_server_is_said_once_in_the_status_bar_and_the_map_stays(qtbot, window, tile_server):  # type: ignore[no-untyped-def]
    tile_server.stop()
    _online(window, True)
    seen = _messages(window)
    assert window.basemaps.show_spec(tile_server.xyz)
    qtbot.waitUntil(lambda: any("无法连接底图服务器" in m for m in seen), timeout=10_000)
    for _ in range(3):  # panning about asks again; the sentence is not repeated
        window.canvas.zoom(0.8)
        settle(window, 100)
    assert sum("无法连接底图服务器" in m for m in seen) == 1
    assert len(window.layers.estates.item.data) > 0


def test_a_wrong_key_is_said_once_and_never_reaches_settings_or_logs(
    qtbot, window, tile_server, memory_keyring, caplog
):  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    secret = "a-wrong-key-never-written-77"
    store_key("tianditu:vec", secret)
    _online(window, True, review_number="GS(2099)0001号")
    seen = _messages(window)
    assert window.basemaps.show_spec("tianditu:vec")
    qtbot.waitUntil(lambda: any("拒绝了天地图密钥" in m for m in seen), timeout=10_000)
    window.settings.sync()
    QApplication.processEvents()
    written = window.settings.path.read_text(encoding="utf-8")
    assert "tianditu:vec" in written and secret not in written
    assert secret not in caplog.text and all(secret not in m for m in seen)
    assert sum("拒绝了天地图密钥" in m for m in seen) == 1


def test_a_key_typed_in_a_custom_url_goes_to_the_keyring_not_the_settings_file(window, tile_server, memory_keyring):  # type: ignore[no-untyped-def]
    url = tile_server.xyz + "?tk=private-county-key-5521"
    assert OnlineSettings(online=True, custom_url=url).write(window.settings.q)
    window.settings.sync()
    assert "private-county-key-5521" not in window.settings.path.read_text(encoding="utf-8")
    assert "private-county-key-5521" in memory_keyring.secrets.values()
    assert OnlineSettings.read(window.settings.q).custom_url.endswith("?tk={tk}")


def test_the_map_menu_offers_tianditu_and_remembers_the_choice_per_inventory(window, tile_server, memory_keyring):  # type: ignore[no-untyped-def]
    menu = window.basemaps.menu
    assert menu is not None and menu.title() == "在线底图"
    (vector,) = [a for a in menu.actions() if a.text() == "天地图 矢量（含注记）"]
    vector.trigger()
    assert window.settings.basemap_for(window.session.path) == "tianditu:vec"
    assert window.layers.basemap.source is not None and window.layers.basemap.source.spec.name == "tianditu:vec"
    assert tile_server.count == 0  # online access is off by default


def test_the_key_field_hides_what_is_typed_and_keeps_it_only_in_the_keyring(window, memory_keyring):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit

    from onemap.gui.dialogs.online_basemap_dialog import OnlineBasemapDialog

    dialog = OnlineBasemapDialog(OnlineSettings(), window)
    assert dialog.key.echoMode() == QLineEdit.EchoMode.Password and not dialog.online.isChecked()
    dialog.key.setText("typed-key-31337")
    assert dialog.keep_key() and dialog.chosen().write(window.settings.q)
    window.settings.sync()
    assert memory_keyring.secrets[("OneMap basemap", "tianditu")] == "typed-key-31337"
    assert "typed-key-31337" not in window.settings.path.read_text(encoding="utf-8") and dialog.key.text() == ""


def test_a_cold_view_asks_for_coarse_ancestors_first_so_no_tile_is_left_blank(qtbot, window, tile_server):  # type: ignore[no-untyped-def]
    _online(window, True)
    assert window.basemaps.show_spec(tile_server.xyz)
    assert window.layers.basemap.wait_until_loaded(15_000)
    zoom = window.layers.basemap.tiles.keys[0][0]
    first = [int(path.split("/")[2]) for path in tile_server.requests[:2]]
    assert first == [zoom - 2, zoom - 2]  # the few tiles two levels up cover the view at once
    assert {int(path.split("/")[2]) for path in tile_server.requests} == {zoom - 2, zoom}
