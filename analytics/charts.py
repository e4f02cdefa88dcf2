"""DataFrame in, plotly Figure out. Pure: no queries, no Streamlit.

Every builder accepts an empty frame and then returns an empty figure with a
note, so a page never breaks on a filter that matches nothing. Figures avoid
features newer than the plotly.js that Streamlit bundles (3.x) and anything
that fetches from the network (no geo basemaps or map tiles), so they render
offline.
"""

import collections
import functools
import itertools
import math
import re
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any, cast

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.campaign import ROUND_ORDER, STAGE_LABELS, round_rank
from analytics.campaign import ordinal as _ordinal
from analytics.geo import great_circle_path

INK = "#1d232b"
MUTED = "#6b7280"
GRID = "#e5e7eb"
HIGHLIGHT = "#d4a017"  # Kairat gold
HIGHLIGHT_DARK = "#8a6500"
RESULT_COLORS = {"W": "#1a936f", "D": "#9ca3af", "L": "#d1495b"}
RESULT_NAMES = {"W": "Won", "D": "Drawn", "L": "Lost"}
STAGE_COLORS = {"Qualifying": "#6d5dfc", "League phase": HIGHLIGHT, "Group stage": HIGHLIGHT,
                "Knockouts": "#1f4e79", "Domestic league": "#9ca3af"}
TEAM_PALETTE = ["#1f4e79", "#d1495b", "#1a936f", "#6d5dfc", "#e07a1f", "#0f766e", "#b5179e", "#4b5563",
                "#2563eb", "#a16207"]
FONT = "Source Sans Pro, Source Sans 3, Helvetica Neue, Arial, sans-serif"


def _base_layout(*, height: int, margin: dict[str, int] | None = None, legend: bool = True) -> dict[str, object]:
    return {
        "height": height, "margin": margin or {"l": 10, "r": 10, "t": 10, "b": 10},
        "font": {"family": FONT, "color": INK, "size": 13}, "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)", "showlegend": legend, "hoverlabel": {"font": {"family": FONT}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0, "title": None},
    }


def _layout(fig: go.Figure, *, height: int, margin: dict[str, int] | None = None, legend: bool = True) -> go.Figure:
    fig.update_layout(**_base_layout(height=height, margin=margin, legend=legend))
    return fig


# Plotly checks every property of a figure against its schema when the figure is built: 17 ms for a
# 3,000-bubble timeline, ten times the build itself. The tests build every chart with the check on
# (tests/unit/conftest.py), so the app can skip it.
VALIDATE = False


def _figure(data: Sequence[Mapping[str, Any]], layout: Mapping[str, Any], *, height: int,
            margin: dict[str, int] | None = None, legend: bool = True) -> go.Figure:
    """The figure in one construction from plain dicts (traces with their "type").

    Several times cheaper than building it step by step: every add_trace, add_shape and update_*
    call goes through plotly's update machinery again, and a page rerun builds several figures."""
    return go.Figure(data=list(data), layout={**layout, **_base_layout(height=height, margin=margin, legend=legend)},
                     _validate=VALIDATE)


def empty_figure(message: str, *, height: int = 160) -> go.Figure:
    note = {"text": message, "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper", "showarrow": False,
            "font": {"size": 15, "color": MUTED}}
    return _figure([], {"annotations": [note], "xaxis": {"visible": False}, "yaxis": {"visible": False}},
                   height=height, legend=False)


