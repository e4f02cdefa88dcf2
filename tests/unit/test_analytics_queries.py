"""Queries: filters go into SQL and the documented columns come back."""

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from analytics import queries as q
from analytics.indexes import INDEXES, ensure_indexes
from analytics.search import ensure_quote_index
from tests.app.dashboard_db import SAMPLE_OUTLET, build_dashboard_db

CAMPAIGN = {"date_from": q.CAMPAIGN_START, "date_to": q.CAMPAIGN_END}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    made = build_dashboard_db(tmp_path_factory.mktemp("queries") / "dash.db")
    ensure_indexes(made)
    assert ensure_quote_index(made)
    yield made
    made.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as s:
        yield s


# --- matches ---------------------------------------------------------------------------------

def test_kairat_campaign_has_sixteen_matches_in_order(session: Session) -> None:
    m = q.team_matches(session, team="Kairat", **CAMPAIGN)
    assert list(m.columns) == q.MATCH_COLUMNS
    assert len(m) == 16
    assert list(m["round"][:8]) == ["Q1", "Q1", "Q2", "Q2", "Q3", "Q3", "PO", "PO"]
    assert list(m["round"][8:]) == [f"MD{i}" for i in range(1, 9)]
    assert m["date"].is_monotonic_increasing
    first = m.iloc[0]
    assert (first["opponent"], first["home_away"], first["score"], first["result"]) == (
        "Olimpija Ljubljana", "away", "1–1", "D")


def test_verified_venues_survive_the_query(session: Session) -> None:
    m = q.team_matches(session, team="Kairat", **CAMPAIGN).set_index("round")
    assert m.loc["MD2", "opponent"] == "Real Madrid"
    assert m.loc["MD2", "home_away"] == "home"
    assert m.loc["MD2", "venue_city"] == "Almaty"
    assert m.loc["MD6", "venue"] == m.loc["MD7", "venue"] == "Astana Arena"
    assert m.loc["MD4", "venue_city"] == "Milan"


def test_shootouts_are_reported_from_the_teams_side(session: Session) -> None:
    m = q.team_matches(session, team="Kairat", **CAMPAIGN)
    po2 = m[(m["round"] == "PO") & (m["leg"] == 2)].iloc[0]
    assert (po2["team_pens"], po2["opponent_pens"], bool(po2["extra_time"])) == (3, 2, True)
    celtic = q.team_matches(session, team="Celtic", **CAMPAIGN)
    assert (celtic.iloc[-1]["team_pens"], celtic.iloc[-1]["opponent_pens"]) == (2, 3)


def test_stage_filter_takes_group_labels_or_stored_stages(session: Session) -> None:
    qual = q.team_matches(session, team="Kairat", **CAMPAIGN, stages=["Qualifying"])
    assert len(qual) == 8 and set(qual["stage"]) == {"qualifying"}
    league = q.team_matches(session, team="Kairat", **CAMPAIGN, stages=["league"])
    assert len(league) == 8 and set(league["stage"]) == {"league"}
    assert q.team_matches(session, team="Kairat", **CAMPAIGN, stages=[]).empty


def test_date_filter_and_unknown_team_give_empty_frames_with_the_columns(session: Session) -> None:
    none = q.team_matches(session, team="Kairat", date_from=dt.date(2012, 6, 1), date_to=dt.date(2012, 6, 10))
    assert none.empty and list(none.columns) == q.MATCH_COLUMNS
    unknown = q.team_matches(session, team="Atlantis FC", **CAMPAIGN)
    assert unknown.empty and list(unknown.columns) == q.MATCH_COLUMNS
    assert q.team_id(session, team="Atlantis FC") is None
    assert q.team_match_count(session, team="Atlantis FC", **CAMPAIGN) == 0


def test_one_leg_of_a_range_boundary_is_inclusive(session: Session) -> None:
    day = dt.date(2025, 11, 5)  # Inter v Kairat
    m = q.team_matches(session, team="Kairat", date_from=day, date_to=day)
    assert list(m["opponent"]) == ["Inter"]


def test_record_is_counted_in_sql_and_agrees_with_the_rows(session: Session) -> None:
    rows = q.team_matches(session, team="Kairat", **CAMPAIGN)
    record = q.team_record(session, team="Kairat", **CAMPAIGN).iloc[0]
    assert record["matches"] == record["played"] == len(rows)
    assert record["won"] == (rows["result"] == "W").sum()
    assert record["drawn"] == (rows["result"] == "D").sum()
    assert record["lost"] == (rows["result"] == "L").sum()
    assert record["goals_for"] == rows["team_goals"].sum()
    league = q.team_record(session, team="Kairat", **CAMPAIGN, stages=["League phase"]).iloc[0]
    # The verified facts: 0 wins, 1 draw, 7 defeats, goals 7-22.
    assert (league["won"], league["drawn"], league["lost"], league["goals_for"], league["goals_against"]) == (
        0, 1, 7, 7, 22)
    assert q.team_record(session, team="Atlantis FC", **CAMPAIGN).iloc[0]["matches"] == 0


