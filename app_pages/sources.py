"""Sources & checks: every article with its claims, verdicts and evidence; the data sources and
their licences; downloads of whole tables."""

from functools import partial

import pandas as pd
import streamlit as st

from analytics import charts
from analytics.downloads import slug
from analytics.queries import EXPORT_TABLES, verdict_group
from ui.cards import blocked, chart_card, nothing_found, page_header, table_card
from ui.data import date_label, query, whole_table_csv, whole_table_json
from ui.filters import current
from ui.text import escape_markdown, plain

VERDICT_BADGES = {"false": ":red-badge[false]", "true": ":green-badge[true]", "partly": ":orange-badge[partly]",
                  "misleading": ":orange-badge[misleading]", "unverified": ":gray-badge[unverified]"}

f = current()
page_header("Which claims held up, and where every number comes from", f)
st.caption("Articles and claims follow the date filter (undated ones are always listed); the team and stage "
           "filters do not apply here.")
if blocked(f):
    st.stop()

dates = {"date_from": f.date_from, "date_to": f.date_to}
ARTICLES_PER_PAGE = 20
CLAIMS_SHOWN = 1000
claims = query("claims", **dates, limit=CLAIMS_SHOWN)
n_articles = query("article_count", **dates)

# Claims by source ---------------------------------------------------------------------------------
if claims.empty:
    nothing_found(f"No checked claim is dated between {date_label(f.date_from)} and {date_label(f.date_to)}. "
                  "Widen the dates in the sidebar.")
else:
    by_source = query("claims_by_source", **dates)
    by_source = by_source.assign(verdict_group=by_source["verdict"].map(verdict_group))
    n_false = int(by_source.loc[by_source["verdict_group"] == "false", "claims"].sum())
    n_sources = int(by_source["sources"].max()) if len(by_source) else 0
    shown_sources = by_source["source"].nunique()
    chart_card(
        key="claims", what="claims-by-source-and-verdict",
        title=f"{n_false} of {int(by_source['claims'].sum())} checked claims were wrong",
        figure=charts.claims_chart(by_source), data=by_source, filters=f,
        note=(f"The {shown_sources} sources with most claims of {n_sources}; counted in the database."
              if n_sources > shown_sources else None),
        caption="Source: claims in the three seed articles and in the press, each checked against the verified facts "
                "and the match data (openfootball, CC0); the table below gives the evidence for every verdict.",
    )

