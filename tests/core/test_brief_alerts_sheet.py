"""Estate sheets list the estate's alerts of the 30 days up to the report date, and its sensors.

Alerts are recorded into a copy of the demo inventory through AlertBook from real Events (see
brief_alert_support); every check reads the PDF back with pdftotext and compares it with what
the store says, through the store's own per-alert reads (``alert_rows``, ``alert_steps``).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from onemap.brief import BriefOptions, BriefResult, build_packet, build_sheets
from onemap.brief.alertlist import duration_words
from onemap.store import Inventory
from onemap.store.alerts import AlertRow
from onemap.watch.cycle import ALERT_STATUSES, SENSOR_STATUSES
from onemap.watch.event import SHANGHAI, TYPE_NAMES, AlertType
from tests.core.brief_alert_support import Recorded, record_demo_alerts
from tests.core.test_brief_ledger import pdf_text


@dataclass
class Packet:
    path: Path
    result: BriefResult
    recorded: Recorded
    inventory: Path


@pytest.fixture(scope="module")
def packet(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Packet:
    folder = tmp_path_factory.mktemp("alerts")
    inventory = folder / "勉县 告警.gpkg"
    shutil.copy(demo_file, inventory)
    recorded = record_demo_alerts(inventory)
    out = folder / "简报.pdf"
    codes = [*recorded.codes, recorded.quiet_code]
    options = BriefOptions(redact_phones=True, report_date=recorded.report_date)
    result = build_packet(inventory, codes, out, options)
    return Packet(out, result, recorded, inventory)


def sheet_text(packet: Packet, code: str) -> str:
    page = packet.result.pages[f"estate:{code}"]
    return pdf_text(packet.path, page, page, layout=True)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def window(report_date: date) -> tuple[str, str]:
    """The 30 Beijing days up to the report date, as stored times (written out here, not the code's)."""
    end = datetime(report_date.year, report_date.month, report_date.day, tzinfo=SHANGHAI) + timedelta(days=1)
    fmt = "%Y-%m-%dT%H:%M:%S.000Z"
    return (end - timedelta(days=30)).astimezone(UTC).strftime(fmt), end.astimezone(UTC).strftime(fmt)


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def expected_row(inventory: Inventory, alert: AlertRow) -> str:
    """The row as the sheet should print it, from the alert and its steps in the store."""
    steps = inventory.alert_steps(alert.fid)
    accepted = next((s.at for s in steps if s.to_status == "accepted"), None)
    settled = next((s.at for s in steps if s.to_status in ("closed", "false_alarm")), None)

    def took(at: str | None) -> str:
        return duration_words(None if at is None else (parse(at) - parse(alert.first_time)).total_seconds() / 60)

    cells = [
        parse(alert.first_time).astimezone(SHANGHAI).strftime("%m-%d %H:%M"),
        TYPE_NAMES[AlertType(alert.type)][0],
        "一二三四"[alert.level - 1] + "级",
        str(alert.count),
        ALERT_STATUSES[alert.status][0],
        took(accepted),
        took(settled),
    ]
    return squash("".join(cells))


def in_window(inventory: Inventory, code: str, report_date: date) -> list[AlertRow]:
    since, until = window(report_date)
    rows = inventory.alert_rows(estate=code, limit=None)
    return [a for a in rows if a.last_time >= since and a.first_time < until]


def test_each_sheet_lists_its_estates_alerts_of_the_window_as_the_store_holds_them(packet: Packet) -> None:
    with Inventory.open(packet.inventory, readonly=True) as inventory:
        for code in packet.recorded.codes:
            alerts = in_window(inventory, code, packet.recorded.report_date)
            text = sheet_text(packet, code)
            title = re.search(r"七、近30天告警（(\S+) 至 (\S+)，(\d+) 条）", text)
            assert title is not None, code
            assert int(title[3]) == len(alerts)
            lines = {squash(line) for line in text.splitlines()}
            for alert in alerts:
                assert expected_row(inventory, alert) in lines, (code, alert)


def test_alerts_older_than_thirty_days_stay_off_the_sheet(packet: Packet) -> None:
    with Inventory.open(packet.inventory, readonly=True) as inventory:
        checked = 0
        for code in packet.recorded.codes:
            every = inventory.alert_rows(estate=code, limit=None)
            shown = in_window(inventory, code, packet.recorded.report_date)
            old = [a for a in every if a not in shown]
            lines = {squash(line) for line in sheet_text(packet, code).splitlines()}
            for alert in old:
                assert expected_row(inventory, alert) not in lines
            checked += len(old)
        assert checked >= 10  # the support recorded an old alert for every camera estate


def test_a_folded_flood_prints_as_one_row_with_its_count(packet: Packet) -> None:
    recorded = packet.recorded
    with Inventory.open(packet.inventory, readonly=True) as inventory:
        flood = max(inventory.alert_rows(estate=recorded.flood_code, limit=None), key=lambda a: a.count)
        assert flood.count == recorded.flood_count
        text = sheet_text(packet, recorded.flood_code)
        assert expected_row(inventory, flood) in {squash(line) for line in text.splitlines()}


def test_an_estate_without_alerts_says_so(packet: Packet) -> None:
    text = sheet_text(packet, packet.recorded.quiet_code)
    assert "近30天无告警" in text
    assert "，0 条）" in text


def test_the_window_follows_the_report_date(packet: Packet, tmp_path: Path) -> None:
    later = packet.recorded.report_date + timedelta(days=45)
    out = tmp_path / "later.pdf"
    code = packet.recorded.flood_code
    build_sheets(packet.inventory, [code], out, BriefOptions(report_date=later))
    text = pdf_text(out, layout=True)
    first = later - timedelta(days=29)
    assert f"七、近30天告警（{first.isoformat()} 至 {later.isoformat()}，0 条）" in text
    assert "近30天无告警" in text


def test_sensors_are_counted_by_status_beside_the_cameras(packet: Packet) -> None:
    with Inventory.open(packet.inventory, readonly=True) as inventory:
        for code in [*packet.recorded.codes[:6], packet.recorded.quiet_code]:
            sensors = inventory.sensors(code)
            text = squash(sheet_text(packet, code))
            assert "五、视频监控" in text and "与传感器" in text
            if not sensors:
                assert "传感器：未登记" in text
                continue
            assert f"传感器{len(sensors)}个：" in text
            for status in {s.status for s in sensors}:
                count = sum(1 for s in sensors if s.status == status)
                assert f"{SENSOR_STATUSES[status][0]}{count}" in text


def test_a_redacted_packet_with_alerts_prints_no_phone_number(packet: Packet) -> None:
    text = pdf_text(packet.path)
    assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", text)
    assert "****" in text  # the contacts are there, masked
