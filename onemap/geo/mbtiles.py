"""Offline basemaps: read (and write) raster MBTiles files.

An MBTiles file is SQLite with a ``metadata`` table (name/value) and a ``tiles`` table
(or view) of ``zoom_level, tile_column, tile_row, tile_data`` whose rows count from the
south (TMS).  OneMap addresses tiles XYZ-style everywhere (row 0 at the north), so the
row is flipped here and nowhere else.  Opening never touches the network and never
writes to the file.

>>> with MBTiles("底图.mbtiles") as basemap:            # doctest: +SKIP
...     png = basemap.tile(12, 3398, 1653)               # XYZ row; None when absent
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from onemap.geo.tiles import tms_row
from onemap.store.mbtiles import TileFile, TileFileError, write_tile_file

RASTER_FORMATS = ("png", "jpg", "webp")
_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("找不到底图文件：{name}。请检查路径，或重新选择底图。", "Basemap file not found: {name}."),
    "is_directory": (
        "{name} 是文件夹，不是底图文件。请选择 .mbtiles 文件。",
        "{name} is a folder, not a basemap file.",
    ),
    "not_sqlite": (
        "{name} 不是 MBTiles 底图文件（不是 SQLite 数据库）。",
        "{name} is not an MBTiles basemap (not an SQLite database).",
    ),
    "not_mbtiles": (
        "{name} 不是 MBTiles 底图文件（缺少 tiles 瓦片表）。",
        "{name} is not an MBTiles basemap (no tiles table).",
    ),
    "vector": (
        "{name} 是矢量瓦片（{detail}），OneMap 只能显示栅格瓦片底图（PNG、JPEG、WebP）。",
        "{name} holds vector tiles ({detail}); OneMap shows raster tiles (PNG, JPEG, WebP) only.",
    ),
    "corrupt": ("底图文件 {name} 已损坏，无法读取。", "Basemap file {name} is damaged and cannot be read."),
    "empty": ("底图文件 {name} 中没有任何瓦片。", "Basemap file {name} holds no tiles."),
}
_MAGIC = {b"\x89PNG": "png", b"\xff\xd8\xff": "jpg", b"RIFF": "webp", b"\x1f\x8b": "pbf"}


class MBTilesError(Exception):
    """An MBTiles file OneMap cannot use, with the reason in one sentence.

    ``str(error)`` is the Chinese sentence; :meth:`message` gives either language.
    """

    def __init__(self, kind: str, path: Path | str, detail: str = "") -> None:
        self.kind = kind
        self.path = Path(path)
        self.detail = detail
        super().__init__(self.message("zh"))

    def message(self, lang: str = "zh") -> str:
        """The sentence in ``"zh"`` or ``"en"``."""
        zh, en = _MESSAGES[self.kind]
        return (zh if lang == "zh" else en).format(name=self.path.name, detail=self.detail)


class MBTiles:
    """A raster MBTiles file opened read-only; safe to share between threads.

    Parameters
    ----------
    path : str or Path
        The ``.mbtiles`` file.

    Raises
    ------
    MBTilesError
        For a missing, non-SQLite, damaged, empty or vector-tile file.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise MBTilesError("missing", self.path)
        if self.path.is_dir():
            raise MBTilesError("is_directory", self.path)
        with self.path.open("rb") as f:
            if not f.read(16).startswith(b"SQLite format 3"):
                raise MBTilesError("not_sqlite", self.path)
        try:
            self._file = TileFile(self.path)
        except TileFileError:
            raise MBTilesError("corrupt", self.path) from None
        try:
            self._read_metadata()
        except TileFileError:
            self._file.close()
            raise MBTilesError("corrupt", self.path) from None
        except MBTilesError:
            self._file.close()
            raise

    def _read_metadata(self) -> None:
        if "tiles" not in self._file.tables:
            raise MBTilesError("not_mbtiles", self.path)
        self.metadata: dict[str, str] = self._file.metadata()
        zooms = self._file.zoom_range()
        if zooms is None:
            raise MBTilesError("empty", self.path)
        self.minzoom = _int(self.metadata.get("minzoom"), zooms[0])
        self.maxzoom = _int(self.metadata.get("maxzoom"), zooms[1])
        self.format = self._format()
        if self.format not in RASTER_FORMATS:
            raise MBTilesError("vector", self.path, detail=self.format)
        self.bounds = _bounds(self.metadata.get("bounds"))
        self.attribution = self.metadata.get("attribution", "")
        self.name = self.metadata.get("name", self.path.stem)

    def _format(self) -> str:
        declared = self.metadata.get("format", "").strip().lower()
        declared = {"jpeg": "jpg", "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}.get(
            declared, declared
        )
        if declared:
            return declared
        data = self._file.first_tile()
        return next((fmt for magic, fmt in _MAGIC.items() if data.startswith(magic)), "unknown")

    def tile(self, z: int, x: int, y_xyz: int) -> bytes | None:
        """The encoded image of XYZ tile ``(z, x, y_xyz)``, or ``None`` when the file lacks it."""
        if z < 0 or not (0 <= x < (1 << z) and 0 <= y_xyz < (1 << z)):
            return None
        try:
            return self._file.tile(z, x, tms_row(y_xyz, z))
        except TileFileError:  # damaged further in than its header
            raise MBTilesError("corrupt", self.path) from None

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def __enter__(self) -> MBTiles:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"MBTiles({str(self.path)!r}, format={self.format!r}, zoom={self.minzoom}-{self.maxzoom})"


def _int(text: str | None, default: int) -> int:
    try:
        return int(float(text)) if text is not None else default
    except ValueError:
        return default


def _bounds(text: str | None) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` from the metadata text; the whole Web Mercator world when absent."""
    try:
        west, south, east, north = (float(v) for v in (text or "").split(","))
    except ValueError:
        return -180.0, -85.0511287798066, 180.0, 85.0511287798066
    return west, south, east, north


def write_mbtiles(path: Path | str, tiles: Iterable[tuple[int, int, int, bytes]], metadata: dict[str, str]) -> int:
    """Write a new MBTiles file from XYZ-addressed tiles; returns how many were written.

    Parameters
    ----------
    path : str or Path
        The file to create (replaced if it exists).
    tiles : iterable of (z, x, y_xyz, data)
        Encoded tile images, XYZ rows (flipped to TMS on the way in).
    metadata : dict
        ``name``, ``format``, ``bounds``, ``minzoom``, ``maxzoom``, ``attribution`` ...
    """
    return write_tile_file(Path(path), ((z, x, tms_row(y, z), data) for z, x, y, data in tiles), metadata)
