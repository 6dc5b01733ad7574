"""Camera links and GB/T 28181 IDs as county ledgers write them; logins never leak."""

import dataclasses
import json
import logging
import re

import keyring
import pytest
from hypothesis import given
from hypothesis import strategies as st
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import PasswordSetError

from onemap.cameras import (
    KEYRING_SERVICE,
    CameraLink,
    Credential,
    LinkRefusal,
    dahua_rtsp,
    display_link,
    forget_credential,
    hikvision_rtsp,
    hls_url,
    keyring_available,
    load_credential,
    parse_camera_link,
    player_command,
    redact,
    store_credential,
    uniview_rtsp,
)
from onemap.cameras.gbid import GbId, GbIdRefusal, build_gb_id, decode_gb_id

# Pin keyring's own choice of backend now: the in-memory backend class defined below
# registers itself with keyring and must not become the "OS" keyring of other tests.
OS_KEYRING = keyring.get_keyring()

MIAN_IPC = "61072500011320000123"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def parsed(text: str) -> CameraLink:
    link = parse_camera_link(text)
    assert isinstance(link, CameraLink), link
    return link


# --- GB/T 28181 IDs ------------------------------------------------------------------------


def test_mian_county_community_ip_camera_is_described_in_chinese():
    gb_id = decode_gb_id(MIAN_IPC)
    assert isinstance(gb_id, GbId)
    assert gb_id.describe() == "610725 · 社区 · 网络摄像机(132) · 序号 000123"
    assert (gb_id.unit, gb_id.network_label, gb_id.is_camera) == ("00", "监控报警专网", True)


@pytest.mark.parametrize(
    ("device_type", "label", "is_camera"),
    [("118", "网络视频录像机", False), ("131", "摄像机", True), ("216", "虚拟组织", False)],
)
def test_device_type_digits_name_the_device(device_type, label, is_camera):
    gb_id = decode_gb_id(MIAN_IPC[:10] + device_type + MIAN_IPC[13:])
    assert isinstance(gb_id, GbId)
    assert (gb_id.device_type_label, gb_id.is_camera) == (label, is_camera)


def test_unknown_industry_and_type_are_labelled_unknown_with_their_code():
    gb_id = decode_gb_id("61072500" + "37" + "999" + "9" + "000001")
    assert isinstance(gb_id, GbId)
    assert gb_id.describe() == "610725 · 未知行业 37 · 未知类型 999(999) · 序号 000001"
    assert gb_id.network_label == "预留"


@pytest.mark.parametrize(
    ("digit", "network"),
    [("0", "监控报警专网"), ("4", "监控报警专网"), ("5", "公安信息网"), ("6", "政务网"),
     ("7", "互联网"), ("8", "社会资源接入网")],
)  # fmt: skip
def test_fourteenth_digit_names_the_network(digit, network):
    gb_id = decode_gb_id(MIAN_IPC[:13] + digit + MIAN_IPC[14:])
    assert isinstance(gb_id, GbId)
    assert gb_id.network_label == network


def test_full_width_digits_and_blanks_around_an_id_are_accepted():
    full_width = MIAN_IPC.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert str(decode_gb_id(f" {full_width}\t")) == MIAN_IPC


@pytest.mark.parametrize(
    "text",
    ["", "6107250001132000012", "610725000113200001234", "6107250001132000012x",
     "61072500011320000123.0", "00072500011320000123", 61072500011320000123, None,
     6.10725000113200e19],
)  # fmt: skip
def test_text_that_is_not_a_gb_id_is_refused_with_a_reason_in_both_languages(text):
    refusal = decode_gb_id(text)
    assert isinstance(refusal, GbIdRefusal)
    assert CHINESE.search(refusal.reason_zh) and re.search("[a-z]{3}", refusal.reason_en)


