"""Naive Quote timeline: every table the page touches loaded whole on every rerun, filtered and
searched in pandas, every quote plotted with its full text, downloads built eagerly."""

import pandas as pd
import plotly.express as px
import streamlit as st

from bench.naive_lib import current, eager_downloads, load, stored_stages, timed
from models import Article, Competition, Match, Mention, Person, Quote, Statement, Team

CARDS_PER_PAGE = 20

f = current()
st.title(f"What was said around {f['team']}'s campaign")

quotes, articles, people, teams = load(Quote), load(Article), load(Person), load(Team)
mentions, matches, statements, competitions = load(Mention), load(Match), load(Statement), load(Competition)

with timed("filter quotes about the team", kind="filter", chart="quote-timeline"):
    tid = int(teams.loc[teams["name"] == f["team"], "id"].iloc[0])
    team_match_ids = set(matches.loc[(matches["home_team_id"] == tid) | (matches["away_team_id"] == tid), "id"])
    team_articles = set(mentions.loc[mentions["team_id"] == tid, "article_id"])
    frame = quotes.merge(articles[["id", "outlet", "language", "url", "title"]].rename(
        columns={"id": "article_id", "title": "article_title"}), on="article_id", how="left")
    frame = frame.merge(people[["id", "name", "team_id"]].rename(columns={"id": "person_id", "name": "person"}),
                        on="person_id", how="left")
    frame["speaker"] = frame["person"].fillna(frame["speaker"]).fillna("unknown speaker")
    frame["speaker_team"] = frame["team_id"].map(teams.set_index("id")["name"]).fillna("")
    frame["date"] = pd.to_datetime(frame["said_on"]).dt.date
    about = (frame["team_id"] == tid) | frame["match_id"].isin(team_match_ids) | frame["article_id"].isin(team_articles)
    frame = frame[about & (frame["date"] >= f["date_from"]) & (frame["date"] <= f["date_to"])]
    st_frame = statements.assign(date=pd.to_datetime(statements["said_on"]).dt.date)
    st_frame = st_frame[((st_frame["team_id"] == tid) | st_frame["match_id"].isin(team_match_ids))
                        & (st_frame["date"] >= f["date_from"]) & (st_frame["date"] <= f["date_to"])]

cols = st.columns(4)
speakers = cols[0].multiselect("Speaker", sorted(frame["speaker"].unique()), key="speaker", bind="query-params")
outlets = cols[1].multiselect("Outlet", sorted(frame["outlet"].dropna().unique()), key="outlet", bind="query-params")
languages = cols[2].multiselect("Language", sorted(frame["language"].dropna().unique()), key="language",
                                bind="query-params")
search = cols[3].text_input("Words in the text", key="q", bind="query-params")

with timed("filter search", kind="filter", chart="quote-timeline", search=bool(search)):
    if speakers:
        frame = frame[frame["speaker"].isin(speakers)]
    if outlets:
        frame = frame[frame["outlet"].isin(outlets)]
    if languages:
        frame = frame[frame["language"].isin(languages)]
    for word in (search or "").split():
        frame = frame[frame["text"].str.contains(word, case=False, regex=False)]
    items = frame.sort_values(["date", "id"])

if items.empty and st_frame.empty:
    st.info("No quote matches these filters.")
    st.stop()

with timed("filter team matches", kind="filter", chart="quote-timeline"):
    codes = competitions.set_index("id")["code"]
    team_matches = matches[matches["id"].isin(team_match_ids)]
    team_matches = team_matches[(team_matches["competition_id"].map(codes) == "cl")
                                & team_matches["stage"].astype(str).isin(stored_stages(f["stages"]))]
    team_matches = team_matches[(pd.to_datetime(team_matches["date"]).dt.date >= f["date_from"])
                                & (pd.to_datetime(team_matches["date"]).dt.date <= f["date_to"])]

st.subheader(f"{len(items)} verbatim quotes and {len(st_frame)} reported statements")
with timed("figure quote-timeline", kind="figure", chart="quote-timeline"):
    fig = px.scatter(items, x="date", y="speaker", color="speaker_team",
                     hover_data=["text", "outlet", "language", "url", "article_title"])
    for day in team_matches["date"]:
        fig.add_vline(x=pd.Timestamp(day).timestamp() * 1000, line_color="#cbd5e1")
st.plotly_chart(fig, key="chart-quote-timeline")
eager_downloads("quote-timeline", items, "quotes-and-statements")

st.subheader("The words, with their source")
pages = max(1, -(-len(items) // CARDS_PER_PAGE))
page = st.pagination(pages, key="quote_page") if pages > 1 else 1
for card in items.iloc[(page - 1) * CARDS_PER_PAGE: page * CARDS_PER_PAGE].itertuples(index=False):
    with st.container(border=True):
        st.markdown(f"“{card.text}”")
        st.caption(f"— **{card.speaker}** ({card.speaker_team}), {card.date} · *{card.outlet}* · {card.url}")

with timed("filter mentions", kind="filter", chart="mentions"):
    named = mentions[mentions["quote_id"].isin(set(items["id"]))]
    named = named.assign(name=named["person_id"].map(people.set_index("id")["name"])
                         .fillna(named["team_id"].map(teams.set_index("id")["name"])).fillna(named["surface"]))
    top = named.groupby("name").size().rename("mentions").reset_index().sort_values("mentions").tail(20)
with timed("figure mentions", kind="figure", chart="mentions"):
    fig = px.bar(top, x="mentions", y="name", orientation="h")
st.plotly_chart(fig, key="chart-mentions")
eager_downloads("mentions", top, "mentions-in-quotes")
