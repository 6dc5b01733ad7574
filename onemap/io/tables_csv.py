"""CSV ledgers, read as a stream: UTF-8 (with or without BOM) or GB18030, any line ends.

The file is never held in memory: the encoding is checked chunk by chunk, and every pass
over the rows opens the file again.  Quotes must pair up (``strict``): an unbalanced quote
would otherwise swallow the rest of the file into one cell without a word.  Each way a
file can be broken is refused in one sentence that names the row.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from onemap.io.ledger_table import HeaderScore, LedgerError, NumberedRow, Table, stream_table

_CHUNK = 1 << 20
_BOM = b"\xef\xbb\xbf"


def read_csv(path: Path, score: HeaderScore) -> Table:
    """Read a CSV saved by Excel or by hand, detecting its encoding and delimiter."""
    encoding = text_encoding(path)
    dialect = _dialect(path, encoding)

    def records() -> Iterator[NumberedRow]:
        with path.open(encoding=encoding, newline="") as stream:
            reader = csv.reader(stream, dialect, strict=True)
            number = 0
            try:
                for number, row in enumerate(reader, start=1):
                    yield number, row
            except csv.Error as error:
                raise _refusal(path, number + 1, str(error)) from None

    return stream_table(str(path), None, records, score)


def text_encoding(path: Path) -> str:
    """``utf-8-sig``, ``utf-8`` or ``gb18030`` (Excel on Chinese Windows), checked to the last byte."""
    with path.open("rb") as stream:
        if stream.read(3) == _BOM:
            return "utf-8-sig"
    for encoding in ("utf-8", "gb18030"):
        if _decodes(path, encoding):
            return encoding
    raise LedgerError(
        "无法识别文件编码（不是 UTF-8 或 GB18030），请在 Excel 中另存为“CSV UTF-8”。",
        "Unknown text encoding (not UTF-8 or GB18030); save as CSV UTF-8.",
    )


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _dialect(path: Path, encoding: str) -> Any:
    with path.open(encoding=encoding, newline="") as stream:
        sample = stream.read(8192)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        return csv.excel


def _refusal(path: Path, row: int, reason: str) -> LedgerError:
    """One sentence for each way the csv module can give up on a file."""
    name = path.name
    if "field limit" in reason:
        return LedgerError(
            f"{name} 第 {row} 行有超过 128 KB 的单元格（多半是引号不成对），未导入。",
            f"{name} row {row} has a cell over 128 KB (probably an unbalanced quote); nothing imported.",
        )
    if "NUL" in reason:
        return LedgerError(
            f"{name} 第 {row} 行含有空字符（NUL），不是文本表格，未导入。",
            f"{name} row {row} contains NUL characters; it is not a text table. Nothing imported.",
        )
    if "end of data" in reason or "expected after" in reason:
        return LedgerError(
            f"{name} 第 {row} 行的引号不成对（缺少右引号或引号后多了字符），请在 Excel 中打开检查后另存，未导入。",
            f"{name} row {row} has an unbalanced quote; open it in Excel, check and save again. Nothing imported.",
        )
    return LedgerError(
        f"{name} 第 {row} 行无法按 CSV 读取，未导入。", f"{name} row {row} cannot be read as CSV; nothing imported."
    )
