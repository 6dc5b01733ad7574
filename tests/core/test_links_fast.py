"""The link parser's short cuts judge exactly as what they replace.

An all-numeric host is checked by a regular expression instead of building an
``ipaddress.IPv4Address`` per link, and the shell marks by one search instead of eight:
for every text the verdict must be the one the old way gives (a host ``010.0.0.1`` or
``256.1.1.1`` is still refused, ``10.0.0.1`` still taken).
"""

from __future__ import annotations

import ipaddress

from hypothesis import given
from hypothesis import strategies as st

from onemap.cameras import CameraLink, parse_camera_link
from onemap.cameras.links import _SHELL_MARKS, _is_hostname

_OCTETS = st.one_of(
    st.integers(0, 300).map(str),
    st.text("0123456789", min_size=0, max_size=4),
)


def _old_is_hostname(host: str) -> bool:
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return False
    return True


@given(st.lists(_OCTETS, min_size=1, max_size=5))
def test_an_all_numeric_host_is_taken_exactly_when_ipaddress_takes_it(octets: list[str]) -> None:
    host = ".".join(octets)
    if host.replace(".", "").isdigit():
        assert _is_hostname(host) == _old_is_hostname(host), host


def test_leading_zeros_big_octets_and_short_addresses_are_still_refused() -> None:
    for host in ("010.0.0.1", "256.1.1.1", "10.0.1", "10.0.0.1.5", "1..2.3"):
        assert not isinstance(parse_camera_link(f"rtsp://{host}/live"), CameraLink), host
    for host in ("10.0.0.1", "255.255.255.255", "0.0.0.0", "192.168.1.64"):
        assert isinstance(parse_camera_link(f"rtsp://{host}:554/live"), CameraLink), host


@given(st.text(alphabet=st.sampled_from(list("ab/;|`$({&<>?=.1")), max_size=12))
def test_a_path_is_refused_for_shell_marks_exactly_when_one_of_them_is_in_it(path: str) -> None:
    parsed = parse_camera_link(f"rtsp://10.0.0.1/{path}")
    # the old way looked at host + path + query: the first "?" ends the path and is not looked at
    marked = any(mark in "10.0.0.1/" + path.replace("?", "", 1) for mark in _SHELL_MARKS)
    assert (not isinstance(parsed, CameraLink)) == marked, path
