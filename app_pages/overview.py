"""Overview: the selected team's campaign at a glance."""

import streamlit as st

from analytics import campaign, charts, sources
from ui.cards import blocked, chart_card, nothing_found, page_header
from ui.data import league_table, query
from ui.filters import current
from ui.text import counted

MAX_MARKERS = 2000  # above this, the timeline is counted per month in SQL
STRIP_TILES = 40

f = current()
page_header(f"{f.team} in the Champions League", f)
if blocked(f):
    st.stop()

flt = {"team": f.team, "date_from": f.date_from, "date_to": f.date_to, "stages": f.stages}
record = query("team_record", **flt)
if int(record["matches"].iloc[0]) == 0:
    nothing_found(f"{f.team} played no Champions League match between {f.date_from:%d %b %Y} and "
                  f"{f.date_to:%d %b %Y} in the selected stages. Widen the dates or pick another team in the sidebar.")
    st.stop()

# League-phase position: the season of the team's league matches in range, else the latest in range.
seasons = query("league_seasons", date_from=f.date_from, date_to=f.date_to)
table = None
if seasons and "League phase" in f.stages:
    table = league_table(seasons[0])
destinations = query("team_destinations", **flt)
s = campaign.summary(record, team=f.team, destinations=destinations, table=table)

if s.league_position is not None:
    headline = (f"{counted(s.won, 'win')} in {counted(s.played, 'match', 'matches')}; "
                f"{counted(s.league_points or 0, 'league-phase point')} and {campaign.ordinal(s.league_position)} "
                f"of {s.league_teams}")
else:
    headline = (f"{counted(s.won, 'win')}, {counted(s.drawn, 'draw')} and {counted(s.lost, 'defeat')} in "
                f"{counted(s.played, 'match', 'matches')}")
st.markdown(f"#### {headline} — and {s.km_travelled:,.0f} km on the road")

with st.container(horizontal=True, gap="small", key="kpis"):
    st.metric("Played", s.played, border=True)
    st.metric("Won", s.won, border=True)
    st.metric("Drawn", s.drawn, border=True)
    st.metric("Lost", s.lost, border=True)
    st.metric("Goals", f"{s.goals_for}–{s.goals_against}", border=True, help="Scored–conceded, extra time included.")
    st.metric("Points", "—" if s.league_points is None else s.league_points, border=True,
              help="League-phase points (3 for a win, 1 for a draw).")
    st.metric("League phase", "—" if s.league_position is None else
              f"{campaign.ordinal(s.league_position)} / {s.league_teams}", border=True,
              help="Final position in the league phase of the season in range (UEFA tie-breakers).")
    st.metric("Km travelled", f"{s.km_travelled:,.0f}", border=True,
              help="Great-circle distance from the home city to every away venue and back; real routes are longer.")
if s.league_position is None:
    st.caption(f"{f.team} did not play in the league phase of the season in range, so it has no league points "
               "or position.")

count = int(record["matches"].iloc[0])
if count <= MAX_MARKERS:
    matches = query("team_matches", **flt)
    strip = matches[matches["result"].notna()].tail(STRIP_TILES)
    won_share = f"{s.won} of {s.played}"
    chart_card(
        key="results-strip", what="results",
        title=f"{f.team} won {won_share} matches" + (f" (last {STRIP_TILES} shown)" if len(matches) > STRIP_TILES
                                                     else ""),
        figure=charts.results_strip(strip), data=strip, filters=f,
        caption=sources.caption(strip["source"]) + " Tiles in playing order; score from "
                                                     f"{f.team}'s side; hover for venue and shoot-outs.",
    )
    chart_card(
        key="timeline", what="match-timeline",
        title="Every match on one timeline, by stage and result",
        figure=charts.campaign_timeline(matches), data=matches, filters=f,
        caption=sources.caption(matches["source"]) + " Filled marker: home; open marker: away.",
    )
else:
    counts = query("team_results_by_month", **flt)
    chart_card(
        key="timeline", what="match-timeline-by-month",
        title=f"{count:,} matches, counted per month", figure=charts.timeline_by_month(counts), data=counts,
        filters=f, note=f"{count:,} matches are too many to draw one by one: they are counted per month.",
        caption=sources.caption(["openfootball (CC0)"]),
    )
