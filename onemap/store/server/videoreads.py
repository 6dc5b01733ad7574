"""What the alert dock's 视频 button and the video wall read from a shared inventory: an alert, its camera.

The same answers as the file's (:meth:`~onemap.store.alerts_reads.AlertReads.alert_row`,
:meth:`~onemap.store.live_cameras.LiveCameraReads.live_cameras`), so a server session plays a
camera alert's video through the file session's path: the camera's link is stored clean on the
server as in the file, and the player takes the camera's login from the OS keyring.  Kept to the
county on show, every value a parameter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from onemap.store.alerts_reads import AlertRow
from onemap.store.live_cameras import LiveCamera
from onemap.store.server.watchreads import _ALERT_FIELDS, _ALERT_ROWS

_CAMERAS = (
    "SELECT c.fid, c.estate_code, e.name, c.name, c.link FROM cameras c LEFT JOIN estates e ON e.code = c.estate_code "
    "WHERE c.link IS NOT NULL AND c.link <> ''"
)


class ServerVideoReads:
    """Read methods of :class:`~onemap.store.server.viewreads.ServerView` for an alert's video."""

    _conn: Any
    _scope: Callable[..., tuple[str, list[Any]]]
    _watch_rows: Callable[..., tuple[str, list[Any]]]

    def alert_row(self, fid: int) -> AlertRow | None:
        """One alert of the county on show (as the file's ``alert_row``), None when there is none."""
        query, values = self._watch_rows(_ALERT_ROWS, "a", None, "a.fid = %s", [int(fid)])
        found = self._conn.execute(query, values).fetchone()
        if found is None:
            return None
        location = None if found[16] is None else (found[16], found[17])
        return AlertRow(**dict(zip(_ALERT_FIELDS, found[:16], strict=True)), location=location)

    def alert_pictures(self, alert_id: int) -> list[tuple[str, bytes]]:
        """An alert's pictures, ``(taken_at, JPEG bytes)`` in the order they came (a click on an alert shows them)."""
        rows = self._conn.execute(
            "SELECT taken_at, picture FROM alert_pictures WHERE alert_id = %s ORDER BY fid", (int(alert_id),)
        ).fetchall()
        return [(r[0], bytes(r[1])) for r in rows]

    def live_cameras(self, estate_code: str | None = None, *, fid: int | None = None) -> list[LiveCamera]:
        """Cameras with a link, of one estate (or one camera by ``fid``, or all on show), in estate then fid order."""
        scope, params = self._scope("c.estate_code", None)
        query = f"{_CAMERAS} AND {scope}"
        if estate_code is not None:
            query += " AND c.estate_code = %s"
            params.append(estate_code)
        if fid is not None:
            query += " AND c.fid = %s"
            params.append(int(fid))
        rows = self._conn.execute(query + " ORDER BY c.estate_code, c.fid", params).fetchall()
        return [LiveCamera(int(r[0]), str(r[1]), r[2], r[3], r[4]) for r in rows]
