"""Writing an output file without ever destroying an input or a good earlier copy.

Every command that writes a file (``export``, ``demo``, ``brief``, ``snapshot``, import
reports) goes through :class:`OutputFile`:

- an output that *is* one of the command's inputs (same spelling, another spelling, a
  symlink, a hard link) is refused, ``--force`` or not;
- an existing output is refused unless ``force``;
- a missing folder, a read-only folder or a folder given as the output each get their own
  sentence;
- the writer writes to a temporary name in the target folder, renamed into place with
  :func:`os.replace` only when it finished, so a failed write leaves nothing new and
  ``--force`` keeps the earlier file until the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from onemap.store.errors import InventoryError

_MESSAGES: dict[str, tuple[str, str]] = {
    "same_as_input": (
        "输出文件 {name} 就是输入文件 {detail}，不能用输出覆盖输入（即使加 --force）。请换一个输出文件名。",
        "The output {name} is the input file {detail} itself; it is never overwritten, "
        "even with --force. Choose another output name.",
    ),
    "no_folder": (
        "目标文件夹不存在：{detail}。请先建好文件夹，或换一个位置。",
        "The folder does not exist: {detail}. Create it first or choose another place.",
    ),
    "readonly_folder": (
        "目标文件夹 {detail} 不允许写入（只读或没有权限），{name} 未写入。",
        "The folder {detail} is read-only (or you may not write there); {name} was not written.",
    ),
    "output_is_folder": (
        "{name} 是一个文件夹，请给出输出文件名。",
        "{name} is a folder; give the name of the output file.",
    ),
    "write_failed": (
        "无法写入 {name}（{detail}），原有文件未改动。",
        "Could not write {name} ({detail}); any earlier file is unchanged.",
    ),
}
#: companions SQLite may leave beside a temporary GeoPackage
_SIDECARS = ("-journal", "-wal", "-shm")


class OutputError(InventoryError):
    """An output that OneMap refuses to write, with the reason in Chinese and English."""

    def message(self, lang: str = "zh") -> str:
        if self.kind not in _MESSAGES:
            return super().message(lang)
        zh, en = _MESSAGES[self.kind]
        name = self.path.name if self.path is not None else ""
        return (zh if lang == "zh" else en).format(name=name, detail=self.detail)


def same_file(a: Path | str, b: Path | str) -> bool:
    """True when ``a`` and ``b`` name one file: equal after resolving, or the same inode.

    ``os.path.samefile`` compares device and file index, so hard links and symlinks are
    caught on Windows too; the resolved, case-normalised path catches a file that does
    not exist yet under two spellings.
    """
    a, b = Path(a), Path(b)
    with contextlib.suppress(OSError):
        if os.path.samefile(a, b):
            return True
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def check_output(path: Path | str, inputs: Iterable[Path | str | None] = (), *, force: bool = False) -> Path:
    """Refuse an output that is an input, exists without ``force``, or has no usable folder.

    Returns
    -------
    Path
        The output's absolute path.

    Raises
    ------
    OutputError
        ``same_as_input``, ``exists``, ``output_is_folder``, ``no_folder`` or ``readonly_folder``.
    """
    out = Path(path)
    for source in inputs:
        if source is not None and same_file(out, source):
            raise OutputError("same_as_input", out, detail=str(source))
    if out.is_dir():
        raise OutputError("output_is_folder", out)
    folder = Path(os.path.abspath(out)).parent
    if not folder.is_dir():
        raise OutputError("no_folder", out, detail=str(folder))
    if out.exists() and not force:
        raise OutputError("exists", out)
    return folder / out.name


class OutputFile:
    """``with OutputFile(out, inputs=[inv], force=args.force) as temp: write(temp)``.

    ``temp`` is a path with the output's name inside a fresh temporary folder in the
    output's folder.  A writer may put companions beside it (a shapefile's ``.dbf``,
    ``.shx``, ``.prj``, ``.cpg`` and its outlines file): on a clean exit every file in
    that folder replaces its namesake beside ``out`` (the main file last), on an
    exception the folder is removed and nothing beside ``out`` changes.
    """

    def __init__(self, path: Path | str, inputs: Iterable[Path | str | None] = (), *, force: bool = False) -> None:
        self.path = check_output(path, list(inputs), force=force)
        self.folder: Path | None = None

    def __enter__(self) -> Path:
        try:
            self.folder = Path(tempfile.mkdtemp(prefix=f".~{self.path.stem}.", dir=self.path.parent))
        except PermissionError:
            raise OutputError("readonly_folder", self.path, detail=str(self.path.parent)) from None
        except OSError as error:
            raise OutputError("write_failed", self.path, detail=error.strerror or str(error)) from None
        return self.folder / self.path.name

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        assert self.folder is not None
        try:
            if error is not None and isinstance(error, OSError):
                # disk full, a folder turned read-only mid-write: a sentence, not a traceback
                raise OutputError("write_failed", self.path, detail=error.strerror or str(error)) from error
            if kind is None:
                self._move_into_place()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _move_into_place(self) -> None:
        assert self.folder is not None
        written = [f for f in self.folder.iterdir() if f.is_file() and not f.name.endswith(_SIDECARS)]
        main = self.folder / self.path.name
        if not main.exists():
            raise OutputError("write_failed", self.path, detail="no output")
        for temp in sorted(written, key=lambda f: f == main):  # the main file last
            try:
                os.replace(temp, self.path.parent / temp.name)
            except OSError as failure:
                raise OutputError("write_failed", self.path, detail=failure.strerror or str(failure)) from None
