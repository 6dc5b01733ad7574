"""Find and register a CJK font that ReportLab can embed, so every character prints.

ReportLab embeds TrueType outlines only (``glyf``): OpenType/CFF fonts such as Noto CJK
are skipped.  The search order is the font set in Settings, then the usual Windows,
macOS and Linux CJK fonts.  When none is found the packet falls back to the
``STSong-Light`` CID font, which is not embedded: the PDF then depends on the reader.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from onemap.said import Said

FALLBACK_CID = "STSong-Light"
#: file names in order of preference: YaHei and SimHei read best on a laser printout
CANDIDATE_NAMES: tuple[str, ...] = (
    "msyh.ttc",
    "msyh.ttf",
    "simhei.ttf",
    "simsun.ttc",
    "Deng.ttf",
    "wqy-zenhei.ttc",
    "wqy-microhei.ttc",
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
    "uming.ttc",
    "ukai.ttc",
    "STHeiti Light.ttc",
    "Arial Unicode.ttf",
)
_PROBE = "中国小区改造"


@dataclass
class FontChoice:
    """The font a briefing uses: its registered name, file and whether it is embedded."""

    name: str
    path: Path | None
    subfont_index: int = 0
    embedded: bool = True
    warnings: list[str] = field(default_factory=list)

    def covers(self, char: str) -> bool:
        """True when the font has a glyph for ``char`` (always True for the CID fallback)."""
        if not self.embedded:
            return True
        return ord(char) in _face_chars(self.name)


def font_dirs() -> list[Path]:
    """Folders where this machine keeps fonts (Windows, macOS, Linux)."""
    home = Path.home()
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if local := os.environ.get("LOCALAPPDATA"):
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    dirs += [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    dirs += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local/share/fonts", home / ".fonts"]
    return [d for d in dirs if d.is_dir()]


def candidate_files(dirs: list[Path]) -> list[Path]:
    """Known CJK font files under ``dirs``, best first (Linux keeps them in subfolders)."""
    found: dict[str, list[Path]] = {}
    wanted = {name.lower() for name in CANDIDATE_NAMES}
    for folder in dirs:
        for root, _subdirs, files in os.walk(folder):
            for name in files:
                if name.lower() in wanted:
                    found.setdefault(name.lower(), []).append(Path(root) / name)
    return [path for name in CANDIDATE_NAMES for path in found.get(name.lower(), [])]


def outline_kinds(path: Path) -> list[str]:
    """``"truetype"`` or ``"cff"`` for each font in a ``.ttf``/``.ttc`` file (``[]`` if neither)."""
    with open(path, "rb") as handle:
        head = handle.read(12)
        if head[:4] != b"ttcf":
            kind = _kind(head[:4])
            return [kind] if kind else []
        count = min(struct.unpack(">I", head[8:12])[0], 64)
        offsets = struct.unpack(f">{count}I", handle.read(4 * count))
        kinds = []
        for offset in offsets:
            handle.seek(offset)
            kinds.append(_kind(handle.read(4)) or "unknown")
        return kinds


def _kind(tag: bytes) -> str | None:
    return {b"\x00\x01\x00\x00": "truetype", b"true": "truetype", b"OTTO": "cff"}.get(tag)


def try_font(path: Path) -> tuple[FontChoice | None, str]:
    """Register the first embeddable CJK subfont of ``path``; else ``None`` and why not."""
    try:
        kinds = outline_kinds(path)
    except OSError as error:
        return None, Said(
            f"无法读取字体 {path}：{error.strerror or error}", f"Cannot read the font {path}: {error.strerror or error}"
        )
    if not kinds or all(kind == "cff" for kind in kinds):
        return None, Said(
            f"字体 {path.name} 是 OpenType/CFF 字体，ReportLab 无法嵌入，已跳过",
            f"The font {path.name} is OpenType/CFF, which ReportLab cannot embed; skipped",
        )
    for index, kind in enumerate(kinds):
        if kind == "truetype" and (choice := _register(str(path), index)) is not None:
            return choice, ""
    return None, Said(
        f"字体 {path.name} 不能嵌入或不含中文字形，已跳过",
        f"The font {path.name} cannot be embedded or has no Chinese glyphs; skipped",
    )


@lru_cache(maxsize=16)
def _register(path: str, index: int) -> FontChoice | None:
    name = f"OneMapCJK-{Path(path).stem}-{index}"
    try:
        font = TTFont(name, path, subfontIndex=index)
    except (TTFError, OSError, ValueError, IndexError):
        return None
    if not all(ord(char) in font.face.charToGlyph for char in _PROBE):
        return None
    from onemap.brief.packing import map_font_file

    map_font_file(font.face, Path(path))  # the subset at save reads glyphs from the file itself
    pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return FontChoice(name, Path(path), index)


def _face_chars(name: str) -> dict[int, int]:
    return pdfmetrics.getFont(name).face.charToGlyph  # type: ignore[no-any-return]


def find_cjk_font(override: str | Path | None = None, dirs: list[Path] | None = None) -> FontChoice:
    """The CJK font for a briefing, registered with ReportLab.

    Parameters
    ----------
    override : str or Path, optional
        The font file set in Settings; tried first.  A missing or unusable file adds a
        warning and the search goes on.
    dirs : list of Path, optional
        Folders to search instead of :func:`font_dirs` (tests pass an empty list).

    Returns
    -------
    FontChoice
        An embedded TrueType font, or the non-embedded ``STSong-Light`` with a warning.
    """
    warnings: list[str] = []
    paths = candidate_files(font_dirs() if dirs is None else dirs)
    if override:
        override = Path(override)
        if override.is_file():
            paths.insert(0, override)
        else:
            warnings.append(
                Said(
                    f"设置中的字体文件不存在：{override}，改用系统字体",
                    f"The font file in the settings does not exist: {override}; using a system font",
                )
            )
    for path in paths:
        choice, why = try_font(path)
        if choice is not None:
            return FontChoice(choice.name, choice.path, choice.subfont_index, True, warnings)
        if path == override:
            warnings.append(why)
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID))
    warnings.append(
        Said(
            f"未找到可嵌入的中文 TrueType 字体，改用 {FALLBACK_CID}（未嵌入，PDF 显示依赖阅读器的字体）",
            f"No embeddable Chinese TrueType font was found; using {FALLBACK_CID} (not embedded: "
            "the PDF then shows in the reader's own font)",
        )
    )
    return FontChoice(FALLBACK_CID, None, 0, False, warnings)
