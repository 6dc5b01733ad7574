"""What the 生活圈 dock says: the method used, the county summary, a what-if's answer."""

from __future__ import annotations

from collections.abc import Mapping

from onemap.analysis.coverage import EstateCoverage
from onemap.analysis.coverage_summary import summarise
from onemap.analysis.facility_types import default_config
from onemap.analysis.service_area import WhatIf
from onemap.analysis.walknet import WalkNetwork
from onemap.gui.i18n import tr


def method_text(network: WalkNetwork | None, detour: float, _lang: str) -> str:
    """Which distance is used, as a sentence (every output says it)."""
    if network is not None:
        return tr("距离沿步行路网（{source}）计算。").format(source=network.source)
    return tr("未载入路网：距离按直线 × 绕行系数 {detour} 估算。").format(detour=f"{detour:g}")


def summary_text(result: Mapping[str, EstateCoverage], network: WalkNetwork | None, lang: str) -> str:
    """The county summary: estates meeting the checklist, the commonest gaps, the method."""
    summary = summarise(result)
    kinds = default_config().by_key()
    worst = sorted(summary.gap_counts.items(), key=lambda kv: -kv[1])[:4]
    gaps = "，".join(f"{kinds[k].name(lang)} {n}" for k, n in worst if n)
    lines = [
        tr("{estates} 个小区中 {met} 个满足完整社区配套清单。").format(estates=summary.estates, met=summary.met),
        tr("缺口最多：{gaps}").format(gaps=gaps or "—"),
        tr("圈色：绿 无缺口，橙 缺 1–2 项，红 缺 3 项以上。"),
        method_text(network, summary.detour or default_config().detour_factor, lang),
    ]
    return "\n".join(lines)


def what_if_text(found: WhatIf, names: Mapping[str, str], lang: str) -> str:
    """How many estates the new place would cover, and which."""
    kind = default_config().by_key()[found.kind].name(lang)
    listed = "、".join(f"{names.get(c, c)}（{d:.0f} m）" for c, d in sorted(found.newly.items(), key=lambda kv: kv[1]))
    head = tr("在此新增{kind}：新覆盖 {count} 个小区（{metres} 米内，{method}）。").format(
        kind=kind,
        count=len(found.newly),
        metres=f"{found.metres:g}",
        method=tr("沿路网") if found.method == "network" else tr("直线 × 绕行系数"),
    )
    return head + ("\n" + listed if listed else "")


def hidden_text() -> str:
    """The map's note when facilities are too many to draw at this scale."""
    return tr("设施：放大后显示")