def _s(value: object) -> str:
    """Text of a cell; '' for a missing one (None, NaN or NA: pandas 3 stores missing text as NaN)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return ""
    return str(value)


def _wrap(text: object, width: int = 60, limit: int = 320) -> str:
    """The text cut to `limit` characters and wrapped as textwrap wraps it, lines joined by <br>.

    Plain text (single spaces, no tabs, newlines or hyphens, no word longer than a line) takes a
    quicker path with the same result: hover texts of thousands of markers are wrapped per rerun."""
    short = _s(text)
    if len(short) > limit:
        short = short[: limit - 1].rstrip() + "…"
    lines, long_word = _greedy_lines(width)
    if not short or short[0] == " " or short[-1] == " " or _NOT_PLAIN.search(short) or long_word.search(short):
        return "<br>".join(textwrap.wrap(short, width))
    return "<br>".join(lines.findall(short))


_NOT_PLAIN = re.compile(r"[\t\n\r\x0b\x0c-]|  ")


@functools.cache
def _greedy_lines(width: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Words are separated by ' ' alone here: textwrap counts other (non-ASCII) spaces as letters.
    return re.compile(rf"([^ ].{{0,{width - 1}}})(?: |$)"), re.compile(rf"[^ ]{{{width + 1}}}")


@functools.cache
def _row_type(columns: str) -> Any:
    return collections.namedtuple("Row", columns)


def _records(frame: pd.DataFrame, columns: str) -> list[Any]:
    """The frame's rows as named tuples of the given (space-separated) columns, like itertuples but
    without slicing every column of a wide frame one by one (most of a small chart's cost)."""
    row = _row_type(columns)
    return [row._make(values) for values in zip(*(frame[c].tolist() for c in row._fields), strict=True)]


def _swatches(colors: dict[str, str], names: dict[str, str], *, symbol: str = "square") -> list[dict[str, object]]:
    """Legend-only traces: one marker per colour, drawn nowhere."""
    return [{"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": names.get(key, key),
             "marker": {"color": color, "size": 11, "symbol": symbol}, "hoverinfo": "skip"}
            for key, color in colors.items()]


def _legend_swatches(fig: go.Figure, colors: dict[str, str], names: dict[str, str], *, symbol: str = "square") -> None:
    fig.add_traces(_swatches(colors, names, symbol=symbol))


# --- overview ----------------------------------------------------------------------------------

def results_strip(matches: pd.DataFrame) -> go.Figure:
    """One tile per match, in playing order: colour = result, text = score from the team's side."""
    played = matches[matches["result"].notna()].reset_index(drop=True)
    if played.empty:
        return empty_figure("No played matches for these filters.")
    x = list(range(len(played)))
    ticks = [f"{r}{'·' + str(int(leg)) if not pd.isna(leg) else ''}<br>{short_name(str(o))}"
             for r, leg, o in zip(played["round"], played["leg"], played["opponent"], strict=True)]
    hover = [f"<b>{r.date:%d %b %Y}</b> · {r.round}<br>{r.home} {r.score if r.home_away == 'home' else _flip(r.score)}"
             f" {r.away}<br>{_s(r.venue)}{' · ' + _s(r.venue_city) if _s(r.venue_city) else ''}"
             + (f"<br>Shoot-out {int(r.team_pens)}–{int(r.opponent_pens)}" if not pd.isna(r.team_pens) else "")
             for r in _records(played, "date round home away score home_away venue venue_city team_pens opponent_pens")]
    tiles = {
        "type": "scatter", "x": x, "y": [0] * len(x), "mode": "markers+text", "text": played["score"],
        "textfont": {"color": "white", "size": 12},
        "marker": {"symbol": "square", "size": 38, "color": [RESULT_COLORS[r] for r in played["result"]],
                   "line": {"width": 0}},
        "customdata": played["match_id"], "hovertext": hover, "hoverinfo": "text", "showlegend": False,
    }
    layout = {
        "xaxis": {"tickvals": x, "ticktext": ticks, "showgrid": False, "zeroline": False, "range": [-0.7, len(x) - 0.3],
                  "fixedrange": True, "tickangle": 0, "tickfont": {"size": 10 if len(x) > 12 else 11, "color": MUTED}},
        "yaxis": {"visible": False, "range": [-0.6, 0.6], "fixedrange": True},
    }
    return _figure([tiles, *_swatches(RESULT_COLORS, RESULT_NAMES)], layout, height=170,
                   margin={"l": 10, "r": 10, "t": 30, "b": 45})


def _flip(score: str) -> str:
    a, _, b = score.partition("–")
    return f"{b}–{a}" if b else score


def campaign_timeline(matches: pd.DataFrame) -> go.Figure:
    """Every match on one time axis: a lane per stage, colour = result, open marker = away."""
    if matches.empty:
        return empty_figure("No matches for these filters.")
    lane = matches["stage"].map(STAGE_LABELS).fillna(matches["stage"])
    lanes = [name for name in STAGE_COLORS if name in set(lane)]
    lanes += sorted(set(lane) - set(lanes))
    bands = [{"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "y0": i - 0.42, "y1": i + 0.42, "line": {"width": 0},
              "fillcolor": STAGE_COLORS.get(name, MUTED), "opacity": 0.09, "layer": "below"}
             for i, name in enumerate(lanes)]
    # Only the columns the traces need, cut per trace by position (the full frame is wide and slow to slice).
    dates = pd.to_datetime(matches["date"])
    rows_of = lane.map({name: i for i, name in enumerate(lanes)})
    ids = matches["match_id"]
    hover = np.array([f"<b>{r.date:%d %b %Y}</b> · {r.round}<br>{r.team} {r.score} {r.opponent} "
                      f"({'home' if r.home_away == 'home' else 'away'})<br>{_s(r.venue)}"
                      for r in _records(matches, "date round team score opponent home_away venue")], dtype=object)
    groups = pd.DataFrame({"res": matches["result"].fillna("-"), "side": matches["home_away"]}) \
        .groupby(["res", "side"], sort=False).indices
    traces = []
    for res in ("W", "D", "L", "-"):  # one trace per result and side, in legend order
        for side, symbol in (("home", "circle"), ("away", "circle-open")):
            at = groups.get((res, side))
            if at is None:
                continue
            traces.append({
                "type": "scatter", "x": dates.iloc[at], "y": rows_of.iloc[at], "mode": "markers",
                "name": f"{RESULT_NAMES.get(res, 'Not played')} ({side})",
                "marker": {"size": 16, "symbol": symbol, "color": RESULT_COLORS.get(res, MUTED),
                           "line": {"width": 3 if side == "away" else 1, "color": RESULT_COLORS.get(res, MUTED)}},
                "customdata": ids.iloc[at], "hovertext": hover[at].tolist(), "hoverinfo": "text",
            })
    layout = {
        "shapes": bands,
        "yaxis": {"tickvals": list(range(len(lanes))), "ticktext": lanes, "range": [len(lanes) - 0.4, -0.6],
                  "showgrid": False, "zeroline": False, "fixedrange": True},
        "xaxis": {"showgrid": True, "gridcolor": GRID, "tickformat": "%b %Y", "zeroline": False},
    }
    return _figure(traces, layout, height=110 + 70 * len(lanes), margin={"l": 10, "r": 10, "t": 40, "b": 10})


def short_name(name: str, limit: int = 10) -> str:
    """A long club name shortened to one word: 'Olimpija Ljubljana' -> 'Olimpija', 'Club Brugge' -> 'Brugge'."""
    if len(name) <= limit:
        return name
    words = name.split()
    word = words[0] if len(words[0]) >= 6 else words[-1]
    return word if len(word) <= limit else word[: limit - 1] + "…"


def timeline_by_month(counts: pd.DataFrame) -> go.Figure:
    """Matches per month, stacked by result (used when there are too many matches to draw one by one)."""
    if counts.empty:
        return empty_figure("No matches for these filters.")
    fig = go.Figure()
    for res in ("W", "D", "L", "-"):
        part = counts[counts["result"] == res].groupby("month", as_index=False)["matches"].sum()
        if part.empty:
            continue
        fig.add_trace(go.Bar(x=pd.to_datetime(part["month"]), y=part["matches"],
                             name=RESULT_NAMES.get(res, "Not played"), marker_color=RESULT_COLORS.get(res, MUTED)))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title="matches per month", gridcolor=GRID)
    return _layout(fig, height=320, margin={"l": 10, "r": 10, "t": 40, "b": 10})


