"""The command line as a user runs it: real files, a real temporary database."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ingest.__main__ import main
from ingest.load import DATA_DIR, build_database, table_counts

ROOT = Path(__file__).resolve().parents[2]
EXPORT_COLUMNS = [
    "season", "competition", "stage", "round", "leg", "date", "kickoff_utc", "home", "away",
    "home_goals", "away_goals", "home_goals_ht", "away_goals_ht", "extra_time", "home_pens",
    "away_pens", "venue", "city", "attendance", "source",
]

USER_FILE = """= UEFA Champions League 2026/27

# Date       Tue Sep/15 2026 - Wed Jan/27 2027
# Matches    3

» League, Matchday 1
  Tue Sep/15 2026
    21.00  FK Kairat (KAZ)         v Arsenal FC (ENG)         1-0 (1-0)
           Celtic FC (SCO)         v FC Internazionale Milano (ITA)  2-2 (0-1)

» League, Matchday 7
  Wed Jan/20 2027
    18.45  Real Madrid CF (ESP)    v FK Kairat (KAZ)
"""


@pytest.fixture
def db(fresh_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    build_database(fresh_engine, DATA_DIR)
    monkeypatch.setenv("DATABASE_URL", str(fresh_engine.url))
    return fresh_engine


def write(tmp_path: Path, text: str | bytes, name: str = "cl.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def test_export_matches_has_the_documented_columns(db: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "matches", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][: len(EXPORT_COLUMNS)] == EXPORT_COLUMNS
    header = rows[0]
    md2 = next(r for r in rows[1:] if r[header.index("facts_id")] == "MD2")
    assert md2[header.index("kickoff_utc")] == "2025-09-30T16:45:00Z"
    assert (md2[header.index("home")], md2[header.index("away")]) == ("Kairat", "Real Madrid")
    assert md2[header.index("venue")] == "Almaty Central Stadium"
    assert len(rows) - 1 == table_counts(db)["match"]


def test_export_json_and_unknown_table(db: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "claims", "--format", "json"]) == 0
    claims = json.loads(capsys.readouterr().out)
    assert any(c["claim_id"] == "S002-08" and c["verdict"] == "false" for c in claims)
    assert main(["export", "nonsense"]) == 2
    assert "Unknown table 'nonsense'" in capsys.readouterr().err


def test_user_file_adds_matches_once(db: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = table_counts(db)["match"]
    path = write(tmp_path, USER_FILE)
    assert main(["openfootball", str(path)]) == 0
    assert "Added 3 matches" in capsys.readouterr().out
    assert table_counts(db)["match"] == before + 3
    assert main(["openfootball", str(path)]) == 0  # idempotent
    assert "Added 0 matches; 3 were already present" in capsys.readouterr().out
    assert table_counts(db)["match"] == before + 3


def test_unknown_club_is_reported_and_nothing_is_written(db: Engine, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    before = table_counts(db)
    path = write(tmp_path, USER_FILE.replace("Arsenal FC (ENG)", "Atlético Zzz (ESP)"))
    assert main(["openfootball", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Atlético Zzz (ESP)" in err and "line 8" in err
    assert table_counts(db) == before
    assert main(["openfootball", "--new-teams", str(path)]) == 0
    assert table_counts(db)["team"] == before["team"] + 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (USER_FILE.replace("v Arsenal FC (ENG)         1-0 (1-0)", "v"), "line 8"),
        (USER_FILE[: USER_FILE.index("Celtic FC") + 12], "line 9"),
        (b"\x00\x01\x02\xff\xfe\x89PNG binary", "UTF-8"),
    ],
    ids=["malformed-line", "truncated", "binary"],
)
def test_bad_files_name_file_and_line(db: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      content: str | bytes, expected: str) -> None:
    before = table_counts(db)
    path = write(tmp_path, content)
    assert main(["openfootball", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and expected in err
    assert table_counts(db) == before


def test_help_documents_every_command() -> None:
    out = subprocess.run([sys.executable, "-m", "ingest", "--help"], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ}, check=True).stdout
    for command in ("build", "bundle", "openfootball", "article", "export"):
        assert command in out
