"""Reading 👍 / 👎 for `kb review`: from a real store (SQLite and PostgreSQL), read-only,
day by day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.curator.database import Database, DatabaseError, SqliteDatabase
from bot.curator.feedback import read_votes
from bot.curator.store import DAY, Store
from bot.kb.review import DayVotes

#: 1 Dec 2026, in the store's days since 1970-01-01
DEC_1 = date(2026, 12, 1).toordinal() - date(1970, 1, 1).toordinal()


def test_votes_written_by_the_store_come_back_per_entry_and_day(database: Database) -> None:
    now = [DEC_1 * DAY + DAY / 2]  # noon
    store = Store(database, clock=lambda: now[0])
    store.record_vote("ccm-what", up=False)
    store.record_vote("ccm-what", up=False, guild_id=7)
    store.record_vote("ccm-what", up=True)
    now[0] += DAY
    store.record_vote("ccm-what", up=False)
    store.record_vote("k5-belt", up=True)
    store.close()
    votes = sorted(read_votes(database), key=lambda v: (v.entry_id, v.day))
    assert votes == [
        DayVotes("ccm-what", date(2026, 12, 1), up=1, down=2),
        DayVotes("ccm-what", date(2026, 12, 2), up=0, down=1),
        DayVotes("k5-belt", date(2026, 12, 2), up=1, down=0),
    ]


def test_reading_never_writes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    store = Store(path)
    store.record_vote("ccm-what", up=False)
    store.close()
    before = path.read_bytes()
    assert read_votes(SqliteDatabase(path))
    assert path.read_bytes() == before


def test_no_store_yet_is_no_votes_and_creates_nothing(tmp_path: Path) -> None:
    assert read_votes(SqliteDatabase(tmp_path / "data" / "bot.sqlite3")) == []
    assert not (tmp_path / "data").exists()


def test_a_file_that_is_not_a_store_raises_a_database_error(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    path.write_text("not a database", encoding="utf-8")
    with pytest.raises(DatabaseError):
        read_votes(SqliteDatabase(path))
