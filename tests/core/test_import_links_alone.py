"""A ledger whose only camera column is a link column: cameras straight from each cell's parsed links.

:func:`onemap.io.ledger_columns.draft_batch` skips the per-row camera machinery (no
国标编码 or login column to finish with) and reads the full way only the rows whose links
carry a login.  The oracle is :func:`onemap.io.ledger_rows.draft_row` row by row: drafts and
warnings (refused links, logins removed) must be equal.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

import onemap.io.ledger_columns as ledger_columns
from tests.core.test_import_batch_columns import _both

_LINKS = [
    "rtsp://10.0.0.9/Streaming/Channels/101",
    "rtsp://10.0.0.9/Streaming/Channels/101；http://10.61.7.25/rtp/61072500011320000011/hls.m3u8",
    "javascript:alert(1)",
    "rtsp://a b",
    "",
    "无",
    "rtsp://admin:pw1@10.2.0.3/h264/ch1/main/av_stream",
    "rtsp://10.1.0.1/1；rtsp://user:secret@10.1.0.2/2；ftp://10.1.0.3/x",
    "http://10.3.0.4/live.flv\nrtsp://10.3.0.5/Streaming/Channels/201",
]


def _links_ledger(path: Path, rows: int) -> Path:
    rng = random.Random(11)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["序号", "小区名称", "所在镇（街道）", "监控链接", "联系电话", "经度", "纬度"])
        for k in range(rows):
            link = rng.choice(_LINKS) if k % 7 else f"rtsp://10.9.{k % 250}.1/Streaming/Channels/101"
            lon, lat = f"{106.6 + rng.random() * 0.1:.6f}", f"{33.1 + rng.random() * 0.1:.6f}"
            writer.writerow([k + 1, f"小区{k}", ["勉阳街道", "武侯镇"][k % 2], link, "13812345678", lon, lat])
    return path


@pytest.mark.parametrize("batch_rows", [1, 13, 2000])
def test_link_cells_alone_give_the_row_by_row_cameras_and_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_rows: int
) -> None:
    full_way = []
    row_cameras = ledger_columns._row_cameras

    def counted(draft, row, *args):  # type: ignore[no-untyped-def]
        full_way.append(row.number)
        return row_cameras(draft, row, *args)

    monkeypatch.setattr(ledger_columns, "_row_cameras", counted)
    (new, new_warnings), (old, old_warnings) = _both(_links_ledger(tmp_path / "台账.csv", 400), batch_rows)
    assert new == old and len(new) == 400
    assert new_warnings == old_warnings
    fields = {w.field for w in old_warnings}
    assert fields == {"监控链接"}
    texts = " ".join(w.message_en for w in old_warnings)
    assert "refused" in texts and "login removed" in texts
    assert sum(len(d.cameras) for d in new) > 300
    assert [c.name for c in max(new, key=lambda d: len(d.cameras)).cameras] == ["摄像头1", "摄像头2"]
    # only the rows with a login in a link were read the full way
    with_login = {d.row for d in old if any(w.row == d.row and "login" in w.message_en for w in old_warnings)}
    assert set(full_way) == with_login and full_way
