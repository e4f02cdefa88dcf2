"""Qualification path: each tie as a step, both legs, aggregate, extra time, shoot-out and venue."""

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import campaign, charts, sources
from ui.cards import blocked, chart_card, nothing_found, page_header, table_card
from ui.data import date_label, query
from ui.filters import current
from ui.text import counted, plain

f = current()
page_header(f"How {f.team} came through qualifying", f)
if blocked(f):
    st.stop()
if "Qualifying" not in f.stages:
    nothing_found("The stage filter leaves out Qualifying. Select it in the sidebar to see the path.")
    st.stop()



def _leg_line(n: int, day: object, home_away: object, score: object, venue: object) -> str:
    when = date_label(day) if isinstance(day, dt.date) else "date unknown"
    side = "home" if plain(home_away) == "home" else "away"
    return f"Leg {n}: {when}, {side} {plain(score)} · {plain(venue) or 'venue unknown'}"


flt = {"team": f.team, "date_from": f.date_from, "date_to": f.date_to}
matches = query("team_matches", **flt, stages=("Qualifying",))
ties = campaign.ties(matches)
if ties.empty:
    later = query("team_record", **flt, stages=("League phase", "Knockouts"))
    if int(later["matches"].iloc[0]) > 0:
        st.info(f"{f.team} played no qualifying tie in these dates: the club entered the competition directly at "
                "the league phase (or group stage), so there is no qualification path to draw.",
                icon=":material/login:")
    else:
        nothing_found(f"{f.team} played no Champions League match between {date_label(f.date_from)} and "
                      f"{date_label(f.date_to)}. Widen the dates or pick another team in the sidebar.")
    st.stop()


def _steps_sentence(t: pd.DataFrame) -> str:
    last = t.iloc[-1]
    shootouts = int((t["decided_by"] == "penalties").sum())
    n = len(t)
    if last["outcome"] == "through":
        verdict = f"{f.team} won {counted(n, 'qualifying tie')}"
        if last["round"] == "PO":
            verdict += " and reached the league phase"
    elif last["outcome"] == "eliminated":
        verdict = f"{f.team} went out in the {last['round_name'].lower()} against {last['opponent']}"
    else:
        verdict = f"{f.team}'s {last['round_name'].lower()} against {last['opponent']} is still undecided"
    if shootouts:
        verdict += f", {shootouts} of {n} ties decided on penalties"
    return verdict


def _path_title(t: pd.DataFrame) -> str:
    if t["season"].nunique() > 1:
        return f"{f.team}'s qualifying ties, season by season"
    margins = list(t["aggregate_for"] - t["aggregate_against"])
    if len(margins) > 1 and margins[0] > max(margins[1:]):
        return f"Each step was tighter: from a {margins[0]:+d} aggregate in {t['round'].iloc[0]} to " + (
            "a shoot-out" if t["shootout"].iloc[-1] else f"{margins[-1]:+d}") + f" in {t['round'].iloc[-1]}"
    return "The path, tie by tie: aggregate margin and how each tie was decided"


for season, season_ties in ties.groupby("season", sort=True):
    st.markdown(f"#### {season}: {_steps_sentence(season_ties)}")
    columns = st.columns(min(4, len(season_ties)))
    for i, tie in enumerate(season_ties.itertuples(index=False)):
        with columns[i % len(columns)].container(border=True, key=f"tie-{season}-{tie.round}-{i}"):
            badge = {"through": ":green-badge[through]", "eliminated": ":red-badge[eliminated]"}.get(
                plain(tie.outcome), ":gray-badge[undecided]")
            st.markdown(f"**{tie.round} · {tie.round_name}**  \n{badge}")
            st.markdown(f"v **{tie.opponent}**  \nAggregate **{tie.aggregate}**"
                        + (" after extra time" if tie.extra_time else "")
                        + (f"  \nShoot-out **{plain(tie.shootout)}**" if plain(tie.shootout) else ""))
            legs = [_leg_line(1, tie.leg1_date, tie.leg1_home_away, tie.leg1_score, tie.leg1_venue)]
            if plain(tie.leg2_score):
                legs.append(_leg_line(2, tie.leg2_date, tie.leg2_home_away, tie.leg2_score, tie.leg2_venue))
            st.caption("  \n".join(legs))

chart_card(
    key="path", what="qualification-path",
    title=_path_title(ties),
    figure=charts.qualification_path(ties, team=f.team), data=ties, filters=f,
    caption=sources.caption(matches["source"]) + " Height: aggregate goal difference of the tie; a star marks a "
    "shoot-out; green went through, red went out.",
)

shown = ties.rename(columns={
    "round": "Round", "opponent": "Opponent", "leg1_date": "Leg 1", "leg1_home_away": "Leg 1 side",
    "leg1_score": "Leg 1 score", "leg1_venue": "Leg 1 venue", "leg2_date": "Leg 2", "leg2_home_away": "Leg 2 side",
    "leg2_score": "Leg 2 score", "leg2_venue": "Leg 2 venue", "aggregate": "Aggregate", "extra_time": "Extra time",
    "shootout": "Shoot-out", "outcome": "Outcome", "season": "Season"})[
    ["Season", "Round", "Opponent", "Leg 1", "Leg 1 side", "Leg 1 score", "Leg 1 venue", "Leg 2", "Leg 2 side",
     "Leg 2 score", "Leg 2 venue", "Aggregate", "Extra time", "Shoot-out", "Outcome"]]
table_card(key="ties", what="qualifying-ties", title="Both legs of every tie", data=ties, shown=shown, filters=f,
           caption=sources.caption(matches["source"]) + f" Scores from {f.team}'s side.")