@given(
    st.sampled_from(["610725", "340200", "110101", "820000"]),
    st.integers(0, 99),
    st.integers(0, 99),
    st.integers(0, 999),
    st.integers(0, 9),
    st.integers(0, 999_999),
)
def test_every_built_id_decodes_back_to_its_parts(admin, unit, industry, kind, network, serial):
    text = build_gb_id(admin, unit, industry, kind, network, serial)
    gb_id = decode_gb_id(text)
    assert isinstance(gb_id, GbId) and str(gb_id) == text
    parts = (gb_id.unit, gb_id.industry, gb_id.device_type, gb_id.network, gb_id.serial)
    assert tuple(map(int, parts)) == (unit, industry, kind, network, serial)


@pytest.mark.parametrize(
    "parts",
    [("61072", "00", "01", "132", "0", "000123"), ("610725", "0", "01", "132", "0", "000123"),
     ("610725", "00", "01", "1320", "0", "000123"), ("610725", "00", "01", "132", 10, 123),
     ("610725", "00", "01", "132", "0", 1_000_000), ("610725", "00", "01", "132", "0", -1),
     ("610725", "00", "01", "132", "0", "00012a"), ("990725", "00", "01", "132", "0", "000123")],
)  # fmt: skip
def test_build_gb_id_refuses_parts_of_the_wrong_width(parts):
    with pytest.raises(ValueError):
        build_gb_id(*parts)


@given(st.one_of(st.text(), st.text(alphabet="0123456789０１２３ \t"), st.integers(), st.none()))
def test_decode_gb_id_never_raises(text):
    assert isinstance(decode_gb_id(text), GbId | GbIdRefusal)


# --- separating the login ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pasted", "username", "password", "clean"),
    [
        ("rtsp://admin:pa@ss@192.168.1.64:554/Streaming/Channels/101", "admin", "pa@ss",
         "rtsp://192.168.1.64:554/Streaming/Channels/101"),
        ("rtsp://admin:Abc@123@@10.0.0.8/Streaming/Channels/201", "admin", "Abc@123@",
         "rtsp://10.0.0.8/Streaming/Channels/201"),
        ("rtsp://admin:p:a:ss@cam.local:8554/live", "admin", "p:a:ss",
         "rtsp://cam.local:8554/live"),
        ("rtsp://admin:Admin#1@10.0.0.8/cam/realmonitor?channel=1&subtype=0", "admin", "Admin#1",
         "rtsp://10.0.0.8/cam/realmonitor?channel=1&subtype=0"),
        ("rtsp://admin:why?not@10.0.0.8/unicast/c1/s0/live", "admin", "why?not",
         "rtsp://10.0.0.8/unicast/c1/s0/live"),
        ("rtsp://admin:ab/cd@ef@10.0.0.8/live", "admin", "ab/cd@ef", "rtsp://10.0.0.8/live"),
        ("rtsp://admin:Admin$123@[fd00::64]:554/live", "admin", "Admin$123",
         "rtsp://[fd00::64]:554/live"),
        ("rtsp://admin:pa%40ss@10.0.0.8/live", "admin", "pa@ss", "rtsp://10.0.0.8/live"),
        ("rtsp://admin:100%sure@10.0.0.8/live", "admin", "100%sure", "rtsp://10.0.0.8/live"),
        ("rtsp://admin@10.0.0.8/live", "admin", "", "rtsp://10.0.0.8/live"),
        ("  http://viewer:看@platform.gov.cn/live/1.flv  ", "viewer", "看",
         "http://platform.gov.cn/live/1.flv"),
    ],
)  # fmt: skip
def test_password_with_at_sign_is_split_from_the_last_at(pasted, username, password, clean):
    link = parsed(pasted)
    assert link.credential == Credential(username, password)
    assert link.url == str(link) == clean


def test_link_without_login_has_no_credential_and_fragment_is_dropped():
    link = parsed("http://10.0.0.5/snap.jpg#preview")
    assert (link.credential, link.url) == (None, "http://10.0.0.5/snap.jpg")


@pytest.mark.parametrize(
    "pasted",
    ["http://platform/live.m3u8?owner=a@b", "rtsp://admin:1234/5@10.0.0.8/live",
     "rtsp://10.0.0.8:554/x@cam/live"],
)  # fmt: skip
def test_at_sign_after_what_looks_like_a_host_is_refused_rather_than_guessed(pasted):
    refusal = parse_camera_link(pasted)
    assert isinstance(refusal, LinkRefusal) and "%40" in refusal.reason_en


