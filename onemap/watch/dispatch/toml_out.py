"""Write the ``[dispatch]`` table back into a ``WATCH.toml``, leaving every other section as it was.

The viewer's 派发规则 page edits only dispatch; the broker, listener and pulled cameras in the
same file (other engineers' and the county's own lines, comments included) are kept byte for
byte.  The dispatch part is re-emitted from its values (comments inside it are not kept), and
the result is read back and compared before it replaces the file, so a mistake here can never
leave a collector with a half-written config.
"""

from __future__ import annotations

import json
import math
import os
import re
import tomllib
from pathlib import Path
from typing import Any

from onemap.userdirs import user_folder

_HEADER = re.compile(r"^\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?\s*(#.*)?$")
_BARE = re.compile(r"^[A-Za-z0-9_\-]+$")


def viewer_watch_file() -> Path:
    """The ``WATCH.toml`` the viewer edits and ``onemap watch`` reads without ``--config``.

    It sits beside the viewer's own settings, in the per-user config folder
    (``%APPDATA%\\OneMap\\watch.toml`` on Windows, ``~/.config/onemap/watch.toml`` elsewhere).
    """
    return user_folder("config") / "watch.toml"


def _key(name: str) -> str:
    return name if _BARE.match(name) else json.dumps(name, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("TOML has no place for a non-finite number here")
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to WATCH.toml")


def _pairs(table: dict[str, Any]) -> list[str]:
    return [f"{_key(k)} = {_value(v)}" for k, v in table.items() if not isinstance(v, dict)]


def render_dispatch(table: dict[str, Any]) -> str:
    """The TOML text of a ``[dispatch]`` table (plain values, rules, roles, channels)."""
    top = {k: v for k, v in table.items() if k not in ("rules", "roles", "channels")}
    blocks = ["[dispatch]\n" + "".join(line + "\n" for line in _pairs(top))]
    for rule in table.get("rules", []):
        blocks.append("[[dispatch.rules]]\n" + "".join(line + "\n" for line in _pairs(rule)))
    for group in ("roles", "channels"):
        for name, options in table.get(group, {}).items():
            blocks.append(f"[dispatch.{group}.{_key(name)}]\n" + "".join(line + "\n" for line in _pairs(options)))
    return "\n".join(blocks)


def _is_dispatch(name: str) -> bool:
    return name == "dispatch" or name.startswith("dispatch.")


def splice(text: str, dispatch_text: str) -> str:
    """``text`` with its dispatch sections replaced by ``dispatch_text`` (appended at the end)."""
    kept, inside = [], False
    for line in text.splitlines(keepends=True):
        header = _HEADER.match(line.strip()) if line[:1] == "[" else None
        if header is not None:
            inside = _is_dispatch(header.group(1))
        if not inside:
            kept.append(line)
    head = "".join(kept).rstrip()
    return (head + "\n\n" if head else "") + dispatch_text


def write_dispatch(path: Path, table: dict[str, Any]) -> str:
    """Put ``table`` as the ``[dispatch]`` of the file at ``path`` (created if missing); the new text.

    Raises
    ------
    ValueError
        The file would not read back with the same other sections and this dispatch table
        (then nothing is written).
    OSError
        The folder or file cannot be written.
    """
    old = path.read_text("utf-8") if path.exists() else ""
    new = splice(old, render_dispatch(table))
    before, after = tomllib.loads(old) if old else {}, tomllib.loads(new)
    before.pop("dispatch", None)
    written = after.pop("dispatch", None)
    if before != after or written != table:
        raise ValueError("派发规则写回后读出的内容不一致，未保存 / the rules did not read back the same; not saved")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    temporary.write_text(new, "utf-8")
    os.replace(temporary, path)  # a collector reading meanwhile sees the old file or the new one
    return new