# --- qualification path -----------------------------------------------------------------------

def qualification_path(ties: pd.DataFrame, *, team: str) -> go.Figure:
    """Each tie as a step along the rounds: height = aggregate goal difference, star = shoot-out."""
    if ties.empty:
        return empty_figure("No qualifying ties for these filters.")
    fig = go.Figure()
    rounds = sorted(set(ties["round"]), key=round_rank)
    seasons = sorted(set(ties["season"]))
    fig.add_hline(y=0, line={"color": MUTED, "width": 1, "dash": "dot"})
    for i, season in enumerate(seasons):
        part = ties[ties["season"] == season].reset_index(drop=True)
        diff = part["aggregate_for"] - part["aggregate_against"]
        color = HIGHLIGHT if len(seasons) == 1 else TEAM_PALETTE[i % len(TEAM_PALETTE)]
        labels = [f"<b>{r.opponent}</b><br>{r.aggregate} agg"
                  + (f"<br>pens {r.shootout}" if r.shootout else "") + (" (a.e.t.)" if r.extra_time and not
                                                                       r.shootout else "")
                  for r in part.itertuples(index=False)]
        fig.add_trace(go.Scatter(
            x=part["round"], y=diff, mode="lines+markers+text", name=str(season), text=labels,
            textposition="top center", textfont={"size": 12},
            line={"color": color, "width": 3},
            marker={"size": [22 if s else 16 for s in part["shootout"]],
                    "symbol": ["star" if s else "circle" for s in part["shootout"]],
                    "color": ["#1a936f" if o == "through" else "#d1495b" if o == "eliminated" else MUTED
                              for o in part["outcome"]],
                    "line": {"color": "white", "width": 2}},
            hovertext=[f"<b>{r.round_name}</b> v {r.opponent}<br>Leg 1 ({r.leg1_home_away}) {r.leg1_score} · "
                       f"{_s(r.leg1_venue)}"
                       + (f"<br>Leg 2 ({r.leg2_home_away}) {r.leg2_score} · {_s(r.leg2_venue)}"
                          if _s(r.leg2_score) else "")
                       + f"<br>Aggregate {r.aggregate}" + (" after extra time" if r.extra_time else "")
                       + (f"<br>Shoot-out {r.shootout}" if r.shootout else "")
                       + f"<br><b>{team} {'went through' if r.outcome == 'through' else r.outcome}</b>"
                       + (f" on {r.decided_by}" if r.decided_by in ("penalties", "away goals") else "")
                       for r in part.itertuples(index=False)],
            hoverinfo="text", cliponaxis=False,
        ))
    last = ties.iloc[-1]
    if last["round"] == "PO" and last["outcome"] == "through":
        fig.add_annotation(x=1, xref="paper", y=float(last["aggregate_for"] - last["aggregate_against"]),
                           text="<b>→ league phase</b>", showarrow=False, xanchor="right", yshift=-22,
                           font={"color": "#1a936f", "size": 13})
    low = float(min(0, (ties["aggregate_for"] - ties["aggregate_against"]).min()))
    high = float(max(0, (ties["aggregate_for"] - ties["aggregate_against"]).max()))
    fig.update_yaxes(title="aggregate goal difference", range=[low - 1, high + 2.2], gridcolor=GRID,
                     zeroline=False, dtick=1)
    fig.update_xaxes(categoryorder="array", categoryarray=[r for r in ROUND_ORDER if r in rounds] or rounds,
                     showgrid=False)
    _legend_swatches(fig, {"through": "#1a936f", "eliminated": "#d1495b"},
                     {"through": "went through", "eliminated": "eliminated"}, symbol="circle")
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name="shoot-out",
                             marker={"symbol": "star", "size": 13, "color": MUTED}, hoverinfo="skip"))
    return _layout(fig, height=380, margin={"l": 10, "r": 10, "t": 40, "b": 10}, legend=True)


