"""The viewer on a shared inventory (PostGIS on a throwaway cluster): opening, live refresh, conflicts, secrets."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from onemap.gui.main_window import MainWindow
from onemap.gui.server.connect_dialog import ConnectDialog
from onemap.gui.server.control import ServerSession, settings_path
from onemap.gui.settings import Settings
from onemap.store import Inventory
from onemap.store.server.connect import KEYRING_SERVICE, display_name
from onemap.store.server.viewreads import view_url
from tests.core.server_support import MIAN, loaded, new_login, remember, url_as
from tests.gui.guikit import make_window
from tests.keyring_kit import MemoryKeyring


@pytest.fixture
def server(pg_database: str, demo_file: Path) -> str:
    """The demo loaded into a fresh server database (the superuser's URL)."""
    return loaded(pg_database, demo_file)


def login(server: str, keyring: MemoryKeyring | None, role: str = "county-editor") -> tuple[str, str]:
    """A new login's URL (its password in ``keyring`` when given) and its password."""
    name, password = new_login(server, role, MIAN if role != "viewer" else None)
    url = url_as(server, name)
    if keyring is not None:
        remember(keyring, url, password)
    return url, password


def opened(qtbot, settings: Settings, url: str) -> MainWindow:  # type: ignore[no-untyped-def]
    """A window with the server's county open (no basemap generated: not what is tested)."""
    settings.set_basemap_for(settings_path(url), "")
    window = make_window(qtbot, settings, None)
    assert window.open_inventory(view_url(url, [MIAN]))
    window.server.opening.settle()  # opened in a worker: the window stays responsive meanwhile
    return window


def answer_next_dialog(kind: type, act) -> list[object]:  # type: ignore[no-untyped-def]
    """Act on the next modal dialog of ``kind`` once it is up; the dialogs seen."""
    seen: list[object] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            seen.append(dialog)
            act(dialog)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)
    return seen


def test_the_viewer_opens_one_county_of_a_server_inventory_and_shows_its_estates(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings
) -> None:
    url, _password = login(server, memory_keyring, "viewer")
    window = opened(qtbot, settings, url)
    session = window.session
    assert isinstance(session, ServerSession)
    with Inventory.open(server, readonly=True) as served:
        assert sorted(session.table.code.tolist()) == sorted(e.code for e in served.estates())
    assert window.table.model.rowCount() == 150  # type: ignore[attr-defined]
    assert display_name(url) in window.windowTitle() and "勉县" in window.windowTitle()
    assert view_url(url, [MIAN]) in settings.recent_files()
    code = str(session.table.code[9])
    session.state.select([code], code)  # the details dock reads the estate and its history from the server
    assert window.details.details is not None and window.details.details.code == code
    window.close()


def test_a_change_by_another_login_appears_in_the_viewer_without_reload(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings
) -> None:
    mine, _ = login(server, memory_keyring, "viewer")
    theirs, _ = login(server, memory_keyring)
    window = opened(qtbot, settings, mine)
    session = window.session
    assert session is not None and window.server.listener is not None
    assert window.server.listener.ready.wait(10)
    code = session.table.code[5]
    row = session.table.row_of(code)
    with Inventory.open(theirs) as other:
        other.update_estate(code, households=4242, status="completed")
    qtbot.waitUntil(lambda: session.table.households[row] == 4242, timeout=10_000)
    assert window.session is session  # patched in place, not read again
    assert window.refresher.last is not None and window.refresher.last.codes == {code}
    said = window.statusBar().currentMessage()
    assert display_name(theirs).split("@")[0] in said and "户数" in said
    window.close()


@pytest.mark.parametrize("choice", ["theirs", "mine"])
def test_a_conflicting_edit_shows_both_values_and_each_choice_does_what_it_says(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings, choice: str
) -> None:
    from onemap.gui.server.conflict import ConflictDialog, save_estate

    me, _ = login(server, memory_keyring)
    other, _ = login(server, memory_keyring)
    window = opened(qtbot, settings, me)
    code = str(window.session.table.code[2])  # type: ignore[union-attr]
    with Inventory.open(me) as mine, Inventory.open(other) as theirs:
        read = mine.estate_version(code)
        theirs.update_estate(code, notes="他们：已验收")
        shown: list[list[str]] = []

        def pick(dialog: ConflictDialog) -> None:
            table = dialog.table
            shown.extend([table.item(r, c).text() for c in range(3)] for r in range(table.rowCount()))
            (dialog.keep_button if choice == "theirs" else dialog.overwrite_button).click()

        seen = answer_next_dialog(ConflictDialog, pick)
        assert save_estate(window, mine, code, read, {"notes": "我：待整改"}) == choice
        assert seen and shown == [["备注", "我：待整改", "他们：已验收"]]
        assert (
            theirs.login
            in seen[0].windowTitle() + seen[0].findChild(type(seen[0].table)).horizontalHeaderItem(2).text()
        )  # type: ignore[attr-defined]
        assert theirs.estate(code).notes == ("他们：已验收" if choice == "theirs" else "我：待整改")
    window.close()


