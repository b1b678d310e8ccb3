"""The curator store: what people asked that we could not answer, what they picked instead,
votes, hit counts and guild settings, written to SQLite or PostgreSQL (`bot.curator.database`).

Privacy: no user ids or names are stored; only the redacted text people typed (see
`bot.curator.redact`), its normalized form, the guild id and the kind of channel. Rows older
than the retention period (`BOT_RETENTION_DAYS`) are pruned.

Writes never block the caller: `record_*` puts a row on a queue (without waking the writer
thread: a thread switch per row would cost the bot's event loop the GIL) and the writer
commits in batches (at most FLUSH_SECONDS apart); `close()` flushes everything on a normal shutdown;
a crash loses at most the last batch and never corrupts the database.

When the database is down (unreachable, locked, read-only, full, a file that is not a
database), the bot keeps answering: the writer keeps up to `buffer_rows` rows in memory,
logs one line when the database goes down and one when it comes back, retries with backoff,
and writes what it kept as soon as it can. Past the bound, the oldest rows are dropped and
counted.
"""

from __future__ import annotations

import concurrent.futures
import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from bot.curator.database import (
    Connection,
    Database,
    DatabaseError,
    DatabaseUnavailable,
    SqliteConnection,
    SqliteDatabase,
    open_sqlite,
)
from bot.curator.database import migrate as migrate_schema
from bot.curator.schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

FLUSH_SECONDS = 0.5
BATCH_ROWS = 500
#: rows kept in memory while the database is down
BUFFER_ROWS = 50_000
#: waits between attempts to reach a database that is down: doubling up to the maximum
RETRY_FIRST_SECONDS = 0.25
RETRY_MAX_SECONDS = 15.0
DAY = 86_400
T = TypeVar("T")

__all__ = ["DAY", "MIGRATIONS", "SCHEMA_VERSION", "Store", "connect", "migrate"]


def connect(path: Path, *, timeout: float = 5.0) -> Any:
    """A raw sqlite3 connection in WAL mode (for tools that fill a database in bulk)."""
    return open_sqlite(path, timeout)


def migrate(db: Any) -> int:
    """Migrate a raw sqlite3 connection (see `connect`); returns the old version."""
    return migrate_schema(SqliteConnection(db))


@dataclass(frozen=True)
class _Row:
    sql: str
    args: tuple[Any, ...]


@dataclass(frozen=True)
class _Marker:
    """A flush marker: set once everything queued before it was tried."""

    done: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class _Read:
    """A read run on the writer's connection, after every row queued before it."""

    run: Callable[[Connection], Any]
    future: concurrent.futures.Future[Any] = field(default_factory=concurrent.futures.Future)


@dataclass(frozen=True)
class _Job:
    """Work done for the store alone (redaction, normalizing), run on the writer's thread in
    order with the rows around it; the rows it records join the current batch."""

    run: Callable[[], None]


_STOP = object()


