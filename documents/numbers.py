"""Document numbers ("số, ký hiệu") as people type them: "15/QĐ-UBND", "15/QD-UBND", "15 qđ ubnd" are one."""

import re

from core.text import fold

_PARTS = re.compile(r"[a-z0-9]+")


def number_key(number):
    """The number's letters and digits, folded, joined by "-": "15/QĐ-UBND" -> "15-qd-ubnd"."""
    return "-".join(_PARTS.findall(fold(number or "")))
