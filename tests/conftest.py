"""Fixtures shared by every test layer: the reference folder and a real,
temporary SQLite database built from the bundled data/."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ingest.load import DATA_DIR, build_database
from models import make_engine

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def require_shared(*parts: str) -> Path:
    """A path under ../shared; skip when it is missing, except in CI where that is a failure."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI must run with the reference folder beside the repo")
        pytest.skip(f"{path} is missing (the reference folder sits beside the repo on developer machines)")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return require_shared()


@pytest.fixture(scope="session")
def bundled_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The bundled data loaded once into a temporary SQLite file; treat as read-only."""
    path = tmp_path_factory.mktemp("db") / "bundled.db"
    engine = make_engine(f"sqlite:///{path}")
    build_database(engine, DATA_DIR)
    yield engine
    engine.dispose()


@pytest.fixture
def fresh_engine(tmp_path: Path) -> Iterator[Engine]:
    """An empty database of our schema in a temporary file, for tests that write."""
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    yield engine
    engine.dispose()
