"""A server county in the window: opened in a worker; its cameras, sensors and open alerts on the map and listed."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from onemap.gui.server.control import ServerSession, settings_path
from onemap.gui.settings import Settings
from onemap.store import Inventory
from onemap.store.server.viewreads import view_url
from onemap.watch.alert import stamp
from tests.core.server_support import MIAN, loaded
from tests.gui.guikit import make_window
from tests.gui.test_server_viewer import login, opened
from tests.keyring_kit import MemoryKeyring


def _add_alerts(path: Path) -> None:
    """Three alerts in the file (one closed: no mark), one of them 2 days old."""
    with Inventory.open(path) as inventory, inventory.transaction():
        codes = [e.code for e in inventory.estates()][:3]
        for i, (code, status) in enumerate(zip(codes, ("new", "accepted", "closed"), strict=True)):
            when = stamp(datetime.now(UTC) - timedelta(hours=1 + 24 * i))
            values = {
                "estate_code": code,
                "device_kind": "sensor",
                "device_fid": None,
                "device": f"测试设备{i}",
                "type": "smoke_fire",
                "level": 2,
                "first_time": when,
                "last_time": when,
                "count": 1,
                "status": status,
            }
            inventory.insert_alert(values, None)


@pytest.fixture
def server(pg_database: str, demo_file: Path, tmp_path: Path) -> str:
    """The demo with some alerts, loaded into a fresh server database (the superuser's URL)."""
    copy = tmp_path / "demo.gpkg"
    shutil.copy(demo_file, copy)
    _add_alerts(copy)
    return loaded(pg_database, copy)


def _server_count(url: str, sql: str) -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_a_server_county_shows_its_cameras_sensors_and_open_alerts_as_the_servers_rows(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings
) -> None:
    url, _ = login(server, memory_keyring, "viewer")
    window = opened(qtbot, settings, url)
    assert isinstance(window.session, ServerSession)
    model = window.watch_marks.model  # type: ignore[attr-defined]
    cameras = _server_count(server, f"SELECT count(*) FROM cameras WHERE estate_code LIKE '{MIAN}%'")
    sensors = _server_count(server, f"SELECT count(*) FROM sensors WHERE estate_code LIKE '{MIAN}%'")
    assert cameras > 0 and sensors > 0
    assert len(model.cameras) == cameras and len(model.sensors) == sensors
    assert len(model.alerts) == 2  # the closed one is not drawn
    fids = _server_count(server, f"SELECT sum(fid) FROM cameras WHERE estate_code LIKE '{MIAN}%'")
    assert int(model.cameras["fid"].sum()) == fids  # the same rows, not only as many
    window.close()


def test_the_alert_dock_lists_the_server_countys_alerts_read_only(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings, demo_file: Path
) -> None:
    url, _ = login(server, memory_keyring, "viewer")
    window = opened(qtbot, settings, url)
    dock = window.alert_dock
    listed = _server_count(server, "SELECT count(*) FROM alerts")  # all three came within the default 7 days
    assert dock.model.rowCount() == listed == 3
    rows = [dock.model.alert_at(r) for r in range(dock.model.rowCount())]
    assert [a.device for a in rows] == ["测试设备0", "测试设备1", "测试设备2"]  # newest first, as from a file
    assert rows[0].estate_code.startswith(MIAN) and rows[2].status == "closed"
    buttons = dock.cycle.buttons.values()
    assert buttons and not any(b.isEnabled() for b in buttons)  # read-only: no handling step from here
    assert window.open_inventory(demo_file)
    assert all(b.isEnabled() for b in buttons)  # a file's alerts are handled as before
    window.close()


def test_the_window_stays_responsive_while_a_server_opens_and_a_file_opened_meanwhile_wins(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings, demo_file: Path
) -> None:
    url, _ = login(server, memory_keyring, "viewer")
    settings.set_basemap_for(settings_path(url), "")
    window = make_window(qtbot, settings, None)
    assert window.open_inventory(view_url(url, [MIAN]))
    assert window.server.opening.busy() and window.session is None  # returned at once: opening in a worker
    assert "正在连接" in window.statusBar().currentMessage()
    assert window.open_inventory(demo_file)  # the user opens a file meanwhile: the server opening is dropped
    window.server.opening.settle()
    qtbot.wait(200)
    assert window.session is not None and not isinstance(window.session, ServerSession)
    assert window.session.path == demo_file
    window.close()


def test_a_server_that_is_down_is_said_in_its_sentence_after_a_worker_tried_it(qtbot, settings: Settings) -> None:
    from PySide6.QtWidgets import QMessageBox

    url = "postgresql://nobody@127.0.0.1:1/onemap?county=610725"
    window = make_window(qtbot, settings, None)
    assert window.open_inventory(url)
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox)), timeout=20_000)
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    assert "无法连接数据库服务器" in box.text() and window.session is None
    box.close()
    window.close()


def test_the_score_panel_shows_a_server_estates_score_as_the_file_scores_it(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings, tmp_path: Path
) -> None:
    from datetime import date

    from onemap.checkup.gather import estate_facts, read_checkup
    from onemap.checkup.scoring import score
    from onemap.checkup.weights import default_weights

    url, _ = login(server, memory_keyring, "viewer")
    window = opened(qtbot, settings, url)
    session = window.session
    assert session is not None
    with Inventory.open(tmp_path / "demo.gpkg", readonly=True) as file:  # what was loaded into the server
        assert file.checkup_findings()  # the demo has check-up findings: the score has something to weigh
        facts = estate_facts(file, read_checkup(file))
        expected = {s.code: s for s in score(facts, default_weights(), date.today().year)}
    code = str(session.table.code[7])
    session.state.select([code], code)
    panel = window.details.score
    assert panel.isVisibleTo(window.details)
    shown = panel.score_of(code)
    assert shown is not None and shown == expected[code]
    window.close()


def test_an_alert_committed_by_another_login_appears_on_the_map_and_in_the_list(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings
) -> None:
    url, _ = login(server, memory_keyring, "viewer")
    window = opened(qtbot, settings, url)
    assert window.server.listener is not None and window.server.listener.ready.wait(10)
    marks, dock = window.watch_marks, window.alert_dock
    before = len(marks.model.alerts)
    code = str(window.session.table.code[20])  # type: ignore[union-attr]
    when = stamp(datetime.now(UTC))
    with psycopg.connect(server, autocommit=True) as conn:  # another program's write: the trigger notifies
        conn.execute(
            "INSERT INTO alerts (estate_code, device_kind, device, type, level, first_time, last_time, count, status) "
            "VALUES (%s, 'sensor', '另一台设备', 'gas_leak', 3, %s, %s, 1, 'new')",
            (code, when, when),
        )
    qtbot.waitUntil(lambda: len(marks.model.alerts) == before + 1, timeout=10_000)
    assert code in marks.model.alerts["estate_code"].tolist()
    qtbot.waitUntil(lambda: dock.model.rowCount() == 4, timeout=10_000)
    window.close()
