"""Why a payload was refused: one reason code to count by, one sentence in Chinese and English.

A rejection never carries the payload's text or any secret: the sentence names the reason and at
most a field name or a size, so it can go to the log and the counters as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from onemap.said import Said

#: reason → (Chinese, English, HTTP status).  ``{detail}`` is a field name, a size or a format.
REASONS: dict[str, tuple[str, str, int]] = {
    "oversized": ("推送内容过大（{detail}），已拒收。", "The push is too large ({detail}); refused.", 413),
    "malformed_xml": ("XML 格式错误，无法解析：{detail}", "Malformed XML, cannot be read: {detail}", 400),
    "xml_entities": (
        "XML 含有 DTD 或实体声明，出于安全考虑已拒收。",
        "The XML declares a DTD or entities; refused for safety.",
        400,
    ),
    "malformed_json": ("JSON 格式错误，无法解析：{detail}", "Malformed JSON, cannot be read: {detail}", 400),
    "malformed_multipart": (
        "multipart 表单格式错误：{detail}",
        "Malformed multipart form: {detail}",
        400,
    ),
    "missing_field": (
        "推送缺少必需字段或字段值无效：{detail}",
        "The push lacks a field or has a bad value: {detail}",
        400,
    ),
    "unknown_format": (
        "无法识别的推送格式（{detail}），已拒收。",
        "Unrecognised push format ({detail}); refused.",
        415,
    ),
    "unsigned": (
        "推送未签名（缺少签名或随机数），已拒收。",
        "The push is unsigned (no signature or nonce); refused.",
        401,
    ),
    "bad_signature": ("推送签名校验失败，已拒收。", "The push's signature does not match; refused.", 401),
    "replayed": ("重复的推送（随机数已用过），已拒收。", "A replayed push (nonce already used); refused.", 409),
    "stale": (
        "推送时间超出允许范围（{detail}），已拒收。",
        "The push's time is outside the window ({detail}); refused.",
        409,
    ),
    "forbidden": ("来源地址或口令不被允许，已拒收。", "The sender's address or token is not allowed; refused.", 403),
    "bad_method": ("不支持的请求方法 {detail}。", "Unsupported request method {detail}.", 405),
    "internal_error": (
        "处理推送时程序出错（已记录日志），请把日志发给维护人员。",
        "OneMap failed while handling the push (logged); send the log to its maintainers.",
        500,
    ),
}


@dataclass(frozen=True)
class Rejection:
    """A refused payload: ``reason`` (a key of :data:`REASONS`), ``detail`` and the HTTP status."""

    reason: str
    detail: str = ""

    def __post_init__(self) -> None:
        if self.reason not in REASONS:
            raise ValueError(f"unknown rejection reason {self.reason!r}")

    @property
    def status(self) -> int:
        """The HTTP status the push listener answers with."""
        return REASONS[self.reason][2]

    @property
    def message(self) -> Said:
        """The sentence, in Chinese with its English twin (``.en``)."""
        zh, en, _ = REASONS[self.reason]
        detail = self.detail[:120]  # a field name or a size: never a whole payload
        return Said(zh.format(detail=detail), en.format(detail=detail))
