"""The viewer's undoable edits on a shared inventory (PostGIS on a throwaway cluster), as real logins.

Every do, undo and redo is one transaction audited as the login; a stale edit is refused naming
the login who changed it; row-level security refuses what lies outside the login's county.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import Polygon

from onemap.edit import DeleteChild, DeleteEstate, EditHistory, MoveEstate, SetOutline, UpdateChild
from onemap.model import Contact
from onemap.store import Inventory
from onemap.store.rows import point_blob
from onemap.store.server.errors import ServerError
from onemap.store.server.writes import StaleEdit
from tests.core.server_support import MIAN, loaded, new_login, remember, url_as
from tests.keyring_kit import MemoryKeyring


def _editor(server: str, keyring: MemoryKeyring, county: str = MIAN) -> str:
    login, password = new_login(server, "county-editor", county)
    url = url_as(server, login)
    remember(keyring, url, password)
    return url


@pytest.fixture
def editors(pg_database: str, demo_file: Path, memory_keyring: MemoryKeyring) -> tuple[str, str, str]:
    """Two county editors of Mian county (URLs) and an estate with an outline, buildings and contacts."""
    loaded(pg_database, demo_file)
    first, second = _editor(pg_database, memory_keyring), _editor(pg_database, memory_keyring)
    with Inventory.open(pg_database, readonly=True) as server:
        code = next(
            e.code
            for e in server.estates()
            if (full := server.estate(e.code)).outline is not None and full.building_list and full.contacts
        )
    return first, second, code


def _everything(server: Any, code: str) -> tuple[Any, ...]:
    """The estate with its outline and every child row, as values (fids left out: undo re-inserts)."""
    estate = server.estate(code)
    children = {
        name: [{k: v for k, v in vars(row).items() if k != "fid"} for row in getattr(estate, name)]
        for name in ("building_list", "contacts", "cameras", "funding", "items", "sensors")
    }
    outline = None if estate.outline is None else estate.outline.normalize().wkt
    fields = {k: v for k, v in estate.attributes().items() if k != "updated_at"}  # the restore's own time
    return fields, estate.location, outline, children


def test_moving_an_estate_is_one_audited_step_as_the_login_and_undo_and_redo_follow(
    editors: tuple[str, str, str],
) -> None:
    first, _second, code = editors
    with Inventory.open(first) as server:
        history = EditHistory(server)
        before = server.estate(code).location
        assert before is not None
        moved = (before[0] + 0.001, before[1] - 0.002)
        assert history.push_and_apply(MoveEstate(code, moved, expected={"geom": point_blob(before)}))
        assert server.estate(code).location == moved
        entry = server.history(code, 1)[0]
        assert (entry.who, entry.field) == (server.login, "geom")
        history.undo()
        assert server.estate(code).location == before
        history.redo()
        assert server.estate(code).location == moved


def test_reshaping_an_outline_replaces_it_on_the_server_and_undo_puts_the_old_one_back(
    editors: tuple[str, str, str],
) -> None:
    first, _second, code = editors
    with Inventory.open(first) as server:
        history = EditHistory(server)
        old = server.outline(code)
        x, y = old.centroid.x, old.centroid.y
        new = Polygon([(x, y), (x + 0.001, y), (x + 0.001, y + 0.001), (x, y + 0.001)])
        assert history.push_and_apply(SetOutline(code, new, shown_outline=old))
        assert server.outline(code).equals(new)
        assert any(e.table_name == "estate_areas" and e.who == server.login for e in server.history(code, 5))
        history.undo()
        assert server.outline(code).normalize().equals_exact(old.normalize(), 1e-12)


def test_deleting_an_estate_takes_its_rows_and_undo_restores_every_child_row(editors: tuple[str, str, str]) -> None:
    first, second, code = editors
    with Inventory.open(first) as server, Inventory.open(second, readonly=True) as other:
        history = EditHistory(server)
        before = _everything(server, code)
        assert history.push_and_apply(DeleteEstate(code, expected=server.estate_row(code)))
        assert other.count(f"code={code}") == 0
        assert all(not server.child_fids(t, code) for t in ("buildings", "contacts", "estate_areas"))
        assert server.history(code, 1)[0].action == "delete" and server.history(code, 1)[0].who == server.login
        history.undo()
        assert _everything(other, code) == before  # another login sees all of it back
        history.redo()
        assert other.count(f"code={code}") == 0


def test_a_child_row_is_changed_added_and_deleted_on_the_server_each_undoable(editors: tuple[str, str, str]) -> None:
    from onemap.edit import AddChild

    first, _second, code = editors
    with Inventory.open(first) as server:
        history = EditHistory(server)
        fid = server.child_fids("contacts", code)[0]
        read = server.child_row("contacts", fid)
        assert read is not None
        assert history.push_and_apply(UpdateChild("contacts", fid, expected=read, phone="13800000000"))
        assert server.child_row("contacts", fid)["phone"] == "13800000000"  # type: ignore[index]
        assert server.history(code, 1)[0].row_key == f"{code}/{fid}"
        count = len(server.child_fids("contacts", code))
        assert history.push_and_apply(AddChild("contacts", Contact(estate_code=code, role="物业", name="赵工")))
        assert len(server.child_fids("contacts", code)) == count + 1
        added = server.child_fids("contacts", code)[-1]
        assert server.child_row("contacts", added)["name"] == "赵工"  # type: ignore[index]
        assert history.push_and_apply(DeleteChild("contacts", added))
        assert added not in server.child_fids("contacts", code)
        history.undo()  # the contact comes back (at a new fid)
        assert "赵工" in [c.name for c in server.estate(code).contacts]
        history.undo()
        history.undo()
        assert "赵工" not in [c.name for c in server.estate(code).contacts]
        history.undo()
        assert server.child_row("contacts", fid)["phone"] == read["phone"]  # type: ignore[index]


def test_a_stale_edit_from_a_second_login_is_refused_naming_the_first(editors: tuple[str, str, str]) -> None:
    first, second, code = editors
    with Inventory.open(first) as wang, Inventory.open(second) as li:
        shown = wang.estate(code).location  # what Li's map shows too
        assert shown is not None
        read_by_li = li.estate_row(code)
        EditHistory(wang).push_and_apply(MoveEstate(code, (shown[0] + 0.01, shown[1])))
        li_history = EditHistory(li)
        with pytest.raises(StaleEdit) as refused:
            li_history.push_and_apply(
                MoveEstate(code, (shown[0] - 0.01, shown[1]), expected={"geom": point_blob(shown)})
            )
        with pytest.raises(StaleEdit) as refused_delete:
            li_history.push_and_apply(DeleteEstate(code, expected=read_by_li))
        assert wang.estate(code).location == (shown[0] + 0.01, shown[1])  # nothing of Li's landed
        assert len(li_history) == 0
    for error in (refused.value, refused_delete.value):
        assert error.kind == "changed_by" and wang.login in error.message("zh") and wang.login in error.message("en")
        assert "not saved" in error.message("en")


def test_a_county_editor_is_refused_outside_their_county_and_nothing_is_written(
    editors: tuple[str, str, str], pg_database: str, memory_keyring: MemoryKeyring
) -> None:
    _first, _second, code = editors
    stranger = _editor(pg_database, memory_keyring, county="610702")
    with Inventory.open(stranger) as server:
        history = EditHistory(server)
        where = server.estate(code).location
        assert where is not None
        fid = server.child_fids("contacts", code)[0]
        for command in (
            MoveEstate(code, (where[0] + 0.01, where[1])),
            DeleteEstate(code),
            UpdateChild("contacts", fid, phone="13900000000"),
        ):
            with pytest.raises(ServerError) as refused:
                history.push_and_apply(command)
            assert refused.value.kind == "denied" and server.login in refused.value.message("zh")
        assert server.estate(code).location == where and len(history) == 0


def test_the_estate_forms_save_with_child_rows_lands_on_the_server_as_one_undo_step(
    editors: tuple[str, str, str],
) -> None:
    from onemap.edit import EstateForm
    from onemap.model import Funding

    first, _second, code = editors
    with Inventory.open(first) as server:
        history = EditHistory(server)
        before = _everything(server, code)
        form = EstateForm.load(server, code)
        form.estate.households = (form.estate.households or 0) + 1
        form.estate.contacts[0].phone = "13700000000"
        form.add_row("funding", Funding(estate_code=code, source="central", amount_wan=12.5))
        command = form.save_command(server)
        assert command is not None and history.push_and_apply(command) and len(history) == 1
        after = server.estate(code)
        assert after.households == (before[0]["households"] or 0) + 1 and after.contacts[0].phone == "13700000000"
        assert ("central", 12.5) in [(f.source, f.amount_wan) for f in after.funding]
        history.undo()
        assert _everything(server, code) == before


def test_a_new_estate_gets_a_free_code_and_undo_removes_it(editors: tuple[str, str, str]) -> None:
    from onemap.edit import AddEstate
    from onemap.model import Estate

    first, _second, _code = editors
    with Inventory.open(first) as server:
        history = EditHistory(server)
        code = server.next_code()
        assert code.startswith(MIAN) and server.estate_row(code) is None
        estate = Estate(code=code, name="新建的小区", township="勉阳街道", location=(106.67, 33.15))
        estate.contacts = [Contact(estate_code=code, role="社区", name="钱工")]
        assert history.push_and_apply(AddEstate(estate))
        assert server.estate(code).contacts[0].name == "钱工" and server.estate(code).location == (106.67, 33.15)
        history.undo()
        assert server.estate_row(code) is None and server.child_fids("contacts", code) == []
