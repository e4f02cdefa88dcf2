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
