"""One alert as the rest of OneMap sees it: a frozen :class:`Alert`, its times aware, its words in two languages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from onemap.watch.cycle import status_label
from onemap.watch.event import SHANGHAI, TYPE_NAMES, AlertType

if TYPE_CHECKING:
    from onemap.store.alerts import AlertRow


@dataclass(frozen=True)
class Alert:
    """One alert: where (estate, township, lon/lat), what (device, type, level 1 most severe … 4, value),
    how often (count, first and last time) and how far its handling has come (status)."""

    id: int
    estate_code: str
    estate_name: str | None
    township: str | None
    device_kind: str
    device: str
    type: str
    level: int
    value: float | None
    status: str
    count: int
    first_time: datetime
    last_time: datetime
    cleared_time: datetime | None
    lon: float | None
    lat: float | None
    source: str | None = None
    #: the camera's or sensor's fid (its mark turns alerting); None where unknown
    device_fid: int | None = None

    @property
    def episode_open(self) -> bool:
        """Whether the device has not yet said the alarm ended."""
        return self.cleared_time is None

    def type_label(self, lang: str = "zh") -> str:
        """The type in words (烟雾明火 / smoke or open fire)."""
        try:
            zh, en = TYPE_NAMES[AlertType(self.type)]
        except ValueError:
            return self.type
        return zh if lang == "zh" else en

    def status_label(self, lang: str = "zh") -> str:
        """The handling status in words (新告警 / new)."""
        return status_label(self.status, lang)

    def as_record(self) -> dict[str, Any]:
        """The alert as JSON-ready values (times ISO 8601 in Beijing time, keys stable for scripts)."""
        return {
            "id": self.id,
            "estate_code": self.estate_code,
            "estate_name": self.estate_name,
            "township": self.township,
            "device_kind": self.device_kind,
            "device": self.device,
            "type": self.type,
            "level": self.level,
            "value": self.value,
            "status": self.status,
            "count": self.count,
            "first_time": self.first_time.astimezone(SHANGHAI).isoformat(timespec="seconds"),
            "last_time": self.last_time.astimezone(SHANGHAI).isoformat(timespec="seconds"),
            "cleared_time": None
            if self.cleared_time is None
            else self.cleared_time.astimezone(SHANGHAI).isoformat(timespec="seconds"),
            "lon": self.lon,
            "lat": self.lat,
            "source": self.source,
        }


def stamp(moment: datetime) -> str:
    """An aware time as the inventory stores it: UTC, milliseconds, ``Z`` (text order is time order)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def unstamp(text: str) -> datetime:
    """A stored time back as an aware datetime (UTC)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def as_alert(row: AlertRow) -> Alert:
    """An :class:`Alert` from the store's row."""
    lon, lat = row.location if row.location is not None else (None, None)
    return Alert(
        id=row.fid,
        estate_code=row.estate_code,
        estate_name=row.estate_name,
        township=row.township,
        device_kind=row.device_kind,
        device=row.device,
        type=row.type,
        level=row.level,
        value=row.value,
        status=row.status,
        count=row.count,
        first_time=unstamp(row.first_time),
        last_time=unstamp(row.last_time),
        cleared_time=None if row.cleared_time is None else unstamp(row.cleared_time),
        lon=lon,
        lat=lat,
        source=row.source,
        device_fid=row.device_fid,
    )
