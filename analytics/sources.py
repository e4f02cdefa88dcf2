"""Name the sources behind a set of rows: credits (openfootball) and verified-fact URLs."""

import re
from collections.abc import Iterable
from urllib.parse import urlparse

OPENFOOTBALL = "openfootball (CC0)"
_URL = re.compile(r"https?://[^\s;,]+")


def source_urls(sources: Iterable[object]) -> list[str]:
    """Every distinct URL in the rows' source fields, in first-seen order."""
    seen: dict[str, None] = {}
    for source in sources:
        for url in _URL.findall(str(source or "")):
            seen.setdefault(url.rstrip(").,"), None)
    return list(seen)


def mentions_openfootball(sources: Iterable[object]) -> bool:
    return any("openfootball" in str(s or "") for s in sources)


def domain(url: str) -> str:
    host = urlparse(url).netloc
    return host[4:] if host.startswith("www.") else host


def caption(sources: Iterable[object], *, extra: str | None = None, limit: int = 4) -> str:
    """Markdown: 'Source: openfootball (CC0); verified facts: [siol.net](…), … +12 more (see the source column).'"""
    rows = list(sources)
    parts = []
    if mentions_openfootball(rows):
        parts.append(OPENFOOTBALL)
    urls = source_urls(rows)
    if urls:
        by_domain: dict[str, str] = {}
        for url in urls:
            by_domain.setdefault(domain(url), url)
        shown = ", ".join(f"[{d}]({u})" for d, u in list(by_domain.items())[:limit])
        hidden = len(urls) - min(limit, len(by_domain))
        more = f" and {hidden} more (all in the download's source column)" if hidden > 0 else ""
        parts.append(f"verified facts: {shown}{more}")
    if extra:
        parts.append(extra)
    return "Source: " + ("; ".join(parts) if parts else "the project's database") + "."
