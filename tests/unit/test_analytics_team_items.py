"""team_item: the quotes and statements about each team, derived once, kept fresh by triggers, and
always the same rows as their definition (the OR of speaker, match and article mention)."""

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine, select, text
from sqlmodel import Session

from analytics import queries as q
from analytics.indexes import (
    TEAM_ITEM,
    TEAM_ITEM_STATE,
    TEAM_WORDS,
    ensure_indexes,
    ensure_team_items,
    team_items_fresh,
    team_words_ready,
)
from analytics.queries import quotations
from analytics.search import ensure_quote_index
from ingest.load import DATA_DIR, build_database
from models import Article, Competition, Match, Mention, Person, Quote, Statement, Team, create_tables, make_engine
from tests.app.dashboard_db import SAMPLE_OUTLET, build_dashboard_db

EVER = {"date_from": dt.date(2000, 1, 1), "date_to": dt.date(2030, 12, 31)}
CAMPAIGN = {"date_from": q.CAMPAIGN_START, "date_to": q.CAMPAIGN_END}


def _stored(engine: Engine, tid: int) -> set[tuple[Any, ...]]:
    ti = TEAM_ITEM.c
    with engine.connect() as conn:
        rows = conn.execute(select(ti.team_id, ti.said_on, ti.kind, ti.item_id, ti.week, ti.speaker, ti.speaker_team,
                                   ti.outlet, ti.language).where(ti.team_id == tid)).all()
    return {tuple(r) for r in rows}


