"""Name normalisation shared by every importer: one key per spelling, so that
'Çalhanoğlu' and 'Calhanoglu', or 'Qarabağ FK' and 'Qarabag FK', meet."""

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus a mark.
_FOLD = str.maketrans({"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
                       "ß": "ss", "æ": "ae", "Æ": "ae", "ı": "i", "œ": "oe", "þ": "th"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
COUNTRY_SUFFIX = re.compile(r"\s*\(([A-Z]{3})\)\s*$")


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(name: str) -> str:
    """Lower-case ASCII words separated by single spaces: the lookup key of a name."""
    return _NON_WORD.sub(" ", strip_diacritics(name).lower()).strip()


def split_country(name: str) -> tuple[str, str | None]:
    """'FK Kairat (KAZ)' -> ('FK Kairat', 'KAZ'); names without a code keep None."""
    match = COUNTRY_SUFFIX.search(name)
    if not match:
        return name.strip(), None
    return name[: match.start()].strip(), match.group(1)
