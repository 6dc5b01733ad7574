"""Sensors (gas detectors …) and the question the collector asks of every event: whose device is this?

A camera is found by its GB/T 28181 ID (``cameras.gb_id``) or by the IP address of its link's
host and its channel (``cameras.channel``, else the channel the link names); a sensor by its
platform device ID or its IMEI.  The answer, a :class:`Device`, carries the estate, its name and
township and where to draw the alert: the device's own point, else the estate's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onemap.cameras import CameraLink, parse_camera_link
from onemap.model import Sensor
from onemap.store.audit import AuditTrail, timestamp
from onemap.store.blocks import point_envelopes
from onemap.store.blockwrites import next_fid
from onemap.store.bulkindex import triggers_suspended
from onemap.store.manyrows import insert_rows
from onemap.store.opening import translated
from onemap.store.rows import location_of, point_blob
from onemap.store.rtreebuild import PARALLEL_FROM
from onemap.store.scratch import ScratchBlock, copy_scratch
from onemap.store.values import differs, storable

#: the sensors table's attribute columns, in table order
SENSOR_COLUMNS = ("estate_code", "device_id", "imei", "kind", "name", "low_lel", "high_lel", "status")
_DEVICE = (
    "SELECT d.fid, d.estate_code, e.name, e.township, COALESCE(d.geom, e.geom), {label} "
    "FROM {table} d JOIN estates e ON e.code = d.estate_code "
)


@dataclass(frozen=True)
class Device:
    """A camera or sensor found for an event: ``kind`` ``camera`` or ``sensor``, its fid, its
    estate (code, name, township), its label and ``(lon, lat)`` (the estate's when it has none)."""

    kind: str
    fid: int
    estate_code: str
    estate_name: str | None
    township: str | None
    label: str | None
    location: tuple[float, float] | None


class _Cleaner:
    """:func:`storable` for one value at a time, remembered: a bulk load repeats its kinds and names,
    and a plain ASCII word or number (an IMEI, a device ID) cannot hold a credential."""

    def __init__(self) -> None:
        self._seen: dict[str, Any] = {}

    def __call__(self, value: Any) -> Any:
        if not isinstance(value, str) or (value.isascii() and value.isalnum()):
            return value
        if value not in self._seen:
            self._seen[value] = storable("sensors", {"v": value})["v"]
        return self._seen[value]


def _sensor(row: Any) -> Sensor:
    values = dict(zip(SENSOR_COLUMNS, row[1:9], strict=True))
    return Sensor(**values, location=location_of(row[9]), fid=row[0])


def _device(kind: str, row: Any) -> Device:
    return Device(kind, int(row[0]), row[1], row[2], row[3], row[5], location_of(row[4]))


class SensorStore:
    """Device lookups and sensor writes of :class:`~onemap.store.inventory.Inventory`."""

    _conn: sqlite3.Connection
    audit: AuditTrail
    path: Path

    @translated
    def camera_by_gb_id(self, gb_id: str) -> Device | None:
        """The camera with this GB/T 28181 ID (20 digits), or None."""
        sql = _DEVICE.format(label="d.name", table="cameras") + "WHERE d.gb_id = ? ORDER BY d.fid LIMIT 1"
        row = self._conn.execute(sql, (gb_id,)).fetchone()
        return None if row is None else _device("camera", row)

    @translated
    def camera_by_ip(self, ip: str, channel: int | None = None) -> Device | None:
        """The camera whose link's host is ``ip`` and whose channel is ``channel`` (None: the lowest).

        Links carry no credentials, so the host is the link's; ``instr`` narrows the rows to
        parse, the parsed host decides (``10.1.1.1`` must not match ``10.1.1.12``).
        """
        rows = self._conn.execute(
            _DEVICE.format(label="d.name, d.link, d.channel", table="cameras")
            + "WHERE instr(d.link, ?) ORDER BY d.fid",
            (ip,),
        ).fetchall()
        found = []
        for row in rows:
            link = parse_camera_link(row[6])
            if not isinstance(link, CameraLink) or link.host != ip:
                continue
            number = row[7] if row[7] is not None else link.channel
            if channel is None or number == channel:
                found.append((number if number is not None else 1 << 30, row))
        if not found:
            return None
        return _device("camera", min(found, key=lambda pair: pair[0])[1])

    @translated
    def sensor_by_id(self, device_id: str | None = None, imei: str | None = None) -> Device | None:
        """The sensor with this platform device ID, else this IMEI (an ID may also be an IMEI)."""
        sql = _DEVICE.format(label="d.name", table="sensors")
        for column, value in (("device_id", device_id), ("imei", imei), ("imei", device_id)):
            if value:
                row = self._conn.execute(sql + f"WHERE d.{column} = ? ORDER BY d.fid LIMIT 1", (value,)).fetchone()
                if row is not None:
                    return _device("sensor", row)
        return None

    @translated
    def sensors(self, estate_code: str | None = None) -> list[Sensor]:
        """Every sensor (of one estate), in file order."""
        where, params = ("WHERE estate_code = ?", (estate_code,)) if estate_code else ("", ())
        rows = self._conn.execute(
            f"SELECT fid, {', '.join(SENSOR_COLUMNS)}, geom FROM sensors {where} ORDER BY fid", params
        )
        return [_sensor(row) for row in rows]

    @translated
    def sensor_owners(self, imei: str | None, device_id: str | None) -> set[str]:
        """The estates holding a sensor with this IMEI or this device ID (indexed lookups)."""
        found: set[str] = set()
        for column, value in (("imei", imei), ("device_id", device_id)):
            if value:
                rows = self._conn.execute(f"SELECT DISTINCT estate_code FROM sensors WHERE {column} = ?", (value,))
                found.update(row[0] for row in rows)
        return found

    @translated
    def sensors_by_estate(self) -> dict[str, list[Sensor]]:
        """Every sensor, grouped by estate code (one query: exports)."""
        grouped: dict[str, list[Sensor]] = {}
        for sensor in self.sensors():
            grouped.setdefault(sensor.estate_code, []).append(sensor)
        return grouped

    def add_sensor(self, sensor: Sensor) -> int:
        """Insert one sensor (inside a transaction), audited; returns its fid."""
        values = storable("sensors", {c: getattr(sensor, c) for c in SENSOR_COLUMNS})
        values["geom"] = point_blob(sensor.location)
        names = ", ".join(values)
        cursor = self._conn.execute(
            f"INSERT INTO sensors ({names}) VALUES ({', '.join('?' for _ in values)})", list(values.values())
        )
        fid = int(cursor.lastrowid or 0)
        self.audit.record_row("insert", "sensors", f"{sensor.estate_code}/{fid}", values)
        return fid

    def add_sensors(self, sensors: Iterable[Sensor], note: str) -> int:
        """Insert many sensors at once (the demo, an import), audited as one ``bulk`` entry."""
        clean = _Cleaner()
        rows = [(*(clean(getattr(s, c)) for c in SENSOR_COLUMNS), point_blob(s.location)) for s in sensors]
        # one R-tree fill, not 5 Python calls a row; a national demo's (empty) one packed at the end
        with triggers_suspended(self._conn, ["sensors"], parallel=len(rows) >= PARALLEL_FROM) as index:
            first = next_fid(self._conn, "sensors")
            insert_rows(
                self._conn,
                "sensors",
                ("fid", *SENSOR_COLUMNS, "geom"),
                ((first + k, *row) for k, row in enumerate(rows)),
            )
            index.add("sensors", first, point_envelopes([location_of(row[-1]) for row in rows]))  # not read back
        self.audit.record("bulk", "sensors", None, None, None, f"{note}：{len(rows)} 个传感器")
        update_extent(self._conn, "sensors")
        return len(rows)

    def copy_sensors(self, block: ScratchBlock, note: str) -> int:
        """Copy the sensors a helper wrote into a scratch file (:mod:`~onemap.store.scratch`), one ``bulk`` entry."""
        count = block.table("sensors").count
        with triggers_suspended(self._conn, ["sensors"], parallel=count >= PARALLEL_FROM) as index:
            copy_scratch(self._conn, block, index, timestamp())
        self.audit.record("bulk", "sensors", None, None, None, f"{note}：{count} 个传感器")
        update_extent(self._conn, "sensors")
        return count

    def replace_sensors(self, code: str, sensors: Iterable[Sensor]) -> int:
        """Make estate ``code``'s sensors be ``sensors`` (a re-imported ledger); returns the rows changed.

        A sensor already there (same IMEI, else same device ID) is updated in place, keeping its
        fid (alerts point at it); a blank of ``sensors`` (no status: the collector's word, no
        name) leaves the stored value.  The others are added, the estate's sensors not named
        deleted.  Each write is
        audited as an edit is, so an unchanged ledger writes nothing.
        """
        kept = {s.fid: s for s in self.sensors(code)}
        changed = 0
        for sensor in sensors:
            old = _same_device(kept.values(), sensor)
            if old is None:
                self.add_sensor(sensor)
                changed += 1
                continue
            assert old.fid is not None
            del kept[old.fid]
            # blanks never erase what the file has (a ledger carries no status, often no name)
            fields = {c: getattr(sensor, c) for c in SENSOR_COLUMNS[1:] if getattr(sensor, c) is not None}
            if sensor.location is not None:
                fields["location"] = sensor.location
            changed += bool(self.update_sensor(old.fid, **fields))
        for fid in kept:
            changed += self.delete_sensor(fid)  # type: ignore[arg-type]
        return changed

    def update_sensor(self, fid: int, **changes: Any) -> list[str]:
        """Change a sensor's fields (``location`` moves it); returns the fields that really changed."""
        unknown = set(changes) - set(SENSOR_COLUMNS) - {"location"}
        if unknown:
            raise ValueError(f"not sensor fields: {sorted(unknown)}")
        old = self._conn.execute("SELECT * FROM sensors WHERE fid = ?", (fid,)).fetchone()
        if old is None:
            raise KeyError(fid)
        new = storable("sensors", {("geom" if k == "location" else k): v for k, v in changes.items()})
        if "geom" in new:
            new["geom"] = point_blob(new["geom"])
        changed = [k for k, v in new.items() if differs(old[k], v)]
        for name in changed:
            self._conn.execute(f'UPDATE sensors SET "{name}" = ? WHERE fid = ?', (new[name], fid))
            self.audit.record("update", "sensors", f"{old['estate_code']}/{fid}", name, old[name], new[name])
        return changed

    def delete_sensor(self, fid: int) -> bool:
        """Delete one sensor, audited with its whole row; False when there was none."""
        old = self._conn.execute("SELECT * FROM sensors WHERE fid = ?", (fid,)).fetchone()
        if old is None:
            return False
        self._conn.execute("DELETE FROM sensors WHERE fid = ?", (fid,))
        self.audit.record_row("delete", "sensors", f"{old['estate_code']}/{fid}", dict(old))
        return True


def _same_device(stored: Iterable[Sensor], sensor: Sensor) -> Sensor | None:
    """The stored sensor that is ``sensor``'s device: the same IMEI, else the same device ID."""
    for attr in ("imei", "device_id"):
        value = getattr(sensor, attr)
        if value:
            found = next((s for s in stored if getattr(s, attr) == value), None)
            if found is not None:
                return found
    return None


def update_extent(conn: sqlite3.Connection, table: str) -> None:
    """One layer's bounding box in gpkg_contents (QGIS zooms to it), from its R-tree."""
    row = conn.execute(f'SELECT min(minx), min(miny), max(maxx), max(maxy) FROM "rtree_{table}_geom"').fetchone()
    conn.execute(
        "UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=?, "
        "last_change=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name=?",
        (*row, table),
    )


def extend_extent(conn: sqlite3.Connection, table: str, location: tuple[float, float] | None) -> None:
    """Grow one layer's bounding box to hold a new point (cheaper than :func:`update_extent` per row)."""
    if location is None:
        return
    x, y = location
    conn.execute(
        "UPDATE gpkg_contents SET min_x = min(COALESCE(min_x, ?), ?), min_y = min(COALESCE(min_y, ?), ?), "
        "max_x = max(COALESCE(max_x, ?), ?), max_y = max(COALESCE(max_y, ?), ?), "
        "last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?",
        (x, x, y, y, x, x, y, y, table),
    )