HOSTS = st.one_of(
    st.ip_addresses(v=4).map(str),
    st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9](\.[a-z]{2,5}){0,2}", fullmatch=True),
)
PATHS = st.from_regex(r"(/[A-Za-z0-9._=-]{1,12}){0,4}", fullmatch=True)
USERS = st.from_regex(r"[A-Za-z0-9_.-]{1,12}", fullmatch=True)
# Passwords start with a character no host or path above contains, so "the link contains
# the password" cannot happen by coincidence; they hold every printable ASCII character.
PASSWORDS = st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=16).map(lambda tail: "密" + tail)
SCHEMES = st.sampled_from(["rtsp", "rtsps", "http", "https", "rtmp"])
PORTS = st.one_of(st.none(), st.integers(1, 65535))


@given(SCHEMES, USERS, PASSWORDS, HOSTS, PORTS, PATHS)
def test_no_parsed_link_ever_shows_the_password(scheme, user, password, host, port, path):
    netloc = host if port is None else f"{host}:{port}"
    link = parsed(f"{scheme}://{user}:{password}@{netloc}{path}")
    assert link.url == f"{scheme}://{netloc}{path}"
    for shown in (str(link), repr(link), link.device_key, display_link(link)):
        assert password not in shown


@given(USERS, PASSWORDS.filter(lambda p: "%" not in p), HOSTS, PATHS)
def test_a_password_typed_without_escapes_is_recovered_exactly(user, password, host, path):
    assert parsed(f"rtsp://{user}:{password}@{host}{path}").credential == Credential(user, password)


@given(st.text(), st.text())
def test_credential_repr_never_contains_the_password(username, password):
    credential = Credential(username, "秘" + password)
    for shown in (repr(credential), str(credential), f"{credential}", f"{[credential]}"):
        assert "秘" + password not in shown.replace(repr(username), "")


def test_a_link_as_a_dict_still_masks_the_password_and_cannot_be_written_as_json():
    link = parsed("rtsp://admin:pa@ss@192.168.1.64/Streaming/Channels/101")
    as_dict = dataclasses.asdict(link)
    assert "pa@ss" not in repr(as_dict)
    with pytest.raises(TypeError):
        json.dumps(as_dict)


# --- kinds, vendors, refusals --------------------------------------------------------------


@pytest.mark.parametrize(
    ("pasted", "kind"),
    [
        ("rtsp://10.0.0.8/live", "rtsp"),
        ("RTSPS://10.0.0.8:322/live", "rtsps"),
        ("http://platform:8080/rtp/61072500011320000123/hls.m3u8", "hls"),
        ("https://platform/live/cam1.flv?token=abc", "http_flv"),
        ("http://10.0.0.8/snapshot.JPG", "snapshot"),
        ("http://10.0.0.8/ISAPI/Streaming/channels/101/picture", "snapshot"),
        ("http://10.0.0.8/cgi-bin/snapshot.cgi?channel=1", "snapshot"),
        ("http://10.0.0.8/doc/page/login.asp", "http"),
        ("rtmp://platform/live/cam1", "rtmp"),
        ("http://10.0.0.8/onvif/device_service", "onvif"),
        (MIAN_IPC, "gb28181"),
    ],
)
def test_each_kind_of_link_is_recognised(pasted, kind):
    assert parsed(pasted).kind == kind


