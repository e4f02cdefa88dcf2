"""The loader: one transaction, idempotent, deterministic; bad files change nothing."""

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from ingest.errors import InputError
from ingest.load import DATA_DIR, TABLES_IN_DELETE_ORDER, build_database, table_counts


def dump(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as conn:
        return {t.__tablename__: conn.execute(text(f'SELECT * FROM "{t.__tablename__}" ORDER BY id')).all()  # type: ignore[attr-defined]
                for t in TABLES_IN_DELETE_ORDER}


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("*.db*"))
    return target


def test_build_twice_changes_nothing(fresh_engine: Engine) -> None:
    build_database(fresh_engine, DATA_DIR)
    first = dump(fresh_engine)
    build_database(fresh_engine, DATA_DIR)
    assert dump(fresh_engine) == first
    assert len(first["match"]) > 2000


def replace_line(path: Path, line_no: int, new: str) -> str:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    old = lines[line_no - 1]
    lines[line_no - 1] = new
    path.write_text("".join(lines), encoding="utf-8")
    return old


@pytest.mark.parametrize(
    ("file", "line_no", "make_bad", "expected"),
    [
        ("matches.csv", 5, lambda old: old.replace(",", ";", 3), "comma-separated fields"),
        ("matches.csv", 7, lambda old: re.sub(r",(\d{4})-\d{2}-(\d{2}),", r",\1-13-\2,", old, count=1), "YYYY-MM-DD"),
        ("goals.csv", 3, lambda old: old.replace("cl/2025-26", "cl/2099-00", 1), "listed in matches.csv"),
        ("matches.csv", 9, lambda old: old.replace(",played,", ",finished,", 1), "one of: played"),
    ],
    ids=["wrong-separators", "bad-date", "dangling-match", "unknown-status"],
)
def test_bad_bundle_file_names_file_and_line_and_changes_nothing(
    fresh_engine: Engine, tmp_path: Path, file: str, line_no: int, make_bad, expected: str  # type: ignore[no-untyped-def]
) -> None:
    build_database(fresh_engine, DATA_DIR)
    before = dump(fresh_engine)
    data = copy_data(tmp_path)
    path = data / file
    old = path.read_text(encoding="utf-8").splitlines(keepends=True)[line_no - 1]
    bad = make_bad(old)
    assert bad != old, "the test must really corrupt the line"
    replace_line(path, line_no, bad)
    with pytest.raises(InputError) as caught:
        build_database(fresh_engine, data)
    message = str(caught.value)
    assert file in message and f"line {line_no}" in message and expected in message
    assert dump(fresh_engine) == before


def test_truncated_file_is_reported(fresh_engine: Engine, tmp_path: Path) -> None:
    build_database(fresh_engine, DATA_DIR)
    before = table_counts(fresh_engine)
    data = copy_data(tmp_path)
    path = data / "teams.csv"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2].rsplit(b",", 1)[0])  # cut mid-row
    with pytest.raises(InputError, match=r"teams.csv, line \d+"):
        build_database(fresh_engine, data)
    assert table_counts(fresh_engine) == before


def test_binary_file_is_reported(fresh_engine: Engine, tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    (data / "venues.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe garbage")
    with pytest.raises(InputError, match=r"venues.csv.*UTF-8"):
        build_database(fresh_engine, data)
