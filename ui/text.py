"""Text that goes into Markdown safely: a quote's `*` or `$` must not turn into formatting."""

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|$~:])")


def escape_markdown(text: object) -> str:
    return _SPECIAL.sub(r"\\\1", str(text or ""))
