"""Opponent schedules: whom the team met, when and where; the opponents' own fixtures around
each meeting; the league table by matchday; the trips on a map."""

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import campaign, charts, sources
from ui.cards import blocked, chart_card, nothing_found, page_header, table_card
from ui.data import date_label, league_table_by_matchday, query
from ui.filters import current
from ui.text import counted, plain

WINDOW_DAYS = 21

f = current()
page_header(f"Whom {f.team} met, when and where", f)
if blocked(f):
    st.stop()

flt = {"team": f.team, "date_from": f.date_from, "date_to": f.date_to}
league_selected = "League phase" in f.stages
fixtures = query("team_matches", **flt, stages=("League phase",)) if league_selected else None

def _rest_title(rest: pd.DataFrame, team: str) -> str:
    """The finding about rest, stated only as far as the data can support it."""
    known = rest[rest["opponent_league_in_data"]].dropna(subset=["opponent_rest_days"])
    if bool(rest["team_league_in_data"].all()) and not known.empty:
        both = known.dropna(subset=["team_rest_days"])
        fresher = int((both["opponent_rest_days"] < both["team_rest_days"]).sum())
        return f"{fresher} of {len(both)} opponents came in with less rest than {team}"
    if not known.empty:
        short = int((known["opponent_rest_days"] <= 4).sum())
        return (f"{short} of {len(rest)} opponents had played a match four days or less before meeting {team}")
    return f"{team}'s opponents in the weeks around each meeting"


# 1. Fixtures, with rest days for both sides ------------------------------------------------------
if not league_selected:
    nothing_found("The stage filter leaves out the League phase. Select it in the sidebar to see the fixtures, "
                  "the opponents' schedules and the table.")
elif fixtures is None or fixtures.empty:
    nothing_found(f"{f.team} played no league-phase match between {date_label(f.date_from)} and "
                  f"{date_label(f.date_to)}: no fixtures or opponents to show. The table below still shows the "
                  "season's league phase, and the map the trips the filters select.")
else:
    # The team's and the opponents' matches that rest days and the schedules around each meeting need.
    meetings = tuple((int(o), d) for o, d in zip(fixtures["opponent_id"], fixtures["date"], strict=True))
    schedules = query("matches_near", team_id=int(fixtures["team_id"].iloc[0]), meetings=meetings,
                      date_from=min(fixtures["date"]) - dt.timedelta(days=WINDOW_DAYS + 30),
                      date_to=max(fixtures["date"]) + dt.timedelta(days=WINDOW_DAYS), days=WINDOW_DAYS)
    rest = campaign.rest_days(fixtures, schedules)
    around = campaign.schedules_around(fixtures, schedules, days=WINDOW_DAYS)
    own_domestic = bool(((schedules["team"] == f.team) & (schedules["stage"] == "domestic")).any())
    domestic_note = "" if own_domestic else (
        f" {f.team}'s domestic league is not in the data, so its rest days count European matches only.")

    # rest_days returns one row per fixture, in the fixtures' order.
    fixtures_rest = pd.concat([fixtures.reset_index(drop=True), rest[
        ["opponent_rest_days", "opponent_league_in_data", "opponent_previous", "team_rest_days",
         "team_previous"]].reset_index(drop=True)], axis=1)
    wins = int((fixtures["result"] == "W").sum())
    shown = fixtures_rest.assign(
        where=fixtures_rest["venue_city"].fillna("") + " (" + fixtures_rest["venue"].fillna("?") + ")",
        opp_rest=[("" if pd.isna(d) else f"{int(d)}" + ("" if ok else "*"))
                  for d, ok in zip(fixtures_rest["opponent_rest_days"], fixtures_rest["opponent_league_in_data"],
                                   strict=True)],
    )[["round", "date", "opponent", "home_away", "where", "score", "team_rest_days", "opp_rest", "opponent_previous"]]
    table_card(
        key="fixtures", what="league-phase-fixtures",
        title=f"{f.team}'s {len(fixtures)} league-phase fixtures: " + counted(wins, "win"),
        data=fixtures_rest, shown=shown, filters=f,
        column_config={
            "round": "Matchday", "date": st.column_config.DateColumn("Date", format="D MMM YYYY"),
            "opponent": "Opponent", "home_away": "Side", "where": "Venue", "score": st.column_config.TextColumn(
                "Score", help=f"{f.team} first"),
            "team_rest_days": st.column_config.NumberColumn(f"{f.team} rest", help="Days since the previous match"),
            "opp_rest": st.column_config.TextColumn("Opp. rest", help="Days since the opponent's previous match; "
                                                    "* = its league is not in the data (European matches only)"),
            "opponent_previous": "Opponent's previous match",
        },
        caption=sources.caption(fixtures["source"]) + " Rest = calendar days since the side's previous match in "
        "the data; * = the opponent's league is not in the data." + domestic_note,
    )

    title = _rest_title(rest, f.team)
    chart_card(
        key="opponent-schedules", what="opponent-schedules", title=title,
        figure=charts.opponent_schedules(around, rest, team=f.team, days=WINDOW_DAYS), data=around, filters=f,
        caption=sources.caption(["openfootball (CC0)"]) + f" Each row: one opponent's matches within {WINDOW_DAYS} "
        "days of its meeting with " + f"{f.team} (gold diamond, day 0); grey = domestic league (12 leagues in the "
        "data), blue = other Champions League matches. * after the rest days: the opponent's league is not in the "
        "data, so only European matches count." + domestic_note,
    )

