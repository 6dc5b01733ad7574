"""The [dispatch] table of WATCH.toml: what it means, and how a mistake is named (line, key, zh + en)."""

from __future__ import annotations

from pathlib import Path

import pytest

from onemap.said import error_text
from onemap.watch.dispatch import DispatchConfigError, load_dispatch, parse_dispatch

DATA = Path(__file__).parent / "data" / "watch_dispatch"


def refusal(text: str) -> DispatchConfigError:
    with pytest.raises(DispatchConfigError) as caught:
        parse_dispatch(text, "WATCH.toml")
    return caught.value


def test_the_example_config_reads_into_rules_roles_and_channels() -> None:
    config = load_dispatch(DATA / "WATCH.toml")
    gas = config.rule_for("gas_leak", 3)
    assert gas is not None and gas.steps == (("property_manager", "community_secretary", "gas_company", "leader"),)
    intrusion = config.rule_for("intrusion", 2)
    assert intrusion is not None and intrusion.escalate_after_min == 5
    assert intrusion.steps == (("property_manager", "grid_worker"), ("community_secretary",), ("leader",))
    assert config.rule_for("illegal_parking", 1).escalate_after_min == 10  # type: ignore[union-attr]
    assert config.role("gas_company").phones == ("13700000001",) and config.role("gas_company").label == "燃气公司"
    assert config.role("grid_worker").channels == ("sms",)  # no table of its own: the default channels
    assert {name: spec.kind for name, spec in config.channels.items()} == {
        "sms": "aliyun_sms", "estates": "wecom", "ding": "dingtalk", "mail": "smtp",
    }  # fmt: skip


def test_the_first_matching_rule_wins_and_star_catches_the_rest() -> None:
    config = parse_dispatch(
        '[[dispatch.rules]]\ntype = "smoke_fire"\nlevels = [4]\nsteps = [["leader"]]\n'
        '[[dispatch.rules]]\ntype = "*"\nsteps = ["property_manager"]\n'
    )
    assert config.rule_for("smoke_fire", 4).steps == (("leader",),)  # type: ignore[union-attr]
    assert config.rule_for("smoke_fire", 2).steps == (("property_manager",),)  # type: ignore[union-attr]


def test_a_file_without_dispatch_tells_nobody() -> None:
    config = parse_dispatch('[mqtt]\nurl = "mqtt://127.0.0.1:1883"\n')
    assert config.rules == () and config.rule_for("gas_leak", 4) is None


def test_broken_toml_is_named_by_its_line() -> None:
    error = refusal("[dispatch]\nescalate_after_min = 10\ndefault_channels = sms\n")
    assert error.where.line == 3 and "第 3 行" in str(error) and "line 3" in error.message("en")
    unclosed = refusal('[dispatch]\nescalate_after_min = 10\ndefault_channels = ["sms"\n')
    assert unclosed.where.line == 3  # "at end of document": the last line


def test_a_misspelt_key_is_named_with_its_line_and_the_known_keys() -> None:
    error = refusal('[dispatch]\n\n[[dispatch.rules]]\ntype = "intrusion"\nstep = [["leader"]]\n')
    assert error.problem == "unknown_key" and error.where.line == 5
    assert "dispatch.rules[1].step" in str(error) and "steps" in str(error)
    assert error_text(error, "en").startswith("WATCH.toml line 5: unknown setting dispatch.rules[1].step")


def test_a_secret_written_into_the_file_is_refused_and_pointed_at() -> None:
    text = (
        (DATA / "WATCH.toml")
        .read_text("utf-8")
        .replace(
            'access_key_id = "LTAI5tTestKeyId00"', 'access_key_id = "LTAI5tTestKeyId00"\naccess_key_secret = "s3cr3t"'
        )
    )
    error = refusal(text)
    line = text.splitlines().index('access_key_secret = "s3cr3t"') + 1
    assert error.problem == "secret_in_file" and error.where.line == line
    assert "系统钥匙串" in str(error) and "OS keyring" in error.message("en") and "s3cr3t" not in str(error)


def test_a_robot_url_carrying_its_key_is_refused() -> None:
    error = refusal(
        '[dispatch.channels.estates]\nkind = "wecom"\nendpoint = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"\n'
    )
    assert error.problem == "secret_in_file" and error.where.key == "dispatch.channels.estates.endpoint"
    assert error.where.line == 3 and "abc" not in str(error)


@pytest.mark.parametrize(
    ("rule", "problem", "named"),
    [
        ('type = "fire"\nsteps = [["leader"]]', "unknown_type", "smoke_fire"),
        ('type = "intrusion"\nlevels = [0, 5]\nsteps = [["leader"]]', "bad_levels", "levels"),
        ('type = "intrusion"\nsteps = []', "no_steps", "steps"),
        ('type = "intrusion"\nsteps = [["mayor"]]', "unknown_role", "mayor"),
        ('type = "intrusion"\nsteps = [["leader"]]\nescalate_after_min = -1', "bad_minutes", "escalate_after_min"),
    ],
)
def test_a_wrong_rule_is_named_by_rule_number_and_key(rule: str, problem: str, named: str) -> None:
    error = refusal(f'[[dispatch.rules]]\ntype = "gas_leak"\nsteps = [["leader"]]\n\n[[dispatch.rules]]\n{rule}\n')
    assert error.problem == problem and error.where.key.startswith("dispatch.rules[2]")
    assert error.where.line is not None and error.where.line >= 5
    assert named in str(error) and named in error.message("en")


def test_a_role_naming_an_undefined_channel_is_refused() -> None:
    error = refusal('[dispatch.roles.leader]\nchannels = ["fax"]\n')
    assert error.problem == "unknown_channel" and "fax" in str(error) and error.where.line == 2


def test_a_county_role_without_numbers_or_addresses_is_refused() -> None:
    error = refusal('[dispatch.roles.gas_company]\nlabel = "燃气公司"\n')
    assert error.problem == "county_role_empty" and "phones" in error.message("en")


@pytest.mark.parametrize(
    ("channel", "problem", "key"),
    [
        ('kind = "fax"', "unknown_kind", "kind"),
        ('kind = "aliyun_sms"\nsign_name = "x"\ntemplate_code = "SMS_1"', "missing_option", "access_key_id"),
        ('kind = "dingtalk"\nper_minute = 30', "bad_option", "per_minute"),
        ('kind = "dingtalk"\nendpoint = "ftp://example.cn/"', "bad_option", "endpoint"),
        (
            'kind = "smtp"\nhost = "mail.example.cn"\nsender = "a@example.cn"\npassword = "x"',
            "secret_in_file",
            "password",
        ),
    ],
)
def test_a_wrong_channel_option_is_named(channel: str, problem: str, key: str) -> None:
    error = refusal(f"[dispatch]\n\n[dispatch.channels.c]\n{channel}\n")
    assert error.problem == problem and error.where.key == f"dispatch.channels.c.{key}"
    assert error.where.line is not None and error.where.line >= 3


def test_the_readmes_dispatch_example_is_a_valid_config() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    section = readme.split("## Dispatch: rules and channels", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    config = parse_dispatch(example, "README.md")
    assert config.rule_for("gas_leak", 2) is not None and set(config.channels) == {"sms", "estates", "mail"}
