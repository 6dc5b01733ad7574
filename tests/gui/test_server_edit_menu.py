"""The viewer's Edit menu on a server session: moves, deletes, undo, conflicts and a viewer's read-only login."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from onemap.gui.server.conflict import ConflictDialog
from onemap.gui.settings import Settings
from onemap.store import Inventory
from tests.core.server_support import loaded
from tests.gui.test_server_viewer import answer_next_dialog, login, opened
from tests.keyring_kit import MemoryKeyring


@pytest.fixture
def server(pg_database: str, demo_file: Path) -> str:
    """The demo loaded into a fresh server database (the superuser's URL)."""
    return loaded(pg_database, demo_file)


def _grab_edit_menu(window, name: str) -> Path | None:  # type: ignore[no-untyped-def]
    """The Edit menu as the user sees it, saved under ``ONEMAP_SCREENSHOTS`` when set (to look at)."""
    folder = os.environ.get("ONEMAP_SCREENSHOTS")
    if not folder:
        return None
    menu = window.editing.actions.menu
    menu.popup(window.mapToGlobal(window.rect().topLeft()))
    path = Path(folder) / name
    menu.grab().save(str(path))
    menu.hide()
    return path


def test_the_edit_menu_moves_deletes_and_undoes_on_the_server_as_the_login(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings
) -> None:
    me, _ = login(server, memory_keyring)
    window = opened(qtbot, settings, me)
    editing, session = window.editing, window.session
    assert session is not None and editing.writable and not editing.readonly_reason
    assert not window.server.edit_action.isVisible()  # one estate form in the menu, the one with child rows and undo
    code = str(session.table.code[6])
    session.state.select([code], code)
    actions = editing.actions
    assert all(a.isEnabled() for a in (actions.edit, actions.delete, actions.move, actions.reshape, actions.add))
    row = session.table.row_of(code)
    start = (float(session.table.lon[row]), float(session.table.lat[row]))
    assert editing.move_estate(code, (start[0] + 0.002, start[1]))
    qtbot.waitUntil(lambda: abs(float(session.table.lon[session.table.row_of(code)]) - start[0] - 0.002) < 1e-9)
    assert "移动小区位置" in editing.undo.undo.text()
    _grab_edit_menu(window, "server-edit-menu.png")
    box = editing.delete_current()
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    with Inventory.open(server, readonly=True) as served:
        assert served.count(f"code={code}") == 0
        editing.undo.undo_step()  # the estate comes back with its rows
        assert served.count(f"code={code}") == 1 and served.estate(code).location == (start[0] + 0.002, start[1])
        editing.undo.undo_step()
        assert served.estate(code).location == start
        me_login = me.split("//")[1].split("@")[0]
        assert {e.who for e in served.history(code, 20) if e.action in ("update", "delete", "insert")} == {me_login}
    window.close()


def test_districts_and_facilities_change_on_the_server_from_the_window_and_undo_and_import_stays_off(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings
) -> None:
    from onemap.edit.districts import AssignDistrict
    from onemap.edit.facility_edits import AddFacility, new_facility

    me, _ = login(server, memory_keyring)
    window = opened(qtbot, settings, me)
    session, history = window.session, window.editing.history
    assert session is not None and history is not None
    window.work.update_actions()
    assert not window.work.import_ledger.isEnabled()  # File ▸ Import writes a file: the server imports by CLI
    code = str(session.table.code[0])
    row = session.table.row_of(code)
    where = (float(session.table.lon[row]), float(session.table.lat[row]))
    assert history.push_and_apply(AssignDistrict([code], "一片区"))
    add = AddFacility(new_facility("kindergarten", where))
    assert history.push_and_apply(add) and add.fid is not None
    with Inventory.open(server, readonly=True) as served:
        assert served.district_map()[code] == "一片区"
        assert served.facility(add.fid).location == where
        window.editing.undo.undo_step()
        assert served.facility(add.fid) is None
        window.editing.undo.undo_step()
        assert code not in served.district_map()
    window.close()


def test_a_move_overtaken_by_another_login_shows_the_conflict_dialog_naming_them(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings
) -> None:
    me, _ = login(server, memory_keyring)
    other, _ = login(server, memory_keyring)
    window = opened(qtbot, settings, me)
    session = window.session
    assert session is not None
    code = str(session.table.code[8])
    row = session.table.row_of(code)
    shown = (float(session.table.lon[row]), float(session.table.lat[row]))
    with Inventory.open(other) as theirs:
        theirs.move_estate(code, (shown[0] + 0.01, shown[1]))  # before the live refresh reaches the map
        headers: list[str] = []

        def keep_theirs(dialog: ConflictDialog) -> None:
            headers.append(dialog.table.horizontalHeaderItem(2).text())
            headers.append(dialog.table.item(0, 0).text())
            headers.append(dialog.intro.text())
            if os.environ.get("ONEMAP_SCREENSHOTS"):
                dialog.grab().save(str(Path(os.environ["ONEMAP_SCREENSHOTS"]) / "server-move-conflict.png"))
            dialog.keep_button.click()

        seen = answer_next_dialog(ConflictDialog, keep_theirs)
        assert not window.editing.move_estate(code, (shown[0] - 0.01, shown[1]))
        assert seen and theirs.login in headers[0] and headers[1] == "位置"
        # when they changed it, as people read it: Beijing time, not the stored ISO text
        assert re.search(r" 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 修改了", headers[2]), headers[2]
        assert theirs.estate(code).location == (shown[0] + 0.01, shown[1])
    assert not window.editing.undo.undo.isEnabled()  # nothing of mine landed, nothing to undo
    window.close()


def test_a_viewer_login_gets_a_read_only_edit_menu_saying_why(
    qtbot, server: str, memory_keyring: MemoryKeyring, settings: Settings
) -> None:
    url, _ = login(server, memory_keyring, "viewer")
    window = opened(qtbot, settings, url)
    editing = window.editing
    assert not editing.writable and "只能查看" in editing.readonly_reason
    assert "（只读）" in window.windowTitle()
    assert not editing.actions.move.isEnabled() and not editing.actions.delete.isEnabled()
    assert not window.server.edit_action.isEnabled()
    _grab_edit_menu(window, "server-edit-menu-viewer.png")
    window.close()
