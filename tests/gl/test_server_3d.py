"""The 3D tab on a server session: said plainly instead of a failed build (the scene reads a file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from onemap.gui.settings import Settings
from tests.gui.test_server_viewer import login, opened
from tests.keyring_kit import MemoryKeyring

pytestmark = pytest.mark.gl


def test_the_3d_tab_of_a_server_county_says_to_check_out_and_builds_nothing(  # type: ignore[no-untyped-def]
    qtbot, gl_ready, pg_database: str, demo_file: Path, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    from tests.core.server_support import loaded

    me, _ = login(loaded(pg_database, demo_file), memory_keyring)
    window = opened(qtbot, Settings(tmp_path / "OneMap.ini"), me)
    window.views.setCurrentIndex(window.scene3d.index)
    qtbot.waitUntil(lambda: "checkout" in window.status.currentMessage(), timeout=20_000)
    assert window.scene3d.builds == 0 and window.scene3d.job is None
    window.close()