# --- opponents ---------------------------------------------------------------------------------

def opponent_schedules(around: pd.DataFrame, rest: pd.DataFrame, *, team: str, days: int = 21) -> go.Figure:
    """A row per opponent: its matches in the weeks around the meeting (day 0) with the team."""
    if around.empty:
        return empty_figure("No league-phase opponents for these filters.")
    order = rest.drop_duplicates("opponent")
    labels = {}
    for r in _records(order, "round opponent opponent_rest_days opponent_league_in_data"):
        if pd.isna(r.opponent_rest_days):
            rest_txt = "rest unknown"
        elif r.opponent_league_in_data:
            rest_txt = f"{int(r.opponent_rest_days)} d rest"
        else:
            rest_txt = f"{int(r.opponent_rest_days)} d* rest"
        labels[r.opponent] = f"{r.round} {r.opponent} · {rest_txt}"
    frame = around.assign(row=around["opponent"].map(labels).fillna(around["opponent"]))
    kinds = {
        "meeting": (frame["is_meeting"], HIGHLIGHT, "diamond", 18, f"v {team}"),
        "cl": (~frame["is_meeting"] & (frame["competition"] == "cl"), "#1f4e79", "circle", 11,
               "other Champions League"),
        "domestic": (~frame["is_meeting"] & (frame["stage"] == "domestic"), "#9ca3af", "circle", 10,
                     "domestic league"),
        "other": (~frame["is_meeting"] & (frame["competition"] != "cl") & (frame["stage"] != "domestic"),
                  "#6d5dfc", "circle", 10, "other competition"),
    }
    traces = []
    for mask, color, symbol, size, name in kinds.values():
        part = frame[mask]
        if part.empty:
            continue
        traces.append({
            "type": "scatter", "x": part["days_from_meeting"], "y": part["row"], "mode": "markers", "name": name,
            "marker": {"color": color, "symbol": symbol, "size": size, "line": {"color": "white", "width": 1}},
            "hovertext": [f"<b>{r.opponent}</b> · {r.date:%a %d %b %Y}<br>{r.competition_name} {r.round}: "
                          f"{'v' if r.home_away == 'home' else 'at'} {r.against} {r.score}"
                          f"<br>{r.days_from_meeting:+d} days from the meeting"
                          for r in _records(part, "opponent date competition_name round home_away against score "
                                                  "days_from_meeting")],
            "hoverinfo": "text",
        })
    rows = [labels.get(o, o) for o in order["opponent"]]
    meeting_day = {"type": "line", "x0": 0, "x1": 0, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
                   "line": {"color": HIGHLIGHT, "width": 2, "dash": "dot"}}  # what add_vline(x=0) draws
    layout = {
        "shapes": [meeting_day],
        "yaxis": {"categoryorder": "array", "categoryarray": list(reversed(rows)), "showgrid": True,
                  "gridcolor": GRID, "automargin": False},
        "xaxis": {"range": [-days - 1, days + 1], "title": f"days before (−) and after (+) the meeting with {team}",
                  "zeroline": False, "gridcolor": GRID, "dtick": 7},
    }
    left = 20 + 7 * max((len(r) for r in rows), default=10)
    return _figure(traces, layout, height=120 + 42 * len(rows), margin={"l": left, "r": 10, "t": 40, "b": 10})


