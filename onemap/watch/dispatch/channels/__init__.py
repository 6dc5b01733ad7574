"""The channels dispatch sends through: Aliyun-shaped SMS, WeCom and DingTalk robots, SMTP mail."""

from __future__ import annotations

from onemap.watch.dispatch.channels.aliyun_sms import AliyunSms
from onemap.watch.dispatch.channels.base import Channel, Outgoing, SendResult
from onemap.watch.dispatch.channels.dingtalk import DingTalkRobot
from onemap.watch.dispatch.channels.mail import SmtpMail
from onemap.watch.dispatch.channels.wecom import WeComRobot
from onemap.watch.dispatch.clock import Clock, system_clock
from onemap.watch.dispatch.rules import DispatchConfig

__all__ = ["AliyunSms", "Channel", "DingTalkRobot", "Outgoing", "SendResult", "SmtpMail", "WeComRobot", "make_channels"]


def make_channels(config: DispatchConfig, clock: Clock = system_clock) -> dict[str, Channel]:
    """One channel object per ``[dispatch.channels.<name>]`` table."""
    made: dict[str, Channel] = {}
    for name, spec in config.channels.items():
        if spec.kind == "aliyun_sms":
            made[name] = AliyunSms(spec, clock)
        elif spec.kind == "wecom":
            made[name] = WeComRobot(spec, clock)
        elif spec.kind == "dingtalk":
            made[name] = DingTalkRobot(spec, clock)
        else:
            made[name] = SmtpMail(spec)
    return made
