"""The cameras a video wall plays: one estate's, or the whole county's, with their estate's name.

Links are stored clean (no login: :func:`~onemap.store.rows.storable_link`); the player takes the
login from the OS keyring.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from onemap.store.opening import translated


@dataclass(frozen=True)
class LiveCamera:
    """A camera to watch: its fid, estate (code and name), own name and clean link."""

    fid: int
    estate_code: str
    estate_name: str | None
    name: str | None
    link: str | None


class LiveCameraReads:
    """Camera lists of :class:`~onemap.store.inventory.Inventory` for live video."""

    _conn: sqlite3.Connection

    @translated
    def live_cameras(self, estate_code: str | None = None, *, fid: int | None = None) -> list[LiveCamera]:
        """Cameras with a link, of one estate (or one camera by ``fid``, or all), in estate then file order."""
        sql = (
            "SELECT c.fid, c.estate_code, e.name, c.name, c.link FROM cameras c "
            "LEFT JOIN estates e ON e.code = c.estate_code WHERE c.link IS NOT NULL AND c.link != ''"
        )
        params: list[object] = []
        if estate_code is not None:
            sql += " AND c.estate_code = ?"
            params.append(estate_code)
        if fid is not None:
            sql += " AND c.fid = ?"
            params.append(fid)
        rows = self._conn.execute(sql + " ORDER BY c.estate_code, c.fid", params).fetchall()
        return [LiveCamera(int(r[0]), str(r[1]), r[2], r[3], r[4]) for r in rows]
