"""The alert book: normalised events in, folded alerts in the inventory out, and their handling cycle.

``AlertBook(inventory).record(event)`` is what the collector calls for every event:

- a heartbeat is ignored (counted);
- the device is looked up (:mod:`onemap.watch.devices`: camera by GB/T 28181 ID or IP +
  channel, sensor by device ID or IMEI, the event's aliases after its own key); an unknown
  device gives None, counted by reason and logged once per key;
- an ``active`` event folds into the open alert of the same device and type whose last event
  is within the fold window (default 10 minutes): count + 1, last time, most severe level —
  so a camera firing 200 times a minute is one alert with count 200;
- a ``cleared`` event (ISAPI ``eventState=inactive``, a detector's "cleared") ends the
  episode: the next active event opens a new alert.

``advance(alert_id, to_status, who, note)`` moves an alert through the handling cycle
(:mod:`onemap.watch.cycle`), refusing other moves with a sentence in Chinese and English; each
step is timed, attributed and in the audit trail.  Qt-free; SQL stays in the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from onemap.said import Said, in_lang
from onemap.watch.alert import Alert, as_alert, stamp
from onemap.watch.cycle import OPEN, refusal
from onemap.watch.devices import DeviceFinder
from onemap.watch.episodes import Episode, Episodes
from onemap.watch.event import Event, State

if TYPE_CHECKING:
    from onemap.store import Inventory
    from onemap.store.sensors import Device

FOLD_WINDOW = timedelta(minutes=10)
#: pictures kept per alert: the first few show what started it; a flood must not fill the file
MAX_PICTURES = 3


class AlertRefused(Exception):
    """A move the handling cycle does not allow, or an alert that is not there: one sentence."""

    def __init__(self, said: Said) -> None:
        super().__init__(said)
        self.said = said

    def message(self, lang: str = "zh") -> str:
        """The sentence in ``"zh"`` or ``"en"``."""
        return in_lang(self.said, lang)


class AlertBook:
    """Records events as alerts in one open inventory and advances them through the handling cycle.

    Parameters
    ----------
    inventory
        Open for writing; each :meth:`record` is one transaction of its own (do not call it
        inside another).
    fold_window
        How long after an alert's last event a new one of the same device and type still folds in.
    """

    def __init__(self, inventory: Inventory, *, fold_window: timedelta = FOLD_WINDOW) -> None:
        self.inventory = inventory
        self.fold_window = fold_window
        #: what happened to the events so far: stored, folded, cleared, heartbeat, unknown_device, …
        self.counts: Counter[str] = Counter()
        self.devices = DeviceFinder(inventory)
        #: events from devices the inventory does not know, by device key (``imei:8612…``)
        self.unknown_devices = self.devices.unknown_devices

    def record(self, event: Event) -> Alert | None:
        """Store one event: the alert it opened, folded into or cleared, or None (heartbeat, unknown device).

        Heartbeats and unknown devices are settled before any write transaction: a flood of
        them costs lookups, not commits.
        """
        device = self._accepted(event)
        if device is None:
            return None
        with self.inventory.transaction():
            episodes = Episodes(self.inventory)
            fid = self._store(event, device, episodes)
            episodes.flush()
            return None if fid is None else self.alert(fid)

    def record_all(self, events: Iterable[Event]) -> list[Alert | None]:
        """Store many events in one transaction (a burst: one commit, and one write per alert, not one
        per event), each as :meth:`record` would; every alert is read once, as it stands after the
        whole batch, so the events of one alert all get that same :class:`Alert`."""
        with self.inventory.transaction():
            episodes = Episodes(self.inventory)
            fids = [
                None if (d := self._accepted(event)) is None else self._store(event, d, episodes) for event in events
            ]
            episodes.flush()
            read = {fid: self.alert(fid) for fid in dict.fromkeys(f for f in fids if f is not None)}
        return [None if fid is None else read[fid] for fid in fids]

    def _accepted(self, event: Event) -> Device | None:
        """The device of an event worth storing; None (counted) for a heartbeat or an unknown device."""
        if event.state is State.HEARTBEAT:
            self.counts["heartbeat"] += 1
            return None
        device = self.device_of(event)
        if device is None:
            self.counts["unknown_device"] += 1
            self.devices.unknown(event)
        return device

    def _store(self, event: Event, device: Device, episodes: Episodes) -> int | None:
        """The fid of the alert the event opened, folded into or cleared (None: nothing to clear).

        Events may come out of order (a pull that reconnects, a platform that retries): an
        event belongs to the episode whose span, widened by the fold window, holds its time.
        """
        key = (device.kind, device.fid, str(event.type))
        if event.state is State.CLEARED:
            episodes.flush(key)
            return self._clear(event, device)
        at, early = stamp(event.time), stamp(event.time - self.fold_window)
        episode = episodes.get(key, at, early)
        if episode is None:
            episodes.flush(key)  # what the batch folded so far is in the file before it is asked
            window = (early, stamp(event.time + self.fold_window))
            found = self.inventory.episode_alert(*key, at, window, sorted(OPEN))
            if found is None:
                fid = self._open(event, device)
                episodes.keep(key, Episode(fid, at, at, None))
                self.counts["stored"] += 1
                self._keep_pictures(fid, event)
                return fid
            episode = Episode(found.fid, found.first_time, found.last_time, found.cleared_time)
            episodes.keep(key, episode)
        episode.fold(at, event.level, event.value, event.raw)
        self.counts["folded"] += 1
        self._keep_pictures(episode.fid, event)
        return episode.fid

    def _open(self, event: Event, device: Device) -> int:
        values = {
            "estate_code": device.estate_code,
            "device_kind": device.kind,
            "device_fid": device.fid,
            "device": str(event.device),
            "type": str(event.type),
            "level": event.level,
            "value": event.value,
            "first_time": stamp(event.time),
            "last_time": stamp(event.time),
            "count": 1,
            "status": "new",
            "source": event.source,
            "first_raw": event.raw,
            "last_raw": event.raw,
        }
        return self.inventory.insert_alert(values, device.location)

    def _clear(self, event: Event, device: Device) -> int | None:
        found = self.inventory.open_alert(device.kind, device.fid, str(event.type), "", sorted(OPEN))
        if found is None or found.first_time > stamp(event.time):  # none open, or the end of an earlier one
            self.counts["cleared_without_alert"] += 1
            return None
        self.inventory.clear_alert(found.fid, stamp(event.time), event.raw)
        self.counts["cleared"] += 1
        return found.fid

    def _keep_pictures(self, fid: int, event: Event) -> None:
        if not event.pictures:
            return
        room = MAX_PICTURES - self.inventory.alert_picture_count(fid)
        for jpeg in event.pictures[: max(room, 0)]:
            self.inventory.add_alert_picture(fid, jpeg, stamp(event.time))

    def device_of(self, event: Event) -> Device | None:
        """The camera or sensor that sent ``event`` (its own key first, then its aliases), or None."""
        return self.devices.device_of(event)

    def alerts(
        self,
        *,
        since: datetime | None = None,
        statuses: Sequence[str] = (),
        types: Sequence[str] = (),
        estate: str | None = None,
        township: str | None = None,
        limit: int | None = 500,
    ) -> list[Alert]:
        """Alerts whose last event came at or after ``since``, filtered by status, type, estate and
        township, newest first (at most ``limit``)."""
        rows = self.inventory.alert_rows(
            since=None if since is None else stamp(since),
            statuses=statuses,
            types=types,
            estate=estate,
            township=township,
            limit=limit,
        )
        return [as_alert(row) for row in rows]

    def alert(self, alert_id: int) -> Alert:
        """One alert as it stands in the inventory; :class:`AlertRefused` when there is none."""
        row = self.inventory.alert_row(alert_id)
        if row is None:
            raise AlertRefused(Said(f"没有编号为 {alert_id} 的告警。", f"There is no alert number {alert_id}."))
        return as_alert(row)

    def advance(self, alert_id: int, to_status: str, who: str, note: str | None = None) -> Alert:
        """Move an alert to ``to_status`` (timed, attributed to ``who``, audited) and return it.

        Raises
        ------
        AlertRefused
            For an unknown alert, a move the cycle does not allow, closing or calling a false
            alarm without a note, or an alert someone else moved meanwhile.
        """
        current = self.alert(alert_id).status
        said = refusal(current, to_status)
        if said is None and to_status in ("closed", "false_alarm") and not (note or "").strip():
            said = Said(
                "办结或认定误报须填写说明（--note）。",
                "Closing an alert or calling it a false alarm needs a note (--note).",
            )
        if said is not None:
            raise AlertRefused(said)
        with self.inventory.transaction():
            step = self.inventory.set_alert_status(alert_id, current, to_status, who, (note or "").strip() or None)
        if step is None:
            raise AlertRefused(
                Said(
                    "该告警刚被他人改了状态，请刷新后重试。",
                    "Someone else just changed this alert; refresh and try again.",
                )
            )
        return self.alert(alert_id)