def test_a_typed_password_opens_the_server_and_reaches_no_title_settings_or_log(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    url, password = login(server, None, "viewer")  # not in the keyring: the viewer asks
    settings.set_basemap_for(settings_path(url), "")
    window = make_window(qtbot, settings, None)
    caplog.set_level(logging.DEBUG)

    def type_it(dialog: ConnectDialog) -> None:
        assert "密码" in dialog.reason.text() and password not in dialog.reason.text()
        dialog.password.setText(password)
        dialog.save.setChecked(False)
        dialog.accept()

    asked = answer_next_dialog(ConnectDialog, type_it)
    assert window.open_inventory(view_url(url, [MIAN]))
    window.server.opening.settle()
    assert asked and isinstance(window.session, ServerSession)
    settings.q.sync()
    written = Path(settings.q.fileName()).read_text("utf-8")
    assert view_url(url, [MIAN]) in written
    for text in (window.windowTitle(), written, caplog.text, window.statusBar().currentMessage()):
        assert password not in text
    assert memory_keyring.get_password(KEYRING_SERVICE, display_name(url)) is None  # not ticked: not kept
    window.close()


def test_a_ticked_password_goes_to_the_keyring_and_a_wrong_one_is_said_plainly(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings
) -> None:
    url, password = login(server, None, "viewer")
    window = make_window(qtbot, settings, None)
    reasons: list[str] = []

    def wrong_then_right(dialog: ConnectDialog) -> None:
        reasons.append(dialog.reason.text())
        dialog.password.setText(password if len(reasons) > 1 else "wrong")
        dialog.save.setChecked(True)
        if len(reasons) == 1:
            answer_next_dialog(ConnectDialog, wrong_then_right)
        dialog.accept()

    saved: list[str] = []
    remembered = memory_keyring.set_password
    memory_keyring.set_password = lambda s, u, p: (saved.append(p), remembered(s, u, p))  # type: ignore[method-assign]
    answer_next_dialog(ConnectDialog, wrong_then_right)
    settings.set_basemap_for(settings_path(url), "")
    assert window.open_inventory(view_url(url, [MIAN]))
    window.server.opening.settle()
    assert "要求输入密码" in reasons[0] and "用户名或密码不正确" in reasons[1]
    assert memory_keyring.get_password(KEYRING_SERVICE, display_name(url)) == password
    assert saved == [password]  # the wrong one was never kept
    window.close()


def test_the_estate_form_saves_on_the_server_and_a_collision_asks_before_overwriting(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings
) -> None:
    from onemap.gui.server.conflict import ConflictDialog
    from onemap.gui.server.edit import ServerEstateForm

    me, _ = login(server, memory_keyring)
    other, _ = login(server, memory_keyring)
    window = opened(qtbot, settings, me)
    session = window.session
    assert session is not None  # the fields-only form: hidden from the menu once it writes, still version-checked
    code = str(session.table.code[4])
    session.state.select([code], code)
    form = window.server.edit_current()
    assert isinstance(form, ServerEstateForm)
    with Inventory.open(other) as theirs:
        theirs.update_estate(code, notes="他们：先改了")
    form.fields.widget_for("notes").setPlainText("我：表单里改的")  # type: ignore[union-attr]
    seen = answer_next_dialog(ConflictDialog, lambda d: d.overwrite_button.click())
    assert form.save() and form.outcome == "mine" and seen
    with Inventory.open(other, readonly=True) as theirs:
        assert theirs.estate(code).notes == "我：表单里改的"
    window.close()


def test_outlines_are_read_by_view_in_a_worker_and_a_superseded_read_is_dropped(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings, demo_file: Path
) -> None:
    from onemap.gui.server.polygons import BackgroundSource
    from tests.gui.guikit import show_around

    url, _ = login(server, memory_keyring, "viewer")
    window = opened(qtbot, settings, url)
    session, layers = window.session, window.layers
    assert session is not None and layers is not None
    source = session.outlines
    assert isinstance(source, BackgroundSource)
    show_around(window, 0, 400.0)
    qtbot.waitUntil(lambda: source.reads > 0 and not source.busy and len(layers.outlines.features) > 0, timeout=20_000)
    region = layers.outlines._region
    assert region is not None
    with Inventory.open(demo_file, readonly=True) as file:
        in_file = set(file.fids_within("estate_areas", region.lonlat_bounds(), 20_000))
    assert {f.fid for f in layers.outlines.features} == in_file  # every demo estate is on show
    far, near = session.state.home, region.expanded(2.0)
    assert far is not None
    before = source.reads
    assert source.within(far) == source.within(far)  # not read yet: what was shown, and one read at a time
    source.within(near)
    qtbot.waitUntil(lambda: not source.busy, timeout=20_000)
    assert source.reads == before + 3 and source._ready[-1][0] == near  # the read for `far` was superseded
    window.close()


def test_a_login_without_a_role_is_told_it_has_no_rights(
    server: str, memory_keyring: MemoryKeyring, pg_database: str
) -> None:
    import uuid

    import psycopg

    from onemap.gui.server.control import open_session
    from onemap.store.server.viewerrors import ViewError

    name, password = f"nobody_{uuid.uuid4().hex[:6]}", uuid.uuid4().hex
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{password}'")
    url = url_as(server, name)
    remember(memory_keyring, url, password)
    with pytest.raises(ViewError) as refused:
        open_session(view_url(url, [MIAN]))
    assert refused.value.kind == "no_rights" and "onemap server grant" in refused.value.message("en")


def test_the_command_line_hands_a_server_url_to_the_viewer_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    import onemap.gui.server.control as control
    from onemap.cli import main

    handed: list[str] = []
    monkeypatch.setattr(control, "run_url", lambda url, lang=None: handed.append(url) or 0)  # no event loop
    url = "postgresql://wang@db.city:5432/onemap?county=610725"
    assert main([url]) == 0 and handed == [url]  # not a Path: "//" would become "/"
