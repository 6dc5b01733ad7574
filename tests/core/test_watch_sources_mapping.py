"""The type mapping is data, the README's table is generated from it, and the two stay equal."""

from __future__ import annotations

from pathlib import Path

from onemap.watch import AlertType
from onemap.watch.event import TYPE_NAMES
from onemap.watch.mapping import RULES, classify, markdown_table
from onemap.watch.rejection import REASONS, Rejection

README = Path(__file__).parents[2] / "README.md"


def test_the_readme_table_is_exactly_the_generated_mapping() -> None:
    text = README.read_text("utf-8")
    assert "## Live watch: payload formats and the type mapping" in text
    table = text.split("<!-- watch-mapping:start -->\n")[1].split("<!-- watch-mapping:end -->")[0]
    assert table == markdown_table(), "README out of date: paste `python -m onemap.watch.mapping`"


def test_every_rule_is_unique_and_every_type_has_a_name_in_both_languages() -> None:
    keys = [(rule.source, rule.code.lower()) for rule in RULES]
    assert len(keys) == len(set(keys))
    assert set(TYPE_NAMES) == set(AlertType) and all(zh and en for zh, en in TYPE_NAMES.values())
    assert all(rule.level in (0, 1, 2, 3, 4) for rule in RULES)


def test_the_issue_s_four_camera_alerts_and_gas_are_all_reachable() -> None:
    reached = {rule.type for rule in RULES if rule.source != "onemap"}
    assert {
        AlertType.SMOKE_FIRE,
        AlertType.INTRUSION,
        AlertType.ILLEGAL_PARKING,
        AlertType.ABSENT_POST,
        AlertType.GAS_LEAK,
        AlertType.DEVICE_OFFLINE,
        AlertType.DEVICE_FAULT,
    } <= reached


def test_classify_ignores_case_and_keeps_unknown_codes_as_other() -> None:
    assert classify("hikvision", "FIELDDETECTION") == (AlertType.INTRUSION, 2)
    assert classify("dahua", "ParkingDetection") == (AlertType.ILLEGAL_PARKING, 3)
    assert classify("hikvision", "somethingNew") == (AlertType.OTHER, 4)


def test_every_rejection_speaks_chinese_and_english_and_cuts_long_details() -> None:
    for reason in REASONS:
        message = Rejection(reason, "x" * 500).message
        assert message and message.en and message != message.en
        assert len(message) < 260 and "x" * 121 not in message
