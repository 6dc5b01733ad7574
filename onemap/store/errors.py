"""Why an inventory file cannot be used, in one sentence a county clerk can act on."""

from __future__ import annotations

from pathlib import Path

_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("找不到文件：{name}。请检查路径是否正确。", "File not found: {name}. Check the path."),
    "is_directory": (
        "{name} 是一个文件夹，不是清单文件。请选择 .gpkg 文件。",
        "{name} is a folder, not an inventory file. Choose a .gpkg file.",
    ),
    "not_sqlite": (
        "{name} 不是 GeoPackage 清单文件（不是 SQLite 数据库），请确认选择了 OneMap 的 .gpkg 文件。",
        "{name} is not a GeoPackage inventory (not an SQLite database); choose a OneMap .gpkg file.",
    ),
    "truncated": (
        "{name} 不完整（文件被截断，可能是复制或下载中断），请重新拷贝原文件或使用备份。",
        "{name} is incomplete (truncated, probably an interrupted copy or download); copy it again or use a backup.",
    ),
    "corrupt": (
        "{name} 已损坏，无法读取，请使用备份文件。",
        "{name} is damaged and cannot be read; use a backup copy.",
    ),
    "not_onemap": (
        "{name} 是 GeoPackage 文件，但不是 OneMap 清单（缺少小区表 estates），请用“导入”把其中数据导入清单。",
        "{name} is a GeoPackage but not a OneMap inventory (no estates table); use import to bring its data in.",
    ),
    "read_only": (
        "{name} 是只读文件，无法保存修改。请取消文件的只读属性，或另存一份副本后再编辑。",
        "{name} is read-only, so changes cannot be saved; clear its read-only flag or work on a copy.",
    ),
    "locked": (
        "{name} 正被另一个程序写入（可能是另一个 OneMap 或 QGIS 窗口），请关闭该程序后重试。",
        "{name} is being written by another program (another OneMap or QGIS window?); close it and try again.",
    ),
    "edited_by": (
        "{name} 正由 {user}（电脑 {host}，{since} 起）在 OneMap 中打开编辑，现在不能写入。对方关闭后即可编辑。",
        "{name} is open for editing in OneMap by {user} (computer {host}, since {since}); "
        "it cannot be written until they close it.",
    ),
    "newer": (
        "{name} 由更新版本的 OneMap 创建（含本版本不认识的升级 {detail}），请升级 OneMap 后再修改此文件。",
        "{name} was made by a newer OneMap (unknown migration {detail}); upgrade OneMap before editing it.",
    ),
    "exists": (
        "{name} 已存在，未覆盖。请换一个文件名，或使用 --force 覆盖。",
        "{name} already exists and was not overwritten; choose another name or use --force.",
    ),
    "no_estate": ("清单中没有编码为 {detail} 的小区。", "The inventory has no estate with code {detail}."),
    "duplicate_code": (
        "小区编码 {detail} 已存在，编码不能重复。",
        "Estate code {detail} already exists; codes must be unique.",
    ),
    "conflict": (
        "{detail} 在您打开后已被其他程序修改，您的修改未保存。",
        "{detail} was changed by another program after you opened it; your change was not saved.",
    ),
    "bad_where": ("筛选条件有误：{detail}", "Bad filter: {detail}"),
    "unwritable_dir": (
        "无法在 {name} 所在文件夹中写入（没有权限或磁盘已满）。",
        "Cannot write in the folder of {name} (no permission or disk full).",
    ),
    # -- the file under stress: locks, crashes, busy files (issue 10) --
    "hot_journal": (
        "{name} 有一次中断的写入（旁边的 {name}-journal 文件）尚待回滚，但现在没有写权限，无法恢复。"
        "请取消只读属性后用 OneMap 以可写方式打开一次（如 onemap validate），原内容会自动恢复；不要删除 -journal 文件。",
        "{name} has an interrupted write (the {name}-journal file beside it) waiting to be rolled back, "
        "but it cannot be written now; make it writable and open it once with OneMap (e.g. onemap "
        "validate) to restore its content. Do not delete the -journal file.",
    ),
    "busy": (
        "{name} 被其他程序（{who}）占用，等待 {seconds} 秒后仍未释放，本次没有写入。请关闭该程序或结束其编辑后重试。",
        "{name} is held by another program ({who}); it was not released within {seconds} s and nothing "
        "was written. Close that program or end its editing, then try again.",
    ),
    "waiting": ("等待其他程序释放文件 {name}（{who}）…", "Waiting for another program to release {name} ({who})…"),
    "disk_full": (
        "无法写入 {name}：磁盘已满。请腾出空间后重试，文件内容未改变。",
        "Cannot write {name}: the disk is full. Free some space and try again; the file is unchanged.",
    ),
    "io_error": (
        "读写 {name} 时出错（磁盘、U 盘或网络共享出错：{detail}）。请拷贝到本机硬盘后再试。",
        "Reading or writing {name} failed (disk, USB stick or network share error: {detail}); "
        "copy it to a local disk and try again.",
    ),
    "not_utf8": (
        "{name} 的表或字段名称不是 UTF-8 编码（可能由其他程序写入），OneMap 无法读取。请在 QGIS 中重命名该表或字段。",
        "{name} has a table or field name that is not UTF-8 (written by another program?); OneMap cannot "
        "read it. Rename that table or field in QGIS.",
    ),
    "sqlite": ("SQLite 无法处理 {name}：{detail}", "SQLite could not handle {name}: {detail}"),
    "damaged_outline": (
        "小区 {detail} 的范围面几何已损坏（环不闭合或数据不完整），已略过；请在 OneMap 或 QGIS 中重新绘制。",
        "The outline of estate {detail} is damaged (a ring that is not closed, or incomplete data) "
        "and was skipped; redraw it in OneMap or QGIS.",
    ),
}


class InventoryError(Exception):
    """An inventory file, or a request on it, that OneMap refuses, with a reason in words.

    ``str(error)`` is the Chinese sentence; :meth:`message` gives either language.
    """

    def __init__(self, kind: str, path: Path | str | None = None, detail: str = "", **fields: object) -> None:
        self.kind = kind
        self.path = Path(path) if path is not None else None
        self.detail = detail
        #: further named parts of the sentence (``user``, ``host``, ``since`` of a lock holder);
        #: a ``(zh, en)`` pair is a part that differs by language
        self.fields = fields
        super().__init__(self.message("zh"))

    def message(self, lang: str = "zh") -> str:
        """The sentence in ``"zh"`` or ``"en"``."""
        zh, en = _MESSAGES[self.kind]
        name = self.path.name if self.path is not None else ""
        parts = {
            key: (value[0] if lang == "zh" else value[1]) if isinstance(value, tuple) else value
            for key, value in self.fields.items()
        }
        return (zh if lang == "zh" else en).format(name=name, detail=self.detail, **parts)


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
            return (
                f"{self.key} 在您打开后已被其他程序修改（{fields}），您的修改未保存。请重新打开该小区，核对后再修改。"
            )
        fields = "; ".join(f"{k} is now '{v}'" for k, v in self.changed.items())
        return (
            f"{self.key} was changed by another program after you opened it ({fields}); "
            "your change was not saved. Reopen the estate, check it and edit again."
        )