class Store:
    """Records curator data off the caller's thread. Use `Store.disabled()` where none is wanted.

    `database` is a `Database` (SQLite or PostgreSQL), or a path (SQLite), or None (disabled).
    """

    def __init__(
        self,
        database: Database | Path | None,
        *,
        retention_days: int = 180,
        clock: Callable[[], float] = time.time,
        busy_timeout: float = 5.0,
        buffer_rows: int = BUFFER_ROWS,
        retry_max_seconds: float = RETRY_MAX_SECONDS,
    ) -> None:
        if isinstance(database, Path):
            database = SqliteDatabase(database, busy_timeout=busy_timeout)
        self.database = database
        self.retention_days = retention_days
        self.buffer_rows = buffer_rows
        self.retry_max_seconds = retry_max_seconds
        self._clock = clock
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._wake = threading.Event()
        self._pending: deque[_Row] = deque()
        self._thread: threading.Thread | None = None
        #: counters for /metrics: rows committed, failed write attempts, rows dropped
        self.written = 0
        self.write_errors = 0
        self.dropped = 0
        #: None until the first attempt, then whether the database took the last write
        self.available: bool | None = None
        self.enabled = database is not None
        if database is None:
            return
        self._thread = threading.Thread(target=self._writer, name="curator-store", daemon=True)
        self._thread.start()

    @classmethod
    def disabled(cls) -> Store:
        """A store that records nothing (tools, tests, `ask --json`)."""
        return cls(None)

    @property
    def label(self) -> str:
        """Where the store writes, for log lines (never a password)."""
        return self.database.label if self.database is not None else "nowhere"

    @property
    def queue_depth(self) -> int:
        """Rows waiting to be written: queued plus kept while the database is down."""
        return self._queue.qsize() + len(self._pending)

    # -- recording (any thread, never blocks) -------------------------------------------------
    def record_unanswered(
        self,
        question: str,
        status: str,
        top_id: str | None,
        top_score: float,
        guild_id: int | None,
        channel_kind: str,
        *,
        asked: str | None = None,
        ask_id: str | None = None,
    ) -> None:
        """A question the bot declined or asked back about, with the nearest entry.
        `question` is normalized, `asked` the redacted text as typed."""
        self._put(
            "INSERT INTO unanswered (ts, question, status, top_id, top_score, guild_id, "
            "channel_kind, asked, ask_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                int(self._clock()),
                question[:500],
                status,
                top_id,
                round(top_score, 4),
                guild_id,
                channel_kind,
                asked[:500] if asked is not None else None,
                ask_id,
            ),
        )

    def record_pick(
        self,
        question: str,
        entry_id: str,
        guild_id: int | None,
        *,
        asked: str | None = None,
        ask_id: str | None = None,
    ) -> None:
        """A suggestion picked after the question it was offered for (`ask_id` pairs them)."""
        self._put(
            "INSERT INTO picks (ts, question, entry_id, guild_id, asked, ask_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                int(self._clock()),
                question[:500],
                entry_id,
                guild_id,
                asked[:500] if asked is not None else None,
                ask_id,
            ),
        )

    def record_hit(self, entry_id: str, guild_id: int | None = None) -> None:
        """One answer given for `entry_id` today (guild 0: a DM or the terminal)."""
        self._put(
            "INSERT INTO hits (day, entry_id, guild_id, count) VALUES (?, ?, ?, 1) ON CONFLICT "
            "(day, entry_id, guild_id) DO UPDATE SET count = hits.count + 1",
            (self._day(), entry_id, guild_id or 0),
        )

    def record_vote(self, entry_id: str, *, up: bool, guild_id: int | None = None) -> None:
        """A 👍 or 👎 on `entry_id` today."""
        column = "up" if up else "down"
        self._put(
            f"INSERT INTO votes (day, entry_id, guild_id, {column}) VALUES (?, ?, ?, 1) "
            f"ON CONFLICT (day, entry_id, guild_id) DO UPDATE SET {column} = votes.{column} + 1",
            (self._day(), entry_id, guild_id or 0),
        )

    def set_autoanswer(self, guild_id: int, channel_id: int, enabled: bool) -> None:
        """Save a guild's auto-answer channel setting (in order with everything else)."""
        if enabled:
            sql = (
                "INSERT INTO autoanswer_channels (guild_id, channel_id) VALUES (?, ?) "
                "ON CONFLICT (guild_id, channel_id) DO NOTHING"
            )
        else:
            sql = "DELETE FROM autoanswer_channels WHERE guild_id = ? AND channel_id = ?"
        self._put(sql, (guild_id, channel_id))

    def read(self, run: Callable[[Connection], T]) -> concurrent.futures.Future[T]:
        """Run `run(connection)` on the writer's thread once everything queued before is
        written; the future fails with DatabaseUnavailable while the database is down."""
        item = _Read(run)
        if self.database is None:
            item.future.set_exception(DatabaseUnavailable("no curator store configured"))
        else:
            self._urgent(item)
        return item.future

    def later(self, run: Callable[[], None]) -> None:
        """Run `run()` on the writer's thread, after everything queued before it: what only
        the store needs (redacting, normalizing) stays off the caller's event loop."""
        if self.enabled:
            self._queue.put(_Job(run))

    def _urgent(self, item: Any) -> None:
        """Queue `item` and wake the writer at once (a flush, a read, stop)."""
        self._queue.put(item)
        self._wake.set()

    def _day(self) -> int:
        return int(self._clock()) // DAY

    def _put(self, sql: str, args: tuple[Any, ...]) -> None:
        if not self.enabled:
            return
        if threading.current_thread() is self._thread:  # from a `later` job: this batch
            self._keep(_Row(sql, args))
        else:
            self._queue.put(_Row(sql, args))

    # -- the writer thread -----------------------------------------------------------------------
    def _writer(self) -> None:
        db: Connection | None = None
        retry_at = 0.0  # connect at once: a new database is migrated before anything is asked
        wait = RETRY_FIRST_SECONDS
        last_prune = time.monotonic()
        stop = False
        while not stop:
            waiting: list[_Marker | _Read] = []
            deadline = time.monotonic() + FLUSH_SECONDS
            if db is None:
                deadline = min(deadline, max(retry_at, time.monotonic()))
            new = 0
            while new < BATCH_ROWS:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    # rows do not wake the writer (a thread switch per row costs the caller's
                    # loop the GIL): only flushes, reads and stop do; rows wait for the batch
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or not self._wake.wait(remaining):
                        break
                    self._wake.clear()
                    continue
                if item is _STOP:
                    stop = True
                    break
                if isinstance(item, _Row):
                    self._keep(item)
                    new += 1
                    continue
                if isinstance(item, _Job):
                    try:
                        item.run()
                    except Exception:
                        log.exception("curator store: a recording job failed; nothing kept")
                    new += 1
                    continue
                waiting.append(item)
                break
            urgent = stop or bool(waiting)
            if db is None and (urgent or time.monotonic() >= retry_at):
                db = self._open()
                if db is None:
                    retry_at = time.monotonic() + wait
                    wait = min(wait * 2, self.retry_max_seconds)
                else:
                    wait = RETRY_FIRST_SECONDS
                    last_prune = time.monotonic()
            if db is not None and self._pending:
                db = self._drain(db)
                if db is None:
                    retry_at = time.monotonic() + wait
            for item in waiting:
                if isinstance(item, _Marker):
                    item.done.set()
                else:
                    self._run_read(db, item)
            if db is not None and time.monotonic() - last_prune > DAY:
                try:
                    self._prune(db)
                except DatabaseError as exc:
                    log.warning("curator store: pruning failed: %s", exc)
                last_prune = time.monotonic()
        if self._pending:
            log.error(
                "curator store: %d row(s) could not be saved to %s before stopping",
                len(self._pending),
                self.label,
            )
        if db is not None:
            db.close()

    def _keep(self, row: _Row) -> None:
        if len(self._pending) >= self.buffer_rows:
            self._pending.popleft()
            self.dropped += 1
        self._pending.append(row)

    def _open(self) -> Connection | None:
        """Connect, migrate if needed (under the lock) and prune; None if the database is down."""
        assert self.database is not None
        db: Connection | None = None
        try:
            db = self.database.open()
            self._prune(db)
        except DatabaseError as exc:
            if db is not None:
                db.close()
            self._down(exc)
            return None
        if not self._pending:
            self._up()
        return db

    def _drain(self, db: Connection) -> Connection | None:
        """Commit everything kept, in batches; the connection, or None if the database is down."""
        while self._pending:
            batch = [self._pending[i] for i in range(min(BATCH_ROWS, len(self._pending)))]
            try:
                self._commit(db, batch)
                self.written += len(batch)
            except DatabaseUnavailable as exc:
                db.close()
                self._down(exc)
                return None
            except DatabaseError as exc:  # not an outage: rows the database refuses (a bug)
                self.write_errors += 1
                self.dropped += len(batch)
                log.error("curator store: dropped %d row(s) it refused: %s", len(batch), exc)
            for _ in batch:
                self._pending.popleft()
        self._up()
        return db

    def _down(self, exc: DatabaseError) -> None:
        self.write_errors += 1
        if self.available is not False:  # one line per outage, not one per attempt
            log.error(
                "curator store unavailable: %s; still answering, keeping up to %d rows in "
                "memory until it is back",
                exc,
                self.buffer_rows,
            )
        self.available = False

    def _up(self) -> None:
        if self.available is False:
            log.warning(
                "curator store is back: %s%s",
                self.label,
                f" ({self.dropped} row(s) were dropped while it was down)" if self.dropped else "",
            )
        self.available = True

    @staticmethod
    def _commit(db: Connection, batch: Sequence[_Row]) -> None:
        with db.transaction():
            for row in batch:
                db.execute(row.sql, row.args)

    def _run_read(self, db: Connection | None, item: _Read) -> None:
        if db is None:
            item.future.set_exception(DatabaseUnavailable(f"{self.label} is unavailable"))
            return
        try:
            item.future.set_result(item.run(db))
        except Exception as exc:
            item.future.set_exception(exc)

    def _prune(self, db: Connection) -> None:
        cutoff = int(self._clock()) - self.retention_days * DAY
        with db.transaction():
            db.execute("DELETE FROM unanswered WHERE ts < ?", (cutoff,))
            db.execute("DELETE FROM picks WHERE ts < ?", (cutoff,))
            db.execute("DELETE FROM votes WHERE day < ?", (cutoff // DAY,))
            db.execute("DELETE FROM hits WHERE day < ?", (cutoff // DAY,))

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far was tried; True if it is all written, False if
        some is still kept in memory (the database is down) or it took too long."""
        if self._thread is None:
            return True
        marker = _Marker()
        self._urgent(marker)
        return marker.done.wait(timeout) and not self._pending

    def close(self, timeout: float = 10.0) -> None:
        """Write everything still queued (one last try if the database is down) and stop."""
        if self._thread is None:
            return
        self._urgent(_STOP)
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.error("curator store: still writing after %.0f s; giving up", timeout)
        self._thread = None
        self.enabled = False