def test_destinations_and_months_add_up_to_the_matches(session: Session) -> None:
    dest = q.team_destinations(session, team="Kairat", **CAMPAIGN)
    assert list(dest.columns) == q.DESTINATION_COLUMNS
    assert dest["matches"].sum() == 16
    assert dest.set_index("opponent").loc["Olympiacos", "venue"] == "Astana Arena"
    months = q.team_results_by_month(session, team="Kairat", **CAMPAIGN)
    assert months["matches"].sum() == 16
    assert set(months["result"]) <= {"W", "D", "L", "-"}
    assert months["month"].min() == dt.date(2025, 7, 1)


def test_matches_of_teams_can_include_domestic_leagues(session: Session) -> None:
    inter = q.team_id(session, team="Inter")
    assert inter is not None
    window = {"date_from": dt.date(2025, 10, 20), "date_to": dt.date(2025, 11, 20)}
    european = q.matches_of_teams(session, team_ids=[inter], **window)
    everything = q.matches_of_teams(session, team_ids=[inter], **window, all_stages=True)
    assert set(european["stage"]) <= set(q.EUROPEAN_STAGES)
    assert "domestic" in set(everything["stage"])
    assert "it.1" in set(everything["competition"])
    assert len(everything) > len(european)


def test_league_phase_results_and_seasons(session: Session) -> None:
    results = q.league_phase_results(session, season="2025-26")
    assert list(results.columns) == q.LEAGUE_COLUMNS
    assert len(results) == 144
    assert set(results["round"]) == {f"MD{i}" for i in range(1, 9)}
    assert q.league_seasons(session, **CAMPAIGN) == ["2025-26"]
    assert q.league_seasons(session, date_from=dt.date(2012, 6, 1), date_to=dt.date(2012, 6, 10)) == []


def test_team_lookups(session: Session) -> None:
    names = q.team_names(session)
    assert names == sorted(names)
    assert {"Kairat", "Arsenal", "Celtic"} <= set(names)
    assert len(q.teams(session)) == len(names)


def test_team_matches_uses_the_team_and_date_indexes(session: Session) -> None:
    tid = q.team_id(session, team="Kairat")
    plan = session.connection().execute(text(
        "EXPLAIN QUERY PLAN SELECT id FROM match WHERE home_team_id = :t AND date >= :a AND date <= :b"),
        {"t": tid, "a": q.CAMPAIGN_START, "b": q.CAMPAIGN_END}).all()
    assert any("ix_match_home_team_id_date" in str(row) for row in plan), plan


def test_ensure_indexes_is_idempotent(engine: Engine) -> None:
    assert ensure_indexes(engine) == []
    with engine.connect() as conn:
        names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))}
    assert set(INDEXES) <= names


# --- quotes and statements ------------------------------------------------------------------------

def test_quotes_and_statements_share_one_time_line(session: Session) -> None:
    items = q.quotes(session, team="Kairat", **CAMPAIGN)
    assert list(items.columns) == q.QUOTE_COLUMNS
    assert {"quote", "statement"} == set(items["kind"])
    assert items["date"].is_monotonic_increasing
    counts = q.quote_count(session, team="Kairat", **CAMPAIGN).set_index("kind")["items"]
    assert counts.sum() == len(items)
    sample = items[items["outlet"] == SAMPLE_OUTLET]
    assert len(sample) >= 4
    assert set(sample["kind"]) == {"quote"}
    assert (sample["url"] == "https://example.org/sample-interview").all()


def test_a_statement_about_the_team_is_found_through_its_match(session: Session) -> None:
    # Brendan Rodgers (Celtic) spoke before PO-1 against Kairat: his statement is about Kairat too.
    items = q.quotes(session, team="Kairat", **CAMPAIGN, speakers=["Brendan Rodgers"])
    assert len(items) >= 1 and set(items["speaker_team"]) == {"Celtic"}


def test_speaker_outlet_and_language_filters(session: Session) -> None:
    sorokin = q.quotes(session, team="Kairat", **CAMPAIGN, speakers=["Egor Sorokin"])
    assert set(sorokin["speaker"]) == {"Egor Sorokin"}
    before_san_siro = sorokin[(sorokin["date"] < dt.date(2025, 11, 5)) & (sorokin["kind"] == "quote")]
    assert len(before_san_siro) >= 2
    by_outlet = q.quotes(session, team="Kairat", **CAMPAIGN, outlets=[SAMPLE_OUTLET])
    assert set(by_outlet["outlet"]) == {SAMPLE_OUTLET}
    english = q.quotes(session, team="Kairat", **CAMPAIGN, languages=["en"])
    assert len(english) > 0 and set(english["language"]) == {"en"}


def test_text_search_matches_words_and_prefixes(session: Session) -> None:
    hits = q.quotes(session, team="Kairat", **CAMPAIGN, search="san sir")
    assert len(hits) >= 1
    assert all("san siro" in t.lower() for t in hits["text"])
    assert q.quotes(session, team="Kairat", **CAMPAIGN, search="zzzz-not-a-word").empty
    # Quotes in the user's search can't break the full-text syntax.
    assert q.quotes(session, team="Kairat", **CAMPAIGN, search='"San" OR (Siro') is not None


