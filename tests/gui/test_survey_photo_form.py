"""The survey form refuses a photo path that is not there, in a message, and saves nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from onemap.gui.checkup.survey_form import SurveyForm
from onemap.store.checkup import CheckupFinding
from tests.core.checkup_support import write_photo
from tests.gui.work_kit import close_messages, messages

CODE = "6107250001"


def test_a_photo_path_that_does_not_exist_is_said_and_nothing_is_saved(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kept: list[tuple[CheckupFinding, bytes | None]] = []
    form = SurveyForm(CODE, "示意小区", {}, [], lambda f, p: kept.append((f, p)))
    qtbot.addWidget(form)
    form.indicator.setCurrentIndex(form.indicator.findData("C05"))
    missing = tmp_path / "现场" / "不存在.jpg"
    form.photo.setText(str(missing))
    qtbot.mouseClick(form.add, Qt.MouseButton.LeftButton)
    assert messages() == [f"照片文件不存在：{missing}"]
    assert kept == [] and form.table.rowCount() == 0
    close_messages()
    write_photo(missing)
    qtbot.mouseClick(form.add, Qt.MouseButton.LeftButton)
    assert messages() == [] and len(kept) == 1 and kept[0][1] == missing.read_bytes()
    assert form.table.item(0, 5).text() == "不存在.jpg"
