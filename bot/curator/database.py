"""Where the curator data lives: one schema, two engines.

SQLite (`BOT_DB_PATH`) is the embedded default: nothing to install, one file per process.
PostgreSQL (`BOT_DB_URL=postgresql://...`, through psycopg 3) is the shared store: every shard
process on every machine writes to the one database, and the report reads all of it.

Both engines get the same schema from the same migrations (`bot.curator.schema`), applied
once under a lock (SQLite: a write transaction taken before the version is read; PostgreSQL:
an advisory lock), so processes that start together on a new database never race.

SQL is written once, with `?` placeholders and the subset both engines share; `Connection`
translates placeholders and errors. Errors come out as two kinds: `DatabaseUnavailable`
(cannot connect, locked, disk full, read-only, not a database: worth waiting for) and
`DatabaseError` (anything else).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from bot.curator.schema import MIGRATIONS, SCHEMA_VERSION, render

if TYPE_CHECKING:
    import psycopg

    from bot.config import Settings

#: any constant shared by every process: the PostgreSQL advisory lock held while migrating
MIGRATION_LOCK = 0x43434D  # "CCM"
CONNECT_TIMEOUT = 5


class DatabaseError(Exception):
    """Something went wrong in the database; the message is fit for a person."""


class DatabaseUnavailable(DatabaseError):
    """The database cannot be reached or written right now (down, locked, full, read-only)."""


class SchemaTooOld(DatabaseError):
    """A reader (the report) found a schema older than this bot's, and readers never migrate."""


Row = tuple[Any, ...]
T = TypeVar("T")


