"""The city check-up (城市体检): indicators, survey findings, roll-ups and the problem list.

Qt-free.  The indicator wording is data (``indicators_<version>.toml``); findings keep the
code and version they were surveyed under, so a later wording never rewrites this year's.
"""
