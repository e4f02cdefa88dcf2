"""Naive Overview: whole tables into pandas on every rerun, every match plotted, downloads built eagerly."""

import math

import pandas as pd
import plotly.express as px
import streamlit as st

from bench.naive_lib import current, eager_downloads, load, stored_stages, timed
from models import Competition, Match, Team, Venue

f = current()
st.title(f"{f['team']} in the Champions League")

matches, teams, venues, competitions = load(Match), load(Team), load(Venue), load(Competition)

with timed("filter team matches", kind="filter", chart="timeline"):
    names = teams.set_index("id")["name"]
    codes = competitions.set_index("id")["code"]
    tid = int(teams.loc[teams["name"] == f["team"], "id"].iloc[0])
    frame = matches.assign(code=matches["competition_id"].map(codes), stage=matches["stage"].astype(str))
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    mine = frame[((frame["home_team_id"] == tid) | (frame["away_team_id"] == tid)) & (frame["code"] == "cl")
                 & (frame["date"] >= f["date_from"]) & (frame["date"] <= f["date_to"])
                 & frame["stage"].isin(stored_stages(f["stages"]))].copy()
    home = mine["home_team_id"] == tid
    mine["home_away"] = home.map({True: "home", False: "away"})
    mine["opponent"] = mine["away_team_id"].where(home, mine["home_team_id"]).map(names)
    mine["team_goals"] = mine["home_goals"].where(home, mine["away_goals"])
    mine["opponent_goals"] = mine["away_goals"].where(home, mine["home_goals"])
    mine["result"] = None
    mine.loc[mine["team_goals"] > mine["opponent_goals"], "result"] = "W"
    mine.loc[mine["team_goals"] == mine["opponent_goals"], "result"] = "D"
    mine.loc[mine["team_goals"] < mine["opponent_goals"], "result"] = "L"
    mine["score"] = [f"{a:.0f}–{b:.0f}" if a == a and b == b else "" for a, b in
                     zip(mine["team_goals"], mine["opponent_goals"], strict=True)]
    mine = mine.merge(venues[["id", "name", "city", "lat", "lon"]].rename(
        columns={"id": "venue_id", "name": "venue", "city": "venue_city", "lat": "venue_lat", "lon": "venue_lon"}),
        on="venue_id", how="left").sort_values("date")

if mine.empty:
    st.info("No Champions League match for these filters.")
    st.stop()

with timed("filter record", kind="filter", chart="kpis"):
    played = mine[mine["result"].notna()]
    won, drawn, lost = (int((played["result"] == r).sum()) for r in ("W", "D", "L"))
    team_row = teams[teams["id"] == tid].iloc[0]
    km = 0.0
    for r in mine[mine["home_away"] == "away"].itertuples(index=False):
        if pd.notna(r.venue_lat) and pd.notna(team_row["lat"]):
            p1, p2 = math.radians(team_row["lat"]), math.radians(r.venue_lat)
            dl = math.radians(r.venue_lon - team_row["lon"])
            km += 2 * 6371 * math.asin(math.sqrt(math.sin((p2 - p1) / 2) ** 2
                                                 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2))
with timed("filter league table", kind="filter", chart="kpis"):
    league = frame[(frame["code"] == "cl") & (frame["stage"] == "league") & (frame["date"] >= f["date_from"])
                   & (frame["date"] <= f["date_to"])]
    points: dict[int, int] = {}
    if not league.empty:
        season = league["season"].max()
        for r in league[league["season"] == season].dropna(subset=["home_goals"]).itertuples(index=False):
            h, a = (3, 0) if r.home_goals > r.away_goals else (1, 1) if r.home_goals == r.away_goals else (0, 3)
            points[r.home_team_id] = points.get(r.home_team_id, 0) + h
            points[r.away_team_id] = points.get(r.away_team_id, 0) + a
    ranking = sorted(points, key=lambda t: -points[t])

st.markdown(f"#### {won} wins, {drawn} draws and {lost} defeats in {len(played)} matches — {2 * km:,.0f} km")
cols = st.columns(6)
cols[0].metric("Played", len(played))
cols[1].metric("Won", won)
cols[2].metric("Drawn", drawn)
cols[3].metric("Lost", lost)
cols[4].metric("Points", points.get(tid, "—"))
cols[5].metric("League phase", f"{ranking.index(tid) + 1} / {len(ranking)}" if tid in ranking else "—")

st.subheader("Results, one tile per match")
with timed("figure results-strip", kind="figure", chart="results-strip"):
    strip = played.reset_index(drop=True)
    fig = px.scatter(strip, x=strip.index, y=[0] * len(strip), color="result", text="score",
                     hover_data=["date", "round", "opponent", "venue", "home_away"], symbol_sequence=["square"])
    fig.update_traces(marker={"size": 38})
st.plotly_chart(fig, key="chart-results-strip")
eager_downloads("results-strip", strip, "results")

st.subheader("Every match on one timeline")
with timed("figure timeline", kind="figure", chart="timeline"):
    fig = px.scatter(mine, x="date", y="stage", color="result", symbol="home_away",
                     hover_data=["round", "opponent", "score", "venue", "venue_city", "attendance", "referee"])
st.plotly_chart(fig, key="chart-timeline")
eager_downloads("timeline", mine, "match-timeline")

st.subheader("Download every match")
with timed("whole table matches", kind="whole-csv", rows=len(frame)):
    everything = frame.to_csv(index=False)
st.download_button("All matches (CSV)", data=everything, file_name="matches.csv", key="whole-csv-matches")
