"""A status typed as its label (在建 instead of ``under_construction``) by another program.

QGIS users and other tools write what they see, so the file may hold 在建 or "Under
construction" where OneMap stores the key.  OneMap reads such a status as its key
everywhere it counts or filters (:func:`status_key`), and ``validate`` suggests
normalising the file (:func:`status_findings`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onemap.model import STATUSES

if TYPE_CHECKING:
    from onemap.store.check import Finding
    from onemap.store.inventory import Inventory

_BY_TEXT: dict[str, str] = {}
for _key, (_zh, _en) in STATUSES.items():
    _BY_TEXT.update({_key: _key, _zh: _key, _en.lower(): _key})


def status_key(value: str | None) -> str | None:
    """The status key a stored value means: the key itself, or its Chinese or English label.

    Anything else (blank, an unknown word) comes back unchanged.
    """
    if not value or not isinstance(value, str):
        return value
    return _BY_TEXT.get(value.strip().lower(), value)


def status_spellings(key: str) -> list[str]:
    """Every stored text that means ``key``: the key, its Chinese and its English label."""
    zh, en = STATUSES[key]
    return [key, zh, en]


def labelled_statuses(inventory: Inventory) -> dict[str, int]:
    """Status values stored as a label rather than a key, with how many estates hold each."""
    keys = tuple(STATUSES)
    rows = inventory._conn.execute(
        f"SELECT status, count(*) FROM estates WHERE status NOT IN ({', '.join('?' * len(keys))}) "
        "GROUP BY status ORDER BY status",
        keys,
    ).fetchall()
    return {text: count for text, count in rows if text and status_key(text) in STATUSES}


def status_findings(inventory: Inventory) -> list[Finding]:
    """One warning per label found where a status key belongs, suggesting the normal form."""
    from onemap.store.check import Finding

    found = []
    for text, count in labelled_statuses(inventory).items():
        key = str(status_key(text))
        found.append(
            Finding(
                "warning",
                "estates",
                f"有 {count} 个小区的改造状态写成了“{text}”（其他程序写入的名称），OneMap 按“{STATUSES[key][0]}”统计；"
                f"建议统一改为标准值 {key}，便于其他软件筛选。",
                f"{count} estates have the status written as '{text}' (a label, written by another program); "
                f"OneMap counts them as {STATUSES[key][1]}. Normalise them to the key '{key}' so other tools "
                "filter them alike.",
            )
        )
    return found
