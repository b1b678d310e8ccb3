"""Per-guild settings chosen by admins (which channels get automatic answers).

Kept in SQLite beside the curator store (`BOT_DB_PATH`), read once at start into memory and
written through on change, off the event loop.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS autoanswer_channels (
    guild_id INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    PRIMARY KEY (guild_id, channel_id)
)
"""


class GuildConfig:
    """Which channels of which guild get automatic answers, in memory and on disk."""
    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._channels: set[tuple[int, int]] = set()
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.execute(_SCHEMA)
                self._channels = {
                    (g, c)
                    for g, c in db.execute("SELECT guild_id, channel_id FROM autoanswer_channels")
                }
        except (OSError, sqlite3.Error) as exc:
            log.error("guild settings unavailable (%s); auto-answer changes won't persist", exc)
            self._path = None

    def _connect(self) -> sqlite3.Connection:
        assert self._path is not None
        return sqlite3.connect(self._path, timeout=5)

    def autoanswer(self, guild_id: int, channel_id: int) -> bool:
        """Is auto-answer on in this channel?"""
        return (guild_id, channel_id) in self._channels

    async def set_autoanswer(self, guild_id: int, channel_id: int, enabled: bool) -> None:
        """Turn auto-answer on or off in a channel, and save it off the event loop."""
        key = (guild_id, channel_id)
        (self._channels.add if enabled else self._channels.discard)(key)
        if self._path is not None:
            await asyncio.to_thread(self._write, key, enabled)

    def _write(self, key: tuple[int, int], enabled: bool) -> None:
        try:
            with self._connect() as db:
                db.execute(_SCHEMA)
                if enabled:
                    db.execute("INSERT OR IGNORE INTO autoanswer_channels VALUES (?, ?)", key)
                else:
                    db.execute(
                        "DELETE FROM autoanswer_channels WHERE guild_id = ? AND channel_id = ?", key
                    )
        except sqlite3.Error as exc:
            log.error("could not save the auto-answer setting: %s", exc)
