"""Dispatch: tell the people responsible for an estate about its alerts, by SMS, group robot or e-mail.

Qt-free and store-free.  :func:`load_dispatch` reads the ``[dispatch]`` table of ``WATCH.toml``
(shape in :mod:`onemap.watch.dispatch.rules`), :func:`make_channels` builds its channels and
:class:`Dispatcher` applies the rules, escalation and retries on an injectable clock.
"""

from __future__ import annotations

from onemap.watch.dispatch.channels import make_channels
from onemap.watch.dispatch.config import load_dispatch, parse_dispatch
from onemap.watch.dispatch.dispatcher import Dispatcher
from onemap.watch.dispatch.message import AlertMessage, alert_message
from onemap.watch.dispatch.problems import DispatchConfigError
from onemap.watch.dispatch.records import SendRecord
from onemap.watch.dispatch.rules import DispatchConfig

__all__ = [
    "AlertMessage",
    "DispatchConfig",
    "DispatchConfigError",
    "Dispatcher",
    "SendRecord",
    "alert_message",
    "load_dispatch",
    "make_channels",
    "parse_dispatch",
]