def league_bump(by_matchday: pd.DataFrame, *, team: str) -> go.Figure:
    """League-phase position after each matchday; the selected team highlighted, the rest in grey."""
    if by_matchday.empty:
        return empty_figure("No league-phase results for this season.")
    n = by_matchday["team"].nunique()
    # Every other team as one grey line broken by None between teams (alphabetical, each by matchday).
    ordered = by_matchday.sort_values(["team", "matchday"], kind="mergesort")
    xs: list[object] = []
    ys: list[object] = []
    texts: list[object] = []
    columns = (ordered[c].tolist() for c in ("team", "matchday", "position", "points"))
    for name, rows in itertools.groupby(zip(*columns, strict=True), key=lambda row: row[0]):
        if name == team:
            continue
        days = list(rows)
        xs += [*(d for _, d, _, _ in days), None]
        ys += [*(p for _, _, p, _ in days), None]
        texts += [*(f"{name}: {p} ({pts} pts) after MD{d}" for _, d, p, pts in days), None]
    traces: list[dict[str, object]] = [{"type": "scatter", "x": xs, "y": ys, "mode": "lines",
                                        "line": {"color": "#d1d5db", "width": 1.2}, "hovertext": texts,
                                        "hoverinfo": "text", "name": "other teams"}]
    mine = by_matchday[by_matchday["team"] == team].sort_values("matchday")
    if not mine.empty:
        last = mine.iloc[-1]
        traces.append({
            "type": "scatter", "x": mine["matchday"], "y": mine["position"], "mode": "lines+markers+text",
            "name": team, "line": {"color": HIGHLIGHT, "width": 4},
            "marker": {"size": 10, "color": HIGHLIGHT, "line": {"color": HIGHLIGHT_DARK, "width": 1.5}},
            "text": [""] * (len(mine) - 1) + [f"  {team} {_ordinal(int(last['position']))}"],
            "textposition": "middle right", "textfont": {"color": HIGHLIGHT_DARK, "size": 13},
            "hovertext": [f"<b>{team}</b>: {p} after MD{d}<br>{pts} pts, goal difference {gd:+d}" for p, d, pts, gd in
                          zip(mine["position"], mine["matchday"], mine["points"], mine["goal_difference"],
                              strict=True)],
            "hoverinfo": "text", "cliponaxis": False,
        })
    top = int(by_matchday["matchday"].max())
    zones = ((0.5, 8.5, "#1a936f", "1–8: straight to the round of 16"),
             (8.5, 24.5, "#1f4e79", "9–24: knockout play-off"), (24.5, n + 0.5, "#d1495b", "25–36: out"))
    shown = [zone for zone in zones if n >= zone[1] - 0.5 or (zone[0] < n and zone[3].endswith("out"))]
    layout = {
        "yaxis": {"autorange": False, "range": [n + 0.8, 0.2], "title": "position",
                  "tickvals": sorted({1, 8, 24, n} & set(range(1, n + 1))), "gridcolor": GRID, "zeroline": False},
        "xaxis": {"tickvals": list(range(1, top + 1)), "ticktext": [f"MD{d}" for d in range(1, top + 1)],
                  "range": [0.7, top + 1.1], "showgrid": False},
        "shapes": [{"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "y0": y0, "y1": y1, "fillcolor": color,
                    "opacity": 0.05, "line": {"width": 0}, "layer": "below"} for y0, y1, color, _ in shown],
        "annotations": [{"x": 1.01, "xref": "paper", "y": (y0 + y1) / 2, "text": label.replace(": ", ":<br>"),
                         "showarrow": False, "xanchor": "left", "align": "left", "font": {"size": 11, "color": MUTED}}
                        for y0, y1, _, label in shown],
    }
    return _figure(traces, layout, height=520, margin={"l": 10, "r": 150, "t": 40, "b": 10})


def trips_map(trips: pd.DataFrame, *, team: str, home_lat: float | None, home_lon: float | None) -> go.Figure:
    """Great-circle trips from the home city to each away venue, drawn on longitude/latitude axes.

    No basemap (it would need a network fetch): cities are placed by their coordinates with
    the horizontal scale corrected for latitude, so shapes and distances read true near the middle.
    """
    if trips.empty or home_lat is None or home_lon is None:
        return empty_figure("No trips for these filters: every match was played in the home city.")
    xs: list[float | None] = []
    ys: list[float | None] = []
    for r in _records(trips, "from_lat from_lon to_lat to_lon"):
        lats, lons = great_circle_path(r.from_lat, r.from_lon, r.to_lat, r.to_lon, points=24)
        xs += [*lons, None]
        ys += [*lats, None]
    paths = {"type": "scatter", "x": xs, "y": ys, "mode": "lines", "line": {"color": HIGHLIGHT, "width": 2},
             "hoverinfo": "skip", "name": "trip (great circle)"}
    places = trips.groupby(["to_lat", "to_lon"], as_index=False).agg(
        city=("venue_city", "first"), venue=("venue", "first"), km=("km_one_way", "first"),
        rounds=("round", lambda s: ", ".join(str(x) for x in s if x)),
        opponents=("opponent", lambda s: ", ".join(dict.fromkeys(str(x) for x in s))))
    labels = [f"{_s(c) or _s(v)} {km:,.0f} km" for c, v, km in zip(places["city"], places["venue"], places["km"],
                                                                   strict=True)]
    venues = {
        "type": "scatter", "x": places["to_lon"], "y": places["to_lat"], "mode": "markers+text", "name": "venue",
        "marker": {"size": 9, "color": INK}, "text": labels,
        "textposition": _label_positions(list(places["to_lon"]), list(places["to_lat"]), labels,
                                         avoid=[(home_lon, home_lat)]),
        "textfont": {"size": 11, "color": INK},
        "hovertext": [f"<b>{_s(r.venue) or _s(r.city)}</b> ({_s(r.city)})<br>{r.rounds} v {r.opponents}<br>"
                      f"{r.km:,.0f} km from home"
                      f" one way" for r in _records(places, "venue city rounds opponents km")],
        "hoverinfo": "text", "cliponaxis": False,
    }
    home = {"type": "scatter", "x": [home_lon], "y": [home_lat], "mode": "markers+text", "name": f"{team} home",
            "marker": {"size": 16, "symbol": "star", "color": HIGHLIGHT,
                       "line": {"color": HIGHLIGHT_DARK, "width": 1.5}},
            "text": [f"{team} home"], "textposition": "bottom center", "hoverinfo": "text",
            "hovertext": [f"{team} home city"], "cliponaxis": False}
    lat_all = [*trips["to_lat"], home_lat]
    lon_all = [*trips["to_lon"], home_lon]
    mid = math.radians((max(lat_all) + min(lat_all)) / 2)
    pad = 3.0
    layout = {
        "yaxis": {"range": [min(lat_all) - pad, max(lat_all) + pad], "title": "latitude °N", "gridcolor": GRID,
                  "zeroline": False},
        "xaxis": {"range": [min(lon_all) - pad * 2, max(lon_all) + pad * 2], "title": "longitude °E", "gridcolor": GRID,
                  "zeroline": False, "scaleanchor": "y", "scaleratio": math.cos(mid), "constrain": "domain"},
    }
    return _figure([paths, venues, home], layout, height=460, margin={"l": 10, "r": 10, "t": 40, "b": 10})