@pytest.mark.parametrize(
    ("pasted", "vendor", "channel", "stream"),
    [
        ("rtsp://10.0.0.8:554/Streaming/Channels/101", "hikvision", 1, "main"),
        ("rtsp://10.0.0.8:554/Streaming/Channels/1202", "hikvision", 12, "sub"),
        ("rtsp://10.0.0.8/h264/ch3/main/av_stream", "hikvision", 3, "main"),
        ("rtsp://10.0.0.8/cam/realmonitor?channel=1&subtype=0", "dahua", 1, "main"),
        ("rtsp://10.0.0.8/cam/realmonitor?channel=4&subtype=1", "dahua", 4, "sub"),
        ("rtsp://10.0.0.8/unicast/c1/s0/live", "uniview", 1, "main"),
        ("rtsp://10.0.0.8/unicast/c7/s1/live", "uniview", 7, "sub"),
        ("rtsp://10.0.0.8/live/ch00_0", None, None, None),
    ],
)
def test_vendor_rtsp_paths_give_channel_and_stream(pasted, vendor, channel, stream):
    link = parsed(pasted)
    assert (link.vendor, link.channel, link.stream) == (vendor, channel, stream)


@pytest.mark.parametrize(
    "pasted",
    [
        "javascript:alert(1)",
        "JavaScript://10.0.0.8/%0aalert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>",
        "ftp://10.0.0.8/video",
        "10.0.0.8:554/Streaming/Channels/101",
        "rtsp:10.0.0.8/live",
        "rtsp://",
        "rtsp:///live",
        "rtsp://:554/live",
        "rtsp://admin:pw@/live",
        "rtsp://10.0.0.8:0/live",
        "rtsp://10.0.0.8:65536/live",
        "rtsp://10.0.0.8:55a/live",
        "rtsp://10.0.0.8:/live",
        "rtsp://999.1.1.1/live",
        "rtsp://[fe80::zz]/live",
        "rtsp://cam_01..local/live",
        "rtsp://10.0.0.8/live; rm -rf ~",
        "rtsp://10.0.0.8/live;reboot",
        "rtsp://10.0.0.8/live|nc",
        "rtsp://10.0.0.8/`id`",
        "rtsp://10.0.0.8/$(id)",
        "http://10.0.0.8/a?x=1&&reboot",
        "rtsp://10.0.0.8/live\nrtsp://evil/",
        "rtsp://admin:pa ss@10.0.0.8/live",
        "rtsp://10.0.0.8/" + "a" * 3000,
        "",
        "   ",
        "6107250001132000012",
        None,
        b"rtsp://10.0.0.8/live",
    ],
)
def test_dangerous_or_malformed_text_is_refused_with_a_chinese_and_english_reason(pasted):
    refusal = parse_camera_link(pasted)
    assert isinstance(refusal, LinkRefusal)
    assert CHINESE.search(refusal.reason_zh) and re.search("[a-z]{3}", refusal.reason_en)
    assert str(refusal) == f"{refusal.reason_zh} ({refusal.reason_en})"


@given(st.one_of(st.text(), st.binary(), st.integers(), st.none()))
def test_parse_camera_link_never_raises_on_anything(text):
    assert isinstance(parse_camera_link(text), CameraLink | LinkRefusal)


@given(st.from_regex(r"[a-zA-Z]{2,6}://[ -~]{0,40}", fullmatch=True))
def test_parse_camera_link_never_raises_on_link_shaped_text(text):
    assert isinstance(parse_camera_link(text), CameraLink | LinkRefusal)


def test_channels_of_one_camera_share_one_keyring_key():
    main = parsed("rtsp://admin:x@10.0.0.8/Streaming/Channels/101")
    sub = parsed("rtsp://10.0.0.8:554/Streaming/Channels/202")
    assert main.device_key == sub.device_key == "rtsp://10.0.0.8:554"
    assert parsed(MIAN_IPC).device_key == f"gb28181:{MIAN_IPC}"


# --- showing links -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "redacted"),
    [
        ("打开 rtsp://admin:pa@ss@192.168.1.64:554/Streaming/Channels/101 失败",
         "打开 rtsp://192.168.1.64:554/Streaming/Channels/101 失败"),
        ("url='rtsp://u:p#w@h/x' and http://a:b@c/d?e=f",
         "url='rtsp://h/x' and http://c/d?e=f"),
        ("ffplay rtsp://admin:pa%40ss@10.0.0.8/live", "ffplay rtsp://10.0.0.8/live"),
        ("no links here, only admin:pw@ text", "no links here, only admin:pw@ text"),
        ("rtsp://10.0.0.8/live", "rtsp://10.0.0.8/live"),
    ],
)  # fmt: skip
def test_redact_removes_logins_from_log_lines(line, redacted):
    assert redact(line) == redacted


