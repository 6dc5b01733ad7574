"""Opening an inventory or reloading it after an edit builds no 3D scene while its tab is hidden."""

from __future__ import annotations

from pathlib import Path

from onemap.gui.settings import Settings
from tests.gui.guikit import make_window


def test_opening_and_reloading_with_the_3d_tab_hidden_builds_no_scene(qtbot, demo_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, Settings(tmp_path / "OneMap.ini"), demo_copy)
    assert window.reload_session()
    qtbot.wait(100)
    assert window.scene3d.builds == 0 and window.scene3d.job is None and window.scene3d.view.scene is None
    window.close()
