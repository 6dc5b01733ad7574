"""The same store tests against both backends: an inventory file and the PostGIS server.

The ``inventory`` fixture is the demo inventory opened as a GeoPackage, or loaded into a fresh
database of the throwaway cluster and opened by URL.  The server's parameter is skipped, saying
why, when PostgreSQL and PostGIS are not installed; the file's never needs them.  Expected results
come from the demo file read directly (reads) or from Python filtering every estate (where).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from onemap.model import Estate
from onemap.store import Inventory
from onemap.store.errors import ConflictError
from onemap.summary import estate_record

MIAN = "610725"


@pytest.fixture(params=["gpkg", "postgresql"])
def inventory(request: pytest.FixtureRequest, demo_file: Path, tmp_path: Path) -> Iterator[Any]:
    """The demo inventory on one backend, open for editing."""
    if request.param == "gpkg":
        path = tmp_path / "清单.gpkg"
        shutil.copy(demo_file, path)
        opened: Any = Inventory.open(path, user="测试员")
    else:
        from onemap.store.server.init import init_server

        url = request.getfixturevalue("pg_database")  # skips here when PostgreSQL is not installed
        init_server(url, [MIAN], demo_file)
        opened = Inventory.open(url)
    with opened:
        yield opened


@pytest.fixture
def reference(demo_file: Path) -> Iterator[Inventory]:
    with Inventory.open(demo_file, readonly=True) as file:
        yield file


def _edit(inventory: Any, code: str, **changes: Any) -> list[str]:
    with inventory.transaction():
        return list(inventory.update_estate(code, **changes))


def _behind_its_back(inventory: Any, code: str, field: str, value: Any) -> None:
    """Another program (QGIS on the file, another login on the server) changes a field."""
    if isinstance(inventory, Inventory):
        from onemap.store.files import connect

        with closing(connect(inventory.path, readonly=False)) as conn:
            conn.execute(f"UPDATE estates SET {field} = ? WHERE code = ?", (value, code))
        return
    import psycopg

    with psycopg.connect(_superuser(inventory)) as conn:
        conn.execute(f"UPDATE estates SET {field} = %s WHERE code = %s", (value, code))


def _superuser(inventory: Any) -> str:
    return f"postgresql://{inventory.url}"


def test_every_estate_reads_as_in_the_file(inventory: Any, reference: Inventory) -> None:
    assert inventory.count() == reference.count() > 0
    assert [e.attributes() for e in inventory.estates()] == [e.attributes() for e in reference.estates()]
    for estate in reference.estates()[::15]:  # whole records: children, outline, links
        assert estate_record(inventory.estate(estate.code)) == estate_record(reference.estate(estate.code))


WHERE: dict[str, Callable[[Estate], bool]] = {
    "镇街=勉阳街道": lambda e: e.township == "勉阳街道",
    "renewal_year>=2023": lambda e: e.renewal_year is not None and e.renewal_year >= 2023,
    "households<300": lambda e: e.households is not None and e.households < 300,
    "name~园": lambda e: "园" in e.name,
    "name~'; DROP TABLE estates; --": lambda e: False,
}


@pytest.mark.parametrize("where", list(WHERE))
def test_where_selects_what_python_selects_and_a_crafted_value_stays_a_value(
    inventory: Any, reference: Inventory, where: str
) -> None:
    expected = [e.code for e in reference.estates() if WHERE[where](e)]
    assert [e.code for e in inventory.estates(where)] == expected
    assert inventory.count(where) == len(expected)
    assert inventory.count() == reference.count()  # nothing dropped


def test_combined_filters_select_the_intersection(inventory: Any, reference: Inventory) -> None:
    both = ["renewal_year>=2022", "households>=200"]
    expected = [
        e.code
        for e in reference.estates()
        if e.renewal_year is not None and e.renewal_year >= 2022 and e.households is not None and e.households >= 200
    ]
    assert expected
    assert [e.code for e in inventory.estates(both)] == expected


def test_an_edit_changes_only_what_differs_and_the_audit_trail_keeps_old_and_new_values(inventory: Any) -> None:
    estate = inventory.estates("镇街=勉阳街道")[0]
    changed = _edit(inventory, estate.code, notes="外业核实", households=(estate.households or 0) + 1, name=estate.name)
    assert sorted(changed) == ["households", "notes"]
    again = inventory.estate(estate.code)
    assert (again.notes, again.households, again.name) == ("外业核实", (estate.households or 0) + 1, estate.name)
    trail = {e.field: e for e in inventory.history(estate.code, 10) if e.action == "update"}
    assert set(trail) == {"households", "notes"}
    assert (trail["notes"].old_value, trail["notes"].new_value) == (estate.notes, "外业核实")
    assert trail["households"].new_value == str((estate.households or 0) + 1)
    assert {e.who for e in trail.values()} == {inventory.audit.who}
    assert _edit(inventory, estate.code, notes="外业核实") == []  # the same value again: no change, no entry
    assert len([e for e in inventory.history(estate.code, 10) if e.action == "update"]) == 2


def test_an_edit_made_on_a_stale_read_is_refused_naming_the_changed_field_and_nothing_lands(inventory: Any) -> None:
    estate = inventory.estates()[0]
    read = estate.attributes()
    _behind_its_back(inventory, estate.code, "management", "另一人填的物业")
    with pytest.raises(ConflictError) as refused:
        _edit(inventory, estate.code, expected=read, notes="我的修改")
    assert refused.value.changed == {"management": "另一人填的物业"}
    now = inventory.estate(estate.code)
    assert (now.notes, now.management) == (estate.notes, "另一人填的物业")


def test_history_of_every_estate_is_newest_first_and_honours_its_limit(inventory: Any) -> None:
    codes = [e.code for e in inventory.estates()[:3]]
    for n, code in enumerate(codes):
        _edit(inventory, code, notes=f"第 {n} 次")
    latest = inventory.history(None, 3)
    assert [(e.row_key, e.new_value) for e in latest] == [
        (c, f"第 {n} 次") for n, c in reversed(list(enumerate(codes)))
    ]
    assert all(a.at >= b.at for a, b in zip(latest, latest[1:], strict=False))
