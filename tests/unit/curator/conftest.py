"""The curator tests run against both engines: SQLite in a temporary folder and a real
PostgreSQL server on 127.0.0.1 (tests/postgres.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.curator.database import Database, PostgresDatabase, SqliteDatabase


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    if request.param == "sqlite":
        return SqliteDatabase(tmp_path / "s.sqlite3")
    return PostgresDatabase(request.getfixturevalue("postgres_url"))
