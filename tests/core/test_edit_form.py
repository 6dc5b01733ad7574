"""The estate form: problems beside the fields, Save refused until they are fixed, Save as one undo step."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from onemap.edit import AddEstate, EditHistory, EditRefused, EstateForm, SetEstateFields, field_value
from onemap.model import Contact
from onemap.store import Inventory
from tests.core.edit_support import CODE, audit_on_disk, comparable, on_disk

TODAY = date(2026, 11, 1)


@pytest.fixture
def inventory(demo_copy: Path) -> Inventory:
    with Inventory.open(demo_copy, user="张伟") as opened:
        yield opened


@pytest.mark.parametrize(
    "name, text, value",
    [
        ("households", " 120 ", 120),
        ("households", "120.0", 120),
        ("floor_area_m2", "8650.5", 8650.5),
        ("households", "", None),
        ("renewal_year", "未填", None),
        ("households", "十二", "十二"),
        ("households", "12.5", "12.5"),
        ("name", " 桂园小区 ", "桂园小区"),
        ("amount_wan", "nan", "nan"),
    ],
)
def test_form_text_becomes_the_value_the_file_stores(name: str, text: str, value: object) -> None:
    assert field_value(name, text) == value


def test_a_word_typed_as_households_is_shown_beside_that_field_and_save_is_refused(
    inventory: Inventory, demo_copy: Path
) -> None:
    form = EstateForm.load(inventory, CODE)
    form.estate.households = "十二"  # type: ignore[assignment]
    check = form.check(TODAY)
    assert not check.can_save
    assert "户数" in check.message_for("households") and "十二" in check.message_for("households")
    assert "households" in check.message_for("households", "en")
    with pytest.raises(EditRefused):
        form.save_command(inventory, TODAY)
    assert on_disk(demo_copy).households == 446


def test_a_bad_phone_in_the_contacts_table_is_addressed_to_its_cell(inventory: Inventory) -> None:
    form = EstateForm.load(inventory, CODE)
    form.estate.contacts[1].phone = "1381234"
    problems = form.check(TODAY).by_field()
    assert list(problems) == ["contacts[1].phone"]


def test_a_warning_is_shown_but_does_not_block_save(inventory: Inventory) -> None:
    form = EstateForm.load(inventory, CODE)
    form.estate.kind = "大院"
    check = form.check(TODAY)
    assert check.warnings and check.can_save


def test_save_makes_one_undo_step_for_fields_rows_added_and_rows_removed(inventory: Inventory, demo_copy: Path) -> None:
    before = comparable(on_disk(demo_copy))
    form = EstateForm.load(inventory, CODE)
    form.estate.households = "450"  # type: ignore[assignment]
    form.estate.status = "completed"
    form.add_row("contacts", Contact(CODE, "grid_worker", "王芳", "网格员", "137-0000-1111"))
    form.remove_row("cameras", 0)
    form.estate.funding[0].amount_wan = "500"
    history = EditHistory(inventory)
    command = form.save_command(inventory, TODAY)
    assert command is not None and history.push_and_apply(command)
    assert history.undo_text() == "撤销 修改小区「纺织厂家属院」"
    saved = on_disk(demo_copy)
    assert (saved.households, saved.status, len(saved.cameras), saved.funding[0].amount_wan) == (
        450,
        "completed",
        4,
        500.0,
    )
    assert "王芳" in [c.name for c in saved.contacts]
    history.undo()
    assert comparable(on_disk(demo_copy)) == before
    history.redo()
    assert on_disk(demo_copy).households == 450
    assert {e.table_name for e in audit_on_disk(demo_copy)[:12]} >= {"estates", "contacts", "cameras", "funding"}


def test_saving_an_untouched_form_makes_no_step(inventory: Inventory) -> None:
    assert EstateForm.load(inventory, CODE).save_command(inventory, TODAY) is None


def test_saving_a_single_field_is_that_field_step(inventory: Inventory) -> None:
    form = EstateForm.load(inventory, CODE)
    form.estate.renewal_year = "2025"  # type: ignore[assignment]
    command = form.save_command(inventory, TODAY)
    assert isinstance(command, SetEstateFields) and command.describe() == "修改改造年度"


def test_a_new_estate_from_a_map_click_needs_a_name_before_it_is_added(inventory: Inventory, demo_copy: Path) -> None:
    form = EstateForm.new("6107259999", location=(106.67, 33.15))
    assert form.check(TODAY).message_for("name") == "小区名称 未填"
    form.estate.name = "汉江新苑"
    command = form.save_command(inventory, TODAY)
    assert isinstance(command, AddEstate)
    EditHistory(inventory).push_and_apply(command)
    assert on_disk(demo_copy, "6107259999").location == (106.67, 33.15)