class Connection(ABC):
    """One open connection, engine differences hidden: `?` placeholders, two error kinds."""

    @abstractmethod
    def execute(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        """Run one statement; the rows it returns (empty for writes)."""

    @abstractmethod
    def transaction(self, *, lock: bool = False) -> contextlib.AbstractContextManager[None]:
        """A write transaction, committed on success; `lock` also takes the migration lock."""

    @abstractmethod
    def schema_version(self) -> int | None:
        """The schema version, or None when the database has never been migrated."""

    @abstractmethod
    def set_schema_version(self, version: int) -> None:
        """Record the schema version (inside the migration transaction)."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection; never raises."""


class Database(ABC):
    """An engine and its address; `connect()` opens connections to it."""

    #: "sqlite" or "postgresql": picks the dialect of the migrations
    engine: str

    @property
    @abstractmethod
    def label(self) -> str:
        """Where the data is, for log lines and messages (never a password)."""

    @abstractmethod
    def connect(self, *, read_only: bool = False) -> Connection:
        """Open a connection; `read_only` ones can never write (the report's)."""

    @abstractmethod
    def created(self) -> bool:
        """False when nothing was ever recorded here (a report on it is empty)."""

    def open(self) -> Connection:
        """A connection to a schema at SCHEMA_VERSION: migrated here if needed, under a lock."""
        db = self.connect()
        try:
            migrate(db)
        except BaseException:
            db.close()
            raise
        return db

    def read(self, run: Callable[[Connection], T]) -> T | None:
        """`run` on a read-only connection to an up-to-date schema; None when nothing was ever
        recorded here. Raises SchemaTooOld rather than migrating: a reader never writes."""
        if not self.created():
            return None
        db = self.connect(read_only=True)
        try:
            version = db.schema_version()
            if not version:
                return None
            if version < SCHEMA_VERSION:
                raise SchemaTooOld(
                    f"{self.label} holds schema version {version}, older than this bot's "
                    f"({SCHEMA_VERSION}); start the bot or `python -m bot chat` once to upgrade "
                    "it (a report never writes to the database)"
                )
            if version > SCHEMA_VERSION:
                raise DatabaseError(
                    f"{self.label} holds schema version {version}, newer than this bot's "
                    f"({SCHEMA_VERSION}): update the bot"
                )
            return run(db)
        finally:
            db.close()


def migrate(db: Connection) -> int:
    """Bring the schema to SCHEMA_VERSION in one transaction under the migration lock, reading
    the version only once the lock is held; returns the version found."""
    if db.schema_version() == SCHEMA_VERSION:
        return SCHEMA_VERSION
    with db.transaction(lock=True):
        old = db.schema_version() or 0
        if old > SCHEMA_VERSION:
            raise DatabaseError(f"schema {old} is newer than this bot's ({SCHEMA_VERSION})")
        engine = "postgresql" if isinstance(db, PostgresConnection) else "sqlite"
        for version in range(old, SCHEMA_VERSION):
            for statement in MIGRATIONS[version]:
                db.execute(render(statement, engine))
        if old != SCHEMA_VERSION:
            db.set_schema_version(SCHEMA_VERSION)
    return old


# -- SQLite ---------------------------------------------------------------------------------
def _sqlite_error(exc: sqlite3.Error, label: str) -> DatabaseError:
    """sqlite3's error as one of ours: what can pass (locked, full, read-only) is unavailable."""
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError:
        if "file is not a database" in text:
            text = "not a SQLite database"
        return DatabaseUnavailable(f"{label}: {text}")
    return DatabaseError(f"{label}: {text}")


class SqliteConnection(Connection):
    """sqlite3 in autocommit mode; transactions are explicit (BEGIN IMMEDIATE)."""

    def __init__(self, raw: sqlite3.Connection, label: str = "SQLite") -> None:
        self.raw = raw
        self.label = label

    def execute(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        """Run one statement, errors translated."""
        try:
            return self.raw.execute(sql, tuple(args)).fetchall()
        except sqlite3.Error as exc:
            raise _sqlite_error(exc, self.label) from exc

    @contextlib.contextmanager
    def transaction(self, *, lock: bool = False) -> Iterator[None]:
        """BEGIN IMMEDIATE takes the write lock at once: it is also the migration lock."""
        self.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                if self.raw.in_transaction:
                    self.raw.execute("ROLLBACK")
            raise
        self.execute("COMMIT")

    def schema_version(self) -> int | None:
        """PRAGMA user_version (0 on a new file)."""
        return int(self.execute("PRAGMA user_version")[0][0])

    def set_schema_version(self, version: int) -> None:
        """PRAGMA user_version = N."""
        self.execute(f"PRAGMA user_version = {int(version)}")

    def close(self) -> None:
        """Close; never raises."""
        with contextlib.suppress(sqlite3.Error):
            self.raw.close()


def open_sqlite(path: Path, timeout: float = 5.0) -> sqlite3.Connection:
    """A read-write sqlite3 connection in WAL mode, autocommit, usable from any thread."""
    db = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        _wal_mode(db, timeout)
        db.execute("PRAGMA synchronous=NORMAL")
    except BaseException:
        db.close()
        raise
    return db


def _wal_mode(db: sqlite3.Connection, timeout: float) -> None:
    """Switch a database to WAL once. The switch needs the file to itself and SQLite refuses
    it at once, without waiting, while another process holds a lock (several processes
    starting together on a new file): so wait and try again, within the busy timeout."""
    deadline = time.monotonic() + timeout
    pause = 0.005
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                return
            if db.execute("PRAGMA journal_mode=WAL").fetchone()[0].lower() == "wal":
                return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc):
                raise
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked (switching to WAL mode)")
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


class SqliteDatabase(Database):
    """The embedded default: one file (`BOT_DB_PATH`), WAL mode, busy timeout for writers."""

    engine = "sqlite"

    def __init__(self, path: Path, *, busy_timeout: float = 5.0) -> None:
        self.path = Path(path)
        self.busy_timeout = busy_timeout

    @property
    def label(self) -> str:
        """The file's path."""
        return str(self.path)

    def created(self) -> bool:
        """The file exists (a folder there is an error, reported when opened)."""
        return self.path.exists()

    def connect(self, *, read_only: bool = False) -> Connection:
        """Read-write in WAL mode, or read-only (`mode=ro`, never creating or changing a file)."""
        if self.path.is_dir():
            raise DatabaseUnavailable(f"{self.path} is a folder, not a SQLite database file")
        try:
            if read_only:
                return SqliteConnection(self._read_only(), self.label)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return SqliteConnection(open_sqlite(self.path, self.busy_timeout), self.label)
        except sqlite3.Error as exc:
            raise _sqlite_error(exc, self.label) from exc
        except OSError as exc:
            raise DatabaseUnavailable(f"{self.label}: {exc.strerror or exc}") from exc

    def read(self, run: Callable[[Connection], T]) -> T | None:
        """Read without creating or changing any file (see `_read_only`); if a writer opened
        the database while an immutable read was under way, read again the shared way."""
        wal = Path(f"{self.path}-wal")
        existed = wal.exists()
        result = super().read(run)
        if not existed and wal.exists():
            result = super().read(run)
        return result

    def _read_only(self) -> sqlite3.Connection:
        """Read-only, creating nothing beside the database (a report run as another user
        must not leave files the bot cannot open). With no -wal file beside it, nobody has
        the database open and every commit is in the main file: read it as immutable. With
        one, a writer may be at work: share its -wal and -shm files (mode=ro)."""
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        if not Path(f"{self.path}-wal").exists():
            uri += "&immutable=1"
        db = sqlite3.connect(uri, uri=True, timeout=self.busy_timeout, check_same_thread=False)
        try:
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            db.close()
            if "unable to open" not in str(exc) and "readonly" not in str(exc):
                raise
            # -wal and -shm on a read-only file system: nobody can be writing there
            db = sqlite3.connect(
                uri + "&immutable=1", uri=True, timeout=self.busy_timeout, check_same_thread=False
            )
        except BaseException:
            db.close()
            raise
        return db


# -- PostgreSQL -----------------------------------------------------------------------------
def _pg_error(exc: Exception, label: str) -> DatabaseError:
    """psycopg's error as one of ours: connection and resource problems are unavailable."""
    import psycopg

    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return DatabaseUnavailable(f"{label}: {text}")
    return DatabaseError(f"{label}: {text}")


class PostgresConnection(Connection):
    """psycopg 3 in autocommit mode; `transaction()` opens a real one."""

    def __init__(self, raw: psycopg.Connection[Any], label: str) -> None:
        self.raw = raw
        self.label = label

    def execute(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        """Run one statement (`?` becomes `%s`), errors translated."""
        import psycopg

        try:
            cursor = self.raw.execute(sql.replace("?", "%s"), tuple(args))
            return list(cursor.fetchall()) if cursor.description else []
        except psycopg.Error as exc:
            raise _pg_error(exc, self.label) from exc

    @contextlib.contextmanager
    def transaction(self, *, lock: bool = False) -> Iterator[None]:
        """A transaction; with `lock`, the advisory migration lock is held around it.

        The lock is taken before the transaction begins, not inside it: a transaction that
        begins once the lock is held sees the catalog as the previous holder left it (a lock
        taken mid-transaction can leave a stale cache saying a table does not exist)."""
        import psycopg

        if lock:
            self.execute("SELECT pg_advisory_lock(?)", (MIGRATION_LOCK,))
        try:
            with self.raw.transaction():
                yield
        except psycopg.Error as exc:
            raise _pg_error(exc, self.label) from exc
        finally:
            if lock:
                with contextlib.suppress(DatabaseError):  # a lost session released it anyway
                    self.execute("SELECT pg_advisory_unlock(?)", (MIGRATION_LOCK,))

    def schema_version(self) -> int | None:
        """From the schema_version table; None when it does not exist yet."""
        exists = self.execute("SELECT to_regclass('schema_version') IS NOT NULL")[0][0]
        if not exists:
            return None
        rows = self.execute("SELECT version FROM schema_version")
        return int(rows[0][0]) if rows else 0

    def set_schema_version(self, version: int) -> None:
        """Create the version table if needed (under the migration lock) and set it."""
        self.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        self.execute("DELETE FROM schema_version")
        self.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))

    def close(self) -> None:
        """Close; never raises."""
        with contextlib.suppress(Exception):
            self.raw.close()


