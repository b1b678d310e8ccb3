"""Read the 👍 / 👎 votes from the curator store for `kb review`, without writing anything.

Through the store's read path (`Database.read`): a read-only connection to either engine
(SQLite at BOT_DB_PATH, or the shared PostgreSQL at BOT_DB_URL), never creating, migrating
or changing the database, so a review can run beside live bots.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.curator.database import Database
from bot.kb.review import DayVotes

#: the store's `day` column counts days since this one (unix time // 86,400)
_EPOCH = date(1970, 1, 1)


def read_votes(database: Database) -> list[DayVotes]:
    """Every entry's votes per day, all guilds together; [] when nothing was recorded yet.

    Raises `DatabaseError` when the database exists but cannot be read.
    """
    rows = database.read(
        lambda db: db.execute(
            "SELECT entry_id, day, SUM(up), SUM(down) FROM votes GROUP BY entry_id, day"
        )
    )
    return [
        DayVotes(str(entry_id), _EPOCH + timedelta(days=int(day)), int(up or 0), int(down or 0))
        for entry_id, day, up, down in rows or []
    ]
