"""The score's funding sums, read an estate at a time, are exactly the sums of the whole dict of dicts."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from onemap.checkup.gather import PLEDGED_SOURCES, _funding_sums, estate_facts, read_checkup
from onemap.store import Inventory
from onemap.store.geometry import register_functions


def _old_sums(money: dict[str, float]) -> tuple[float, float]:
    # the arithmetic estate_facts did on funding_by_estate() before (the oracle)
    return sum(money.get(s, 0.0) for s in PLEDGED_SOURCES), sum(money.values())


def test_funding_read_an_estate_at_a_time_sums_exactly_as_the_whole_dict_of_dicts(demo_copy: Path) -> None:
    with Inventory.open(demo_copy, readonly=True) as inventory:
        codes = [e.code for e in inventory.estates()][:4]
    # rows of one estate far apart in the table, a source twice, amounts whose float sums depend on order
    extra = [
        (codes[0], "residents", 0.1),
        (codes[1], "social", 0.7),
        (codes[0], "central", 0.2),
        (codes[2], "utilities", None),
        (codes[0], "residents", 0.3),
        (codes[1], "social", 1e-17),
        (codes[0], "former_owner", 1e16),
        (codes[0], "residents", 1.0),
    ]
    with closing(sqlite3.connect(demo_copy)) as conn, conn:
        register_functions(conn)  # the estates' R-tree triggers run on the audit's touch of updated_at
        conn.executemany("INSERT INTO funding (estate_code, source, amount_wan) VALUES (?, ?, ?)", extra)
        conn.execute("DELETE FROM funding WHERE estate_code = ?", (codes[3],))  # one estate with none
    with Inventory.open(demo_copy, readonly=True) as inventory:
        whole = inventory.funding_by_estate()
        assert len(whole) > 10 and all(code in whole for code in codes[:3]) and codes[3] not in whole
        expected = {code: _old_sums(money) for code, money in whole.items()}
        found = inventory.funding_by_estate_as(_funding_sums)
        assert found == expected
        assert [repr(found[c]) for c in codes[:3]] == [repr(expected[c]) for c in codes[:3]]  # bit for bit
        facts = {f.code: f for f in estate_facts(inventory, read_checkup(inventory))}
    for code, fact in facts.items():
        assert (fact.pledged_wan, fact.funding_wan) == expected.get(code, _old_sums({}))
    assert type(facts[codes[3]].funding_wan) is int  # as before: the sum of nothing is 0
