"""League tables from results (pure: DataFrame in, DataFrame out).

Ranking follows the UEFA league-phase criteria as far as results alone allow:
points, goal difference, goals scored, away goals scored, wins, away wins, then
opponents' points, opponents' goal difference and opponents' goals scored.
The remaining criteria (disciplinary points, club coefficient) need data we do
not hold; the team name breaks any tie left so that the order is deterministic.
"""

import re

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
    played = matches.dropna(subset=["home_goals", "away_goals"])
    names = set(teams or []) | set(matches["home"]) | set(matches["away"])
    rows = {name: dict.fromkeys(TABLE_COLUMNS[2:], 0) for name in names}
    faced: dict[str, list[str]] = {name: [] for name in names}
    for home, away, hg, ag in played[RESULT_COLUMNS].itertuples(index=False):
        hg, ag = int(hg), int(ag)
        _add(rows[home], hg, ag, away_side=False)
        _add(rows[away], ag, hg, away_side=True)
        faced[home].append(away)
        faced[away].append(home)
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "team"
    frame = frame.reset_index()
    if frame.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    by_team = frame.set_index("team")
    for col in ("points", "goal_difference", "goals_for"):
        frame[f"opp_{col}"] = [int(by_team.loc[faced[t], col].sum()) if faced[t] else 0 for t in frame["team"]]
    keys = ["points", "goal_difference", "goals_for", "away_goals_for", "won", "away_wins",
            "opp_points", "opp_goal_difference", "opp_goals_for"]
    frame = frame.sort_values([*keys, "team"], ascending=[False] * len(keys) + [True], kind="mergesort")
    frame["position"] = range(1, len(frame) + 1)
    return frame[TABLE_COLUMNS].reset_index(drop=True)


def _add(row: dict[str, int], scored: int, conceded: int, *, away_side: bool) -> None:
    row["played"] += 1
    row["goals_for"] += scored
    row["goals_against"] += conceded
    row["goal_difference"] = row["goals_for"] - row["goals_against"]
    if away_side:
        row["away_goals_for"] += scored
    if scored > conceded:
        row["won"] += 1
        row["points"] += 3
        if away_side:
            row["away_wins"] += 1
    elif scored == conceded:
        row["drawn"] += 1
        row["points"] += 1
    else:
        row["lost"] += 1


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
    frames = []
    for day in sorted(int(d) for d in scored["matchday"].unique()):
        standing = table(scored[scored["matchday"] <= day], teams=teams)
        standing.insert(0, "round", f"MD{day}")
        standing.insert(0, "matchday", day)
        frames.append(standing[BY_MATCHDAY_COLUMNS])
    if not frames:
        return pd.DataFrame(columns=BY_MATCHDAY_COLUMNS)
    return pd.concat(frames, ignore_index=True)
