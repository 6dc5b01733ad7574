"""Raster PMTiles files (one file of XYZ tiles, read through its directory) as a tile source.

The ``pmtiles`` package reads the header and directories; the file is memory-mapped and
never written. Vector PMTiles are refused with a sentence (OneMap draws raster tiles only).
"""

from __future__ import annotations

import gzip
import mmap
import threading
from pathlib import Path
from typing import Any

from onemap.geo.rastererror import RasterError

_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


class PMTilesSource:
    """A raster ``.pmtiles`` file, addressed XYZ (row 0 at the north), like :class:`onemap.geo.mbtiles.MBTiles`.

    Parameters
    ----------
    path : str or Path

    Raises
    ------
    RasterError
        Missing, not PMTiles, a spec version the reader does not know, or vector tiles.
    """

    def __init__(self, path: Path | str) -> None:
        from pmtiles.reader import Reader

        self.path = Path(path)
        if not self.path.is_file():
            raise RasterError("missing", self.path)
        self._file = self.path.open("rb")
        try:
            self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
            self._reader = Reader(self._get)  # type: ignore[no-untyped-call]  # pmtiles is untyped
            header = self._reader.header()  # type: ignore[no-untyped-call]
            metadata: dict[str, Any] = self._reader.metadata()  # type: ignore[no-untyped-call]
        except Exception as error:  # the reader raises bare Exceptions for a wrong magic or version
            self.close()
            raise RasterError("pmtiles", self.path, _short(error)) from error
        kind = getattr(header["tile_type"], "name", str(header["tile_type"]))
        if kind not in _FORMATS:
            self.close()
            raise RasterError("pmtiles", self.path, f"{kind} tiles")
        self.format: str = _FORMATS[kind]
        self.minzoom, self.maxzoom = int(header["min_zoom"]), int(header["max_zoom"])
        self._gzip = getattr(header["tile_compression"], "name", "") == "GZIP"
        self.bounds_lonlat = tuple(header[k] / 1e7 for k in ("min_lon_e7", "min_lat_e7", "max_lon_e7", "max_lat_e7"))
        attribution = metadata.get("attribution") if isinstance(metadata, dict) else None
        self.attribution: str | None = str(attribution) if attribution else None
        self._lock = threading.Lock()

    def _get(self, offset: int, length: int) -> bytes:
        return bytes(self._map[offset : offset + length])

    def tile(self, z: int, x: int, y_xyz: int) -> bytes | None:
        """The encoded tile ``(z, x, y)`` (XYZ row), or None when the file has none there."""
        if not self.minzoom <= z <= self.maxzoom:
            return None
        with self._lock:
            data = self._reader.get(z, x, y_xyz)  # type: ignore[no-untyped-call]
        if data is None:
            return None
        return gzip.decompress(data) if self._gzip else data

    def close(self) -> None:
        """Release the file."""
        if getattr(self, "_map", None) is not None:
            self._map.close()
            self._map = None  # type: ignore[assignment]
        self._file.close()

    def __enter__(self) -> PMTilesSource:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _short(error: BaseException) -> str:
    return str(error).splitlines()[0][:120] if str(error) else type(error).__name__
