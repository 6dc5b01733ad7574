"""The packet summary's alert statistics, read back from the PDF and recomputed from the store.

Counts by type and township, handling times (median and nearest-rank 90th percentile, minutes
from the first event to the first 签收 and to 办结/误报, from ``alert_steps``) and the open count
are worked out here from the store's per-alert reads, independently of the set-based query the
briefing uses.
"""

from __future__ import annotations

import math
import re
import shutil
import statistics
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab import rl_config

from onemap.brief import BriefOptions, build_packet
from onemap.store import Inventory
from onemap.store.alerts import AlertRow
from onemap.watch.event import TYPE_NAMES, AlertType
from tests.core.brief_alert_support import TRICKY_TOWNSHIP, Recorded, record_demo_alerts
from tests.core.test_brief_alerts_sheet import in_window, parse, squash, window
from tests.core.test_brief_ledger import page_texts, pdf_text

Built = tuple[Path, Path, Recorded, dict[str, int]]


@pytest.fixture(scope="module")
def built(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    folder = tmp_path_factory.mktemp("alert-summary")
    inventory = folder / "勉县 告警.gpkg"
    shutil.copy(demo_file, inventory)
    recorded = record_demo_alerts(inventory)
    codes = [*recorded.codes, recorded.quiet_code]
    saved, rl_config.invariant = rl_config.invariant, 1  # byte-comparable PDFs
    try:
        for workers in (0, 1):
            options = BriefOptions(redact_phones=True, report_date=recorded.report_date, workers=workers)
            result = build_packet(inventory, codes, folder / f"简报-{workers}.pdf", options)
    finally:
        rl_config.invariant = saved
    yield folder / "简报-0.pdf", inventory, recorded, result.pages


def minutes(alert: AlertRow, at: str | None) -> float | None:
    return None if at is None else (parse(at) - parse(alert.first_time)).total_seconds() / 60


def whole(values: list[float], rank: bool = False) -> str:
    if not values:
        return "—"
    value = sorted(values)[math.ceil(0.9 * len(values)) - 1] if rank else statistics.median(values)
    return f"{value:,.0f}"


def expected(inventory_path: Path, recorded: Recorded) -> dict[str, object]:
    """Totals, per type and per township, from alert_rows and alert_steps."""
    codes = [*recorded.codes, recorded.quiet_code]
    since, until = window(recorded.report_date)
    with Inventory.open(inventory_path, readonly=True) as inventory:
        alerts = [a for code in codes for a in in_window(inventory, code, recorded.report_date)]
        every = [a for code in codes for a in inventory.alert_rows(estate=code, limit=None)]
        steps = {a.fid: inventory.alert_steps(a.fid) for a in alerts}
    groups: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))  # type: ignore[type-arg]
    for alert in alerts:
        accepted = next((s.at for s in steps[alert.fid] if s.to_status == "accepted"), None)
        settled = next((s.at for s in steps[alert.fid] if s.to_status in ("closed", "false_alarm")), None)
        for key in (f"type:{alert.type}", f"town:{alert.township}", "all"):
            group = groups[key]
            group["alerts"].append(alert)
            if (m := minutes(alert, accepted)) is not None:
                group["accept"].append(m)
            if (m := minutes(alert, settled)) is not None:
                group["settle"].append(m)
    unsettled = sum(1 for a in every if a.status not in ("closed", "false_alarm") and a.first_time < until)
    return {"groups": groups, "unsettled": unsettled, "since": since}


def counts(group: dict[str, list]) -> list[str]:  # type: ignore[type-arg]
    alerts = group["alerts"]
    return [
        str(len(alerts)),
        f"{sum(a.count for a in alerts):,}",
        str(sum(1 for a in alerts if a.level == 1)),
        str(sum(1 for a in alerts if a.status not in ("closed", "false_alarm"))),
    ]


def test_the_summary_counts_the_windows_alerts_as_the_store_holds_them(built: Built) -> None:
    pdf, inventory, recorded, pages = built
    facts = expected(inventory, recorded)
    everything = facts["groups"]["all"]  # type: ignore[index]
    page = pages["section:alerts"]
    text = squash(pdf_text(pdf, page, page))
    assert "（三）近30天告警情况" in text
    assert f"共发生告警{len(everything['alerts'])}条" in text
    assert f"合并设备连续报警事件{sum(a.count for a in everything['alerts'])}次" in text
    assert f"涉及小区{len({a.estate_code for a in everything['alerts']})}个" in text
    assert f"尚未办结的告警{facts['unsettled']}条" in text
    assert f"已签收{len(everything['accept'])}条、已办结或认定误报{len(everything['settle'])}条" in text


def test_the_type_table_gives_counts_and_handling_minutes_per_type(built: Built) -> None:
    pdf, inventory, recorded, pages = built
    groups = expected(inventory, recorded)["groups"]
    lines = {
        squash(line) for line in pdf_text(pdf, pages["section:alerts"], pages["section:alerts"] + 1, True).split("\n")
    }
    types = [k for k in groups if k.startswith("type:")]  # type: ignore[union-attr]
    assert len(types) >= 4
    for key in [*types, "all"]:
        group = groups[key]  # type: ignore[index]
        label = "合计" if key == "all" else TYPE_NAMES[AlertType(key[5:])][0]
        times = [
            whole(group["accept"]),
            whole(group["accept"], True),
            whole(group["settle"]),
            whole(group["settle"], True),
        ]
        assert squash(label + "".join(counts(group)) + "".join(times)) in lines, key


def test_the_township_table_lists_every_township_with_alerts_escaped_as_written(built: Built) -> None:
    pdf, inventory, recorded, pages = built
    groups = expected(inventory, recorded)["groups"]
    lines = {
        squash(line) for line in pdf_text(pdf, pages["section:alerts"], pages["section:alerts"] + 1, True).split("\n")
    }
    towns = [k[5:] for k in groups if k.startswith("town:")]  # type: ignore[union-attr]
    assert TRICKY_TOWNSHIP in towns and len(towns) >= 2
    for town in towns:
        group = groups[f"town:{town}"]  # type: ignore[index]
        alerts = group["alerts"]
        row = [town, str(len(alerts)), str(len({a.estate_code for a in alerts})), *counts(group)[2:]]
        row += [whole(group["accept"]), whole(group["settle"])]
        assert squash("".join(row)) in lines, town


def test_the_summary_section_is_in_the_contents_before_the_overview_map(built: Built) -> None:
    pdf, _inventory, _recorded, pages = built
    assert pages["section:charts"] <= pages["section:alerts"] < pages["section:map"]
    contents = "".join(page_texts(pdf)[1:3])
    assert "（三）近30天告警情况" in contents and "（四）小区分布图" in contents


def test_a_packet_with_alerts_drawn_with_a_worker_is_byte_for_byte_the_same(built: Built) -> None:
    pdf = built[0]
    helped = pdf.with_name("简报-1.pdf")
    assert helped.read_bytes() == pdf.read_bytes()
    assert re.search(r"近30天告警", pdf_text(helped))
