"""Per-guild settings chosen by admins (which channels get automatic answers).

Kept in the curator store's database (`autoanswer_channels`), so that every shard process
sees them and a guild moved to another process by re-sharding keeps its channels. They are
read into memory when the bot starts (again every RELOAD_SECONDS until that read succeeds,
should the database be down) and written through the store's queue on change, in order and
kept in memory while the database is down.
"""

from __future__ import annotations

import asyncio
import logging

from bot.curator.database import Connection, DatabaseError
from bot.curator.store import Store

log = logging.getLogger(__name__)

RELOAD_SECONDS = 30.0


def _read_channels(db: Connection) -> set[tuple[int, int]]:
    return {
        (int(g), int(c))
        for g, c in db.execute("SELECT guild_id, channel_id FROM autoanswer_channels")
    }


class GuildConfig:
    """Which channels of which guild get automatic answers, in memory and in the store."""

    def __init__(self, store: Store | None = None) -> None:
        self._store = store or Store.disabled()
        self._channels: set[tuple[int, int]] = set()
        self.loaded = False

    async def load(self) -> bool:
        """Read every guild's channels from the store; False (and one log line) if it is down."""
        if not self._store.enabled:
            self.loaded = True
            return True
        try:
            channels = await asyncio.wrap_future(self._store.read(_read_channels))
        except DatabaseError as exc:
            # the store has logged the outage itself: this only says what it means here
            log.warning(
                "auto-answer channels not loaded yet (%s); retrying every %.0f s",
                exc,
                RELOAD_SECONDS,
            )
            return False
        self._channels = channels
        self.loaded = True
        return True

    async def keep_loading(self) -> None:
        """Retry `load` until it succeeds (the database was down when the bot started)."""
        while not self.loaded:
            await asyncio.sleep(RELOAD_SECONDS)
            try:
                channels = await asyncio.wrap_future(self._store.read(_read_channels))
            except DatabaseError:
                continue
            self._channels = channels
            self.loaded = True
            log.info("guild settings loaded: %d auto-answer channel(s)", len(channels))

    def autoanswer(self, guild_id: int, channel_id: int) -> bool:
        """Is auto-answer on in this channel?"""
        return (guild_id, channel_id) in self._channels

    async def set_autoanswer(self, guild_id: int, channel_id: int, enabled: bool) -> None:
        """Turn auto-answer on or off in a channel; the store saves it off the event loop."""
        key = (guild_id, channel_id)
        (self._channels.add if enabled else self._channels.discard)(key)
        self._store.set_autoanswer(guild_id, channel_id, enabled)
