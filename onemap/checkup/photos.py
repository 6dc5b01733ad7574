"""Survey photos read into the inventory: a JPEG or PNG file's bytes, or a sentence saying why not.

A check-up photo is kept in the file itself (``photos.picture``, schema 9) so a copied or
mailed inventory still shows it; the path the surveyor chose is kept beside it as its name.
A survey sheet names photos relative to the sheet's own folder.
"""

from __future__ import annotations

from pathlib import Path

from onemap.said import Said

#: the pictures a photo may be (the form's file filter says the same)
MAGIC = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}
#: a phone photo is 2–8 MB; anything much larger is a scan or a video by mistake
MAX_BYTES = 25 * 1024 * 1024


class PhotoError(ValueError):
    """A photo that cannot be kept; ``args[0]`` is the Chinese sentence with its English twin."""


def resolve(text: str, folder: Path | None = None) -> Path:
    """The file a photo cell names: absolute as written, else relative to ``folder`` (the sheet's)."""
    path = Path(text.strip().strip('"'))
    return path if path.is_absolute() or folder is None else folder / path


def read_photo(path: Path) -> bytes:
    """The bytes of a JPEG or PNG photo at ``path``.

    Raises
    ------
    PhotoError
        The file does not exist, cannot be read, is not a JPEG or PNG, or is too large.
    """
    if not path.is_file():
        raise PhotoError(Said(f"照片文件不存在：{path}", f"photo file not found: {path}"))
    size = path.stat().st_size
    if size > MAX_BYTES:
        mb = size / 1024 / 1024
        zh = f"照片太大（{mb:.0f} MB，上限 {MAX_BYTES // 1024 // 1024} MB）：{path}，请压缩后再添加"
        raise PhotoError(Said(zh, f"photo too large ({mb:.0f} MB, limit {MAX_BYTES // 1024 // 1024} MB): {path}"))
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PhotoError(
            Said(f"无法读取照片：{path}（{error.strerror}）", f"cannot read photo {path}: {error}")
        ) from None
    if not any(data.startswith(magic) for magic in MAGIC):
        raise PhotoError(Said(f"不是 JPEG 或 PNG 图片：{path}", f"not a JPEG or PNG picture: {path}"))
    return data
