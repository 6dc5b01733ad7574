"""On a server session the score panel follows what other logins commit: consent, findings, estates."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import psycopg
import pytest

from onemap.checkup.gather import estate_facts, read_checkup
from onemap.checkup.scoring import EstateScore, score
from onemap.checkup.weights import default_weights
from onemap.gui.settings import Settings
from onemap.store import Inventory
from onemap.store.checkup import Readiness
from tests.core.server_support import loaded
from tests.gui.test_server_viewer import login, opened
from tests.keyring_kit import MemoryKeyring


@pytest.fixture
def file_and_server(pg_database: str, demo_file: Path, tmp_path: Path) -> tuple[Path, str]:
    """The demo (a copy to change alike) and the server it was loaded into."""
    copy = tmp_path / "demo.gpkg"
    shutil.copy(demo_file, copy)
    return copy, loaded(pg_database, copy)


def _scores(path: Path) -> dict[str, EstateScore]:
    with Inventory.open(path, readonly=True) as file:
        facts = estate_facts(file, read_checkup(file))
    return {s.code: s for s in score(facts, default_weights(), date.today().year)}


def test_the_score_on_show_follows_consent_another_login_commits_for_it_and_for_another_estate(
    qtbot, file_and_server: tuple[Path, str], memory_keyring: MemoryKeyring, settings: Settings
) -> None:
    copy, server = file_and_server
    url, _ = login(server, memory_keyring, "viewer")
    window = opened(qtbot, settings, url)
    assert window.server.listener is not None and window.server.listener.ready.wait(10)
    session = window.session
    assert session is not None
    code, other = str(session.table.code[7]), str(session.table.code[30])
    session.state.select([code], code)
    panel = window.details.score
    before = panel.score_of(code)
    assert before == _scores(copy)[code]
    with Inventory.open(copy) as file, file.transaction():  # the same change in the file: what the score becomes
        file.set_readiness(Readiness(code, owners_consent_pct=100.0, area_consent_pct=100.0))
        file.set_readiness(Readiness(other, owners_consent_pct=100.0, area_consent_pct=100.0))
    expected = _scores(copy)
    assert expected[code] != before  # consent moves the score
    with psycopg.connect(server, autocommit=True) as conn:  # another login commits it: the trigger notifies
        for each in (code, other):
            conn.execute("DELETE FROM renewal_readiness WHERE estate_code = %s", (each,))
            conn.execute(
                "INSERT INTO renewal_readiness (estate_code, owners_consent_pct, area_consent_pct) "
                "VALUES (%s, 100, 100)",
                (each,),
            )
    qtbot.waitUntil(lambda: panel.score_of(code) == expected[code], timeout=10_000)
    assert panel.score_of(other) == expected[other]
    window.close()


def test_a_change_to_another_estate_reranks_the_estate_on_show(
    qtbot, file_and_server: tuple[Path, str], memory_keyring: MemoryKeyring, settings: Settings
) -> None:
    copy, server = file_and_server
    url, _ = login(server, memory_keyring, "viewer")
    window = opened(qtbot, settings, url)
    assert window.server.listener is not None and window.server.listener.ready.wait(10)
    session = window.session
    assert session is not None
    scores = _scores(copy)
    shown = next(s for s in scores.values() if s.eligible and s.rank > 3)  # someone may overtake it
    session.state.select([shown.code], shown.code)
    panel = window.details.score
    assert panel.score_of(shown.code) == shown
    below = max((s for s in scores.values() if s.eligible and s.rank > shown.rank), key=lambda s: s.rank)
    with Inventory.open(copy) as file, file.transaction():
        file.set_readiness(Readiness(below.code, owners_consent_pct=100.0, area_consent_pct=100.0))
    expected = _scores(copy)
    assert expected[below.code] != scores[below.code]  # its consent moved its score (and perhaps its rank)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute("DELETE FROM renewal_readiness WHERE estate_code = %s", (below.code,))
        conn.execute(
            "INSERT INTO renewal_readiness (estate_code, owners_consent_pct, area_consent_pct) VALUES (%s, 100, 100)",
            (below.code,),
        )
    qtbot.waitUntil(lambda: panel.score_of(below.code) == expected[below.code], timeout=10_000)
    assert panel.score_of(shown.code) == expected[shown.code]
    window.close()
