"""Run the article pipeline on the gold pages and print how well it does.

    python -m quality.measure [--verbose]

Figures per language (Italian, English, over every page), for the pages held
out of the pipeline's development (informative: no target of their own) and for
the three seed articles: quote precision and recall (a found quote matches a gold quote
when their words overlap by at least 80 % of the longer one), speaker, day,
question, match and mention accuracy on matched quotes, the article's date,
title and author, and furniture lines kept in / article lines lost from the
main text. Exits with 1 when a figure is below its target (see TARGETS).
"""

import datetime as dt
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.article_store import ArticleRecord, extract_record
from ingest.articles import decode_page
from ingest.directory import NameDirectory
from ingest.quotes import QuoteRecord

QUALITY_DIR = Path(__file__).resolve().parent
PROJECT_DIR = QUALITY_DIR.parent
DEFAULT_SHARED = PROJECT_DIR.parent / "shared"
OVERLAP = 0.8
TARGETS = {"quote_precision": 0.95, "quote_recall": 0.90, "speaker_accuracy": 0.90}
SEED_TARGETS = {"quote_precision": 1.0, "quote_recall": 1.0, "speaker_accuracy": 1.0,
                "said_on_accuracy": 1.0, "article_date_accuracy": 1.0}
_WORD = re.compile(r"[^\W_]+")


# --- loading ---------------------------------------------------------------------------------


def load_gold(gold_dir: Path = QUALITY_DIR / "gold") -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]


def fictional_directory() -> NameDirectory:
    data = json.loads((QUALITY_DIR / "directory.json").read_text(encoding="utf-8"))
    return NameDirectory.from_rows(people=data["people"], teams=data["teams"], fixtures=data["fixtures"])


def facts_directory(shared: Path, data_dir: Path = PROJECT_DIR / "data") -> NameDirectory:
    from ingest.article_store import bundle_directory

    return bundle_directory(shared, data_dir)


def page_path(gold: dict[str, Any], shared: Path) -> Path:
    return shared / "seeds" / gold["page"] if gold["seed"] else QUALITY_DIR / gold["page"]


def run_page(gold: dict[str, Any], shared: Path,
             directories: dict[str, NameDirectory]) -> tuple[ArticleRecord, list[str]]:
    """The pipeline's record for a gold page, and the page's lines."""
    text, _warnings = decode_page(page_path(gold, shared).read_bytes(), gold["page"])
    given = gold["input"]
    reference = dt.date.fromisoformat(given["reference_date"]) if given.get("reference_date") else None
    record = extract_record(text, directory=directories[gold["directory"]], reference_date=reference,
                            outlet=given.get("outlet"), url=given.get("url"),
                            source_file=Path(gold["page"]).name)
    return record, text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# --- comparing -------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def overlap(a: str, b: str) -> float:
    """Shared words (with repeats) over the longer of the two texts."""
    wa, wb = Counter(words(a)), Counter(words(b))
    longer = max(sum(wa.values()), sum(wb.values()))
    return sum((wa & wb).values()) / longer if longer else 0.0


def gold_text(quote: dict[str, Any], lines: list[str]) -> str:
    """The quote's words: given, or between a seed's start and end anchors."""
    if "text" in quote:
        return str(quote["text"])
    joined = "\n".join(lines[quote["line"] - 1:])
    start = joined.index(quote["start"])
    end = joined.index(quote["end"], start) + len(quote["end"])
    return joined[start:end]


def gold_question(quote: dict[str, Any], lines: list[str]) -> str | None:
    if quote.get("question_line"):
        return lines[quote["question_line"] - 1].strip()
    return quote.get("question")


