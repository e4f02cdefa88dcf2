"""Download bytes and file names."""

import datetime as dt
import io
import json

import pandas as pd

from analytics.downloads import file_name, slug, to_csv_bytes, to_json_bytes
from analytics.sources import caption, source_urls

FRAME = pd.DataFrame({
    "date": [dt.date(2025, 11, 5), dt.date(2025, 11, 26)], "team": ["Kairat", "Kairat"],
    "goals": pd.array([1, None], dtype="Int64"), "venue": ["San Siro", None],
})


def test_csv_round_trips_every_row_and_column() -> None:
    back = pd.read_csv(io.BytesIO(to_csv_bytes(FRAME)))
    assert list(back.columns) == list(FRAME.columns)
    assert len(back) == 2
    assert back.loc[0, "date"] == "2025-11-05"


def test_json_is_an_array_of_rows_with_iso_dates_and_nulls() -> None:
    rows = json.loads(to_json_bytes(FRAME))
    assert rows[0] == {"date": "2025-11-05", "team": "Kairat", "goals": 1, "venue": "San Siro"}
    assert rows[1]["goals"] is None and rows[1]["venue"] is None


def test_file_name_says_what_and_for_which_filters() -> None:
    stages = ("Qualifying", "League phase", "Knockouts")
    name = file_name("league table", team="Bayern München", date_from=dt.date(2025, 7, 1),
                     date_to=dt.date(2026, 5, 31), stages=stages, all_stages=stages, extension="csv")
    assert name == "bayern-munchen_league-table_2025-07-01_2026-05-31_all-stages.csv"
    some = file_name("results", team="Kairat", date_from=dt.date(2025, 7, 1), date_to=dt.date(2025, 8, 31),
                     stages=("Qualifying",), all_stages=stages, extension="json")
    assert some == "kairat_results_2025-07-01_2025-08-31_qualifying.json"
    assert slug("  ") == "x"


def test_source_caption_names_openfootball_and_the_fact_urls() -> None:
    rows = ["openfootball (CC0) cl.txt:31; facts (high): https://a.example/1 https://www.b.example/2",
            "openfootball (CC0) cl.txt:40; facts (high): https://a.example/3"]
    assert source_urls(rows) == ["https://a.example/1", "https://www.b.example/2", "https://a.example/3"]
    text = caption(rows, limit=1)
    assert text.startswith("Source: openfootball (CC0); verified facts: [a.example](https://a.example/1)")
    assert "2 more" in text
    assert caption([]) == "Source: the project's database."
