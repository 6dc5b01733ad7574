"""One county's child rows for the column-wise demo: contacts, cameras, funding, renovation items.

Each table is drawn as an ``(estates, slots)`` matrix and a mask of the slots an estate
fills; the rows are the mask's true cells in row-major order, so every estate's rows stay
together and in the order :class:`~onemap.demo.ledger.LedgerFactory` writes them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from onemap.demo.ledger import FUNDING_SHARES, vocabulary
from onemap.demo.places import Seat
from onemap.store.blocks import TableRows, point_blobs

MOBILE_PREFIXES = np.array([138, 139, 135, 136, 150, 151, 152, 157, 158, 159, 177, 180, 181, 187, 189, 191, 199])
ROLES = ("leader", "community_secretary", "grid_worker", "property_manager", "complaint_line")
CAMERA_WEIGHTS = np.array([3, 2, 3, 3, 2, 2, 1], dtype=float)
PLATFORM = "10.61.7.25"
CATEGORY_ORDER = ("basic", "improvement", "enhancement", "safety")


def _rows(mask: np.ndarray, codes: list[str]) -> tuple[np.ndarray, list[str]]:
    """The (estate, slot) cells of ``mask`` in row order, and each row's estate code."""
    estate, slot = np.nonzero(mask)
    return slot, np.array(codes, dtype=object)[estate].tolist()


def contacts(rng: np.random.Generator, codes: list[str], seat: Seat) -> TableRows:
    """Leader and community secretary always; grid worker, property manager, complaint line sometimes."""
    n, words = len(codes), vocabulary()
    mask = np.ones((n, 5), dtype=bool)
    mask[:, 2] = rng.random(n) < 0.6
    mask[:, 3] = rng.random(n) < 0.4
    mask[:, 4] = (mask[:, 2:4].sum(axis=1) < 2) & (rng.random(n) < 0.3)
    people = np.array([s + g for s in words["surnames"] for g in words["given"]], dtype=object)
    titles = np.empty((n, 5), dtype=object)
    titles[:, 0] = np.array(words["leader_titles"], dtype=object)[rng.integers(len(words["leader_titles"]), size=n)]
    titles[:, 1], titles[:, 2], titles[:, 4] = "社区党支部书记", "网格员", "监督电话"
    companies = np.array(words["property_companies"], dtype=object)
    titles[:, 3] = companies[rng.integers(len(companies), size=n)]
    names = people[rng.integers(len(people), size=(n, 5))]
    names[:, 4] = None
    mobiles = MOBILE_PREFIXES[rng.integers(len(MOBILE_PREFIXES), size=(n, 5))] * 100_000_000 + rng.integers(
        0, 100_000_000, (n, 5)
    )
    phones = np.array(list(map(str, mobiles.ravel().tolist())), dtype=object).reshape(n, 5)
    phones[:, 4] = [f"0916-{k}" for k in rng.integers(3_200_000, 3_300_000, n).tolist()]
    slot, estate_codes = _rows(mask, codes)
    return TableRows(
        {
            "estate_code": estate_codes,
            "role": np.array(ROLES, dtype=object)[slot].tolist(),
            "name": names[mask].tolist(),
            "title": titles[mask].tolist(),
            "phone": phones[mask].tolist(),
        }
    )


def cameras(rng: np.random.Generator, codes: list[str], outline: np.ndarray) -> TableRows:
    """0-6 cameras per estate at distinct places inside its outline, on one of four kinds of link."""
    n, words = len(codes), vocabulary()
    places = np.array(words["camera_places"], dtype=object)
    count = rng.choice(len(CAMERA_WEIGHTS), size=n, p=CAMERA_WEIGHTS / CAMERA_WEIGHTS.sum())
    order = np.argsort(rng.random((n, len(places))), axis=1)[:, : len(CAMERA_WEIGHTS) - 1]
    mask = np.arange(order.shape[1]) < count[:, None]
    slot, estate_codes = _rows(mask, codes)
    estate = np.nonzero(mask)[0]
    channel = (slot + 1).tolist()
    brand = rng.integers(4, size=len(slot)).tolist()
    links, gb_ids = [], []
    for code, k, b in zip(estate_codes, channel, brand, strict=True):
        serial = int(code[6:])
        gb_id = f"{code[:6]}{serial // 1000 % 100:02d}011320{serial % 1000 * 10 + k:06d}"
        host = f"10.{int(code[2:4])}.{serial // 250 % 250 + 1}.{serial % 250 + 1}"
        gb_ids.append(gb_id)
        links.append(_link(b, host, k, gb_id))
    kinds = np.array(words["camera_kinds"], dtype=object)
    x, y = _inside(rng, outline[estate])
    return TableRows(
        {
            "estate_code": estate_codes,
            "name": places[order[mask]].tolist(),
            "kind": kinds[rng.integers(len(kinds), size=len(slot))].tolist(),
            "link": links,
            "gb_id": gb_ids,
            "channel": channel,
        },
        point_blobs(x, y),
    )


