"""What makes a sensor's identity and thresholds right: IMEI check digit, %LEL set points.

An IMEI is 15 digits whose last is a Luhn check digit (3GPP TS 23.003): a mistyped digit
in a ledger is caught here before the collector silently fails to find the device.  Gas
detectors alarm in %LEL (percent of the lower explosive limit) at two set points: the
low alarm at most 25 %LEL and the high alarm at most 50 %LEL (GB/T 50493-2019 §5.5.2 for
industrial sites; household detectors set lower).  Pure functions, each answer a
:class:`~onemap.said.Said` or None: the importer, the form and ``onemap validate`` say the
same sentences.
"""

from __future__ import annotations

from onemap.said import Said

#: the kind a new sensor gets (a ledger's 燃气探测器 column, a row added in the form)
GAS_DETECTOR = "燃气探测器"
#: the highest low and high alarm set points GB/T 50493 allows, in %LEL
LOW_MAX, HIGH_MAX = 25.0, 50.0
IMEI_DIGITS = 15


def luhn_ok(digits: str) -> bool:
    """Whether a string of digits ends in its Luhn check digit."""
    total = 0
    for k, char in enumerate(reversed(digits)):
        value = int(char) * (2 if k % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def imei_problem(imei: str | None) -> Said | None:
    """Why ``imei`` is not a valid IMEI (15 digits, Luhn check digit), or None when it is (or is blank)."""
    if not imei:
        return None
    text = imei.strip()
    if not text.isascii() or not text.isdigit() or len(text) != IMEI_DIGITS:
        return Said(
            f"IMEI「{text[:30]}」应为 15 位数字（现为 {len(text)} 位）",
            f"IMEI {text[:30]!r} must be 15 digits (it has {len(text)} characters)",
        )
    if not luhn_ok(text):
        return Said(
            f"IMEI {text} 的校验位不对（最后一位应为 {luhn_digit(text[:14])}），可能抄错了一位",
            f"IMEI {text} fails its check digit (the last digit should be {luhn_digit(text[:14])}); "
            "a digit was probably mistyped",
        )
    return None


def luhn_digit(body: str) -> int:
    """The Luhn check digit that completes ``body``."""
    for digit in range(10):
        if luhn_ok(body + str(digit)):
            return digit
    raise AssertionError("unreachable: one of ten digits always completes a Luhn sum")


def threshold_problems(low: float | None, high: float | None) -> list[tuple[str, Said]]:
    """Problems of a sensor's set points: ``(severity, sentence)``, ``error`` or ``warning``.

    Out of 0–100 %LEL, or a low alarm above the high one, is an error; a set point above
    what GB/T 50493 allows (low > 25, high > 50 %LEL) is a warning.
    """
    found: list[tuple[str, Said]] = []
    for value, zh, en, most in ((low, "低报", "low alarm", LOW_MAX), (high, "高报", "high alarm", HIGH_MAX)):
        if value is None:
            continue
        if not 0 <= value <= 100:
            found.append(
                ("error", Said(f"{zh}值 {value:g} 不在 0–100 %LEL 之间", f"{en} {value:g} is not within 0–100 %LEL"))
            )
        elif value > most:
            found.append(
                (
                    "warning",
                    Said(
                        f"{zh}值 {value:g} %LEL 高于规范上限 {most:g} %LEL（GB/T 50493），请核对",
                        f"{en} {value:g} %LEL is above the {most:g} %LEL GB/T 50493 allows; please check",
                    ),
                )
            )
    if low is not None and high is not None and 0 <= low <= 100 and 0 <= high <= 100 and low > high:
        found.append(
            (
                "error",
                Said(f"低报值 {low:g} 高于高报值 {high:g}", f"low alarm {low:g} is above the high alarm {high:g}"),
            )
        )
    return found