def test_search_falls_back_to_like_without_the_index(tmp_path: Path) -> None:
    plain = build_dashboard_db(tmp_path / "plain.db")
    with Session(plain) as s:
        hits = q.quotes(s, team="Kairat", **CAMPAIGN, search="San Siro")
        assert len(hits) >= 1 and all("san siro" in t.lower() for t in hits["text"])
    plain.dispose()


def test_unknown_team_or_empty_dates_find_no_quotes(session: Session) -> None:
    assert q.quotes(session, team="Atlantis FC", **CAMPAIGN).empty
    assert q.quote_count(session, team="Atlantis FC", **CAMPAIGN).empty
    assert q.quotes(session, team="Kairat", date_from=dt.date(2012, 6, 1), date_to=dt.date(2012, 6, 2)).empty


def test_weekly_counts_add_up(session: Session) -> None:
    items = q.quotes(session, team="Kairat", **CAMPAIGN)
    weekly = q.quotes_by_week(session, team="Kairat", **CAMPAIGN)
    assert weekly["items"].sum() == len(items)
    assert all(pd.Timestamp(w).weekday() == 0 for w in weekly["week"])
    top_two = q.quotes_by_week(session, team="Kairat", **CAMPAIGN, top_speakers=2)
    assert top_two["speaker"].nunique() == 2


def test_filter_options_list_what_is_there(session: Session) -> None:
    options = q.quote_filter_options(session, team="Kairat", **CAMPAIGN)
    assert "Egor Sorokin" in options["speaker"]
    assert SAMPLE_OUTLET in options["outlet"]
    assert {"it", "en"} <= set(options["language"])


def test_mentions_in_quotes_are_counted_in_sql(session: Session) -> None:
    mentions = q.mentions_in_quotes(session, team="Kairat", **CAMPAIGN, outlets=[SAMPLE_OUTLET])
    by_name = mentions.set_index("name")
    assert by_name.loc["Inter", "mentions"] == 2 and by_name.loc["Inter", "kind"] == "team"
    assert by_name.loc["Lautaro Martínez", "kind"] == "person"
    assert by_name.loc["San Siro", "kind"] == "name"
    # The article-level mention of Kairat is not inside a quote.
    assert "Kairat" not in by_name.index or by_name.loc["Kairat", "quotes"] > 0
    only_urazbakhtin = q.mentions_in_quotes(session, team="Kairat", **CAMPAIGN, speakers=["Rafael Urazbakhtin"],
                                            outlets=[SAMPLE_OUTLET])
    assert list(only_urazbakhtin["name"]) == ["Milan"]


# --- articles and claims -------------------------------------------------------------------------

def test_claims_carry_verdict_and_evidence(session: Session) -> None:
    claims = q.claims(session)
    assert list(claims.columns) == q.CLAIM_COLUMNS
    assert len(claims) == 21
    bernabeu = claims.set_index("claim_id").loc["S002-08"]
    assert bernabeu["verdict"] == "false"
    assert "Almaty" in bernabeu["correct_value"]
    by_source = q.claims_by_source(session)
    assert by_source["claims"].sum() == 21
    assert (by_source["sources"] == by_source["source"].nunique()).all()
    top_two = q.claims_by_source(session, top=2)
    assert top_two["source"].nunique() == 2 and (top_two["sources"] > 2).all()
    press = q.claims(session, without_article=True)
    assert len(press) > 0 and press["article_id"].isna().all()
    none = q.claims(session, article_ids=[])
    assert none.empty
    assert q.claims(session, date_from=dt.date(2025, 11, 1), date_to=dt.date(2025, 11, 30))["source_date"].between(
        dt.date(2025, 11, 1), dt.date(2025, 11, 30)).all()


def test_verdict_groups() -> None:
    assert q.verdict_group("true (with nuance)") == "true"
    assert q.verdict_group("false") == "false"
    assert q.verdict_group("consistent with data held") == "unverified"


def test_articles_list_counts_quotes_and_filters_by_date(session: Session) -> None:
    arts = q.articles(session)
    assert list(arts.columns) == q.ARTICLE_COLUMNS
    sample = arts[arts["outlet"] == SAMPLE_OUTLET].iloc[0]
    assert sample["quotes"] == 4
    later = q.articles(session, date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 31))
    assert SAMPLE_OUTLET not in set(later["outlet"])
    assert q.article_count(session) == len(arts)
    first, second = q.articles(session, limit=1), q.articles(session, limit=1, offset=1)
    assert len(first) == 1 and list(first["article_id"]) != list(second["article_id"])


def test_row_counts_and_whole_tables(session: Session) -> None:
    counts = q.row_counts(session)
    assert counts["claim"] == 21 and counts["quote"] >= 4
    matches = q.whole_table(session, table="matches")
    assert {"home", "away", "venue", "competition"} <= set(matches.columns)
    assert len(q.whole_table(session, table="claims")) == 21
    with pytest.raises(ValueError, match="unknown table"):
        q.whole_table(session, table="sqlite_master")
