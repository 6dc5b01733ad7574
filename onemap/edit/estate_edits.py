"""Edits of one estate's own row: its fields, its point and its outline (范围面)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shapely.geometry.base import BaseGeometry

from onemap.edit.command import EditCommand, EditRefused
from onemap.edit.labels import field_label, fields_phrase
from onemap.store import Inventory
from onemap.store.rows import location_of

Location = tuple[float, float] | None
Expected = Mapping[str, Any] | None


def estate_row(inventory: Inventory, code: str) -> dict[str, Any]:
    """The stored ``estates`` row of ``code`` (raises the store's ``no_estate`` error)."""
    row = inventory.estate_row(code)
    if row is None:
        from onemap.store.errors import InventoryError

        raise InventoryError("no_estate", inventory.path, detail=code)
    return row


def changed_since(what_zh: str, what_en: str) -> EditRefused:
    """The refusal when a value was changed outside this history (an import, say)."""
    return EditRefused(
        f"「{what_zh}」在这一步之后被其他操作改过（例如导入），不能撤销",
        f"{what_en} was changed after this step (by an import?), so it cannot be undone",
    )


class SetEstateFields(EditCommand):
    """Change estate columns (``households=132``, ``status="under_construction"``).

    Parameters
    ----------
    code : str
        The estate's code.
    expected : mapping, optional
        The estate's row as the user saw it (column -> value).  If another program
        changed it since, ``do`` raises :class:`~onemap.store.errors.ConflictError`.
    **changes
        Column -> new value, as :meth:`Inventory.update_estate` takes them.

    Raises
    ------
    EditRefused
        For a change of ``code``: codes are the estate's stable identity (county code +
        sequence), and ``Inventory.update_estate(code, **changes)`` cannot take one.
    """

    def __init__(self, code: str, /, *, expected: Expected = None, **changes: Any) -> None:
        if "code" in changes and changes["code"] != code:
            raise EditRefused(
                "小区编码是固定标识，不能修改；如确需更换，请新增小区后删除旧的",
                "an estate code is its stable identity and cannot be changed here",
            )
        changes.pop("code", None)
        self.code = code
        self.changes = changes
        self.expected = expected
        self.before: dict[str, Any] = {}
        self.after: dict[str, Any] = {}

    def do(self, inventory: Inventory) -> None:
        row = estate_row(inventory, self.code)
        changed = inventory.update_estate(self.code, expected=self.expected, **self.changes)
        stored = estate_row(inventory, self.code)
        self.before = {name: row[name] for name in changed}
        self.after = {name: stored[name] for name in changed}
        self.changed = bool(changed)

    def undo(self, inventory: Inventory) -> None:
        if not self.before:
            return
        current = estate_row(inventory, self.code)
        for name, value in self.after.items():
            if current[name] != value:
                raise changed_since(field_label(name), name)
        inventory.update_estate(self.code, **self.before)

    def describe(self, lang: str = "zh") -> str:
        return fields_phrase(list(self.after or self.changes), lang)

    @property
    def estate_codes(self) -> tuple[str, ...]:
        return (self.code,)


class MoveEstate(EditCommand):
    """Set an estate's point (EPSG:4490 lon/lat), or clear it with ``None``.

    ``expected`` is the estate's row as the user saw it (see :class:`SetEstateFields`).
    """

    def __init__(self, code: str, location: Location, *, expected: Expected = None) -> None:
        self.code = code
        self.expected = expected
        self.location = None if location is None else (float(location[0]), float(location[1]))
        self.before: Location = None

    def do(self, inventory: Inventory) -> None:
        self.before = location_of(estate_row(inventory, self.code)["geom"])
        self.changed = inventory.move_estate(self.code, self.location, expected=self.expected)

    def undo(self, inventory: Inventory) -> None:
        if location_of(estate_row(inventory, self.code)["geom"]) != self.location:
            raise changed_since("位置", "the location")
        inventory.move_estate(self.code, self.before)

    def describe(self, lang: str = "zh") -> str:
        if self.location is None:
            return "清除小区位置" if lang == "zh" else "Clear estate location"
        return "移动小区位置" if lang == "zh" else "Move estate"

    @property
    def estate_codes(self) -> tuple[str, ...]:
        return (self.code,)


class SetOutline(EditCommand):
    """Replace an estate's outline (范围面), or remove it with ``None``.

    ``expected`` is the estate's row as the user saw it (see :class:`SetEstateFields`);
    ``shown_outline`` the outline the user reshaped: the edit is refused
    (:class:`~onemap.store.errors.ConflictError`) if the file's outline is no longer that one.
    """

    def __init__(
        self,
        code: str,
        outline: BaseGeometry | None,
        *,
        expected: Expected = None,
        shown_outline: BaseGeometry | None = None,
    ) -> None:
        self.code = code
        self.expected = expected
        self.shown_outline = shown_outline
        self.outline = outline
        self.before: BaseGeometry | None = None
        self.after: BaseGeometry | None = None

    def do(self, inventory: Inventory) -> None:
        self.before = inventory.outline(self.code)
        if self.shown_outline is not None and not _same_outline(self.before, self.shown_outline):
            from onemap.store.errors import ConflictError

            now = "未填" if self.before is None else _short_wkt(self.before)
            raise ConflictError(inventory.path, self.code, {"geom": now}, "estate_areas")
        self.changed = inventory.set_outline(self.code, self.outline, expected=self.expected)
        self.after = inventory.outline(self.code)

    def undo(self, inventory: Inventory) -> None:
        if not _same_shape(inventory.outline(self.code), self.after):
            raise changed_since("范围面", "the outline")
        inventory.set_outline(self.code, self.before)

    def describe(self, lang: str = "zh") -> str:
        if self.outline is None:
            return "删除小区范围" if lang == "zh" else "Remove outline"
        return "修改小区范围" if lang == "zh" else "Reshape outline"

    @property
    def estate_codes(self) -> tuple[str, ...]:
        return (self.code,)


def _same_shape(a: BaseGeometry | None, b: BaseGeometry | None) -> bool:
    if a is None or b is None:
        return a is b
    return bool(a.equals_exact(b, 0.0))


def _same_outline(a: BaseGeometry | None, b: BaseGeometry) -> bool:
    """The same shape whatever the ring order or start vertex (1e-9°, a tenth of a millimetre)."""
    from onemap.store.geometry import as_multipolygon

    ma, mb = (as_multipolygon(a) if a is not None else None), as_multipolygon(b)
    return ma is not None and mb is not None and bool(ma.normalize().equals_exact(mb.normalize(), 1e-9))


def _short_wkt(outline: BaseGeometry) -> str:
    """The outline as a line of text to show (its first vertices)."""
    import shapely

    text = str(shapely.to_wkt(outline, rounding_precision=6))
    return text if len(text) <= 60 else text[:60] + "…"
