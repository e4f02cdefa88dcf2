"""The bytes behind a download button: the exact DataFrame a chart drew, as CSV or JSON."""

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd


def _plain(value: Any) -> Any:
    if value is None or (not isinstance(value, (list, tuple, dict, str)) and pd.isna(value)):
        return None
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a header row, no index; empty cells for missing values."""
    return frame.to_csv(index=False).encode("utf-8")


def to_json_bytes(frame: pd.DataFrame) -> bytes:
    """A JSON array of row objects; dates as ISO 8601 strings, missing values as null."""
    rows = [{str(k): _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
    return json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8")


def slug(text: str) -> str:
    """'Bayern München' -> 'bayern-munchen'."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def file_name(what: str, *, team: str, date_from: dt.date, date_to: dt.date, stages: Sequence[str],
              all_stages: Sequence[str], extension: str) -> str:
    """'kairat_league-table_2025-07-01_2026-05-31_all-stages.csv' — says what it holds and for which filters."""
    stage_part = "all-stages" if set(stages) == set(all_stages) else "-".join(slug(s) for s in stages) or "no-stage"
    return f"{slug(team)}_{slug(what)}_{date_from:%Y-%m-%d}_{date_to:%Y-%m-%d}_{stage_part}.{extension}"
