"""Aliyun's RPC request signature (V2, HMAC-SHA1), as its documentation describes it.

1. Sort every parameter but ``Signature`` by name; percent-encode names and values with
   UTF-8 and RFC 3986 (``A–Z a–z 0–9 - _ . ~`` stay, space is ``%20``, ``*`` is ``%2A``);
   join ``name=value`` pairs with ``&``: the canonicalised query string.
2. ``StringToSign = METHOD + "&" + percentEncode("/") + "&" + percentEncode(canonicalised)``.
3. ``Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from urllib.parse import quote


def percent_encode(text: str) -> str:
    """RFC 3986 percent-encoding of UTF-8 text, as Aliyun's signature requires."""
    return quote(text, safe="-_.~", encoding="utf-8")


def canonical_query(params: Mapping[str, str]) -> str:
    """The parameters sorted by name, each name and value percent-encoded, joined with ``&``."""
    return "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items()))


def string_to_sign(method: str, params: Mapping[str, str]) -> str:
    """``METHOD&%2F&<percent-encoded canonical query>``."""
    return f"{method}&{percent_encode('/')}&{percent_encode(canonical_query(params))}"


def signature(method: str, params: Mapping[str, str], access_key_secret: str) -> str:
    """Base64 of HMAC-SHA1 keyed with ``AccessKeySecret + "&"`` over the string to sign."""
    key = (access_key_secret + "&").encode("utf-8")
    digest = hmac.new(key, string_to_sign(method, params).encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")
