"""Chart builders: DataFrame in, Figure out, small enough to send, never broken by an empty frame."""

import datetime as dt
import textwrap
from collections.abc import Iterator

import pandas as pd
import plotly.graph_objects as go
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from analytics import campaign, charts, standings
from analytics import queries as q

CAMPAIGN = {"date_from": q.CAMPAIGN_START, "date_to": q.CAMPAIGN_END}
MAX_FIGURE_BYTES = 1_000_000


@pytest.fixture(scope="module")
def session(bundled_engine: Engine) -> Iterator[Session]:
    with Session(bundled_engine) as s:
        yield s


@pytest.fixture(scope="module")
def kairat(session: Session) -> pd.DataFrame:
    return q.team_matches(session, team="Kairat", **CAMPAIGN)


def size(fig: go.Figure) -> int:
    return len(fig.to_json())


def names(fig: go.Figure) -> list[str]:
    return [t.name for t in fig.data if t.name]


def test_results_strip_has_one_tile_per_played_match(kairat: pd.DataFrame) -> None:
    fig = charts.results_strip(kairat)
    tiles = fig.data[0]
    assert len(tiles.x) == 16
    assert list(tiles.text) == list(kairat["score"])
    assert tiles.marker.color[0] == charts.RESULT_COLORS["D"]  # 1–1 at Olimpija
    assert {"Won", "Drawn", "Lost"} <= set(names(fig))


def test_timeline_puts_every_match_in_its_stage_lane(kairat: pd.DataFrame) -> None:
    fig = charts.campaign_timeline(kairat)
    markers = [t for t in fig.data if t.mode == "markers"]
    assert sum(len(t.x) for t in markers) == 16
    assert list(fig.layout.yaxis.ticktext) == ["Qualifying", "League phase"]
    assert any("(away)" in n for n in names(fig))


def test_timeline_by_month_stacks_results() -> None:
    counts = pd.DataFrame({"month": [dt.date(2025, 7, 1)] * 2, "stage": ["qualifying"] * 2, "result": ["W", "L"],
                           "matches": [2, 1]})
    fig = charts.timeline_by_month(counts)
    assert fig.layout.barmode == "stack"
    assert sum(sum(t.y) for t in fig.data) == 3


def test_qualification_path_marks_shootouts_and_the_way_into_the_league_phase(kairat: pd.DataFrame) -> None:
    ties = campaign.ties(kairat[kairat["stage"] == "qualifying"])
    fig = charts.qualification_path(ties, team="Kairat")
    path = fig.data[0]
    assert list(path.x) == ["Q1", "Q2", "Q3", "PO"]
    assert list(path.y) == [2, 1, 0, 0]
    assert list(path.marker.symbol) == ["circle", "circle", "star", "star"]
    assert any("league phase" in (a.text or "") for a in fig.layout.annotations)


def test_bump_chart_highlights_the_selected_team(session: Session) -> None:
    by_day = standings.table_by_matchday(q.league_phase_results(session, season="2025-26"))
    fig = charts.league_bump(by_day, team="Kairat")
    highlighted = next(t for t in fig.data if t.name == "Kairat")
    assert list(highlighted.y)[-1] == 36
    assert highlighted.line.color == charts.HIGHLIGHT
    assert list(fig.layout.yaxis.range) == [36.8, 0.2]  # position 1 at the top
    assert size(fig) < MAX_FIGURE_BYTES


def test_trips_map_draws_a_great_circle_per_trip(session: Session) -> None:
    trips = campaign.trips(q.team_destinations(session, team="Kairat", **CAMPAIGN))
    fig = charts.trips_map(trips, team="Kairat", home_lat=43.25, home_lon=76.91)
    lines = fig.data[0]
    assert sum(1 for x in lines.x if x is None) == len(trips)
    venues = fig.data[1]
    assert any("Milan" in t for t in venues.text)
    assert len(venues.textposition) == len(venues.text)
    assert fig.layout.xaxis.scaleanchor == "y"


def test_opponent_schedules_put_each_meeting_at_day_zero(session: Session, kairat: pd.DataFrame) -> None:
    fixtures = kairat[kairat["stage"] == "league"]
    ids = [int(fixtures["team_id"].iloc[0]), *{int(i) for i in fixtures["opponent_id"]}]
    schedules = q.matches_of_teams(session, team_ids=ids, date_from=dt.date(2025, 8, 1), date_to=dt.date(2026, 3, 1),
                                   all_stages=True)
    rest = campaign.rest_days(fixtures, schedules)
    around = campaign.schedules_around(fixtures, schedules, days=21)
    fig = charts.opponent_schedules(around, rest, team="Kairat")
    meeting = next(t for t in fig.data if t.name == "v Kairat")
    assert set(meeting.x) == {0} and len(meeting.x) == 8
    assert any(t.name == "domestic league" for t in fig.data)


