"""Text that goes into Markdown safely: a quote's `*` or `$` must not turn into formatting."""

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|$~:])")


def escape_markdown(text: object) -> str:
    return _SPECIAL.sub(r"\\\1", str(text or ""))


def plain(value: object) -> str:
    """Text of a cell; '' for a missing one (None, NaN or NA: pandas 3 stores missing text as NaN)."""
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return ""
    return str(value)


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 mention', '2 mentions', '12,345 quotes'; `plural` where an s will not do ('matches')."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
