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
    result = session.connection().execute(statement)
    # Plain tuples: pandas probes each row for attributes, and on SQLAlchemy's Row every failed probe
    # raises and catches an exception inside SQLAlchemy (a few microseconds per row).
    frame = pd.DataFrame([tuple(row) for row in result.fetchall()], columns=list(result.keys()))
    if columns is not None:
        frame = frame.reindex(columns=list(columns))
    return frame
