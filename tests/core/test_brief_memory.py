"""What a packet build loads, and what its text must keep whatever is made faster or slimmer."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from onemap.store import Inventory
from tests.core.brief_support import fresh_python

#: builds the demo packet in a fresh interpreter (a test process has imported everything already)
#: and says which heavy modules the build loaded
PROBE = """
import json, sys
from pathlib import Path
from onemap.brief import BriefOptions, build_packet
from onemap.store import Inventory
with Inventory.open(Path(sys.argv[1]), readonly=True) as inventory:
    result = build_packet(inventory, inventory.estates(), Path(sys.argv[2]), BriefOptions(workers=0))
print(json.dumps({"pages": result.page_count, "scipy": sorted(m for m in sys.modules if m.split(".")[0] == "scipy")}))
"""

SECTION_TITLES = [
    "一、基本情况",
    "（一）分年度改造情况",
    "（二）改造进度与分布",
    "（四）小区分布图",
    "（五）城市体检与问题清单",
    "二、小区档案",
]


def test_a_packet_with_its_checkup_section_loads_no_graph_code_and_keeps_its_text(
    demo_file: Path, tmp_path: Path
) -> None:
    # the check-up's facility indicators come from the straight-line coverage (a KD-tree, so
    # scipy.spatial loads where the inventory has facilities); 片区, scoring and walking networks
    # (scipy.sparse.csgraph, more resident memory in the worker too) are not a briefing's work
    out = tmp_path / "packet.pdf"
    built = fresh_python(PROBE, demo_file, out)
    loaded = list(built["scipy"])  # type: ignore[call-overload]
    assert [m for m in loaded if m.startswith("scipy.sparse.csgraph")] == []
    if sys.platform.startswith("linux"):  # the check-up is read in the scores' forked process: no scipy here
        assert loaded == []
    else:  # the demo has facilities: its indicators were computed, not typed
        assert "scipy.spatial" in loaded
    reader = PdfReader(out)
    assert len(reader.pages) == built["pages"]
    text = "\n".join(page.extract_text() for page in reader.pages)
    with Inventory.open(demo_file, readonly=True) as inventory:
        codes = [e.code for e in inventory.estates()]
    assert len(codes) == 150
    assert [c for c in codes if c not in text] == []
    assert [t for t in SECTION_TITLES if t not in text] == []
    # one page per estate sheet, after the front matter and summary
    assert len(reader.pages) > len(codes)


def test_the_checkup_is_read_once_per_packet_though_both_passes_build_its_section(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onemap.brief import BriefOptions, build_packet, checkup_section

    reads: list[object] = []
    real = checkup_section.read_checkup

    def counted(inventory: object) -> object:
        reads.append(inventory)
        return real(inventory)  # type: ignore[arg-type]

    monkeypatch.setattr(checkup_section, "read_checkup", counted)
    monkeypatch.setattr(sys, "platform", "win32")  # read here, not in the scores' forked process
    out = tmp_path / "packet.pdf"
    with Inventory.open(demo_file, readonly=True) as inventory:
        build_packet(inventory, inventory.estates()[:20], out, BriefOptions(workers=0))
    assert len(reads) == 1
    assert "城市体检与问题清单" in "".join(page.extract_text() for page in PdfReader(out).pages)


def test_a_packet_reads_the_checkup_of_its_own_estates_only_and_the_same_as_the_whole_inventory_gives(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onemap.brief import BriefOptions, build_packet, checkup_section
    from onemap.checkup.gather import read_checkup

    read: list[object] = []
    real = checkup_section.read_checkup
    monkeypatch.setattr(checkup_section, "read_checkup", lambda view: read.append(real(view)) or read[-1])
    monkeypatch.setattr(sys, "platform", "win32")  # read here (the forked read: test_brief_score_block.py)
    with Inventory.open(demo_file, readonly=True) as inventory:
        chosen = inventory.estates()[10:30]
        build_packet(inventory, chosen, tmp_path / "packet.pdf", BriefOptions(workers=0))
        whole = read_checkup(inventory)
        keys = inventory.building_keys()
    codes = {e.code for e in chosen}
    (data,) = read
    assert [p.code for p in data.places] == [p.code for p in whole.places if p.code in codes]  # file order kept
    assert data.places == [p for p in whole.places if p.code in codes]
    assert data.findings == [f for f in whole.findings if f.estate_code in codes]
    assert data.gaps.missing == {c: m for c, m in whole.gaps.missing.items() if c in codes}
    assert (data.gaps.method, data.gaps.detour) == (whole.gaps.method, whole.gaps.detour)
    assert data.rows == {c: r for c, r in whole.rows.items() if c in codes}
    named = {f.building_fid for f in data.findings if f.building_fid is not None}  # the names a finding shows
    assert data.building_names == {fid: name for (code, name), fid in keys.items() if fid in named}
    assert 0 < len(data.building_names) < len(whole.building_names)
    assert data.findings and data.gaps.missing  # the demo surveyed some of them and measured their coverage