def pair_quotes(gold: list[str], found: list[str]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, found index), best overlaps first, at least OVERLAP."""
    scored = sorted(((overlap(g, f), gi, fi) for gi, g in enumerate(gold) for fi, f in enumerate(found)),
                    reverse=True)
    used_g: set[int] = set()
    used_f: set[int] = set()
    pairs = []
    for score, gi, fi in scored:
        if score >= OVERLAP and gi not in used_g and fi not in used_f:
            pairs.append((gi, fi))
            used_g.add(gi)
            used_f.add(fi)
    return sorted(pairs)


def speaker_right(gold: dict[str, Any], found: QuoteRecord) -> bool:
    if gold["speaker"] is None:
        return found.speaker is None
    if gold["resolved"]:
        return found.person == gold["speaker"]
    return found.person is None and _norm(found.speaker) == _norm(gold["speaker"])


def _norm(text: str | None) -> str:
    return " ".join(words(text or ""))


def match_label(found: QuoteRecord) -> str | None:
    return found.match.label if found.match else None


def mention_set(found: QuoteRecord) -> set[str]:
    return {f"person:{m.person}" if m.person else f"team:{m.team}" for m in found.mentions}


# --- tallies ---------------------------------------------------------------------------------


@dataclass
class Tally:
    pages: int = 0
    gold: int = 0
    found: int = 0
    matched: int = 0
    speaker: int = 0
    said_on: int = 0
    question_pairs: int = 0
    question: int = 0
    match: int = 0
    mentions_gold: int = 0
    mentions_found: int = 0
    mentions_common: int = 0
    article_date: int = 0
    titled: int = 0
    title: int = 0
    author: int = 0
    furniture_lines: int = 0
    furniture_kept: int = 0
    article_lines: int = 0
    article_lost: int = 0
    outside_article: int = 0
    errors: list[str] = field(default_factory=list)

    def ratio(self, part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    def figures(self) -> dict[str, float]:
        return {
            "quote_precision": self.ratio(self.matched, self.found),
            "quote_recall": self.ratio(self.matched, self.gold),
            "speaker_accuracy": self.ratio(self.speaker, self.matched),
            "said_on_accuracy": self.ratio(self.said_on, self.matched),
            "question_accuracy": self.ratio(self.question, self.question_pairs),
            "match_accuracy": self.ratio(self.match, self.matched),
            "mention_precision": self.ratio(self.mentions_common, self.mentions_found),
            "mention_recall": self.ratio(self.mentions_common, self.mentions_gold),
            "article_date_accuracy": self.ratio(self.article_date, self.pages),
            "title_accuracy": self.ratio(self.title, self.titled),
            "author_accuracy": self.ratio(self.author, self.pages),
            "furniture_kept_rate": self.ratio(self.furniture_kept, self.furniture_lines),
            "article_lost_rate": self.ratio(self.article_lost, self.article_lines),
        }


def score_page(tally: Tally, gold: dict[str, Any], record: ArticleRecord, lines: list[str]) -> None:
    name = Path(gold["page"]).name
    tally.pages += 1
    _score_article(tally, gold, record, lines, name)
    _score_lines(tally, gold, record, lines, name)
    gold_quotes = gold["quotes"]
    texts = [gold_text(q, lines) for q in gold_quotes]
    tally.gold += len(gold_quotes)
    tally.found += len(record.quotes)
    pairs = pair_quotes(texts, [q.text for q in record.quotes])
    tally.matched += len(pairs)
    _report_unpaired(tally, name, texts, record.quotes, pairs)
    for gi, fi in pairs:
        _score_quote(tally, gold_quotes[gi], record.quotes[fi], lines, name)


def _score_article(tally: Tally, gold: dict[str, Any], record: ArticleRecord, lines: list[str], name: str) -> None:
    expected = gold["article"]
    published = record.published_utc.replace(tzinfo=None).isoformat() if record.published_utc else None
    if published == expected["published_utc"] and record.date_precision.value == expected["date_precision"]:
        tally.article_date += 1
    else:
        tally.errors.append(f"{name}: date {published} ({record.date_precision.value}), "
                            f"expected {expected['published_utc']} ({expected['date_precision']})")
    title = lines[expected["title_line"] - 1].strip() if expected.get("title_line") else expected.get("title")
    if title is not None:
        tally.titled += 1
        tally.title += record.title == title
        if record.title != title:
            tally.errors.append(f"{name}: title {record.title!r}, expected {title!r}")
    tally.author += record.author == expected["author"]
    if record.author != expected["author"]:
        tally.errors.append(f"{name}: author {record.author!r}, expected {expected['author']!r}")


def _score_lines(tally: Tally, gold: dict[str, Any], record: ArticleRecord, lines: list[str], name: str) -> None:
    article = {n for first, last in gold["content_lines"] for n in range(first, last + 1) if lines[n - 1].strip()}
    furniture = {n for n, text in enumerate(lines, 1) if text.strip()} - article
    kept = set(record.body_lines)
    tally.article_lines += len(article)
    tally.furniture_lines += len(furniture)
    tally.article_lost += len(article - kept)
    tally.furniture_kept += len(furniture & kept)
    for n in sorted((article - kept) | (furniture & kept)):
        state = "lost" if n in article else "kept"
        tally.errors.append(f"{name}:{n}: line {state}: {lines[n - 1].strip()[:70]!r}")
    outside = [q for q in record.quotes if q.line not in article]
    tally.outside_article += len(outside)


def _report_unpaired(tally: Tally, name: str, texts: list[str], found: list[QuoteRecord],
                     pairs: list[tuple[int, int]]) -> None:
    paired_g = {g for g, _ in pairs}
    paired_f = {f for _, f in pairs}
    for gi, text in enumerate(texts):
        if gi not in paired_g:
            tally.errors.append(f"{name}: missed quote {text[:70]!r}")
    for fi, quote in enumerate(found):
        if fi not in paired_f:
            tally.errors.append(f"{name}:{quote.line}: extra quote {quote.text[:70]!r}")


def _score_quote(tally: Tally, gold: dict[str, Any], found: QuoteRecord, lines: list[str], name: str) -> None:
    where = f"{name}:{found.line}"
    if speaker_right(gold, found):
        tally.speaker += 1
    else:
        tally.errors.append(f"{where}: speaker {found.speaker!r}/{found.person!r} ({found.rule}), "
                            f"expected {gold['speaker']!r}")
    said = found.said_on.isoformat() if found.said_on else None
    tally.said_on += said == gold["said_on"]
    if said != gold["said_on"]:
        tally.errors.append(f"{where}: said on {said}, expected {gold['said_on']}")
    _score_question(tally, gold, found, lines, where)
    tally.match += match_label(found) == gold["match"]
    if match_label(found) != gold["match"]:
        tally.errors.append(f"{where}: match {match_label(found)}, expected {gold['match']}")
    expected, got = set(gold["mentions"]), mention_set(found)
    tally.mentions_gold += len(expected)
    tally.mentions_found += len(got)
    tally.mentions_common += len(expected & got)
    if expected != got:
        tally.errors.append(f"{where}: mentions {sorted(got)}, expected {sorted(expected)}")


def _score_question(tally: Tally, gold: dict[str, Any], found: QuoteRecord, lines: list[str], where: str) -> None:
    expected = gold_question(gold, lines)
    if expected is None and found.question is None:
        return
    tally.question_pairs += 1
    if _norm(expected) == _norm(found.question):
        tally.question += 1
    else:
        tally.errors.append(f"{where}: question {found.question!r}, expected {expected!r}")


# --- report ----------------------------------------------------------------------------------


def measure(shared: Path = DEFAULT_SHARED, gold_dir: Path = QUALITY_DIR / "gold") -> dict[str, Tally]:
    """Tallies per group: 'it', 'en', 'all' (fictional and seed pages), 'held_out' (the pages
    marked held out, also counted in their language and 'all') and 'seeds'."""
    golds = load_gold(gold_dir)
    have_seeds = (shared / "seeds").is_dir()
    directories = {"fictional": fictional_directory()}
    if have_seeds:
        directories["facts"] = facts_directory(shared)
    groups = {"it": Tally(), "en": Tally(), "all": Tally(), "held_out": Tally(), "seeds": Tally()}
    for gold in golds:
        if gold["seed"] and not have_seeds:
            continue
        record, lines = run_page(gold, shared, directories)
        extra = ["held_out"] if gold.get("held_out") else []
        for group in (gold["language"], "all", *extra, *(["seeds"] if gold["seed"] else [])):
            score_page(groups[group], gold, record, lines)
    return groups


def shortfalls(groups: dict[str, Tally]) -> list[str]:
    """Every figure below its target, as sentences; empty when all targets are met."""
    failures = []
    for name in ("it", "en", "all"):
        figures = groups[name].figures()
        failures += [f"{name}: {k} {figures[k]:.3f} < {v}" for k, v in TARGETS.items() if figures[k] < v]
    seeds = groups["seeds"]
    if seeds.pages:
        figures = seeds.figures()
        failures += [f"seeds: {k} {figures[k]:.3f} < {v}" for k, v in SEED_TARGETS.items() if figures[k] < v]
        if seeds.outside_article:
            failures.append(f"seeds: {seeds.outside_article} quote(s) taken from outside the article")
    return failures


def format_report(groups: dict[str, Tally]) -> str:
    rows = [("pages", lambda t: f"{t.pages}"),
            ("quotes gold/found/matched", lambda t: f"{t.gold}/{t.found}/{t.matched}")]
    names = [n for n in ("it", "en", "all", "held_out", "seeds") if n in groups and groups[n].pages]
    out = [f"{'':34}" + "".join(f"{n:>12}" for n in names)]
    for label, cell in rows:
        out.append(f"{label:34}" + "".join(f"{cell(groups[n]):>12}" for n in names))
    for key in groups["all"].figures():
        out.append(f"{key:34}" + "".join(f"{groups[n].figures()[key]:>12.3f}" for n in names))
    out.append(f"{'furniture lines kept/total':34}"
               + "".join(f"{groups[n].furniture_kept:>7}/{groups[n].furniture_lines:<4}" for n in names))
    out.append(f"{'article lines lost/total':34}"
               + "".join(f"{groups[n].article_lost:>7}/{groups[n].article_lines:<4}" for n in names))
    out.append(f"{'quotes outside the article':34}" + "".join(f"{groups[n].outside_article:>12}" for n in names))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    shared = Path(os.environ.get("SHARED_DIR", DEFAULT_SHARED))
    groups = measure(shared)
    print(format_report(groups))
    if not groups["seeds"].pages:
        print(f"\nseeds: skipped, {shared / 'seeds'} not found")
        if os.environ.get("CI") == "true":
            return 1
    if "--verbose" in argv:
        print("\n" + "\n".join(groups["all"].errors or ["no differences"]))
    failures = shortfalls(groups)
    print("\n" + ("\n".join(["BELOW TARGET:", *failures]) if failures else "all targets met"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
