"""Credentials out of any text: URL logins, ``?password=`` pairs, ``密码：…`` phrases.

:func:`strip_secrets` is the one rule every value passes on its way into the inventory
(:mod:`onemap.store.values`) and its audit trail; :func:`redact` cuts URL logins out of log
lines and messages; :func:`has_secret` is what ``onemap validate`` flags.  A link itself is
split into a clean URL and a :class:`~onemap.cameras.links.Credential` by
:func:`~onemap.cameras.links.parse_camera_link`.
"""

from __future__ import annotations

import re

_URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S*")


def redact(text: str) -> str:
    """Remove the userinfo from every URL in a free text (log lines, error messages).

    Everything between ``://`` and the last ``@`` of each whitespace-delimited URL is cut,
    so a stray ``@`` in a query costs some detail rather than leaking a password.
    Passwords containing whitespace cannot be found this way; the parser refuses them.
    """

    def cut(match: re.Match[str]) -> str:
        head, _, rest = match.group(0).partition("://")
        return f"{head}://{rest[rest.rfind('@') + 1 :]}"

    return _URL_IN_TEXT.sub(cut, text)


_SECRET_NAMES = r"(?:password|passwd|passwort|pwd|pass|passcode|pswd|token|access_token|secret|apikey|api_key|key|auth)"
_QUERY_SECRET = re.compile(rf"([?&;]){_SECRET_NAMES}=[^&;#\s]*", re.I)
# "密码：abc123", "口令=x", "password: x", "PWD=x", "用户名/密码 admin/abc123": the label and the secret
_TEXT_SECRET = re.compile(
    r"(?:(?:用户名|用户|账号|帐号|user(?:name)?)\s*[/／]\s*)?"
    r"(?:(?:密码|口令|密钥|秘钥)\s*(?:(?:[:：=]|是|为)\s*[^\s，,；;。、)）]+|[!-~]+)"
    rf"|(?<![A-Za-z]){_SECRET_NAMES}(?![A-Za-z])\s*[:：=]\s*[^\s，,；;。、)）&]+)",
    re.I,
)


# cheap first look: most texts (names, townships) hold none of these and are returned as they are
_MAYBE_SECRET = re.compile(r"@|密码|口令|密钥|秘钥|pass|pwd|pswd|token|secret|key|auth", re.I)


def strip_secrets(text: str) -> str:
    """``text`` without any credential: URL logins, ``?password=`` pairs, ``密码：…`` phrases.

    The one rule every value passes on its way into the file (and its audit trail), so a
    password pasted into notes, an address, a GB/T 28181 configuration string
    (``SIP服务器ID:… 密码:abc123``) or a snapshot link never reaches a file.  Only the
    secret and its label go; the rest of the text stays.
    """
    if not isinstance(text, str) or not text or not _MAYBE_SECRET.search(text):
        return text
    cleaned = _QUERY_SECRET.sub(lambda m: "?" if m.group(1) == "?" else "", text)
    cleaned = re.sub(r"\?(?=[&;])[&;]?", "?", cleaned)  # "?password=x&a=1" -> "?a=1"
    cleaned = re.sub(r"\?(?=$|[\s#])", "", cleaned)  # a query left empty
    cleaned = redact(cleaned)
    cleaned = _TEXT_SECRET.sub("", cleaned)
    if cleaned == text:
        return text
    return re.sub(r"[ \t]{2,}", " ", cleaned).strip(" \t，,；;")


# the same words as _MAYBE_SECRET, for plain substring search after casefold() (which maps
# what re.I matches too, such as the Kelvin sign and the long s, to ASCII)
_MAYBE_SECRET_WORDS = ("@", "密码", "口令", "密钥", "秘钥", "pass", "pwd", "pswd", "token", "secret", "key", "auth")


def may_hold_secret(text: str) -> bool:
    """Whether :func:`strip_secrets` could change ``text`` at all (a cheap look, for whole columns).

    False means the text holds no credential; a column of values joined by newlines
    passes as a whole when this is False (bulk loads check columns, not values).  Plain
    substring search: megabytes per millisecond, where the regular expression takes seconds.
    """
    folded = text.casefold()
    return any(word in folded for word in _MAYBE_SECRET_WORDS)


def has_secret(text: object) -> bool:
    """Whether a text holds something credential-looking (what ``validate`` flags)."""
    return isinstance(text, str) and bool(text) and strip_secrets(text) != text