# Articles and their claims ----------------------------------------------------------------------
st.subheader("Every article and the claims in it", anchor=False)
pages = max(1, -(-n_articles // ARTICLES_PER_PAGE))
page = st.pagination(pages, key=f"article_page_{n_articles}") if pages > 1 else 1
articles = query("articles", **dates, limit=ARTICLES_PER_PAGE, offset=(page - 1) * ARTICLES_PER_PAGE)
if n_articles == 0:
    st.info("No article is in the database yet for these dates: the claims are listed by the source they came from.",
            icon=":material/info:")
else:
    st.caption(f"Articles {(page - 1) * ARTICLES_PER_PAGE + 1}–{(page - 1) * ARTICLES_PER_PAGE + len(articles)} "
               f"of {n_articles}, newest first.")
page_claims = query("claims", **dates, article_ids=tuple(int(i) for i in articles["article_id"]),
                    without_article=page == 1)


def _claim_lines(rows: pd.DataFrame) -> str:
    lines = []
    for c in rows.itertuples(index=False):
        badge = VERDICT_BADGES[verdict_group(plain(c.verdict))]
        detail = "" if c.verdict in ("true", "false") else f" ({escape_markdown(c.verdict)})"
        correct = "" if c.correct_value in ("true", c.claimed_value) else f" → {escape_markdown(c.correct_value)}"
        evidence = "" if not plain(c.evidence) else (
            f"  \n  <small>Evidence: {escape_markdown(c.evidence)}</small>")
        lines.append(f"- {badge}{detail} {escape_markdown(c.claim)}{correct}{evidence}")
    return "\n".join(lines)


for a in articles.itertuples(index=False):
    mine = page_claims[page_claims["article_id"] == a.article_id]
    with st.container(border=True, key=f"article-{a.article_id}"):
        st.markdown(f"**{escape_markdown(a.title)}**")
        published = a.published.strftime("%d %b %Y %H:%M UTC") if not pd.isna(a.published) else "date unknown"
        outlet = plain(a.outlet)
        link = f"[{escape_markdown(outlet or 'link')}]({a.url})" if plain(a.url) else escape_markdown(outlet)
        author = escape_markdown(plain(a.author) or "author unknown")
        st.caption(f"{link} · {author} · {published} · language {a.language} · {a.quotes} quotes · "
                   f"{a.claims} claims checked ({a.claims_false} false) · file {a.source_file}")
        if mine.empty:
            st.markdown("No checked claim in this article.")
        else:
            st.markdown(_claim_lines(mine), unsafe_allow_html=True)

others = page_claims[page_claims["article_id"].isna()]
for source, rows in others.groupby("source", sort=False):
    with st.container(border=True, key=f"claim-source-{slug(str(source))}"):
        first = rows["source_date"].dropna()
        when = date_label(first.iloc[0]) if len(first) else "undated"
        st.markdown(f"**{escape_markdown(source)}** · {when}")
        st.markdown(_claim_lines(rows), unsafe_allow_html=True)

if not claims.empty:
    table_card(key="claims-table", what="claims", title="All checked claims, with verdict and evidence"
               + (f" (first {CLAIMS_SHOWN}; the whole table is in the downloads below)"
                  if len(claims) == CLAIMS_SHOWN else ""), data=claims,
               shown=claims[["claim_id", "source", "source_date", "claim", "claimed_value", "verdict",
                             "correct_value", "evidence"]], filters=f,
               caption="Source: verified facts (claims.csv) — each verdict cites where it was checked.")
if not articles.empty:
    table_card(key="articles-table", what="articles", title="Article metadata"
               + (f" (this page: {len(articles)} of {n_articles})" if n_articles > len(articles) else ""),
               data=articles, filters=f,
               caption="Source: the imported article pages (metadata as extracted from each page).")

# Data sources and licences ----------------------------------------------------------------------
st.subheader("Data sources and licences", anchor=False)
LICENCES = [
    ("Every Champions League match 2011/12–2025/26; domestic leagues 2025/26 (12 countries)",
     "[openfootball](https://github.com/openfootball) Football.TXT and football.json", "Public domain (CC0)"),
    ("Kairat's 16 matches: venues, kick-offs, attendances, referees; goals; people; club coordinates",
     "Verified facts compiled from public news reports; every row carries its source URLs",
     "Facts, with their sources cited"),
    ("Claims and verdicts", "Seed articles and press reports, checked against the facts and the match data",
     "Facts, with their sources cited"),
    ("Reported statements", "Paraphrases written for this project, each with the URL of the report",
     "Paraphrase — never shown as a quote"),
    ("Verbatim quotes", "Extracted from the imported articles (speaker, date, question, outlet, link)",
     "Short quotations with attribution; the article text is not redistributed"),
]
st.markdown("| Data | Source | Licence / terms |\n|---|---|---|\n"
            + "\n".join(f"| {a} | {b} | {c} |" for a, b, c in LICENCES))


# Whole tables -----------------------------------------------------------------------------------
st.subheader("Download whole tables", anchor=False)
st.caption("Each file is built when you click, from the whole table as stored (filters do not apply).")
for table in EXPORT_TABLES:
    with st.container(horizontal=True, gap="small", vertical_alignment="center", key=f"table-row-{table}"):
        st.markdown(f"`{table}`", width=140)
        st.download_button("CSV", data=partial(whole_table_csv, table), file_name=f"kairat-dashboard_{table}_all.csv",
                           mime="text/csv", on_click="ignore", key=f"whole-csv-{table}", icon=":material/download:")
        st.download_button("JSON", data=partial(whole_table_json, table),
                           file_name=f"kairat-dashboard_{table}_all.json", mime="application/json",
                           on_click="ignore", key=f"whole-json-{table}", icon=":material/download:")
