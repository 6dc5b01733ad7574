"""Why an inventory file cannot be used, in one sentence a county clerk can act on."""

from __future__ import annotations

from pathlib import Path

_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("找不到文件：{name}。请检查路径是否正确。",
                "File not found: {name}. Check the path."),
    "is_directory": ("{name} 是一个文件夹，不是清单文件。请选择 .gpkg 文件。",
                     "{name} is a folder, not an inventory file. Choose a .gpkg file."),
    "not_sqlite": ("{name} 不是 GeoPackage 清单文件（不是 SQLite 数据库），请确认选择了 OneMap 的 .gpkg 文件。",
                   "{name} is not a GeoPackage inventory (not an SQLite database); choose a OneMap .gpkg file."),
    "truncated": ("{name} 不完整（文件被截断，可能是复制或下载中断），请重新拷贝原文件或使用备份。",
                  "{name} is incomplete (truncated, probably an interrupted copy or download); copy it again or use a backup."),
    "corrupt": ("{name} 已损坏，无法读取，请使用备份文件。",
                "{name} is damaged and cannot be read; use a backup copy."),
    "not_onemap": ("{name} 是 GeoPackage 文件，但不是 OneMap 清单（缺少小区表 estates），请用“导入”把其中数据导入清单。",
                   "{name} is a GeoPackage but not a OneMap inventory (no estates table); use import to bring its data in."),
    "read_only": ("{name} 是只读文件，无法保存修改。请取消文件的只读属性，或另存一份副本后再编辑。",
                  "{name} is read-only, so changes cannot be saved; clear its read-only flag or work on a copy."),
    "locked": ("{name} 正被另一个程序写入（可能是另一个 OneMap 或 QGIS 窗口），请关闭该程序后重试。",
               "{name} is being written by another program (another OneMap or QGIS window?); close it and try again."),
    "edited_by": ("{name} 正由 {detail} 在 OneMap 中编辑，现以只读方式打开。对方关闭后即可编辑。",
                  "{name} is being edited in OneMap by {detail}; opened read-only until they close it."),
    "newer": ("{name} 由更新版本的 OneMap 创建（含本版本不认识的升级 {detail}），请升级 OneMap 后再修改此文件。",
              "{name} was made by a newer OneMap (unknown migration {detail}); upgrade OneMap before editing it."),
    "exists": ("{name} 已存在，未覆盖。请换一个文件名，或使用 --force 覆盖。",
               "{name} already exists and was not overwritten; choose another name or use --force."),
    "no_estate": ("清单中没有编码为 {detail} 的小区。", "The inventory has no estate with code {detail}."),
    "duplicate_code": ("小区编码 {detail} 已存在，编码不能重复。", "Estate code {detail} already exists; codes must be unique."),
    "conflict": ("{detail} 在您打开后已被其他程序修改，您的修改未保存。",
                 "{detail} was changed by another program after you opened it; your change was not saved."),
    "bad_where": ("筛选条件有误：{detail}", "Bad filter: {detail}"),
    "unwritable_dir": ("无法在 {name} 所在文件夹中写入（没有权限或磁盘已满）。",
                       "Cannot write in the folder of {name} (no permission or disk full)."),
}


class InventoryError(Exception):
    """An inventory file, or a request on it, that OneMap refuses, with a reason in words.

    ``str(error)`` is the Chinese sentence; :meth:`message` gives either language.
    """

    def __init__(self, kind: str, path: Path | str | None = None, detail: str = "") -> None:
        self.kind = kind
        self.path = Path(path) if path is not None else None
        self.detail = detail
        super().__init__(self.message("zh"))

    def message(self, lang: str = "zh") -> str:
        """The sentence in ``"zh"`` or ``"en"``."""
        zh, en = _MESSAGES[self.kind]
        name = self.path.name if self.path is not None else ""
        return (zh if lang == "zh" else en).format(name=name, detail=self.detail)


class ConflictError(InventoryError):
    """A row changed (by QGIS, say) after OneMap read it: the write is refused, nothing lands.

    Parameters
    ----------
    path : Path
        The inventory.
    key : str
        The row: an estate code, or ``code/fid`` for a child row.
    changed : dict of str to str
        Field -> its current value in the file, as text to show (``未填`` for blank).
    table : str
        The row's table (for the fields' Chinese names).
    """

    def __init__(self, path: Path | str | None, key: str, changed: dict[str, str], table: str = "estates") -> None:
        self.key = key
        self.changed = changed
        self.table = table
        super().__init__("conflict", path, detail=key)

    def message(self, lang: str = "zh") -> str:
        """Which fields changed meanwhile, with their current values, in ``"zh"`` or ``"en"``."""
        if lang == "zh":
            from onemap.store.labels import COLUMN_LABELS  # labels import the model: only when needed

            names = {"geom": "位置" if self.table == "estates" else "图形", **COLUMN_LABELS.get(self.table, {})}
            fields = "；".join(f"{names.get(k, k)} 现为「{v}」" for k, v in self.changed.items())
            return (f"{self.key} 在您打开后已被其他程序修改（{fields}），您的修改未保存。"
                    "请重新打开该小区，核对后再修改。")
        fields = "; ".join(f"{k} is now '{v}'" for k, v in self.changed.items())
        return (f"{self.key} was changed by another program after you opened it ({fields}); "
                "your change was not saved. Reopen the estate, check it and edit again.")