@given(SCHEMES, USERS, PASSWORDS, HOSTS, PATHS, st.text(max_size=20), st.text(max_size=20))
def test_redact_removes_any_password_wherever_the_link_sits(scheme, user, password, host, path, before, after):
    line = f"{before} {scheme}://{user}:{password}@{host}{path} {after}"
    assert password not in redact(line)


def test_display_link_names_vendor_channel_and_stream_without_the_login():
    shown = display_link("rtsp://admin:pa@ss@192.168.1.64:554/Streaming/Channels/102")
    assert shown == "rtsp://192.168.1.64:554/Streaming/Channels/102（海康威视 · 通道 1 · 子码流）"
    assert display_link(MIAN_IPC) == (f"国标 {MIAN_IPC}（610725 · 社区 · 网络摄像机(132) · 序号 000123）")


def test_display_link_of_a_refused_link_shows_the_reason_not_the_text():
    shown = display_link("rtsp://admin:pa ss@10.0.0.8/live")
    assert shown.startswith("无效链接：") and "pa" not in shown


# --- launching -----------------------------------------------------------------------------


def test_player_command_is_an_argument_list_ending_with_the_clean_link():
    pasted = "rtsp://admin:pa@ss@192.168.1.64:554/Streaming/Channels/101"
    args = player_command("/usr/bin/ffplay", pasted)
    assert args == [
        "/usr/bin/ffplay", "-hide_banner", "-loglevel", "warning", "-rtsp_transport", "tcp",
        "rtsp://192.168.1.64:554/Streaming/Channels/101",
    ]  # fmt: skip
    assert player_command(r"C:\Program Files\VideoLAN\VLC\vlc.exe", parsed(pasted))[1] == ("--rtsp-tcp")
    assert player_command("mpv", "http://platform/live/1.m3u8") == [
        "mpv",
        "http://platform/live/1.m3u8",
    ]


def test_a_login_given_to_the_player_is_percent_encoded_and_reads_back_intact():
    login = Credential("admin", "pa@ss:#/? 密")
    url = player_command("ffplay", "rtsp://10.0.0.8/live", login)[-1]
    assert url == "rtsp://admin:pa%40ss%3A%23%2F%3F%20%E5%AF%86@10.0.0.8/live"
    assert parsed(url).credential == login


@pytest.mark.parametrize(
    "link",
    ["rtsp://10.0.0.8/live;reboot", "javascript:alert(1)", "http://10.0.0.8/index.html",
     "http://10.0.0.8/onvif/device_service", MIAN_IPC],
)  # fmt: skip
def test_player_command_refuses_links_that_are_not_safe_streams(link):
    with pytest.raises(ValueError):
        player_command("ffplay", link)


def test_player_command_needs_a_player():
    with pytest.raises(ValueError):
        player_command("  ", "rtsp://10.0.0.8/live")


# --- building demo links -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "vendor"), [(hikvision_rtsp, "hikvision"), (dahua_rtsp, "dahua"),
                          (uniview_rtsp, "uniview")]
)  # fmt: skip
@pytest.mark.parametrize(("main", "stream"), [(True, "main"), (False, "sub")])
@pytest.mark.parametrize("channel", [1, 16])
def test_built_vendor_links_read_back_as_the_same_channel_and_stream(build, vendor, main, stream, channel):
    link = parsed(build("192.168.1.64", channel, main=main))
    assert (link.vendor, link.channel, link.stream) == (vendor, channel, stream)
    assert (link.port, link.credential) == (554, None)


def test_builders_write_the_vendor_paths_of_the_domain_notes():
    assert hikvision_rtsp("10.0.0.8", 1) == "rtsp://10.0.0.8:554/Streaming/Channels/101"
    assert dahua_rtsp("10.0.0.8", 1) == "rtsp://10.0.0.8:554/cam/realmonitor?channel=1&subtype=0"
    assert uniview_rtsp("fd00::8", 1, port=8554) == "rtsp://[fd00::8]:8554/unicast/c1/s0/live"


