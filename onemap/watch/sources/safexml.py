"""XML in, without the attacks XML invites: no DTD, no entity declarations, no namespaces to match.

Built straight on expat so the guard holds whether or not ElementTree's C accelerator is in use
(its C parser hides the expat handlers defusedxml hooks).  A document that declares a DOCTYPE
or an entity is refused before anything is expanded; namespaces are dropped from tag names
because Hikvision firmware uses ver10, ver20, std-cgi and isapi.org for the same elements.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

# expat knows only UTF-8/16, Latin-1 and ASCII; Chinese firmware may declare GB2312 or GBK
_CHINESE_DECLARATION = re.compile(rb"""^(\s*<\?xml[^>]*?encoding=["'])(gb2312|gbk|gb18030)(["'])""", re.I)


class UnsafeXML(ValueError):
    """The document declares a DTD or entities."""


def _refuse(*_args: object) -> None:
    raise UnsafeXML("DTD or entity declaration")


def parse_xml(data: bytes) -> ET.Element:
    """The root element of ``data`` with namespace-free tags.

    Raises :class:`UnsafeXML` for a DOCTYPE or entity declaration and ``ValueError`` for
    anything expat cannot read.
    """
    if _CHINESE_DECLARATION.match(data):  # GB18030 is a superset of GB2312 and GBK
        utf8 = data.decode("gb18030", "replace").encode("utf-8")
        data = _CHINESE_DECLARATION.sub(rb"\1UTF-8\3", utf8, count=1)
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="\x01")
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse  # type: ignore[assignment]
    parser.StartElementHandler = lambda name, attrs: builder.start(
        _local(name), {_local(k): v for k, v in attrs.items()}
    )
    parser.EndElementHandler = lambda name: builder.end(_local(name))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise ValueError(f"line {error.lineno}: {expat.errors.messages[error.code]}") from None
    return builder.close()


def _local(name: str) -> str:
    return name.rpartition("\x01")[2]


def text_of(root: ET.Element, tag: str) -> str:
    """The stripped text of the first ``tag`` anywhere under ``root`` (root included), or ``""``."""
    found = root if root.tag == tag else root.find(f".//{tag}")
    return (found.text or "").strip() if found is not None else ""