def _label_positions(xs: list[float], ys: list[float], labels: list[str], *,
                     avoid: Sequence[tuple[float, float]] = ()) -> list[str]:
    """Greedy label placement: for each point, the first of four positions whose box (in degrees,
    roughly) overlaps no label placed so far and no point to avoid."""
    span_x = (max([*xs, *(a for a, _ in avoid)]) - min([*xs, *(a for a, _ in avoid)])) or 1.0
    per_char = span_x / 140  # about 140 characters across the plot
    height = span_x / 40
    boxes: list[tuple[float, float, float, float]] = [(x - height / 2, y - height / 2, x + height / 2, y + height / 2)
                                                      for x, y in avoid]
    boxes += [(x - height / 4, y - height / 4, x + height / 4, y + height / 4) for x, y in zip(xs, ys, strict=True)]
    out = []
    for x, y, label in sorted(zip(xs, ys, labels, strict=True), key=lambda t: -t[1]):
        w = per_char * len(label)
        options = {
            "top center": (x - w / 2, y + height * 0.3, x + w / 2, y + height * 1.3),
            "bottom center": (x - w / 2, y - height * 1.3, x + w / 2, y - height * 0.3),
            "middle left": (x - w - height * 0.4, y - height / 2, x - height * 0.4, y + height / 2),
            "middle right": (x + height * 0.4, y - height / 2, x + w + height * 0.4, y + height / 2),
        }
        chosen = next((name for name, box in options.items() if not any(_overlap(box, b) for b in boxes)),
                      "top center")
        boxes.append(options[chosen])
        out.append((x, y, chosen))
    where = {(x, y): pos for x, y, pos in out}
    return [where[(x, y)] for x, y in zip(xs, ys, strict=True)]


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- quotes ------------------------------------------------------------------------------------

# The page's team and at most this many others get a colour and a legend entry of their own (one per
# palette colour); speakers of any further team share one grey entry, with their team in the hover.
LEGEND_TEAMS = len(TEAM_PALETTE)
OTHER_TEAMS = "other teams"


def _team_colors(teams: Sequence[str], highlight: str) -> dict[str, str]:
    colors = {highlight: HIGHLIGHT}
    others = [t for t in sorted(set(teams)) if t != highlight]
    for i, t in enumerate(others):
        colors[t] = TEAM_PALETTE[i % len(TEAM_PALETTE)]
    return colors


def _legend_labels(team_labels: pd.Series, highlight: str, items: pd.Series | None = None) -> pd.Series:
    """Each row's legend entry: its team, or OTHER_TEAMS beyond the teams with most items (a row counts
    `items` when given, else one).

    Hundreds of one-team traces would make a legend taller than the chart, repeat the palette's
    colours, and cost the server a second or more to build."""
    counts = team_labels.value_counts() if items is None else items.groupby(team_labels).sum()
    ranked = sorted((-int(n), str(label)) for label, n in counts.items() if label != highlight)
    kept = {highlight, *(label for _, label in ranked[:LEGEND_TEAMS])}
    return team_labels.where(team_labels.isin(kept), OTHER_TEAMS)


def _legend_groups(frame: pd.DataFrame) -> list[tuple[tuple[str, str], np.ndarray]]:
    """(legend label, kind) and the row positions of each, in legend order: teams alphabetically, the
    shared entry last."""
    groups: list[tuple[tuple[str, str], np.ndarray]] = []
    for key, rows in frame.groupby(["legend", "kind"], sort=True).indices.items():
        label, kind = cast(tuple[str, str], key)
        groups.append(((str(label), str(kind)), np.asarray(rows)))
    return sorted(groups, key=lambda group: (group[0][0] == OTHER_TEAMS, group[0]))


def _match_row(matches: pd.DataFrame, label: str) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The team's matches as the top row of the chart (a trace), with a faint line down through the
    speakers (layout shapes): (traces, shapes), both empty without matches."""
    if matches.empty:
        return [], []
    shapes: list[dict[str, object]] = [
        {"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, "yref": "paper", "line": {"color": "#e2e8f0", "width": 1},
         "layer": "below"}
        for x in pd.to_datetime(matches["date"]).dt.strftime("%Y-%m-%d")]
    results = matches["result"] if "result" in matches else pd.Series([None] * len(matches))
    trace: dict[str, object] = dict(
        type="scatter", x=pd.to_datetime(matches["date"]), y=[label] * len(matches), mode="markers+text",
        name="match", text=list(matches["round"]), textposition="top center", textfont={"size": 9, "color": MUTED},
        marker={"symbol": "square", "size": 12, "color": [RESULT_COLORS.get(str(r), MUTED) for r in results]},
        hovertext=[f"<b>{r.round}</b> · {r.date:%d %b %Y}<br>v {r.opponent} ({r.home_away}) {r.score}"
                   for r in matches.itertuples(index=False)], hoverinfo="text", cliponaxis=False,
    )
    return [trace], shapes


def _by_first_appearance(speakers: pd.Series, days: pd.Series) -> list[str]:
    """Speakers ordered by the day they first appear, ties by name (days as datetimes: python dates
    would be compared one by one)."""
    first = pd.to_datetime(days).groupby(speakers).min()
    return [str(name) for name in first.sort_values(kind="stable").index]


def _day_labels(days: pd.Series) -> list[str]:
    """'03 Nov 2025' for each day, formatting each distinct day once: thousands of bins share a few
    hundred weeks, and pandas' strftime (or iterating its timestamps) is slow."""
    codes, distinct_days = pd.factorize(pd.to_datetime(days).to_numpy().astype("datetime64[D]"))
    labels = np.array([f"{day:%d %b %Y}" for day in distinct_days.astype(object)], dtype=object)
    return list(labels[codes])


