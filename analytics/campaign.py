"""A campaign from one team's side: ties, trips, rest days and the headline numbers.

Pure functions over the DataFrames that analytics.queries returns (MATCH_COLUMNS);
no database, no Streamlit.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.geo import haversine_km

ROUND_ORDER = ["Q1", "Q2", "Q3", "PO", "MD1", "MD2", "MD3", "MD4", "MD5", "MD6", "MD7", "MD8", "KPO",
               "R32", "R16", "QF", "SF", "F"]
ROUND_NAMES = {"Q1": "First qualifying round", "Q2": "Second qualifying round", "Q3": "Third qualifying round",
               "PO": "Play-off round", "KPO": "Knockout play-off", "R32": "Round of 32", "R16": "Round of 16",
               "QF": "Quarter-final", "SF": "Semi-final", "F": "Final"}
STAGE_LABELS = {"qualifying": "Qualifying", "league": "League phase", "group": "Group stage",
                "knockout_playoff": "Knockouts", "round_of_32": "Knockouts", "round_of_16": "Knockouts",
                "quarter_final": "Knockouts", "semi_final": "Knockouts", "final": "Knockouts",
                "domestic": "Domestic league"}
# From 2021-22 UEFA dropped the away-goals rule; before it, level ties went that way first.
AWAY_GOALS_LAST_SEASON = "2020-21"


def round_rank(round_label: str) -> int:
    return ROUND_ORDER.index(round_label) if round_label in ROUND_ORDER else len(ROUND_ORDER)


# --- headline numbers --------------------------------------------------------------------------

@dataclass(frozen=True)
class Summary:
    played: int
    won: int
    drawn: int
    lost: int
    goals_for: int
    goals_against: int
    league_points: int | None  # None when the team is not in the league-phase table
    league_position: int | None
    league_teams: int | None
    km_travelled: float
    trips: int


def summary(record: pd.DataFrame, *, team: str, destinations: pd.DataFrame,
            table: pd.DataFrame | None = None) -> Summary:
    """Headline numbers: `record` from queries.team_record, `destinations` from
    queries.team_destinations (or team_matches), `table` from standings.table."""
    row = record.iloc[0] if len(record) else pd.Series(dtype="int64")
    points = position = size = None
    if table is not None and not table.empty and team in set(table["team"]):
        hit = table[table["team"] == team].iloc[0]
        points, position, size = int(hit["points"]), int(hit["position"]), len(table)
    travelled = trips(destinations)
    return Summary(
        played=int(row.get("played", 0)), won=int(row.get("won", 0)), drawn=int(row.get("drawn", 0)),
        lost=int(row.get("lost", 0)), goals_for=int(row.get("goals_for", 0)),
        goals_against=int(row.get("goals_against", 0)), league_points=points, league_position=position,
        league_teams=size, km_travelled=float(travelled["km_round_trip"].sum()),
        trips=int(travelled["matches"].sum()),
    )


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# --- trips -------------------------------------------------------------------------------------

TRIP_COLUMNS = ["date", "round", "opponent", "home_away", "venue", "venue_city", "from_lat", "from_lon", "to_lat",
                "to_lon", "matches", "km_one_way", "km_round_trip"]
HOME_CITY_KM = 50  # a venue this close to the home city is a home match, not a trip


def trips(places: pd.DataFrame) -> pd.DataFrame:
    """Every match played away from the team's home city, with its great-circle distance.

    `places`: queries.team_destinations (one row per venue, opponent and side, with a
    `matches` count) or queries.team_matches (one row per match). A trip goes from the team's
    home city to the venue and back. Where the venue has no coordinates the home side's city
    stands in for it. Home matches moved to another city (Kairat's MD6 and MD7 in Astana) are
    trips too. Columns: TRIP_COLUMNS; km_round_trip covers all `matches` of the row.
    """
    rows = []
    # Plain records (to_dict(orient="records") slices the frame column by column, slowly).
    columns = [str(c) for c in places.columns]
    for values in zip(*(places[c].tolist() for c in columns), strict=True):
        r = dict(zip(columns, values, strict=True))
        if pd.isna(r["team_lat"]) or pd.isna(r["team_lon"]):
            continue
        if not pd.isna(r["venue_lat"]) and not pd.isna(r["venue_lon"]):
            to_lat, to_lon = float(r["venue_lat"]), float(r["venue_lon"])
        elif r["home_away"] == "away" and not pd.isna(r["opponent_lat"]):
            to_lat, to_lon = float(r["opponent_lat"]), float(r["opponent_lon"])
        else:
            to_lat, to_lon = float(r["team_lat"]), float(r["team_lon"])
        km = haversine_km(float(r["team_lat"]), float(r["team_lon"]), to_lat, to_lon)
        if km < HOME_CITY_KM:
            continue
        n = int(r.get("matches", 1) or 1)
        rows.append({"date": r.get("first_date", r.get("date")), "round": r.get("round"), "opponent": r["opponent"],
                     "home_away": r["home_away"], "venue": r["venue"], "venue_city": r["venue_city"],
                     "from_lat": float(r["team_lat"]), "from_lon": float(r["team_lon"]), "to_lat": to_lat,
                     "to_lon": to_lon, "matches": n, "km_one_way": round(km), "km_round_trip": round(2 * km * n)})
    frame = pd.DataFrame(rows, columns=TRIP_COLUMNS)
    return frame.sort_values("date", kind="mergesort").reset_index(drop=True) if not frame.empty else frame


# --- ties --------------------------------------------------------------------------------------

TIE_COLUMNS = [
    "season", "stage", "round", "round_name", "opponent", "legs", "leg1_date", "leg1_home_away", "leg1_venue",
    "leg1_score", "leg2_date", "leg2_home_away", "leg2_venue", "leg2_score", "aggregate_for", "aggregate_against",
    "aggregate", "extra_time", "shootout", "decided_by", "outcome",
]


def ties(matches: pd.DataFrame) -> pd.DataFrame:
    """Knock-out ties (qualifying rounds and later knockouts) as one row each, in playing order.

    Scores are from the team's side ('2–0' = team 2, opponent 0). outcome is 'through',
    'eliminated' or 'undecided' (a leg still to play); decided_by is 'aggregate', 'away goals',
    'penalties' or ''. Columns: TIE_COLUMNS.
    """
    knockout = matches[(matches["stage"] != "league") & (matches["stage"] != "group")
                       & (matches["stage"] != "domestic")]
    rows = []
    for (season, round_label, opponent), legs in knockout.groupby(["season", "round", "opponent"], sort=False):
        legs = legs.sort_values(["date", "leg"])
        first, last = legs.iloc[0], legs.iloc[-1]
        complete = legs["result"].notna().all()
        gf = int(legs["team_goals"].fillna(0).sum())
        ga = int(legs["opponent_goals"].fillna(0).sum())
        pens = last[["team_pens", "opponent_pens"]]
        shootout = "" if pens.isna().any() else f"{int(pens['team_pens'])}–{int(pens['opponent_pens'])}"
        outcome, decided_by = "undecided", ""
        if complete:
            if gf != ga:
                outcome, decided_by = ("through" if gf > ga else "eliminated"), "aggregate"
            elif shootout:
                won = int(pens["team_pens"]) > int(pens["opponent_pens"])
                outcome, decided_by = ("through" if won else "eliminated"), "penalties"
            elif len(legs) == 2 and str(season) <= AWAY_GOALS_LAST_SEASON:
                away_for = int(legs.loc[legs["home_away"] == "away", "team_goals"].fillna(0).sum())
                away_against = int(legs.loc[legs["home_away"] == "home", "opponent_goals"].fillna(0).sum())
                if away_for != away_against:
                    outcome, decided_by = ("through" if away_for > away_against else "eliminated"), "away goals"
        two = len(legs) > 1
        rows.append({
            "season": season, "stage": first["stage"], "round": round_label,
            "round_name": ROUND_NAMES.get(str(round_label), str(round_label)), "opponent": opponent,
            "legs": len(legs), "leg1_date": first["date"], "leg1_home_away": first["home_away"],
            "leg1_venue": first["venue"], "leg1_score": first["score"],
            "leg2_date": last["date"] if two else None, "leg2_home_away": last["home_away"] if two else None,
            "leg2_venue": last["venue"] if two else None, "leg2_score": last["score"] if two else None,
            "aggregate_for": gf, "aggregate_against": ga, "aggregate": f"{gf}–{ga}",
            "extra_time": bool(legs["extra_time"].any()), "shootout": shootout, "decided_by": decided_by,
            "outcome": outcome,
        })
    frame = pd.DataFrame(rows, columns=TIE_COLUMNS)
    if frame.empty:
        return frame
    frame["_rank"] = frame["round"].map(round_rank)
    return frame.sort_values(["season", "_rank", "leg1_date"]).drop(columns="_rank").reset_index(drop=True)


# --- schedules around a meeting ----------------------------------------------------------------

REST_COLUMNS = ["round", "date", "opponent", "home_away", "venue", "score", "result", "opponent_previous_date",
                "opponent_previous", "opponent_rest_days", "opponent_league_in_data", "team_previous_date",
                "team_previous", "team_rest_days", "team_league_in_data"]
AROUND_COLUMNS = ["opponent", "meeting_round", "meeting_date", "date", "days_from_meeting", "competition",
                  "competition_name", "stage", "round", "home_away", "against", "score", "result", "is_meeting"]


class _Schedule:
    """The rows of a schedule (MATCH_COLUMNS) by team, for lookups by team and date without a pandas
    filter per lookup: positions in schedule order, days as numbers, and the columns as lists."""

    def __init__(self, schedules: pd.DataFrame, columns: list[str]) -> None:
        self.rows = {team: np.asarray(positions) for team, positions in
                     schedules.groupby("team", sort=False).indices.items()}
        self.day = _days(schedules["date"])
        self.col = {c: schedules[c].tolist() for c in columns}

    def of(self, team: object) -> np.ndarray:
        return self.rows.get(team, np.empty(0, dtype=np.int64))

    def previous(self, team: object, day: int) -> int | None:
        """Position of the team's latest match before `day` (of several that day, the last listed)."""
        earlier = self.of(team)
        earlier = earlier[self.day[earlier] < day]
        if not len(earlier):
            return None
        days = self.day[earlier][::-1]
        return int(earlier[len(earlier) - 1 - int(np.argmax(days))])

    def label(self, at: int) -> str:
        where = "h" if self.col["home_away"][at] == "home" else "a"
        return f"{self.col['competition_name'][at]} {self.col['round'][at]} v {self.col['opponent'][at]} ({where})"


def _days(dates: pd.Series) -> np.ndarray:
    """Calendar dates as day numbers (comparable, and their differences are days)."""
    return np.asarray(pd.to_datetime(dates).to_numpy(dtype="datetime64[D]").astype(np.int64))


def rest_days(fixtures: pd.DataFrame, schedules: pd.DataFrame) -> pd.DataFrame:
    """Days since each side's previous match, for every fixture of the selected team.

    `fixtures`: the team's matches (MATCH_COLUMNS). `schedules`: matches of the team and its
    opponents in any competition around those dates (MATCH_COLUMNS, from matches_of_teams with
    all_stages=True). Rest days = calendar days between the previous match and this one; None
    when the data holds no earlier match. *_league_in_data says whether the side's domestic league
    is in the data at all (if not, its rest days count European matches only). Columns: REST_COLUMNS.
    """
    with_league = set(schedules.loc[schedules["stage"] == "domestic", "team"])
    schedule = _Schedule(schedules, ["date", "competition_name", "round", "opponent", "home_away"])
    rows = []
    for f, day in zip(fixtures.itertuples(index=False), _days(fixtures["date"]), strict=True):
        opp = schedule.previous(f.opponent, day)
        own = schedule.previous(f.team, day)
        rows.append({
            "round": f.round, "date": f.date, "opponent": f.opponent, "home_away": f.home_away, "venue": f.venue,
            "score": f.score, "result": f.result,
            "opponent_previous_date": None if opp is None else schedule.col["date"][opp],
            "opponent_previous": None if opp is None else schedule.label(opp),
            "opponent_rest_days": None if opp is None else (f.date - schedule.col["date"][opp]).days,
            "opponent_league_in_data": f.opponent in with_league,
            "team_previous_date": None if own is None else schedule.col["date"][own],
            "team_previous": None if own is None else schedule.label(own),
            "team_rest_days": None if own is None else (f.date - schedule.col["date"][own]).days,
            "team_league_in_data": f.team in with_league,
        })
    frame = pd.DataFrame(rows, columns=REST_COLUMNS)
    for col in ("opponent_rest_days", "team_rest_days"):
        frame[col] = frame[col].astype("Int64")
    return frame


def schedules_around(fixtures: pd.DataFrame, schedules: pd.DataFrame, *, days: int = 21) -> pd.DataFrame:
    """Each opponent's own matches within `days` of its meeting with the selected team.

    Columns: AROUND_COLUMNS — one row per opponent match; days_from_meeting < 0 is before the
    meeting; is_meeting marks the meeting itself; against names the opponent's opponent.
    """
    columns = ["date", "competition", "competition_name", "stage", "round", "home_away", "opponent", "score",
               "result", "match_id"]
    schedule = _Schedule(schedules, columns)
    c = schedule.col
    rows = []
    for f, day in zip(fixtures.itertuples(index=False), _days(fixtures["date"]), strict=True):
        own = schedule.of(f.opponent)
        near = own[np.abs(schedule.day[own] - day) <= days]
        for at in near.tolist():
            rows.append({
                "opponent": f.opponent, "meeting_round": f.round, "meeting_date": f.date, "date": c["date"][at],
                "days_from_meeting": (c["date"][at] - f.date).days, "competition": c["competition"][at],
                "competition_name": c["competition_name"][at], "stage": c["stage"][at], "round": c["round"][at],
                "home_away": c["home_away"][at], "against": c["opponent"][at], "score": c["score"][at],
                "result": c["result"][at], "is_meeting": bool(c["match_id"][at] == f.match_id),
            })
    return pd.DataFrame(rows, columns=AROUND_COLUMNS)