def quotes_frame(n: int) -> pd.DataFrame:
    return pd.DataFrame({
        "kind": ["quote" if i % 3 else "statement" for i in range(n)], "item_id": range(n),
        "date": [dt.date(2025, 7, 1) + dt.timedelta(days=i % 300) for i in range(n)],
        "speaker": [f"Speaker {i % 40}" for i in range(n)], "speaker_team": ["Kairat" if i % 2 else "Inter"
                                                                           for i in range(n)],
        "text": ["Words " * 80] * n, "outlet": ["Outlet"] * n, "language": ["it"] * n,
        "url": ["https://example.org/a"] * n, "article_title": [None] * n, "question": [None] * n,
        "setting": [None] * n, "match_id": [None] * n, "source": [""] * n,
    })


def test_quote_timeline_separates_quotes_from_reported_statements(kairat: pd.DataFrame) -> None:
    fig = charts.quote_timeline(quotes_frame(30), kairat, team="Kairat")
    symbols = {t.name.split(" · ")[1]: t.marker.symbol for t in fig.data if " · " in (t.name or "")}
    assert symbols == {"quote": "circle", "reported": "diamond-open"}
    statement_hover = [h for t in fig.data if (t.name or "").endswith("reported") for h in t.hovertext]
    assert all("“" not in h for h in statement_hover)  # a paraphrase is never in quotation marks
    match_row = next(t for t in fig.data if t.name == "match")
    assert len(match_row.x) == 16
    kairat_color = [t.marker.color for t in fig.data if (t.name or "").startswith("Kairat ·")]
    assert set(kairat_color) == {charts.HIGHLIGHT}


def test_quote_timeline_stays_small_at_its_marker_limit(kairat: pd.DataFrame) -> None:
    assert size(charts.quote_timeline(quotes_frame(2000), kairat, team="Kairat")) < MAX_FIGURE_BYTES


def test_binned_quote_timeline_scales_bubbles() -> None:
    counts = pd.DataFrame({"week": [dt.date(2025, 11, 3), dt.date(2025, 11, 10)], "speaker": ["A", "B"],
                           "speaker_team": ["Kairat", ""], "kind": ["quote", "statement"], "items": [100, 1]})
    fig = charts.quote_timeline_binned(counts, pd.DataFrame(columns=q.MATCH_COLUMNS), team="Kairat")
    sizes = {t.y[0]: t.marker.size[0] for t in fig.data}
    assert sizes["A"] > sizes["B"]


def many_teams_frame(teams: int, per_team: int = 3) -> pd.DataFrame:
    frame = quotes_frame(teams * per_team)
    return frame.assign(speaker_team=[f"Club {i % teams:02d}" if i % teams else "Kairat" for i in range(len(frame))],
                        speaker=[f"Speaker {i}" for i in range(len(frame))])


def test_quote_timeline_gives_the_teams_with_most_items_their_own_legend_entry(kairat: pd.DataFrame) -> None:
    frame = many_teams_frame(30)
    frame.loc[frame["speaker_team"] == "Club 29", "speaker_team"] = "Club 01"  # Club 01 has the most items
    fig = charts.quote_timeline(frame, kairat, team="Kairat")
    entries = {t.name.split(" · ")[0] for t in fig.data if t.name != "match"}
    assert "Kairat" in entries and "Club 01" in entries and charts.OTHER_TEAMS in entries
    assert len(entries - {charts.OTHER_TEAMS}) == 1 + charts.LEGEND_TEAMS
    shared = [t for t in fig.data if t.name.startswith(charts.OTHER_TEAMS)]
    assert all(t.marker.color == charts.MUTED for t in shared)
    assert all(h.startswith("<b>Speaker") and "(Club " in h.split("·")[0] for t in shared for h in t.hovertext)
    assert sum(len(t.x) for t in fig.data if t.name != "match") == len(frame)  # every item is still drawn
    assert [t.name for t in fig.data][-3:-1] == [f"{charts.OTHER_TEAMS} · quote", f"{charts.OTHER_TEAMS} · reported"]


