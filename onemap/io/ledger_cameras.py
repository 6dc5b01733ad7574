"""A ledger row's cameras: link cells, 国标编码 cells and login columns, logins kept out.

Three kinds of column describe cameras.  A link column (监控链接) gives one camera per link;
a 国标编码 column gives one camera per GB/T 28181 ID (several IDs in one cell are separated
by 、 , ; / or line breaks) unless a link of the same row already carries that ID; a login
column (用户名/密码, 密码, 账号/口令) is the login of the row's cameras.  A login — from a
``user:pass@`` link or from such a column — goes to the OS keyring through
:func:`onemap.cameras.store_credential` and never to the inventory, its notes or the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from onemap.cameras import CameraLink, Credential, credential_outcome, parse_camera_link, store_credential
from onemap.cameras.gbid import GbIdRefusal, decode_gb_id
from onemap.cameras.links import LinkRefusal
from onemap.io import cells
from onemap.io.report import ImportReport
from onemap.model import Camera

_LOGIN_SPLIT = re.compile(r"\s*[/／:：,，;；\s]\s*")
#: link cells remembered parsed (most ledgers repeat a few platform links or none at all)
SEEN_CELLS = 4096
_SEEN_CELLS: dict[tuple[type, Any], tuple[CameraLink | LinkRefusal, ...]] = {}


@dataclass
class RowCameras:
    """The cameras of one ledger row, with the keyring key of each and the login columns."""

    cameras: list[Camera] = field(default_factory=list)
    keys: list[str | None] = field(default_factory=list)
    with_login: set[str] = field(default_factory=set)
    gb_ids: list[tuple[str, str]] = field(default_factory=list)  # (header, raw ID text)
    login: dict[str, str] = field(default_factory=dict)  # "user"/"password" -> value
    login_header: str | None = None
    save_logins: bool = True  # False in a dry run: nothing is written anywhere, the keyring included

    def add(self, parsed: CameraLink) -> None:
        self.cameras.append(link_camera(parsed, len(self.cameras) + 1))
        self.keys.append(parsed.device_key)


def link_camera(parsed: CameraLink, number: int) -> Camera:
    """The ``number``-th camera of a row, from a parsed link (``Camera(...)`` without the generated ``__init__``)."""
    camera = object.__new__(Camera)
    camera.__dict__ = {
        "estate_code": "",
        "name": f"摄像头{number}",
        "kind": parsed.kind,
        "link": str(parsed),
        "gb_id": str(parsed.gb_id) if parsed.gb_id is not None else None,
        "channel": parsed.channel,
        "location": None,
    }
    return camera


def add_links(found: RowCameras, row: int, header: str, raw: Any, report: ImportReport) -> None:
    """Cameras from a cell of links: refused links are reported, logins split off and kept out."""
    for k, parsed in enumerate(links_in(raw), start=1):
        if not isinstance(parsed, CameraLink):
            report.warn(
                row, header, f"第 {k} 个链接未导入：{parsed.reason_zh}", f"link {k} refused: {parsed.reason_en}"
            )
            continue
        if parsed.credential is not None:
            _keep_login(
                found,
                parsed.device_key,
                parsed.credential,
                report,
                row,
                header,
                (f"第 {k} 个链接中的账号密码已移除", f"login removed from link {k}"),
            )
            found.with_login.add(parsed.device_key)
        found.add(parsed)


def links_in(raw: Any) -> tuple[CameraLink | LinkRefusal, ...]:
    """Each link of a cell parsed: a cell seen before (in this import or another) is answered from memory.

    The type is part of the key (``1``, ``1.0`` and ``True`` are equal keys but different
    cells).  What is remembered is immutable (frozen links, refusals); a cell whose links
    carry a login is never remembered, so no password outlives its row.
    """
    if raw is None or raw == "":  # an empty camera cell: nothing to split or parse
        return ()
    try:
        key = (type(raw), raw)
        found = _SEEN_CELLS.get(key)
    except TypeError:  # an unhashable cell (a GeoJSON list): parsed as it is
        return tuple(map(parse_camera_link, cells.split_multi(raw)))
    if found is None:
        found = tuple(map(parse_camera_link, cells.split_multi(raw)))
        if len(_SEEN_CELLS) < SEEN_CELLS and not any(getattr(p, "credential", None) for p in found):
            _SEEN_CELLS[key] = found
    return found


def add_gb_ids(found: RowCameras, row: int, header: str, raw: Any, report: ImportReport) -> None:
    """Remember a 国标编码 cell; :func:`finish` turns its IDs into cameras once links are known."""
    if cells.blank(raw):
        return
    if not isinstance(raw, str):  # a 20-digit number in Excel is a float: its last digits are gone
        report.warn(
            row,
            header,
            "国标编码被 Excel 存成了数字，末几位已丢失，请把该列设为文本后重填（未导入）",
            "the GB/T 28181 ID was stored by Excel as a number and lost its last digits; "
            "format the column as text and type it again (not imported)",
        )
        return
    for item in cells.split_multi(raw):
        found.gb_ids += [(header, part) for part in item.split()]


def add_login(found: RowCameras, header: str, part: str, raw: Any) -> None:
    """A login column's cell: ``part`` is ``user``, ``password`` or ``both`` (``admin/12345``)."""
    text = cells.original_text(raw)
    if text is None or cells.blank(raw) or not text.strip():
        return
    found.login_header = found.login_header or header
    if part == "both":
        user, password = _split_login(text)
        found.login.update({k: v for k, v in (("user", user), ("password", password)) if v})
    else:
        found.login[part] = text.strip()


