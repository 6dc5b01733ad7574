"""The window's side of a shared inventory: File ▸ 连接服务器… / 交回外业数据…, opening a URL, live refresh.

A ``postgresql://`` URL opens :class:`~onemap.store.server.viewreads.ServerView` (one county
when ``?county=`` names it) as the map session's inventory; polygons come by view through the
server's GiST index.  A refused login asks for the password once (the connect dialog), kept
in memory or, when ticked, in the OS keyring.  The Edit menu edits the server as the login
(:mod:`onemap.gui.server.edit`; a stale edit goes to :mod:`onemap.gui.server.conflict`); what
other logins change is shown as it is committed (:mod:`onemap.gui.server.live`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from onemap.gui.errors import show_message
from onemap.gui.i18n import keep_tr, tr
from onemap.gui.jobs import message_of
from onemap.gui.server.edit import start_editing
from onemap.gui.server.live import ListenThread, tell_changes
from onemap.gui.server.opening import Opening
from onemap.view.session import MapSession

if TYPE_CHECKING:
    from onemap.gui.main_window import MainWindow
    from onemap.store import Inventory


class ServerSession(MapSession):
    """A map session on a server: titled by the county and ``login@host:port/db`` (never a password)."""

    url: str = ""
    # no file behind it: per-file readers (the watch marks' own connection) leave it alone
    remote = True

    @property
    def path(self) -> Path:
        """A name for per-inventory settings (basemap, reference layers): no file is made there."""
        return settings_path(self.server_name)

    @property
    def server_name(self) -> str:
        """``login@host:port/db``: what the title, status bar and settings call it (never a password)."""
        return str(getattr(self.inventory, "url", ""))

    def read_by_view_in_background(self, reader: Any) -> None:
        """Outlines and buildings read as the map pans, off the UI thread, on ``reader`` (its own connection)."""
        from onemap.gui.server.polygons import BackgroundSource

        self.reader = reader
        self.outlines = BackgroundSource(self.inventory, "estate_areas", reader)
        self.buildings = BackgroundSource(self.inventory, "buildings", reader)

    def close(self) -> None:
        """Close the server connections (after the view reads still running)."""
        reader = getattr(self, "reader", None)
        if reader is not None:
            for source in (self.outlines, self.buildings):
                source.close()  # type: ignore[attr-defined]
            reader.close()
        super().close()

    def _county_names(self) -> str:
        """The counties on show by name (their outlines' names, else the national list), else the file's rule."""
        from onemap.geo.boundaries import county_name
        from onemap.summary import area_name

        counties = getattr(self.inventory, "counties", ())
        if not counties:
            return area_name(self.inventory)  # the whole database: its own county, or "…等 N 个县（区）"
        names = {a.code: a.name for a in self.inventory.admin_areas(["county"])}
        return "、".join(str(names.get(c) or county_name(c) or c) for c in counties)

    def _read_title(self) -> str:
        try:
            county = self._county_names()
        except Exception:  # the title is no reason to refuse the server
            county = ""
        return f"{county} · {self.server_name}" if county else self.server_name


def settings_path(url: str) -> Path:
    """Where a server's per-inventory settings are keyed (``login@host:port/db`` or a URL; no file there)."""
    from onemap.store.server.connect import display_name
    from onemap.store.server.viewreads import split_view_url
    from onemap.userdirs import user_data_dir

    shown = display_name(split_view_url(url)[0]) if "://" in url else url
    safe = "".join(c if c.isalnum() or c in "@.-_" else "_" for c in shown)
    return user_data_dir() / "servers" / f"{safe}.server"


def open_session(url: str) -> ServerSession:
    """A map session on a viewer URL; refusals as the viewer's sentences."""
    from onemap.store.server.connect import display_name
    from onemap.store.server.viewerrors import classify
    from onemap.store.server.viewreads import open_for_viewing, split_view_url

    view = open_for_viewing(url)
    try:
        session = ServerSession(cast("Inventory", view))  # a ServerView answers the session's reads
        session.read_by_view_in_background(open_for_viewing(url))
    except Exception as error:
        view.close()
        raise classify(error, display_name(split_view_url(url)[0])) from None
    session.url = url
    return session


class ServerControl(QObject):
    """Menu actions, opening and live refresh for server inventories in one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.listener: ListenThread | None = None
        self.connect_action = QAction(window)
        keep_tr(self.connect_action, "setText", str(QT_TRANSLATE_NOOP("", "连接服务器…")))
        self.connect_action.setObjectName("connectServer")
        self.connect_action.triggered.connect(self.ask_and_open)
        self.checkin_action = QAction(window)
        keep_tr(self.checkin_action, "setText", str(QT_TRANSLATE_NOOP("", "交回外业数据…")))
        self.checkin_action.setObjectName("checkinField")
        self.checkin_action.triggered.connect(self.open_checkin)
        menu, after = window.commands.file_menu, window.commands.recent_menu.menuAction()
        menu.insertActions(after, [self.connect_action, self.checkin_action])
        self.edit_action = QAction(window)
        keep_tr(self.edit_action, "setText", str(QT_TRANSLATE_NOOP("", "在服务器上编辑小区…")))
        self.edit_action.setObjectName("editOnServer")
        self.edit_action.setEnabled(False)
        self.edit_action.triggered.connect(self.edit_current)
        window.editing.actions.menu.addAction(self.edit_action)
        self.writer: Any = None
        self.opening = Opening(self)  # the server being opened, off the UI thread

    @property
    def session(self) -> ServerSession | None:
        session = self.window.session
        return session if isinstance(session, ServerSession) else None

    def ask_and_open(self, url: str = "", reason: str = "") -> bool:
        """Show the connect dialog (filled from ``url``) and open what it names."""
        from onemap.gui.server.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self.window, url or (self.session.url if self.session else ""), reason)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        chosen, typed = dialog.url(), dialog.typed_password()
        hold_for_run(chosen, typed)
        return self.open_url(chosen, ask=True, keep=typed if dialog.save.isChecked() else None)

    def open_url(self, url: str, ask: bool = True, keep: str | None = None) -> bool:
        """Start opening a viewer URL in a thread; the window stays responsive (True: started).

        A login refused for its password asks again (``ask``); ``keep``: a typed password to
        save in the OS keyring once the server accepted it.  Other refusals get their sentence.
        """
        from onemap.store.server.connect import display_name
        from onemap.store.server.viewreads import split_view_url

        name = display_name(split_view_url(url)[0])
        self.window.status.showMessage(tr("正在连接 {name}…").format(name=name))
        self.opening.start(url, lambda result: self._arrived(url, ask, keep, result))
        return True

    def _arrived(self, url: str, ask: bool, keep: str | None, result: Any) -> None:
        """The opening's session (bound to the window) or its refusal (said, or the password asked)."""
        from onemap.store.server.viewerrors import asks_password

        w = self.window
        w.status.clearMessage()
        if isinstance(result, BaseException):
            if ask and asks_password(result):
                self.ask_and_open(url, message_of(result))
            else:
                show_message(w, tr("无法连接服务器"), message_of(result))
            return
        if keep is not None:
            save_in_keyring(url, keep)
        w.close_session()
        w._bind(result)
        self.opened(result)

    def opened(self, session: ServerSession) -> None:
        """What a file's opening does, for a server: title, recent list (no password), live refresh."""
        w = self.window
        w.work.update_actions()
        w.update_title()
        w.settings.add_recent(session.url)
        w.refresh_recent_menu()
        w.status.showMessage(tr("已连接 {name}").format(name=session.server_name), 5000)
        self.listen(session)
        self.edit_action.setEnabled(True)
        start_editing(self)  # the Edit menu writes as the login, undoably (onemap.gui.server.edit)
        self.alert_steps_allowed(False)  # the alert list is read-only here: no handling step is written
        layers = w.layers
        if layers is not None:  # a view read arrived: the layer draws it from the cache
            for source, layer in ((session.outlines, layers.outlines), (session.buildings, layers.buildings)):
                source.arrived = layer.refresh  # type: ignore[attr-defined]

    def listen(self, session: ServerSession) -> None:
        from onemap.store.server.viewreads import split_view_url

        self.stop()
        self.listener = ListenThread(split_view_url(session.url)[0])
        self.listener.changed.connect(lambda found: tell_changes(self.window, found))
        self.listener.start()

    def stop(self) -> None:
        """Stop listening (the session closes); an opening under way is dropped (something else opens)."""
        self.opening.drop()
        if self.listener is not None:
            self.listener.stop()
            self.listener = None
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        self.edit_action.setEnabled(False)
        self.alert_steps_allowed(True)

    def alert_steps_allowed(self, allowed: bool) -> None:
        """Enable or disable the alert dock's handling-cycle buttons and note (a server's alerts are read-only)."""
        cycle = self.window.alert_dock.cycle
        for widget in (*cycle.buttons.values(), cycle.note):
            widget.setEnabled(allowed)

    def edit_current(self) -> Any:
        """Edit ▸ 在服务器上编辑小区…: the estate form, saved on the server (conflicts asked)."""
        from onemap.gui.server.edit import edit_on_server
        from onemap.store.server.inventory import ServerInventory
        from onemap.store.server.viewreads import split_view_url

        session = self.session
        if session is None:
            return None
        if self.writer is None:
            try:
                self.writer = ServerInventory.open(split_view_url(session.url)[0])
            except Exception as error:
                show_message(self.window, tr("无法编辑"), message_of(error))
                return None
        return edit_on_server(self.window, self.writer)

    def open_checkin(self) -> Any:
        """File ▸ 交回外业数据…: choose a checked-out GeoPackage and send it back."""
        from onemap.gui.server.checkin_dialog import choose_and_checkin

        return choose_and_checkin(self.window)


def hold_for_run(url: str, password: str | None) -> None:
    """Keep a typed password in memory for this run (nothing typed: the keyring or .pgpass answers)."""
    from onemap.store.server.connect import hold_password
    from onemap.store.server.viewreads import split_view_url

    if password is not None:
        hold_password(split_view_url(url)[0], password)


def save_in_keyring(url: str, password: str) -> None:
    """Save a password the server accepted in the OS keyring (service ``onemap-postgresql``)."""
    from onemap.cameras.credentials import _usable_keyring
    from onemap.store.server.connect import KEYRING_SERVICE, display_name
    from onemap.store.server.viewreads import split_view_url

    backend = _usable_keyring()
    if backend is not None:
        backend.set_password(KEYRING_SERVICE, display_name(split_view_url(url)[0]), password)


def install_server(window: MainWindow) -> ServerControl:
    """The window's server menu entries and live refresh (one line in ``MainWindow.__init__``)."""
    return ServerControl(window)


def run_url(url: str, lang: str | None = None) -> int:
    """``onemap postgresql://…``: the main window, then the server opened in it; the exit code."""
    from PySide6.QtCore import QTimer

    from onemap.display import no_display_message
    from onemap.gui.app import start
    from onemap.gui.appsetup import make_application, platform_failure_exits

    with platform_failure_exits(no_display_message(lang)):
        app = make_application()
    window, hook = start(None, lang=lang)
    server = window.server
    QTimer.singleShot(0, lambda: server.open_url(url))
    try:
        return int(app.exec())
    finally:
        hook.uninstall()
        del window
