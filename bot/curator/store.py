"""The curator store: what people asked that we could not answer, what they picked instead,
votes and hit counts. SQLite through the standard library, in WAL mode.

Privacy: no user ids or names are stored; only the normalized question text of declined and
clarified questions, the guild id and the kind of channel. Rows older than the retention
period (`BOT_RETENTION_DAYS`) are pruned.

Writes never block the caller: `record_*` puts a row on a queue and a writer thread commits
in batches (at most FLUSH_SECONDS apart); `close()` flushes everything on a normal shutdown;
a crash loses at most the last batch and, thanks to SQLite's journal, never corrupts the
file. If the database cannot be opened or written (locked, read-only, missing folder), one
clear line goes to the log and the bot keeps answering without recording.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FLUSH_SECONDS = 0.5
BATCH_ROWS = 500
DAY = 86_400

#: Each step upgrades the schema by one version (PRAGMA user_version). Never edit a step that
#: has shipped: add a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: unanswered questions, picks, votes, hits
        """CREATE TABLE unanswered (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL,
            question TEXT NOT NULL, status TEXT NOT NULL, top_id TEXT, top_score REAL,
            guild_id INTEGER)""",
        """CREATE TABLE picks (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL,
            question TEXT NOT NULL, entry_id TEXT NOT NULL, guild_id INTEGER)""",
        """CREATE TABLE votes (day INTEGER NOT NULL, entry_id TEXT NOT NULL,
            up INTEGER NOT NULL DEFAULT 0, down INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (day, entry_id))""",
        """CREATE TABLE hits (day INTEGER NOT NULL, entry_id TEXT NOT NULL,
            count INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (day, entry_id))""",
    ),
    (  # 2: where a question was asked (guild channel, DM, terminal), and indexes for reports
        "ALTER TABLE unanswered ADD COLUMN channel_kind TEXT NOT NULL DEFAULT 'unknown'",
        "CREATE INDEX unanswered_ts ON unanswered (ts)",
        "CREATE INDEX picks_ts ON picks (ts)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: Path, *, timeout: float = 5.0) -> sqlite3.Connection:
    """Open the SQLite database in WAL mode, autocommit, usable from the writer thread."""
    db = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def migrate(db: sqlite3.Connection) -> int:
    """Bring the schema to SCHEMA_VERSION, one transaction per step. Returns the old version."""
    old = int(db.execute("PRAGMA user_version").fetchone()[0])
    if old > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(f"schema {old} is newer than this bot's ({SCHEMA_VERSION})")
    for version in range(old, SCHEMA_VERSION):
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[version]:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return old


@dataclass(frozen=True)
class _Row:
    sql: str
    args: tuple[Any, ...]
    done: threading.Event | None = None  # a flush marker: set once everything before is saved


class Store:
    """Records curator data off the caller's thread. Use `Store.disabled()` where none is wanted."""

    def __init__(
        self,
        path: Path | None,
        *,
        retention_days: int = 180,
        clock: Callable[[], float] = time.time,
        busy_timeout: float = 5.0,
    ) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self.retention_days = retention_days
        self._clock = clock
        self._queue: queue.SimpleQueue[_Row | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._failed = False
        self.enabled = False
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = connect(path, timeout=busy_timeout)
            migrate(db)
            self._prune(db)
            db.close()
        except (OSError, sqlite3.Error) as exc:
            log.error(
                "curator store disabled: cannot use %s (%s); answering without recording", path, exc
            )
            return
        self.enabled = True
        self._thread = threading.Thread(target=self._writer, name="curator-store", daemon=True)
        self._thread.start()

    @classmethod
    def disabled(cls) -> Store:
        """A store that records nothing (tools, tests, `ask --json`)."""
        return cls(None)

    # -- recording (any thread, never blocks) -------------------------------------------------
    def record_unanswered(
        self,
        question: str,
        status: str,
        top_id: str | None,
        top_score: float,
        guild_id: int | None,
        channel_kind: str,
    ) -> None:
        """A question the bot declined or asked back about, with the nearest entry."""
        self._put(
            "INSERT INTO unanswered (ts, question, status, top_id, top_score, guild_id, "
            "channel_kind) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                int(self._clock()),
                question[:500],
                status,
                top_id,
                round(top_score, 4),
                guild_id,
                channel_kind,
            ),
        )

    def record_pick(self, question: str, entry_id: str, guild_id: int | None) -> None:
        """A suggestion picked after the question it was offered for."""
        self._put(
            "INSERT INTO picks (ts, question, entry_id, guild_id) VALUES (?, ?, ?, ?)",
            (int(self._clock()), question[:500], entry_id, guild_id),
        )

    def record_hit(self, entry_id: str) -> None:
        """One answer given for `entry_id` today."""
        self._put(
            "INSERT INTO hits (day, entry_id, count) VALUES (?, ?, 1) ON CONFLICT "
            "(day, entry_id) DO UPDATE SET count = count + 1",
            (self._day(), entry_id),
        )

    def record_vote(self, entry_id: str, *, up: bool) -> None:
        """A 👍 or 👎 on `entry_id` today."""
        column = "up" if up else "down"
        self._put(
            f"INSERT INTO votes (day, entry_id, {column}) VALUES (?, ?, 1) ON CONFLICT "
            f"(day, entry_id) DO UPDATE SET {column} = {column} + 1",
            (self._day(), entry_id),
        )

    def _day(self) -> int:
        return int(self._clock()) // DAY

    def _put(self, sql: str, args: tuple[Any, ...]) -> None:
        if self.enabled:
            self._queue.put(_Row(sql, args))

    # -- the writer thread -----------------------------------------------------------------------
    def _writer(self) -> None:
        assert self.path is not None
        try:
            db = connect(self.path, timeout=self.busy_timeout)
        except sqlite3.Error as exc:
            log.error("curator store disabled: %s", exc)
            self.enabled = False
            return
        stop = False
        last_prune = self._clock()
        while not stop:
            batch: list[_Row] = []
            markers: list[threading.Event] = []
            deadline = time.monotonic() + FLUSH_SECONDS
            while len(batch) < BATCH_ROWS:
                try:
                    row = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    break
                if row is None:
                    stop = True
                    break
                if row.done is not None:
                    markers.append(row.done)
                    break
                batch.append(row)
            if batch:
                self._commit(db, batch)
            for marker in markers:
                marker.set()
            if self._clock() - last_prune > DAY:
                self._prune(db)
                last_prune = self._clock()
        db.close()

    def _commit(self, db: sqlite3.Connection, batch: Iterable[_Row]) -> None:
        try:
            db.execute("BEGIN IMMEDIATE")
            for row in batch:
                db.execute(row.sql, row.args)
            db.execute("COMMIT")
            self._failed = False
        except sqlite3.Error as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if not self._failed:  # one line per outage, not one per batch
                log.error("curator store: could not record (%s); still answering", exc)
            self._failed = True

    def _prune(self, db: sqlite3.Connection) -> None:
        cutoff = int(self._clock()) - self.retention_days * DAY
        try:
            db.execute("DELETE FROM unanswered WHERE ts < ?", (cutoff,))
            db.execute("DELETE FROM picks WHERE ts < ?", (cutoff,))
            db.execute("DELETE FROM votes WHERE day < ?", (cutoff // DAY,))
            db.execute("DELETE FROM hits WHERE day < ?", (cutoff // DAY,))
        except sqlite3.Error as exc:
            log.warning("curator store: pruning failed: %s", exc)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far is committed; False if it took too long."""
        if not self.enabled or self._thread is None:
            return True
        done = threading.Event()
        self._queue.put(_Row("", (), done))
        return done.wait(timeout)

    def close(self, timeout: float = 10.0) -> None:
        """Commit everything still queued and stop the writer (normal shutdown)."""
        if self._thread is None:
            return
        self._queue.put(None)
        self._thread.join(timeout)
        self._thread = None
        self.enabled = False