def _split_login(text: str) -> tuple[str, str]:
    """``admin/12345``, ``admin:12345``, ``admin 12345``: the user name ends at the first separator."""
    parts = _LOGIN_SPLIT.split(text.strip(), maxsplit=1)
    if len(parts) == 1:  # one word under 用户名/密码: a password alone is the common case
        return "", parts[0]
    return parts[0], parts[1]


def finish(found: RowCameras, row: int, report: ImportReport) -> list[Camera]:
    """Cameras from the 国标编码 cells, then the login columns applied; returns every camera.

    An ID a link of the row already carries is that camera's.  The other IDs, when there
    are exactly as many as links without an ID, are the IDs of those links in order (the
    parallel 监控链接 / 国标编码 columns of a ledger, and of OneMap's own exports); else
    each makes a camera of its own.
    """
    pending = []
    for k, (header, text) in enumerate(found.gb_ids, start=1):
        decoded = _valid_gb_id(row, header, k, text, report)
        if decoded is not None and not _carried_by_a_link(found, str(decoded)):
            pending.append((header, decoded))
    without_id = [camera for camera in found.cameras if camera.gb_id is None]
    if pending and len(pending) == len(without_id):
        for camera, (_header, decoded) in zip(without_id, pending, strict=True):
            camera.gb_id = str(decoded)
    else:
        for header, decoded in pending:
            _camera_of_its_own(found, row, header, decoded, report)
    if found.login:
        _apply_login(found, row, report)
    return found.cameras


def _valid_gb_id(row: int, header: str, k: int, text: str, report: ImportReport) -> Any:
    decoded = decode_gb_id(text)
    if isinstance(decoded, GbIdRefusal):
        report.warn(
            row,
            header,
            f"第 {k} 个国标编码「{text[:40]}」无效：{decoded.reason_zh}（未导入）",
            f"GB/T 28181 ID {k} {text[:40]!r} is not valid: {decoded.reason_en} (not imported)",
        )
        return None
    return decoded


def _carried_by_a_link(found: RowCameras, digits: str) -> bool:
    for camera in found.cameras:
        if camera.gb_id == digits or (camera.gb_id is None and camera.link and digits in camera.link):
            camera.gb_id = digits  # the link of this row already is that camera
            return True
    return False


def _camera_of_its_own(found: RowCameras, row: int, header: str, decoded: Any, report: ImportReport) -> None:
    digits = str(decoded)
    if not decoded.is_camera:
        report.warn(
            row,
            header,
            f"国标编码 {digits} 的设备类型是{decoded.device_type_label}"
            f"（{decoded.device_type}），不是摄像机；仍按摄像头导入",
            f"GB/T 28181 ID {digits} is a device of type {decoded.device_type}, not a camera; "
            "imported as a camera anyway",
        )
    parsed = parse_camera_link(digits)
    if isinstance(parsed, CameraLink):
        found.add(parsed)


def _apply_login(found: RowCameras, row: int, report: ImportReport) -> None:
    header = found.login_header or "密码"
    password = found.login.get("password")
    keys = [k for k in dict.fromkeys(found.keys) if k is not None and k not in found.with_login]
    if not password:
        if found.login.get("user"):
            report.warn(row, header, "只有用户名没有密码，未保存", "a user name without a password; not kept")
        return
    if not keys:
        report.warn(
            row,
            header,
            "本行没有摄像头可用这组账号密码，未保存（也未写入备注）",
            "no camera in this row for this login; not kept (and not put in the notes)",
        )
        return
    credential = Credential(found.login.get("user", ""), password)
    for n, key in enumerate(keys, start=1):
        _keep_login(
            found,
            key,
            credential,
            report,
            row,
            header,
            (
                f"“{header}”列的账号密码已作为第 {n} 个摄像头的登录信息移出",
                f"the login in column {header!r} was taken out as camera {n}'s login",
            ),
        )


def _keep_login(
    found: RowCameras,
    key: str,
    credential: Credential,
    report: ImportReport,
    row: int,
    header: str,
    what: tuple[str, str],
) -> None:
    """Send a login to the keyring and say where it went (never what it is)."""
    if not found.save_logins:
        report.warn(
            row, header, f"{what[0]}（试运行，未保存到钥匙串）", f"{what[1]} (dry run: not saved to the keyring)"
        )
        return
    saved = store_credential(key, credential)
    where_zh, where_en = credential_outcome(saved)  # names the keyring's backend truthfully
    report.warn(row, header, f"{what[0]}{where_zh}", f"{what[1]}{where_en}")