# 2. League phase table by matchday ---------------------------------------------------------------
seasons = query("league_seasons", date_from=f.date_from, date_to=f.date_to)
if seasons:
    season = seasons[0]
    results = query("league_phase_results", season=season)
    by_day = league_table_by_matchday(season)
    final = by_day[by_day["matchday"] == by_day["matchday"].max()]
    mine = final[final["team"] == f.team]
    if mine.empty:
        title = f"League phase {season}: {f.team} was not among the {final['team'].nunique()} teams"
    else:
        row = mine.iloc[0]
        title = (f"{f.team} finished {campaign.ordinal(int(row['position']))} of {len(final)} with "
                 + counted(int(row["points"]), "point"))
    chart_card(
        key="bump", what=f"league-phase-table-by-matchday-{season}", title=title,
        figure=charts.league_bump(by_day, team=f.team), data=by_day, filters=f,
        caption=sources.caption(results.assign(source="openfootball (CC0)")["source"])
        + " Position after each matchday, ranked by points, goal difference, goals scored, away goals, wins, "
        "away wins and opponents' results (UEFA league-phase criteria as far as results allow).",
    )
else:
    nothing_found(f"No league phase was played between {date_label(f.date_from)} and {date_label(f.date_to)}.")

# 3. Trips ----------------------------------------------------------------------------------------
destinations = query("team_destinations", **flt, stages=f.stages)
trips = campaign.trips(destinations)
if destinations.empty:
    nothing_found(f"{f.team} played no Champions League match in these dates and stages, so there are no trips.")
else:
    home = destinations.dropna(subset=["team_lat"])
    home_lat = float(home["team_lat"].iloc[0]) if len(home) else None
    home_lon = float(home["team_lon"].iloc[0]) if len(home) else None
    total = float(trips["km_round_trip"].sum()) if not trips.empty else 0.0
    longest = trips.sort_values("km_one_way").iloc[-1] if not trips.empty else None
    title = (f"{len(trips)} trips, {total:,.0f} km there and back" + (
        f"; the longest to {plain(longest['venue_city']) or plain(longest['venue'])} "
        f"({longest['km_one_way']:,.0f} km)"
        if longest is not None else ""))
    chart_card(
        key="trips-map", what="trips", title=title,
        figure=charts.trips_map(trips, team=f.team, home_lat=home_lat, home_lon=home_lon), data=trips, filters=f,
        caption="Source: club home cities and venue coordinates from verified facts (GeoNames city centres, "
        "Wikipedia); matches: openfootball (CC0). Lines are great circles; distances are straight-line, one way. "
        "No basemap: cities are placed by longitude and latitude.",
    )
