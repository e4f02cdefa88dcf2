"""Reading and writing the bundle's CSV files the same way every time, so that a
regenerated bundle is byte-for-byte identical and diffs stay reviewable."""

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ingest.errors import InputError


def read_rows(path: Path, required: Sequence[str]) -> list[dict[str, str]]:
    """Rows of a CSV file as dicts; names the file and line of any malformed row."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), None, None, f"expected UTF-8 text ({exc.reason})") from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(str(path), 1, text.splitlines()[0] if text else "",
                         f"expected a header with the columns {', '.join(missing)}")
    rows = []
    for row in reader:
        if None in row or any(v is None for v in row.values()):
            line = reader.line_num
            raise InputError(str(path), line, text.splitlines()[line - 1],
                             f"expected {len(reader.fieldnames or [])} comma-separated fields")
        rows.append(row)
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def write_rows(path: Path, rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> None:
    path.write_text(to_csv(rows, columns), encoding="utf-8")
