"""Closed sets of the football domain, shared by every layer."""

from enum import StrEnum


class Stage(StrEnum):
    """Phase of a competition; `round` narrows it down (Q1, MD3, R16 ...)."""

    QUALIFYING = "qualifying"
    GROUP = "group"
    LEAGUE = "league"
    KNOCKOUT_PLAYOFF = "knockout_playoff"
    ROUND_OF_32 = "round_of_32"
    ROUND_OF_16 = "round_of_16"
    QUARTER_FINAL = "quarter_final"
    SEMI_FINAL = "semi_final"
    FINAL = "final"
    DOMESTIC = "domestic"


class MatchStatus(StrEnum):
    PLAYED = "played"
    SCHEDULED = "scheduled"
    POSTPONED = "postponed"
    AWARDED = "awarded"
    CANCELLED = "cancelled"


class GoalKind(StrEnum):
    REGULAR = "regular"
    PENALTY = "penalty"
    OWN_GOAL = "own_goal"


class DatePrecision(StrEnum):
    MINUTE = "minute"
    DAY = "day"
    NONE = "none"