def test_quote_timeline_with_few_teams_has_no_shared_entry(kairat: pd.DataFrame) -> None:
    fig = charts.quote_timeline(many_teams_frame(1 + charts.LEGEND_TEAMS), kairat, team="Kairat")
    assert not any(t.name.startswith(charts.OTHER_TEAMS) for t in fig.data)
    assert all("(" not in h.split("·")[0] for t in fig.data if t.name != "match" for h in t.hovertext)


def test_binned_timeline_shares_the_legend_by_items() -> None:
    n = 2 + charts.LEGEND_TEAMS  # the page's team, one small club, LEGEND_TEAMS busier ones
    frame = pd.DataFrame({"week": [dt.date(2025, 11, 3)] * n, "speaker": [f"S{i}" for i in range(n)],
                          "speaker_team": [f"Club {i:02d}" for i in range(n)], "kind": ["quote"] * n,
                          "items": [1, 1] + [9] * charts.LEGEND_TEAMS})
    fig = charts.quote_timeline_binned(frame, pd.DataFrame(columns=q.MATCH_COLUMNS), team="Club 00")
    grouped = next(t for t in fig.data if t.name.startswith(charts.OTHER_TEAMS))
    assert list(grouped.y) == ["S1"] and "(Club 01) · week of 03 Nov 2025<br>1 quotes" in grouped.hovertext[0]


@pytest.mark.parametrize("words", [
    "Words " * 80, "plain words that fit", "", "a well-known phrase with hyphen-ated words " * 3,
    "two  spaces here", " leading space", "trailing space ", "tab\there", "new\nline", "x" * 70 + " tail",
    "città — “virgolette” e\u00a0spazi\u00a0non\u00a0separabili " * 5, "https://example.org/a-b/c?d=e",
])
def test_wrapping_is_textwrap_exactly(words: str) -> None:
    for width, limit in ((60, 320), (60, 120), (70, 140), (12, 40)):
        short = words if len(words) <= limit else words[: limit - 1].rstrip() + "…"
        assert charts._wrap(words, width, limit) == "<br>".join(textwrap.wrap(short, width))


def test_mentions_and_claims_charts() -> None:
    mentions = pd.DataFrame({"name": ["Inter", "Lautaro"], "kind": ["team", "person"], "mentions": [5, 2],
                             "quotes": [3, 2]})
    fig = charts.mentions_bar(mentions)
    assert list(fig.layout.yaxis.categoryarray) == ["Lautaro", "Inter"]  # most mentioned on top
    claims = pd.DataFrame({"source": ["A", "A", "B"], "verdict": ["false", "true", "false"], "claims": [2, 3, 1],
                           "verdict_group": ["false", "true", "false"]})
    fig = charts.claims_chart(claims)
    assert [t.name for t in fig.data] == ["false", "true"]
    assert fig.layout.barmode == "stack"


@pytest.mark.parametrize("builder", [
    lambda: charts.results_strip(pd.DataFrame(columns=q.MATCH_COLUMNS)),
    lambda: charts.campaign_timeline(pd.DataFrame(columns=q.MATCH_COLUMNS)),
    lambda: charts.timeline_by_month(pd.DataFrame(columns=["month", "stage", "result", "matches"])),
    lambda: charts.qualification_path(pd.DataFrame(columns=campaign.TIE_COLUMNS), team="X"),
    lambda: charts.league_bump(pd.DataFrame(columns=standings.BY_MATCHDAY_COLUMNS), team="X"),
    lambda: charts.trips_map(pd.DataFrame(columns=campaign.TRIP_COLUMNS), team="X", home_lat=None, home_lon=None),
    lambda: charts.opponent_schedules(pd.DataFrame(columns=campaign.AROUND_COLUMNS),
                                      pd.DataFrame(columns=campaign.REST_COLUMNS), team="X"),
    lambda: charts.quote_timeline(pd.DataFrame(columns=q.QUOTE_COLUMNS), pd.DataFrame(columns=q.MATCH_COLUMNS),
                                  team="X"),
    lambda: charts.mentions_bar(pd.DataFrame(columns=["name", "kind", "mentions", "quotes"])),
    lambda: charts.claims_chart(pd.DataFrame(columns=["source", "verdict", "claims", "verdict_group"])),
])
def test_empty_frames_give_a_figure_that_says_so(builder) -> None:  # type: ignore[no-untyped-def]
    fig = builder()
    assert isinstance(fig, go.Figure)
    assert fig.layout.annotations and fig.layout.annotations[0].text.startswith("No")
