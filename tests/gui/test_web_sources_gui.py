"""Several named XYZ/WMTS sources in the viewer: added in the settings dialog, each in 地图 ▸ 在线底图,
shown from the tile server on 127.0.0.1 and remembered per inventory; a bad one is refused in one sentence."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from onemap.geo.websources import NamedSource, load_sources, sources_file
from onemap.geo.webspecs import load_key
from onemap.gui.dialogs.online_basemap_dialog import OnlineBasemapDialog
from onemap.gui.dialogs.web_source_dialog import WebSourceDialog
from onemap.gui.online_settings import OnlineSettings


def _fill(name: str, url: str, matrix_set: str = "", key: str = "", own: bool = False) -> None:
    """Type into the source dialog the settings dialog has just opened, then press OK."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, WebSourceDialog)
    dialog.name.setText(name)
    dialog.url.setText(url)
    dialog.matrix_set.setText(matrix_set)
    dialog.key.setText(key)
    dialog.own.setChecked(own)
    dialog.accept()


def _add(settings_dialog: OnlineBasemapDialog, *fields: object, **named: object) -> NamedSource | None:
    QTimer.singleShot(0, lambda: _fill(*fields, **named))  # type: ignore[arg-type]
    return settings_dialog.add_source()


def test_two_sources_added_in_the_dialog_each_appear_in_the_online_basemap_menu(window, tile_server, memory_keyring):  # type: ignore[no-untyped-def]
    dialog = OnlineBasemapDialog(OnlineSettings.read(window.settings.q), window)
    query = "SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&FORMAT=tiles&tk={tk}"
    wmts = f"{tile_server.base}/vec_w/wmts?{query}"
    assert _add(dialog, "省天地图节点", wmts, "w", key="node-key-8812") is not None
    assert _add(dialog, "县瓦片服务", tile_server.xyz, own=True) is not None
    assert dialog.source_list.count() == 2
    dialog.online.setChecked(True)
    assert dialog.keep_key() and dialog.chosen().write_sources(window.settings.q)
    window.basemaps._list_sources()
    names = [a.text() for a in window.basemaps.menu.actions() if a.property("webSource")]
    assert names == ["省天地图节点", "县瓦片服务"]
    assert load_key("source:省天地图节点") == "node-key-8812"
    assert "node-key-8812" not in sources_file().read_text("utf-8")
    (county,) = [a for a in window.basemaps.menu.actions() if a.text() == "县瓦片服务"]
    county.trigger()
    assert window.settings.basemap_for(window.session.path) == "source:县瓦片服务"
    assert window.layers.basemap.wait_until_loaded(15_000)
    assert tile_server.count > 0 and all(p.startswith("/xyz/") for p in tile_server.requests)


def test_a_source_dialog_with_a_bad_url_says_why_in_one_sentence_and_stays_open(window, tile_server):  # type: ignore[no-untyped-def]
    dialog = WebSourceDialog(None, set(), window)
    dialog.name.setText("县瓦片")
    dialog.url.setText("tiles.example.cn/z/x/y.png")
    dialog.accept()
    assert dialog.result() != WebSourceDialog.DialogCode.Accepted
    assert "不是可用的瓦片地址" in dialog.problem.text()
    dialog.url.setText("https://tiles.example.cn/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=a")
    dialog.matrix_set.setText("c")
    dialog.accept()
    assert "不是 Web 墨卡托" in dialog.problem.text() and dialog.result() != WebSourceDialog.DialogCode.Accepted


def test_a_removed_source_leaves_the_menu_and_takes_its_key_out_of_the_keyring(window, tile_server, memory_keyring):  # type: ignore[no-untyped-def]
    dialog = OnlineBasemapDialog(OnlineSettings.read(window.settings.q), window)
    _add(dialog, "临时源", tile_server.xyz + "?tk={tk}", key="drop-me-2231")
    assert dialog.keep_key() and dialog.chosen().write_sources(window.settings.q)
    dialog = OnlineBasemapDialog(OnlineSettings.read(window.settings.q), window)
    dialog.source_list.setCurrentRow(0)
    dialog.remove_source()
    assert dialog.keep_key() and dialog.chosen().write_sources(window.settings.q)
    window.basemaps._list_sources()
    assert load_sources() == [] and load_key("source:临时源") is None
    assert not [a for a in window.basemaps.menu.actions() if a.property("webSource")]


def test_the_single_custom_url_of_earlier_versions_reads_as_a_named_source(window, tile_server):  # type: ignore[no-untyped-def]
    OnlineSettings(custom_url=tile_server.xyz, custom_attribution="© 县局").write(window.settings.q)
    (legacy,) = OnlineSettings.read(window.settings.q).sources
    assert legacy.url == tile_server.xyz and legacy.attribution == "© 县局"
    window.basemaps._list_sources()
    assert [a.text() for a in window.basemaps.menu.actions() if a.property("webSource")] == ["自定义瓦片地址"]