def _link(brand: int, host: str, channel: int, gb_id: str) -> str:
    """What hikvision_rtsp, dahua_rtsp, uniview_rtsp or hls_url make (tested against them)."""
    if brand == 0:
        return f"rtsp://{host}:554/Streaming/Channels/{channel * 100 + 1}"
    if brand == 1:
        return f"rtsp://{host}:554/cam/realmonitor?channel={channel}&subtype=0"
    if brand == 2:
        return f"rtsp://{host}:554/unicast/c{channel}/s0/live"
    return f"http://{PLATFORM}/rtp/{gb_id}/hls.m3u8"


def _inside(rng: np.random.Generator, rings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A uniform random point inside each (convex, four-cornered) ring: two corners' edges spanned."""
    a, b, d = rings[:, 0], rings[:, 1], rings[:, 3]
    u, v = rng.random((2, len(rings), 1))
    point = a + u * (b - a) + v * (d - a)
    return point[:, 0], point[:, 1]


def funding(rng: np.random.Generator, codes: list[str], total: np.ndarray) -> TableRows:
    """Shares of each source (a source rounding to nothing is left out); special bonds cover the rest."""
    n = len(codes)
    low, high = (np.array(bounds) for bounds in zip(*FUNDING_SHARES.values(), strict=True))
    shares = rng.uniform(low, high, (n, len(low)))
    scale = np.minimum(1.0, 0.9 / shares.sum(axis=1))  # special bonds always cover the last tenth or more
    amounts = np.round(total[:, None] * shares * scale[:, None], 2)
    amounts = np.where(amounts > 0, amounts, 0.0)
    special = np.round(total - amounts.sum(axis=1), 2)
    matrix = np.column_stack((amounts, special))
    mask = np.column_stack((amounts > 0, np.ones(n, dtype=bool)))
    slot, estate_codes = _rows(mask, codes)
    sources = np.array([*FUNDING_SHARES, "special_bond"], dtype=object)
    return TableRows(
        {"estate_code": estate_codes, "source": sources[slot].tolist(), "amount_wan": matrix[mask].tolist()}
    )


def renovation_items(rng: np.random.Generator, codes: list[str], categories: list[str]) -> TableRows:
    """For each of an estate's categories, 2-4 distinct items of that category."""
    words: dict[str, list[str]] = vocabulary()["items"]
    items = {category: words[category] for category in CATEGORY_ORDER}
    code_of = np.array(codes, dtype=object)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for rank, (category, names) in enumerate(items.items()):
        chosen = np.array([category in c.split(",") for c in categories], dtype=bool)
        estates = np.flatnonzero(chosen)
        order = np.argsort(rng.random((len(estates), len(names))), axis=1)
        take = rng.integers(2, min(4, len(names)) + 1, len(estates))
        mask = np.arange(len(names)) < take[:, None]
        parts.append((estates[np.nonzero(mask)[0]], np.full(mask.sum(), rank), order[mask]))
    estate = np.concatenate([p[0] for p in parts])
    ranks = np.concatenate([p[1] for p in parts])
    item = np.concatenate([p[2] for p in parts])
    keep = np.lexsort((np.arange(len(estate)), ranks, estate))  # estate by estate, categories in order
    tables = [np.array(names, dtype=object) for names in items.values()]
    category_names = list(items)
    columns: dict[str, list[Any]] = {
        "estate_code": code_of[estate[keep]].tolist(),
        "category": [category_names[r] for r in ranks[keep].tolist()],
        "item": [tables[r][i] for r, i in zip(ranks[keep].tolist(), item[keep].tolist(), strict=True)],
    }
    return TableRows(columns)