# textwrap splits words at hyphens and treats tabs, newlines and runs of spaces specially; without
# any of those, and with no word longer than a line, it is plain greedy filling: each line is the
# longest run of at most `width` characters that ends before a space or at the end, which one regular
# expression finds several times faster.
def _item_hovers(frame: pd.DataFrame, shared: pd.Series) -> list[str]:
    """One hover text per quote or statement: speaker (and team where the legend cannot tell it),
    date, the words, outlet, language and link. A paraphrase is never put in quotation marks."""
    limit = 320 if len(frame) <= 300 else 120  # long texts are cut shorter when there are many markers
    out = []
    columns = (frame[c].tolist() for c in ("speaker", "team_label", "date", "kind", "text", "outlet", "language",
                                           "url"))
    for speaker, team, day, kind, words, outlet, language, url, alone in zip(*columns, shared.tolist(),
                                                                              strict=True):
        who = f"<b>{speaker}</b> ({team})" if alone else f"<b>{speaker}</b>"
        said = (f"“{_wrap(words, limit=limit)}”" if kind == "quote"
                else f"Reported (paraphrase): {_wrap(words, limit=limit)}")
        link = f"<br>{_wrap(url, 70, 140)}" if _s(url) else ""
        out.append(f"{who} · {day:%d %b %Y}<br>{said}<br><i>{_s(outlet)}</i> · {_s(language)}{link}")
    return out


def quote_timeline(items: pd.DataFrame, matches: pd.DataFrame, *, team: str) -> go.Figure:
    """Quotes (filled circles) and reported statements (open diamonds) by date and speaker, coloured by
    the speaker's team, with the team's matches as vertical lines on the same time axis."""
    if items.empty:
        return empty_figure("No quotes or statements for these filters.")
    frame = items.assign(team_label=items["speaker_team"].replace("", "unknown team").fillna("unknown team"))
    frame["legend"] = _legend_labels(frame["team_label"], team)
    # Several items by one speaker on one day sit side by side (a few hours apart), so each keeps its own hover.
    rank = frame.groupby(["speaker", "date"]).cumcount()
    size = frame.groupby(["speaker", "date"])["date"].transform("size")
    when = (pd.to_datetime(frame["date"]) + pd.to_timedelta((rank - (size - 1) / 2) * 8, unit="h")).to_numpy()
    speakers_of = frame["speaker"].to_numpy(dtype=object)
    hovers = np.array(_item_hovers(frame, frame["legend"] == OTHER_TEAMS), dtype=object)
    colors = _team_colors([t for t in frame["legend"] if t != OTHER_TEAMS], team)
    colors[OTHER_TEAMS] = MUTED
    # Traces as plain dicts (per legend entry, positions into plain arrays: slicing the frame per group is
    # slow), validated once when the figure is made rather than once per trace and again on adding it.
    traces: list[dict[str, object]] = []
    for (label, kind), rows in _legend_groups(frame):
        verbatim = kind == "quote"
        color = colors.get(label, MUTED)
        traces.append(dict(
            type="scatter", x=when[rows], y=speakers_of[rows], mode="markers",
            name=f"{label} · {'quote' if verbatim else 'reported'}", legendgroup=label,
            marker={"size": 13 if verbatim else 12, "symbol": "circle" if verbatim else "diamond-open",
                    "color": color, "line": {"width": 0.5 if verbatim else 2, "color": color}},
            hovertext=hovers[rows], hoverinfo="text",
        ))
    row = f"{team}'s matches"
    match_traces, shapes = _match_row(matches, row)
    speakers = _by_first_appearance(frame["speaker"], frame["date"])
    dates = pd.to_datetime(pd.concat([frame["date"], matches["date"]]) if not matches.empty else frame["date"])
    return _figure([*traces, *match_traces], {
        "shapes": shapes,
        "yaxis": {"categoryorder": "array", "categoryarray": [*reversed(speakers), row], "gridcolor": GRID,
                  "automargin": True},
        "xaxis": {"range": [dates.min() - pd.Timedelta(days=5), dates.max() + pd.Timedelta(days=5)],
                  "gridcolor": GRID, "tickformat": "%d %b %Y"},
    }, height=max(380, 160 + 34 * len(speakers)), margin={"l": 10, "r": 10, "t": 40, "b": 10})


