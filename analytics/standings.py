"""League tables from results (pure: DataFrame in, DataFrame out).

Ranking follows the UEFA league-phase criteria as far as results alone allow:
points, goal difference, goals scored, away goals scored, wins, away wins, then
opponents' points, opponents' goal difference and opponents' goals scored.
The remaining criteria (disciplinary points, club coefficient) need data we do
not hold; the team name breaks any tie left so that the order is deterministic.
"""

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

RESULT_COLUMNS = ["home", "away", "home_goals", "away_goals"]
TABLE_COLUMNS = [
    "position", "team", "played", "won", "drawn", "lost", "goals_for", "goals_against",
    "goal_difference", "points", "away_goals_for", "away_wins",
]
BY_MATCHDAY_COLUMNS = ["matchday", "round", "position", "team", "played", "points", "goal_difference", "goals_for"]


def table(matches: pd.DataFrame, *, teams: list[str] | None = None) -> pd.DataFrame:
    """The table after every match in `matches` (columns: home, away, home_goals, away_goals).

    Matches without a score are ignored. `teams` adds clubs that have not played yet.
    Returns TABLE_COLUMNS, one row per team, ordered by position (1 = top).
    """
    names = sorted(set(teams or []) | set(matches["home"]) | set(matches["away"]))
    if not names:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    columns = _ranked(_Sides.of(matches.dropna(subset=["home_goals", "away_goals"]), names), names)
    return pd.DataFrame(columns)[TABLE_COLUMNS]


@dataclass(frozen=True)
class _Sides:
    """Each scored match twice, once from each side, as numpy arrays: team and opponent numbers
    (a team's number is its place in the sorted names), goals scored and conceded, away or not."""

    team: np.ndarray
    opponent: np.ndarray
    scored: np.ndarray
    conceded: np.ndarray
    away_side: np.ndarray

    @classmethod
    def of(cls, played: pd.DataFrame, names: list[str]) -> "_Sides":
        number = {name: i for i, name in enumerate(names)}
        home = np.array([number[t] for t in played["home"]], dtype=np.int64)
        away = np.array([number[t] for t in played["away"]], dtype=np.int64)
        home_goals = played["home_goals"].to_numpy(dtype=np.int64)
        away_goals = played["away_goals"].to_numpy(dtype=np.int64)
        return cls(np.concatenate([home, away]), np.concatenate([away, home]),
                   np.concatenate([home_goals, away_goals]), np.concatenate([away_goals, home_goals]),
                   np.repeat([False, True], len(played)))

    def where(self, keep: np.ndarray) -> "_Sides":
        return _Sides(self.team[keep], self.opponent[keep], self.scored[keep], self.conceded[keep],
                      self.away_side[keep])


def _ranked(sides: _Sides, names: list[str]) -> dict[str, Any]:
    """TABLE_COLUMNS as arrays, ranked. Counted with numpy: pages build tables often, and pandas'
    per-call overhead was most of the cost of the straightforward version."""
    won, drawn, lost = sides.scored > sides.conceded, sides.scored == sides.conceded, sides.scored < sides.conceded

    def per_team(values: np.ndarray) -> np.ndarray:
        return np.bincount(sides.team, weights=values, minlength=len(names)).astype(np.int64)

    c = {"played": per_team(np.ones(len(sides.team))), "won": per_team(won), "drawn": per_team(drawn),
         "lost": per_team(lost), "goals_for": per_team(sides.scored), "goals_against": per_team(sides.conceded),
         "away_goals_for": per_team(sides.scored * sides.away_side), "away_wins": per_team(won & sides.away_side)}
    c["goal_difference"] = c["goals_for"] - c["goals_against"]
    c["points"] = 3 * c["won"] + c["drawn"]
    # Opponents' results: each opponent counted once per meeting (twice when met twice).
    opp = {col: per_team(c[col][sides.opponent]) for col in ("points", "goal_difference", "goals_for")}
    keys = [c["points"], c["goal_difference"], c["goals_for"], c["away_goals_for"], c["won"], c["away_wins"],
            opp["points"], opp["goal_difference"], opp["goals_for"]]
    # Every criterion descending, then the name ascending (names are sorted: its number will do).
    order = np.lexsort([np.arange(len(names)), *(-k for k in reversed(keys))])
    return {"position": np.arange(1, len(names) + 1), "team": [names[i] for i in order],
            **{col: values[order] for col, values in c.items()}}


def matchday_number(round_label: str) -> int | None:
    """'MD3' -> 3; anything else -> None."""
    found = re.fullmatch(r"MD(\d+)", str(round_label))
    return int(found.group(1)) if found else None


def table_by_matchday(matches: pd.DataFrame) -> pd.DataFrame:
    """The table after each league-phase matchday.

    `matches` needs the columns round ('MD1'...'MD8'), home, away, home_goals, away_goals.
    Returns BY_MATCHDAY_COLUMNS: one row per team and matchday that has at least one result.
    """
    if matches.empty:
        return pd.DataFrame(columns=BY_MATCHDAY_COLUMNS)
    numbered = matches.assign(matchday=matches["round"].map(matchday_number)).dropna(subset=["matchday"])
    teams = sorted(set(numbered["home"]) | set(numbered["away"]))
    scored = numbered.dropna(subset=["home_goals", "away_goals"])
    days = sorted(int(d) for d in scored["matchday"].unique())
    if not days:
        return pd.DataFrame(columns=BY_MATCHDAY_COLUMNS)
    sides = _Sides.of(scored, teams)
    matchday = np.tile(scored["matchday"].to_numpy(dtype=np.int64), 2)  # the same order as the sides
    parts = []
    for day in days:
        ranked = _ranked(sides.where(matchday <= day), teams)
        parts.append(pd.DataFrame({"matchday": day, "round": f"MD{day}", **ranked}))
    return pd.concat(parts, ignore_index=True)[BY_MATCHDAY_COLUMNS]
