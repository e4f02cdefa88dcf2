"""What every query shares: the campaign's defaults, the stage groups of the filter, and
turning a statement into a DataFrame."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlmodel import Session

from models.vocabulary import Stage

CHAMPIONS_LEAGUE = "cl"
CAMPAIGN_START = dt.date(2025, 7, 1)
CAMPAIGN_END = dt.date(2026, 5, 31)
DEFAULT_TEAM = "Kairat"

# The stage filter offers three groups; each stands for these stored stages.
STAGE_GROUPS: dict[str, tuple[str, ...]] = {
    "Qualifying": (Stage.QUALIFYING.value,),
    "League phase": (Stage.LEAGUE.value, Stage.GROUP.value),
    "Knockouts": (
        Stage.KNOCKOUT_PLAYOFF.value, Stage.ROUND_OF_32.value, Stage.ROUND_OF_16.value,
        Stage.QUARTER_FINAL.value, Stage.SEMI_FINAL.value, Stage.FINAL.value,
    ),
}
EUROPEAN_STAGES: tuple[str, ...] = tuple(s for group in STAGE_GROUPS.values() for s in group)



def stored_stages(groups_or_stages: Sequence[str] | None) -> tuple[str, ...]:
    """Stage group labels ('Qualifying') or stored stage values ('qualifying') -> stored values."""
    if groups_or_stages is None:
        return EUROPEAN_STAGES
    out: list[str] = []
    for item in groups_or_stages:
        out.extend(STAGE_GROUPS.get(item, (item,)))
    return tuple(dict.fromkeys(out))


def read_frame(session: Session, statement: Any, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The statement's rows as a DataFrame (reindexed to `columns` when given).

    Rows are read one at a time into one list per column, never as SQLAlchemy Row objects handed to
    pandas (which probes each for attributes, a raised and caught exception per row) nor as one list
    of all rows: on results of thousands of rows such a list outlives a garbage collection or two,
    is promoted to the oldest generation and brings its costly collection forward."""
    result = session.connection().execute(statement)
    names = list(result.keys())
    values: list[list[Any]] = [[] for _ in names]
    for row in result:
        for column, value in zip(values, row, strict=True):
            column.append(value)
    frame = pd.DataFrame(dict(zip(names, values, strict=True)), columns=names)
    return frame if columns is None else frame.reindex(columns=list(columns))