@pytest.mark.parametrize(
    "args",
    [("10.0.0.8", 0), ("10.0.0.8", True), ("10.0.0.8", 1, True, 0), ("10.0.0.8:554", 1),
     ("", 1), ("10.0.0.8/x", 1), ("bad host", 1)],
)  # fmt: skip
def test_builders_refuse_bad_channels_ports_and_hosts(args):
    with pytest.raises(ValueError):
        hikvision_rtsp(*args)


def test_hls_url_is_an_hls_link_for_the_gb_id():
    url = hls_url("10.0.0.5:8080", MIAN_IPC)
    assert url == f"http://10.0.0.5:8080/rtp/{MIAN_IPC}/hls.m3u8"
    assert parsed(url).kind == "hls"
    assert hls_url("platform.gov.cn", decode_gb_id(MIAN_IPC), https=True).startswith("https://")
    with pytest.raises(ValueError):
        hls_url("10.0.0.5", "123")


# --- keyring -------------------------------------------------------------------------------


class MemoryKeyring(KeyringBackend):
    """An OS keyring that lives in memory: what a desktop's keyring does, minus the disk."""

    priority = 1  # type: ignore[assignment]

    def __init__(self):
        super().__init__()
        self.secrets = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        del self.secrets[(service, username)]


class ReadOnlyKeyring(MemoryKeyring):
    """A keyring that exists but refuses to write, like a locked login keychain."""

    def set_password(self, service, username, password):
        raise PasswordSetError("locked")


@pytest.fixture
def installed_keyring():
    def install(backend):
        keyring.set_keyring(backend)
        return backend

    yield install
    keyring.set_keyring(OS_KEYRING)


def test_store_credential_is_honest_about_the_os_keyring():
    usable = (
        not isinstance(OS_KEYRING, fail.Keyring | null.Keyring)
        and OS_KEYRING.priority > 0
        and not type(OS_KEYRING).__module__.startswith("keyrings.alt")
    )  # a plain-text file is no keyring
    key = "rtsp://onemap-test.invalid:554"
    stored = store_credential(key, Credential("admin", "pa@ss"))
    try:
        assert stored is usable is keyring_available()
        assert load_credential(key) == (Credential("admin", "pa@ss") if usable else None)
    finally:
        forget_credential(key)


def test_a_stored_login_comes_back_from_the_keyring_and_can_be_forgotten(installed_keyring):
    backend = installed_keyring(MemoryKeyring())
    link = parsed("rtsp://admin:pa@ss:#1@192.168.1.64/Streaming/Channels/101")
    assert link.credential is not None
    assert store_credential(link.device_key, link.credential)
    assert (KEYRING_SERVICE, "rtsp://192.168.1.64:554") in backend.secrets
    assert load_credential(link.device_key) == Credential("admin", "pa@ss:#1")
    assert forget_credential(link.device_key)
    assert load_credential(link.device_key) is None
    assert not forget_credential(link.device_key)


def test_a_keyring_that_refuses_gets_false_and_no_password_in_the_log(installed_keyring, caplog):
    installed_keyring(ReadOnlyKeyring())
    with caplog.at_level(logging.DEBUG):
        assert not store_credential("rtsp://10.0.0.8:554", Credential("admin", "pa@ss"))
    assert "pa@ss" not in caplog.text and "ReadOnlyKeyring" in caplog.text


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()])
def test_fail_and_null_keyrings_store_nothing(installed_keyring, backend):
    installed_keyring(backend)
    assert not keyring_available()
    assert not store_credential("rtsp://10.0.0.8:554", Credential("admin", "pa@ss"))
    assert load_credential("rtsp://10.0.0.8:554") is None


def test_garbage_in_the_keyring_loads_as_no_credential(installed_keyring):
    backend = installed_keyring(MemoryKeyring())
    for garbage in ("not json", "[1, 2]", '{"username": "admin"}'):
        backend.secrets[(KEYRING_SERVICE, "k")] = garbage
        assert load_credential("k") is None