def quote_timeline_binned(counts: pd.DataFrame, matches: pd.DataFrame, *, team: str) -> go.Figure:
    """Quotes and statements counted per week and speaker (bubble size = count), for large selections."""
    if counts.empty:
        return empty_figure("No quotes or statements for these filters.")
    frame = counts.assign(team_label=counts["speaker_team"].replace("", "unknown team").fillna("unknown team"))
    frame["legend"] = _legend_labels(frame["team_label"], team, frame["items"])
    colors = _team_colors([t for t in frame["legend"] if t != OTHER_TEAMS], team)
    colors[OTHER_TEAMS] = MUTED
    weeks = pd.to_datetime(frame["week"])
    speakers_of = frame["speaker"].to_numpy(dtype=object)
    items = frame["items"].to_numpy()
    sizes = 8 + 24 * np.sqrt(items.astype(float) / max(1, int(items.max())))
    hovers = np.array([
        (f"<b>{speaker}</b> ({team_label})" if shared else f"<b>{speaker}</b>") + f" · week of {week}<br>{n} {kind}s"
        for speaker, team_label, shared, week, n, kind in zip(
            speakers_of, frame["team_label"].tolist(), (frame["legend"] == OTHER_TEAMS).tolist(),
            _day_labels(frame["week"]), items.tolist(), frame["kind"].tolist(), strict=True)],
        dtype=object)
    traces: list[dict[str, object]] = [
        dict(type="scatter", x=weeks.to_numpy()[rows], y=speakers_of[rows], mode="markers",
             name=f"{label} · {'quotes' if kind == 'quote' else 'reported'}",
             marker={"size": sizes[rows], "symbol": "circle" if kind == "quote" else "diamond-open",
                     "color": colors.get(label, MUTED), "opacity": 0.8},
             hovertext=hovers[rows], hoverinfo="text")
        for (label, kind), rows in _legend_groups(frame)]
    row = f"{team}'s matches"
    match_traces, shapes = _match_row(matches, row)
    speakers = _by_first_appearance(frame["speaker"], frame["week"])
    return _figure([*traces, *match_traces], {
        "shapes": shapes,
        "yaxis": {"categoryorder": "array", "categoryarray": [*reversed(speakers), row], "gridcolor": GRID,
                  "automargin": True},
    }, height=max(360, 130 + 22 * frame["speaker"].nunique()), margin={"l": 10, "r": 10, "t": 40, "b": 10})


def mentions_bar(mentions: pd.DataFrame) -> go.Figure:
    """Who is named inside the quotes: horizontal bars, most mentioned at the top."""
    if mentions.empty:
        return empty_figure("Nobody is named in the quotes that match these filters.")
    frame = mentions.sort_values(["mentions", "name"], ascending=[True, False])
    colors = {"person": "#1f4e79", "team": HIGHLIGHT, "name": "#9ca3af"}
    bars: list[dict[str, object]] = [
        {"type": "bar", "x": part["mentions"], "y": part["name"], "orientation": "h", "name": str(kind),
         "marker": {"color": colors.get(str(kind), MUTED)}, "text": part["mentions"], "textposition": "outside",
         "hovertext": [f"<b>{r.name}</b>: {r.mentions} mentions in {r.quotes} quotes"
                       for r in _records(part, "name mentions quotes")], "hoverinfo": "text"}
        for kind, part in frame.groupby("kind", sort=False)]
    return _figure(bars, {"yaxis": {"categoryorder": "array", "categoryarray": list(frame["name"]), "automargin": True},
                          "xaxis": {"title": "mentions", "gridcolor": GRID, "rangemode": "tozero"}},
                   height=max(220, 90 + 26 * len(frame)), margin={"l": 10, "r": 30, "t": 40, "b": 10})


# --- claims ------------------------------------------------------------------------------------

VERDICT_COLORS = {"false": "#d1495b", "misleading": "#e07a1f", "partly": "#e9c46a", "unverified": "#9ca3af",
                  "true": "#1a936f"}


def claims_chart(counts: pd.DataFrame) -> go.Figure:
    """Claims per source, stacked by verdict group (false first, so wrong claims read left)."""
    if counts.empty:
        return empty_figure("No checked claims for these filters.")
    counts = counts.assign(source=[_wrap(str(c), 34, 68) for c in counts["source"]])
    totals = counts.groupby("source")["claims"].sum().sort_values()
    fig = go.Figure()
    for verdict, color in VERDICT_COLORS.items():
        part = counts[counts["verdict_group"] == verdict].groupby("source", as_index=False)["claims"].sum()
        if part.empty:
            continue
        fig.add_trace(go.Bar(x=part["claims"], y=part["source"], orientation="h", name=verdict, marker_color=color,
                             text=part["claims"], textposition="inside",
                             hovertext=[f"<b>{s}</b><br>{c} claim{'s' if c != 1 else ''} judged {verdict}"
                                        for s, c in zip(part["source"], part["claims"], strict=True)],
                             hoverinfo="text"))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(categoryorder="array", categoryarray=list(totals.index), automargin=True)
    fig.update_xaxes(title="claims checked", gridcolor=GRID, dtick=1)
    longest = max((len(line) for label in totals.index for line in str(label).split("<br>")), default=10)
    fig.update_yaxes(automargin=False)
    return _layout(fig, height=max(260, 100 + 44 * len(totals)),
                   margin={"l": 24 + int(6.6 * longest), "r": 10, "t": 40, "b": 10})
