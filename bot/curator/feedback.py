"""Read the 👍 / 👎 votes from the curator store for `kb review`, without writing anything.

The store's writer owns the schema; this reader only needs the `votes` table (day, entry_id,
up, down) and opens the file read-only, so a review can run beside a live bot and never
creates, migrates or changes the database. (Like any reader of a WAL database, SQLite may
leave its empty `-wal` / `-shm` side files next to it; the writer uses them as they are.)
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from bot.kb.review import DayVotes

#: the store's `day` column counts days since this one (unix time // 86,400)
_EPOCH = date(1970, 1, 1)


def read_votes(db_path: Path, *, timeout: float = 5.0) -> list[DayVotes]:
    """Every entry's votes per day; [] when there is no store yet.

    Raises sqlite3.Error when the file exists but cannot be read (not a database, no `votes`
    table, locked for longer than `timeout`).
    """
    if not db_path.exists():
        return []
    uri = f"{db_path.resolve().as_uri()}?mode=ro"
    db = sqlite3.connect(uri, uri=True, timeout=timeout)
    try:
        rows = db.execute(
            "SELECT entry_id, day, SUM(up), SUM(down) FROM votes GROUP BY entry_id, day"
        ).fetchall()
    finally:
        db.close()
    return [
        DayVotes(str(entry_id), _EPOCH + timedelta(days=int(day)), int(up or 0), int(down or 0))
        for entry_id, day, up, down in rows
    ]