class PostgresDatabase(Database):
    """The shared store: `BOT_DB_URL=postgresql://user:password@host:port/dbname`."""

    engine = "postgresql"

    def __init__(self, url: str, *, connect_timeout: int = CONNECT_TIMEOUT) -> None:
        self.url = url
        self.connect_timeout = connect_timeout

    @property
    def label(self) -> str:
        """`PostgreSQL database NAME on HOST:PORT`, never the password."""
        try:
            from psycopg.conninfo import conninfo_to_dict

            info = conninfo_to_dict(self.url)
        except Exception:
            return "the PostgreSQL database in BOT_DB_URL"
        host = info.get("host") or "localhost"
        port = info.get("port") or 5432
        return f"PostgreSQL database {info.get('dbname') or '?'} on {host}:{port}"

    def created(self) -> bool:
        """Always worth a look: the server says whether the schema exists."""
        return True

    def connect(self, *, read_only: bool = False) -> Connection:
        """Autocommit; a read-only connection has every transaction read-only."""
        import psycopg

        options = "-c default_transaction_read_only=on" if read_only else ""
        try:
            raw = psycopg.connect(
                self.url,
                autocommit=True,
                connect_timeout=self.connect_timeout,
                application_name="ccm-faq-bot",
                options=options,
            )
        except psycopg.Error as exc:
            raise _pg_error(exc, self.label) from exc
        return PostgresConnection(raw, self.label)


def database_from_settings(settings: Settings) -> Database:
    """PostgreSQL when BOT_DB_URL is set, otherwise the SQLite file at BOT_DB_PATH."""
    if settings.db_url is not None:
        return PostgresDatabase(settings.db_url.get_secret_value())
    return SqliteDatabase(settings.db_path)
