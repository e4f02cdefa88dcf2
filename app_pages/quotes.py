"""Quote timeline: verbatim quotes and reported statements over time, with the team's matches."""

import math

import pandas as pd
import streamlit as st

from analytics import charts
from ui.cards import blocked, chart_card, nothing_found, page_header
from ui.data import date_label, query
from ui.filters import current
from ui.text import counted, escape_markdown, plain

MAX_MARKERS = 2000  # above this the timeline is counted per week and speaker, in SQL
CARDS_PER_PAGE = 20

f = current()
page_header(f"What was said around {f.team}'s campaign", f)
if blocked(f):
    st.stop()

base = {"team": f.team, "date_from": f.date_from, "date_to": f.date_to}
counts = query("row_counts")
if counts["quote"] == 0:
    st.info("No verbatim quotes are in the database yet: articles have not been imported. The timeline shows the "
            "reported statements (paraphrases from the verified facts) until they are.", icon=":material/info:")

options = query("quote_filter_options", **base)
with st.container(horizontal=True, gap="small", key="quote-filters"):
    speakers = st.multiselect("Speaker", options["speaker"], key="speaker", bind="query-params",
                              placeholder="Everyone", width=260)
    outlets = st.multiselect("Outlet", options["outlet"], key="outlet", bind="query-params",
                             placeholder="Every outlet", width=260)
    languages = st.multiselect("Language", options["language"], key="language", bind="query-params",
                               placeholder="Every language", width=180)
    search = st.text_input("Words in the text", key="q", bind="query-params", placeholder="e.g. San Siro",
                           width=220)
flt = {**base, "speakers": tuple(speakers), "outlets": tuple(outlets), "languages": tuple(languages),
       "search": (search or "").strip() or None}
# Counts, weekly bins (or every item, when few enough to draw), mentions and the first cards, from one
# read of the matching items.
summary = query("quote_summary", **flt, first=CARDS_PER_PAGE, max_items=MAX_MARKERS)
by_kind = summary["counts"]
n_by_kind = dict(zip(by_kind["kind"], by_kind["items"], strict=True))
n_quotes, n_statements = int(n_by_kind.get("quote", 0)), int(n_by_kind.get("statement", 0))
total = n_quotes + n_statements
if total == 0:
    nothing_found(f"No quote or reported statement about {f.team} matches these filters "
                  f"({date_label(f.date_from)} – {date_label(f.date_to)}). Clear the speaker, outlet, language or "
                  "word filters, widen the dates, or pick another team.")
    st.stop()

matches = query("team_matches", **base, stages=f.stages)
match_marks = matches[["match_id", "date", "round", "opponent", "home_away", "score", "result"]]
title = (f"{counted(n_quotes, 'verbatim quote')} and {counted(n_statements, 'reported statement')}, "
         f"set against {f.team}'s {counted(len(matches), 'match', 'matches')}")
caption = ("Source: quotes extracted from the imported articles (outlet and link in the hover and the cards); "
           "reported statements from the verified facts (each with its source URL); matches: openfootball (CC0). "
           "Filled circle: verbatim quote. Open diamond: reported statement, a paraphrase — not the speaker's words.")
if total <= MAX_MARKERS:
    items = summary["items"]
    chart_card(key="quote-timeline", what="quotes-and-statements", title=title,
               figure=charts.quote_timeline(items, match_marks, team=f.team), data=items, filters=f, caption=caption)
else:
    weekly = summary["weekly"]
    chart_card(key="quote-timeline", what="quotes-and-statements-per-week", title=title,
               figure=charts.quote_timeline_binned(weekly, match_marks, team=f.team), data=weekly, filters=f,
               note=f"{total:,} items are too many to draw one by one: they are counted per week for the 30 "
                    "busiest speakers (bubble size = count). Narrow the filters to see single quotes.",
               caption=caption)

# Cards ------------------------------------------------------------------------------------------
st.subheader("The words, with their source", anchor=False)
pages = max(1, math.ceil(total / CARDS_PER_PAGE))
page = st.pagination(pages, key=f"quote_page_{total}") if pages > 1 else 1
cards = (summary["first"] if page == 1
         else query("quotes", **flt, limit=CARDS_PER_PAGE, offset=(page - 1) * CARDS_PER_PAGE))
st.caption(f"{(page - 1) * CARDS_PER_PAGE + 1}–{(page - 1) * CARDS_PER_PAGE + len(cards)} of {total}, oldest first.")


def _link(url: object, label: str) -> str:
    text = plain(url)
    return f"[{label}]({text})" if text.startswith("http") else escape_markdown(text)


for card in cards.itertuples(index=False):
    team_txt = f" ({escape_markdown(card.speaker_team)})" if plain(card.speaker_team) else ""
    when = date_label(card.date) if not pd.isna(card.date) else "undated"
    with st.container(border=True, key=f"quote-card-{card.kind}-{card.item_id}"):
        if card.kind == "quote":
            st.markdown(f"“{escape_markdown(card.text)}”")
            meta = (f"— **{escape_markdown(card.speaker)}**{team_txt}, {when} · *{escape_markdown(card.outlet)}* "
                    f"({card.language}) · {_link(card.url, 'article')}")
            if plain(card.article_title):
                meta += f"  \nIn: {escape_markdown(card.article_title)}"
            if plain(card.question):
                meta += f"  \nQuestion: {escape_markdown(card.question)}"
        else:
            st.markdown(f":gray-badge[reported statement — paraphrase] {escape_markdown(card.text)}")
            meta = (f"**{escape_markdown(card.speaker)}**{team_txt}, {when}"
                    + (f" · {escape_markdown(card.setting)}" if plain(card.setting) else "")
                    + f" · reported by *{escape_markdown(card.outlet)}* ({card.language})"
                    + f" · {_link(card.url, 'source')}")
        st.caption(meta)

# Mentions ---------------------------------------------------------------------------------------
mentions = summary["mentions"]
if n_quotes == 0:
    nothing_found("No verbatim quote matches these filters, so there are no mentions to count.")
else:
    top = mentions.iloc[0] if not mentions.empty else None
    times = int(top["mentions"]) if top is not None else 0
    chart_card(
        key="mentions", what="mentions-in-quotes",
        title=(f"{top['name']} is the most named in the quotes ({counted(times, 'mention')})"
               if top is not None else "Who is named in the quotes"),
        figure=charts.mentions_bar(mentions), data=mentions, filters=f,
        caption="Source: people and clubs recognised in the quotes of the imported articles (top 20, counted in the "
                "database). Blue: a person; gold: a club; grey: a name not matched to either.",
    )
