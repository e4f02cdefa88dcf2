"""Plain records that importers produce before anything touches the database."""

import datetime as dt
from dataclasses import dataclass

from models.vocabulary import MatchStatus, Stage


@dataclass(frozen=True)
class ParsedMatch:
    """One match as a source file states it; team names exactly as written."""

    source_file: str  # path as the user gave it, or relative to the shared folder
    line: int  # 1-based line of the match in that file
    competition: str  # code: 'cl', 'clq', 'el', 'elq', 'conf', 'confq', 'en.1', ...
    season: str  # '2025-26'
    stage: Stage
    round: str  # Q1, Q2, Q3, PO, MD1..MD8, KPO, R32, R16, QF, SF, F
    group: str | None
    leg: int | None  # 1 or 2 in a two-legged tie, else None
    date: dt.date
    time_cet: dt.time | None  # kick-off as written (Central European time), None if absent
    home: str
    away: str
    home_goals: int | None = None  # full time (after extra time if played)
    away_goals: int | None = None
    home_goals_ht: int | None = None
    away_goals_ht: int | None = None
    extra_time: bool = False
    home_pens: int | None = None
    away_pens: int | None = None
    status: MatchStatus = MatchStatus.PLAYED