def _defined(engine: Engine, tid: int) -> set[tuple[Any, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(select(quotations._defined_team_items(tid, "sqlite"))).all()
    # The definition computes the week as text; team_item stores it as a date.
    return {(*r[:4], dt.date.fromisoformat(r[4]), *r[5:]) for r in rows}


def _mark_stale(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {TEAM_ITEM_STATE} SET fresh = 0"))


def _fresh(engine: Engine) -> bool:
    with engine.connect() as conn:
        return team_items_fresh(conn)


def _team_ids(engine: Engine) -> dict[str, int]:
    with Session(engine) as s:
        return {name: int(tid) for tid, name in s.execute(select(Team.id, Team.name)).all()}


# --- a small world with one case of every rule --------------------------------------------------

@pytest.fixture
def small(tmp_path: Path) -> Iterator[Engine]:
    """Teams A-D; a quote about A by its speaker, about B and C through its match or article, one
    undated, one about nobody; statements about B by their team, about A and B by their match."""
    engine = make_engine(f"sqlite:///{tmp_path / 'small.db'}")
    create_tables(engine)
    day = dt.date(2025, 9, 3)
    with Session(engine) as s:
        s.add(Competition(id=1, code="cl", name="Champions League"))
        for i, name in enumerate("ABCD", 1):
            s.add(Team(id=i, name=f"Team {name}"))
        s.flush()  # no relationships between the models: the rows go in parent first
        s.add_all([Person(id=1, name="Anna A", team_id=1), Person(id=2, name="Nobody Inparticular")])
        s.add_all([Match(id=1, key="m1", competition_id=1, season="2025-26", stage="league", round="MD1",
                         date=day, home_team_id=1, away_team_id=2),
                   Match(id=2, key="m2", competition_id=1, season="2025-26", stage="league", round="MD2",
                         date=day, home_team_id=3, away_team_id=1)])
        s.add_all([Article(id=1, content_hash="a1", title="One", outlet="Gazzetta", language="it"),
                   Article(id=2, content_hash="a2", title="Two", outlet=None, language="en"),
                   Article(id=3, content_hash="a3", title="Three", outlet="Other", language="en")])
        s.flush()
        s.add_all([
            Quote(id=1, article_id=1, position=1, text="Una vittoria importante", speaker="Anna",
                  person_id=1, said_on=day),
            Quote(id=2, article_id=1, position=2, text="Il ritmo della città", speaker="Nobody",
                  person_id=2, said_on=day + dt.timedelta(days=1), match_id=2),
            Quote(id=3, article_id=2, position=1, text="A difficult night", speaker="Somebody",
                  said_on=day + dt.timedelta(days=9)),
            Quote(id=4, article_id=2, position=2, text="Undated words", said_on=None),
            Quote(id=5, article_id=3, position=1, text="About nobody at all", said_on=day)])
        s.flush()
        s.add_all([Mention(id=1, article_id=1, quote_id=1, surface="Team B", team_id=2),
                   Mention(id=2, article_id=2, quote_id=None, surface="Team C", team_id=3)])
        s.add_all([Statement(id=1, said_on=day, speaker="Bea", team_id=2, outlet="Vesti", language="ru",
                             paraphrase="Said the trip was long", source="x"),
                   Statement(id=2, said_on=day, speaker="Carl", outlet="Vesti", language="ru", match_id=1,
                             paraphrase="Said the pitch was difficult", source="y")])
        s.commit()
    ensure_indexes(engine)
    ensure_quote_index(engine)
    yield engine
    engine.dispose()


def _items(engine: Engine, tid: int) -> set[tuple[str, int]]:
    return {(kind, item_id) for _team, _day, kind, item_id, *_rest in _stored(engine, tid)}


def test_every_rule_of_the_definition(small: Engine) -> None:
    assert _fresh(small)
    assert _items(small, 1) == {("quote", 1), ("quote", 2), ("statement", 2)}  # speaker; match m2; match m1
    assert _items(small, 2) == {("quote", 1), ("quote", 2), ("statement", 1), ("statement", 2)}  # article mention
    assert _items(small, 3) == {("quote", 2), ("quote", 3)}  # match m2; article-level mention
    assert _items(small, 4) == set()  # the undated quote and the quote about nobody are nowhere


def test_stored_rows_equal_the_definition_on_a_small_world(small: Engine) -> None:
    for tid in (1, 2, 3, 4):
        assert _stored(small, tid) == _defined(small, tid)
    row = next(r for r in _stored(small, 3) if r[3] == 3)
    assert row[4] == dt.date(2025, 9, 8)  # the Monday of its week
    assert (row[5], row[6], row[7]) == ("Somebody", "", "unknown outlet")


def test_stored_rows_equal_the_definition_on_the_bundled_data(tmp_path: Path) -> None:
    engine = build_dashboard_db(tmp_path / "bundled.db")
    assert ensure_team_items(engine)
    checked = 0
    for tid in _team_ids(engine).values():
        stored = _stored(engine, tid)
        assert stored == _defined(engine, tid)
        checked += bool(stored)
    assert checked >= 5
    engine.dispose()


def test_a_change_marks_it_stale_and_the_queries_stay_right(small: Engine) -> None:
    with Session(small) as s:  # Nobody joins Team D: quote 2 is now about D too
        s.execute(text("UPDATE person SET team_id = 4 WHERE id = 2"))
        s.commit()
    assert not _fresh(small)
    with Session(small) as s:  # read from the definition until rebuilt
        assert list(q.quotes(s, team="Team D", **EVER)["item_id"]) == [2]
    assert ensure_team_items(small)
    assert _items(small, 4) == {("quote", 2)}
    assert _stored(small, 4) == _defined(small, 4)
    with Session(small) as s:
        assert list(q.quotes(s, team="Team D", **EVER)["speaker_team"]) == ["Team D"]


def test_words_are_matched_as_the_full_text_index_matches_them(small: Engine) -> None:
    for fresh in (True, False):
        if not fresh:
            _mark_stale(small)
        with Session(small) as s:
            assert team_words_ready(s.connection()) and team_items_fresh(s.connection()) is fresh
            assert list(q.quotes(s, team="Team A", **EVER, search="CITTA")["item_id"]) == [2]  # accents, case
            assert list(q.quotes(s, team="Team A", **EVER, search="vitt")["item_id"]) == [1]  # a prefix
            assert list(q.quotes(s, team="Team B", **EVER, search="difficult")["item_id"]) == [2]  # a statement
            assert q.quotes(s, team="Team C", **EVER, search="vittoria").empty  # a word of another team's quote


def test_new_words_are_found_after_the_refresh(small: Engine) -> None:
    with Session(small) as s:
        assert q.quotes(s, team="Team A", **EVER, search="nightingale").empty
        s.execute(text("UPDATE quote SET text = text || ' Nightingale' WHERE id = 1"))
        s.commit()
    assert ensure_team_items(small)
    with Session(small) as s:
        assert list(q.quotes(s, team="Team A", **EVER, search="nightingale")["item_id"]) == [1]
        assert q.quotes(s, team="Team C", **EVER, search="nightingale").empty  # quote 1 is not about C


def test_the_loader_still_rebuilds_a_database_that_has_it(tmp_path: Path) -> None:
    engine = build_dashboard_db(tmp_path / "rebuilt.db", sample_quotes=False)
    assert ensure_team_items(engine)
    kairat = _team_ids(engine)["Kairat"]
    before = _stored(engine, kairat)
    build_database(engine, DATA_DIR)  # deletes and inserts every row under the triggers
    assert not _fresh(engine)
    assert ensure_team_items(engine)
    assert _stored(engine, kairat) == before
    engine.dispose()


def test_nothing_to_build_without_the_tables(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    assert ensure_team_items(engine) is False
    assert _fresh(engine) is False
    engine.dispose()


# --- the queries read the same rows either way ------------------------------------------------------

@pytest.fixture(scope="module")
def dash(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = build_dashboard_db(tmp_path_factory.mktemp("team_items") / "dash.db")
    ensure_indexes(engine)
    assert ensure_quote_index(engine)
    yield engine
    engine.dispose()


FILTERS: list[dict[str, Any]] = [
    {"team": "Kairat", **CAMPAIGN},
    {"team": "Kairat", **EVER, "search": "san siro"},
    {"team": "Kairat", **EVER, "search": "sample words"},
    {"team": "Kairat", **EVER, "search": "CITTÀ"},
    {"team": "Kairat", **EVER, "search": "!!!"},
    {"team": "Kairat", **CAMPAIGN, "speakers": ("Egor Sorokin",), "languages": ("it", "en")},
    {"team": "Kairat", **CAMPAIGN, "outlets": (SAMPLE_OUTLET,), "search": "dream"},
    {"team": "Inter", **EVER},
    {"team": "Celtic", **CAMPAIGN},
    {"team": "Atlantis FC", **CAMPAIGN},
]


def _answers(session: Session, flt: dict[str, Any]) -> dict[str, Any]:
    return {
        "quotes": q.quotes(session, **flt), "page": q.quotes(session, **flt, limit=3, offset=2),
        "count": q.quote_count(session, **flt), "weekly": q.quotes_by_week(session, **flt, top_speakers=3),
        "mentions": q.mentions_in_quotes(session, **flt),
    }


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False)


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: f"{f['team']}-{f.get('search') or ''}")
def test_queries_answer_the_same_from_team_item_and_from_the_definition(dash: Engine, flt: dict[str, Any]) -> None:
    with Session(dash) as s:
        assert team_items_fresh(s.connection()) and team_words_ready(s.connection())
        fast = _answers(s, flt)
    _mark_stale(dash)
    try:
        with Session(dash) as s:
            assert not team_items_fresh(s.connection())
            slow = _answers(s, flt)
    finally:
        assert ensure_team_items(dash)
    for name in fast:
        _same(fast[name], slow[name])


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: f"{f['team']}-{f.get('search') or ''}")
def test_the_summary_is_what_the_separate_queries_say(dash: Engine, flt: dict[str, Any]) -> None:
    with Session(dash) as s:
        summary = q.quote_summary(s, **flt, top_speakers=3, top_mentions=20, first=2, max_items=10_000)
        few = q.quote_summary(s, **flt, first=2, max_items=0)
        every = q.quotes(s, **flt)
        _same(summary["counts"], q.quote_count(s, **flt))
        _same(summary["weekly"], q.quotes_by_week(s, **flt, top_speakers=3))
        _same(summary["mentions"], q.mentions_in_quotes(s, **flt))
        _same(summary["items"], every)
        first = q.quotes(s, **flt, limit=2)
    for got in (summary["first"], few["first"]):  # missing text may come back as None or NaN
        assert got.astype(object).where(got.notna(), None).values.tolist() == \
            first.astype(object).where(first.notna(), None).values.tolist()
    assert few["items"].empty and list(few["items"].columns) == q.QUOTE_COLUMNS  # more than max_items


def test_a_search_within_a_team_only_reads_that_team(dash: Engine) -> None:
    with Session(dash) as s:
        kairat = q.quotes(s, team="Kairat", **EVER, search="inter")
        inter = q.quotes(s, team="Inter", **EVER, search="inter")
        assert len(kairat) >= 1 and all("inter" in t.lower() for t in kairat["text"])
        inter_ids = set(q.quotes(s, team="Inter", **EVER)["item_id"])
        assert set(inter["item_id"]) <= inter_ids
    with dash.connect() as conn:
        assert TEAM_WORDS in {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
