"""Translations: update the .ts sources with pyside6-lupdate, compile them with pyside6-lrelease.

Source strings are Chinese (``tr("导入台账")``), so ``onemap_en.ts`` holds the English
and ``onemap_zh_CN.ts`` the Chinese, filled with the source text itself (a string found
in the code but missing there is a string nobody checked).  Translators edit the .ts
files with Qt Linguist (``pyside6-linguist``).

The compiled .qm files are committed next to their .ts: every way of installing OneMap
(``pip install -e .[gui]`` on Windows, a wheel, the PyInstaller bundle) then carries the
English interface without Qt's tools at build time.  After editing a .ts, run
``scripts/build_translations`` (or ``--release``) and commit both;
``tests/core/test_translations_committed.py`` fails while a .qm lags behind its .ts.
Run through ``scripts/build_translations``.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = {"en": "en", "zh_CN": "zh_CN"}
#: what is scanned: every string of the GUI (its code and its forms)
ALL_SOURCES = ("onemap/gui", "ui")


def tool(name: str) -> Path:
    """A Qt tool from the venv's PySide6 (``pyside6-lupdate``), or exit with what to install."""
    found = Path(sys.executable).parent / (f"{name}.exe" if sys.platform == "win32" else name)
    if not found.exists():
        sys.exit(f"build_translations: {found} is missing; install the GUI extra: pip install -e '.[gui]'")
    return found


def ts_file(lang: str) -> Path:
    return TS_DIR / f"onemap_{lang}.ts"


def update(sources: tuple[str, ...], prune: bool = False) -> None:
    """Merge the strings of ``sources`` into every .ts file (existing translations are kept).

    ``prune`` drops strings the sources no longer have (only with the sources of every string).
    """
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        args = [str(tool("pyside6-lupdate")), "-extensions", "py,ui", "-locations", "relative",
                *(["-no-obsolete"] if prune else []),
                "-source-language", "zh_CN", "-target-language", lang, *sources, "-ts", str(ts_file(lang))]
        subprocess.run(args, check=True, cwd=ROOT)
    fill_source_language(ts_file("zh_CN"))


_MESSAGE = re.compile(r"<message>.*?</message>", re.DOTALL)
_SOURCE = re.compile(r"<source>(.*?)</source>", re.DOTALL)
_UNFINISHED = re.compile(r'<translation type="unfinished">.*?</translation>', re.DOTALL)


def fill_source_language(path: Path) -> int:
    """Chinese is the source language: each new Chinese entry is its own source text.

    Edits the text lupdate wrote in place (the source copied as lupdate escaped it), so
    the file keeps lupdate's layout and a new string is a few added lines in the diff.
    """
    filled = 0

    def fill(match: re.Match[str]) -> str:
        nonlocal filled
        block = match.group(0)
        source = _SOURCE.search(block)
        if source is None or not _UNFINISHED.search(block):
            return block
        filled += 1
        return _UNFINISHED.sub(lambda _m: f"<translation>{source.group(1)}</translation>", block, count=1)

    text = path.read_text(encoding="utf-8")
    changed = _MESSAGE.sub(fill, text)
    if filled:
        path.write_text(changed, encoding="utf-8")
    return filled


def unfinished(path: Path) -> list[tuple[str, str]]:
    """(context, source) of every entry still without a translation (vanished ones aside)."""
    tree = ET.parse(path)
    missing = []
    for context in tree.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") == "unfinished":
                missing.append((name, message.findtext("source") or ""))
    return missing


def release(folder: Path = TS_DIR) -> list[Path]:
    """Compile every .ts into its .qm in ``folder`` (next to the .ts by default); returns the .qm files."""
    compiled = []
    for lang in LANGUAGES:
        source = ts_file(lang)
        target = folder / source.with_suffix(".qm").name
        subprocess.run([str(tool("pyside6-lrelease")), "-silent", str(source), "-qm", str(target)],
                       check=True, cwd=ROOT)
        compiled.append(target)
    return compiled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--all", action="store_true", help="scan the whole GUI (the default; kept for old habits)")
    parser.add_argument("--release", action="store_true", help="only compile the .ts files")
    parser.add_argument("--check", action="store_true", help="exit 1 when an English translation is missing")
    parser.add_argument("--prune", action="store_true", help="drop strings the scanned sources no longer have")
    args = parser.parse_args()
    if not args.release:
        update(ALL_SOURCES, prune=args.prune)
    release()
    missing = unfinished(ts_file("en"))
    for context, source in missing:
        print(f"untranslated [{context}] {source}", file=sys.stderr)
    if missing:
        print(f"build_translations: {len(missing)} string(s) without English", file=sys.stderr)
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
