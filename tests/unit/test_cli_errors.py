"""No traceback reaches a person: each mistake a newcomer can make on the command line, in a
setting or in the store is one clear line naming what is at fault, and a non-zero exit.

Each case runs `python -m bot` as a real process, so that nothing printed by the interpreter
(a traceback, a logging dump) can hide from the test.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.curator.store import Store
from tests.paths import ROOT

LOG_LINE = (" INFO ", " DEBUG ")  # timestamped log lines of the normal kind


def bot(
    *args: str, cwd: Path, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Run `python -m bot ARGS` in `cwd` (no .env there) with only `env` as settings."""
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("BOT_") and k != "DISCORD_TOKEN"
    }
    clean.update(PYTHONPATH=str(ROOT), BOT_DB_PATH=str(cwd / "bot.sqlite3"))
    clean.update(env or {})
    return subprocess.run(
        [*prefix, sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def one_line(
    proc: subprocess.CompletedProcess[str], *expected: str, code: int | None = None
) -> str:
    """The process failed with exactly one line (besides routine log lines), no traceback."""
    assert proc.returncode != 0, proc
    if code is not None:
        assert proc.returncode == code, proc
    everything = proc.stdout + proc.stderr
    assert "Traceback" not in everything and "Error:" not in everything.replace(
        "configuration error:", ""
    ), everything
    lines = [
        line
        for line in proc.stderr.splitlines()
        if line.strip() and not any(m in line for m in LOG_LINE)
    ]
    assert len(lines) == 1, proc.stderr
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    path = tmp_path / "store" / "bot.sqlite3"
    store = Store(path)
    store.record_unanswered("where can i volunteer", "declined", None, 0.2, 7, "guild")
    store.close()
    return path


def test_report_since_yesterday(tmp_path: Path) -> None:
    one_line(bot("report", "--since", "yesterday", cwd=tmp_path), "--since", "yesterday", code=2)


def test_kb_suggest_since_an_impossible_date(tmp_path: Path) -> None:
    one_line(
        bot("kb", "suggest", "--since", "2026-13-01", cwd=tmp_path),
        "kb suggest",
        "--since",
        "month must be in 1..12",
        code=2,
    )


def test_report_html_into_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    one_line(
        bot("report", "--html", str(tmp_path / "nowhere" / "r.html"), cwd=tmp_path),
        "--html",
        "does not exist",
        code=2,
    )
    assert not (tmp_path / "nowhere").exists()


def test_report_guild_that_is_not_a_number(tmp_path: Path) -> None:
    one_line(bot("report", "--guild", "abc", cwd=tmp_path), "--guild", "abc", code=2)


def test_report_on_a_database_path_that_is_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    one_line(bot("report", cwd=tmp_path, env={"BOT_DB_PATH": str(folder)}), "BOT_DB_PATH", "folder")


def test_report_on_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database at all\n" * 100)
    before = path.read_bytes()
    one_line(
        bot("report", cwd=tmp_path, env={"BOT_DB_PATH": str(path)}),
        "BOT_DB_PATH",
        "not a SQLite database",
    )
    assert path.read_bytes() == before


def test_report_on_an_older_schema_says_how_to_upgrade_and_changes_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE unanswered (id INTEGER PRIMARY KEY, ts INTEGER)")
        db.execute("PRAGMA user_version = 1")
    before = path.read_bytes()
    one_line(bot("report", cwd=tmp_path, env={"BOT_DB_PATH": str(path)}), "schema version 1")
    assert path.read_bytes() == before


# -- a full disk and a read-only file system, made with a private mount namespace -----------
def _namespace_prefix() -> tuple[str, ...]:
    """Run in a new mount namespace (user namespace too when not root), or skip/fail."""
    unshare = shutil.which("unshare")
    reason = "needs unshare and mount namespaces to make a small or read-only file system"
    if unshare is not None:
        prefix = (unshare, "-m") if os.geteuid() == 0 else (unshare, "-r", "-m")
        probe = subprocess.run(
            [*prefix, "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
            capture_output=True,
            check=False,
        )
        if probe.returncode == 0:
            return prefix
        reason += f" ({probe.stderr.decode(errors='replace').strip()})"
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def _on_a_small_file_system(
    tmp_path: Path, store_file: Path, setup: str, *args: str
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` with the store copied onto a 1 MB tmpfs, after `setup` ran."""
    prefix = _namespace_prefix()
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    script = (
        f'mount -t tmpfs -o size=1m tmpfs "{mnt}" && cp "{store_file}" "{mnt}/bot.sqlite3" && '
        f'{setup} && exec "$@"'
    )
    return bot(
        *args,
        cwd=tmp_path,
        env={"BOT_DB_PATH": str(mnt / "bot.sqlite3")},
        prefix=(*prefix, "sh", "-c", script, "sh"),
    )


def test_report_on_a_full_disk_reads_but_cannot_write_the_page(
    tmp_path: Path, store_file: Path
) -> None:
    fill = f'(dd if=/dev/zero of="{tmp_path}/mnt/fill" bs=4k 2>/dev/null; true)'
    proc = _on_a_small_file_system(
        tmp_path, store_file, fill, "report", "--html", str(tmp_path / "mnt" / "r.html")
    )
    one_line(proc, "--html", "No space left on device", code=1)
    (tmp_path / "again").mkdir()
    fill_again = f'(dd if=/dev/zero of="{tmp_path}/again/mnt/fill" bs=4k 2>/dev/null; true)'
    proc = _on_a_small_file_system(tmp_path / "again", store_file, fill_again, "report")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "where can i volunteer" in proc.stdout  # reading needs no space


def test_report_on_a_read_only_file_system(tmp_path: Path, store_file: Path) -> None:
    read_only = f'mount -o remount,ro "{tmp_path}/mnt"'
    proc = _on_a_small_file_system(tmp_path, store_file, read_only, "report", "--json")
    assert proc.returncode == 0, proc.stderr
    assert "where can i volunteer" in proc.stdout and "Traceback" not in proc.stderr
    (tmp_path / "again").mkdir()
    proc = _on_a_small_file_system(
        tmp_path / "again",
        store_file,
        f'mount -o remount,ro "{tmp_path}/again/mnt"',
        "report",
        "--html",
        str(tmp_path / "again" / "mnt" / "r.html"),
    )
    one_line(proc, "--html", "Read-only file system", code=1)


# -- settings ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "env,expected",
    [
        ({"BOT_LOG_LEVEL": "LOUD"}, "BOT_LOG_LEVEL"),
        ({"BOT_SHARD_IDS": "[0,1", "BOT_SHARD_COUNT": "2"}, "BOT_SHARD_IDS"),
        ({"BOT_SHARD_IDS": "0,one", "BOT_SHARD_COUNT": "2"}, "BOT_SHARD_IDS"),
        ({"BOT_SHARD_COUNT": "two"}, "BOT_SHARD_COUNT"),
        ({"BOT_COOLDOWN_RATE": "lots"}, "BOT_COOLDOWN_RATE"),
        ({"BOT_COOLDOWN_SECONDS": "half a minute"}, "BOT_COOLDOWN_SECONDS"),
        ({"BOT_RETENTION_DAYS": "forever"}, "BOT_RETENTION_DAYS"),
        ({"BOT_AUTOANSWER_CONFIDENCE": "high"}, "BOT_AUTOANSWER_CONFIDENCE"),
        ({"BOT_DEV_GUILD_ID": "my-server"}, "BOT_DEV_GUILD_ID"),
        ({"BOT_METRICS_PORT": "ninety"}, "BOT_METRICS_PORT"),
        ({"BOT_DB_URL": "mysql://u:hunter2@db/x"}, "BOT_DB_URL"),
    ],
)
def test_a_bad_setting_is_one_line_naming_it(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    line = one_line(bot("report", cwd=tmp_path, env=env), "configuration error", expected, code=2)
    assert "hunter2" not in line  # a URL with a password is never echoed


# -- the knowledge base ----------------------------------------------------------------------
def test_a_yaml_syntax_error_is_one_line_not_a_cascade(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    path = tmp_path / "knowledge" / "cambodia.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("  question:"))
    lines[n] = "   " + lines[n].strip() + ' "'  # a stray indent and quote: a syntax error
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {"BOT_KNOWLEDGE_DIR": str(tmp_path / "knowledge"), "BOT_SEEDS_DIR": str(ROOT / "seeds")}
    for args in (("kb", "check"), ("ask", "what is the ccm?")):
        one_line(bot(*args, cwd=tmp_path, env=env), "cambodia.yaml", "YAML syntax error", code=1)
