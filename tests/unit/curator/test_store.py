"""The curator store: concurrency, crashes, migrations, unusable files, retention."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bot.curator.store import DAY, MIGRATIONS, SCHEMA_VERSION, Store
from tests.paths import ROOT


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


async def test_concurrent_writes_from_many_coroutines(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")

    async def asker(n: int) -> None:
        for i in range(100):
            store.record_unanswered(f"question {n}-{i}", "declined", None, 0.1, 1, "guild")
            store.record_hit("ccm-what")
            if i % 10 == 0:
                await asyncio.sleep(0)

    await asyncio.gather(*(asker(n) for n in range(50)))
    assert store.flush()
    store.close()
    assert count(tmp_path / "s.sqlite3", "unanswered") == 5000
    with sqlite3.connect(tmp_path / "s.sqlite3") as db:
        assert db.execute("SELECT SUM(count) FROM hits").fetchone()[0] == 5000


def test_close_flushes_everything_queued(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    for i in range(2000):
        store.record_pick(f"q{i}", "k5-belt", None)
    store.close()
    assert count(tmp_path / "s.sqlite3", "picks") == 2000


def test_kill_mid_write_never_corrupts(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from bot.curator.store import Store
        store = Store(Path({str(path)!r}))
        print("ready", flush=True)
        i = 0
        while True:
            store.record_unanswered(f"question {{i}}", "declined", None, 0.2, None, "terminal")
            i += 1
            if i % 200 == 0:
                time.sleep(0.001)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(1.5)  # several batches committed, one in flight
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = count(path, "unanswered")
    assert rows > 0
    reopened = Store(path)  # and the store keeps working on the same file
    reopened.record_unanswered("after the crash", "declined", None, 0.1, None, "terminal")
    reopened.close()
    assert count(path, "unanswered") == rows + 1


def test_migrates_an_older_schema_keeping_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        for statement in MIGRATIONS[0]:
            db.execute(statement)
        db.execute("PRAGMA user_version = 1")
        db.execute(
            "INSERT INTO unanswered (ts, question, status, top_id, top_score, guild_id) "
            "VALUES (?, 'old question', 'declined', NULL, 0.1, 7)",
            (int(time.time()),),
        )
    Store(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("SELECT question, channel_kind FROM unanswered").fetchall() == [
            ("old question", "unknown")
        ]


def test_unusable_path_logs_one_line_and_keeps_going(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with caplog.at_level(logging.ERROR):
        store = Store(blocker / "bot.sqlite3")
        for _ in range(100):
            store.record_hit("ccm-what")  # silently dropped
        store.close()
    assert not store.enabled
    assert len([r for r in caplog.records if "curator store" in r.getMessage()]) == 1


def test_locked_database_logs_once_and_recovers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store(path, busy_timeout=0.05)
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    with caplog.at_level(logging.ERROR):
        for batch in range(3):
            store.record_hit(f"entry-{batch}")
            assert store.flush()
    locker.execute("ROLLBACK")
    locker.close()
    store.record_hit("after")
    assert store.flush()
    store.close()
    errors = [r for r in caplog.records if "could not record" in r.getMessage()]
    assert len(errors) == 1  # one line per outage
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT entry_id FROM hits").fetchall() == [("after",)]


def test_retention_prunes_old_rows(tmp_path: Path) -> None:
    now = 1_800_000_000.0
    old = Store(tmp_path / "s.sqlite3", clock=lambda: now - 200 * DAY)
    old.record_unanswered("ancient", "declined", None, 0.1, None, "guild")
    old.record_vote("k5-belt", up=False)
    old.close()
    fresh = Store(tmp_path / "s.sqlite3", retention_days=180, clock=lambda: now)
    fresh.record_unanswered("recent", "declined", None, 0.1, None, "guild")
    fresh.close()
    with sqlite3.connect(tmp_path / "s.sqlite3") as db:
        assert db.execute("SELECT question FROM unanswered").fetchall() == [("recent",)]
        assert db.execute("SELECT COUNT(*) FROM votes").fetchone()[0] == 0
