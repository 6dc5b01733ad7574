"""The notes OneMap itself writes on an alert's steps: stored as the Chinese sentence, the English twin made
when shown.

A person's note (``onemap alerts --close ID --note …``, the alert dock's note field) is kept as
typed.  The collector's own step (new → dispatched on the first successful send) says how it
went in a fixed sentence: the file keeps the Chinese one (what the county reads, in one
language as every other stored value) and :func:`note_in` gives its English twin by recognising
the sentence, so ``onemap --lang en history`` reads "dispatched via sms".
"""

from __future__ import annotations

import re

from onemap.said import Said

_DISPATCHED = re.compile(r"^已通过“(?P<channel>[^”]+)”派发$")


def dispatched_note(channel: str) -> Said:
    """The note of the step new → dispatched, made by a successful send through ``channel``."""
    return Said(f"已通过“{channel}”派发", f"dispatched via {channel}")


def note_in(text: str | None, lang: str = "zh") -> str | None:
    """A stored step note in ``lang``: OneMap's own sentences get their English twin; a person's note stays."""
    if text is None or lang == "zh":
        return text
    found = _DISPATCHED.match(text)
    return dispatched_note(found["channel"]).en if found else text
