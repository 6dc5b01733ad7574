"""Who is told about an alert, in what order, and through which channels: the parsed ``[dispatch]``.

The shape of the ``[dispatch]`` part of the collector's ``WATCH.toml`` (read by
:func:`onemap.watch.dispatch.config.parse_dispatch`)::

    [dispatch]
    escalate_after_min = 10            # default wait before the next step is told
    default_channels = ["sms"]         # roles without their own channel list use these

    [[dispatch.rules]]                 # first matching rule wins; type "*" matches any type
    type = "gas_leak"
    levels = [1, 2, 3, 4]              # optional; all levels when absent
    steps = [["property_manager", "community_secretary", "gas_company", "leader"]]

    [[dispatch.rules]]
    type = "intrusion"
    steps = [["property_manager", "grid_worker"], ["community_secretary"], ["leader"]]
    escalate_after_min = 5             # this rule's own wait

    [dispatch.roles.property_manager]  # an estate role (contacts table): its channels
    channels = ["sms", "wecom_estates"]

    [dispatch.roles.gas_company]       # a county-wide role: its own numbers and addresses
    label = "燃气公司"
    phones = ["13800000000"]
    emails = ["duty@gas.example.cn"]
    channels = ["sms", "mail"]

    [dispatch.channels.sms]            # one table per channel; kind picks the provider
    kind = "aliyun_sms"                # aliyun_sms | wecom | dingtalk | smtp
    access_key_id = "LTAI…"            # the AccessKeySecret is in the OS keyring, never here
    sign_name = "勉县一张图"
    template_code = "SMS_000000"

Each step is a list of roles told at once; when nobody accepts within ``escalate_after_min``
minutes the next step is told as well.  Estate roles are the keys of
:data:`onemap.model.CONTACT_ROLES` (their people come from the estate's contacts); any other
role must be defined under ``[dispatch.roles]`` with its own phones or e-mail addresses.
Secrets (AccessKeySecret, robot keys and signing secrets, the SMTP password) live in the OS
keyring (:mod:`onemap.watch.dispatch.keys`); a secret-looking key in the file is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from onemap.watch.dispatch.labels import role_label


@dataclass(frozen=True)
class Rule:
    """One line of the dispatch table: an alert type and levels, and who is told in which order."""

    alert_type: str
    levels: frozenset[int]
    steps: tuple[tuple[str, ...], ...]
    escalate_after_min: float

    def matches(self, alert_type: str, level: int) -> bool:
        """Whether this rule covers an alert of ``alert_type`` at ``level``."""
        return self.alert_type in ("*", alert_type) and level in self.levels


@dataclass(frozen=True)
class Role:
    """A role's channels, and for a county-wide role its own phones and e-mail addresses."""

    name: str
    label: str
    channels: tuple[str, ...]
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChannelSpec:
    """A channel's kind and its non-secret options (endpoint, sign name, SMTP host …)."""

    name: str
    kind: str
    options: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class DispatchConfig:
    """The whole ``[dispatch]`` table, validated."""

    rules: tuple[Rule, ...] = ()
    roles: Mapping[str, Role] = field(default_factory=dict)
    channels: Mapping[str, ChannelSpec] = field(default_factory=dict)
    default_channels: tuple[str, ...] = ()

    def rule_for(self, alert_type: str, level: int) -> Rule | None:
        """The first rule covering the alert, or None (nobody is told)."""
        return next((rule for rule in self.rules if rule.matches(alert_type, level)), None)

    def role(self, name: str) -> Role:
        """The role's settings; a role without its own table uses the default channels."""
        return self.roles.get(name) or Role(name, role_label(name), self.default_channels)
