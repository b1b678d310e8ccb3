"""A real PostgreSQL server for the tests: initdb into a temporary folder, listening on
127.0.0.1 and a free port only, stopped and removed at the end.

Debian's `postgresql` package provides the binaries (`.ci/run` installs it when missing).
initdb refuses to run as root, so as root the server runs as the `postgres` system user when
it exists, otherwise as `nobody`. Authentication is `trust` on a loopback-only throwaway
server; durability is off (fsync) because nothing here outlives the test run.

When the binaries cannot be found the tests that need them fail under CI (CI=true) and are
skipped, with the reason, elsewhere.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

SUPERUSER = "ccm"


def find_bindir() -> Path | None:
    """The newest PostgreSQL server binaries on this machine (Debian's layout, then PATH)."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if candidates:
        return Path(candidates[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def require_bindir() -> Path:
    """The binaries, or a loud failure under CI and a skip with the reason elsewhere."""
    bindir = find_bindir()
    if bindir is not None:
        return bindir
    reason = (
        "PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin/initdb); "
        "install Debian's postgresql package (.ci/run does)"
    )
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """One throwaway server; `url(dbname)` addresses a database on it."""

    _names = itertools.count(1)

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="ccm-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self._user: tuple[int, int] | None = None
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                with contextlib.suppress(KeyError):
                    entry = pwd.getpwnam(name)
                    self._user = (entry.pw_uid, entry.pw_gid)
                    break
            if self._user is None:
                raise RuntimeError("running as root and no postgres or nobody user to run as")
            os.chown(self.root, *self._user)

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        kwargs: dict[str, object] = {}
        if self._user is not None:
            kwargs.update(user=self._user[0], group=self._user[1], extra_groups=[])
        return subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.root,
            check=False,
            **kwargs,  # type: ignore[arg-type]
        )

    def start(self) -> PostgresServer:
        """initdb (once) and start on a free loopback port; raises with the server's log."""
        if not self.data.exists():
            done = self._run(
                "initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                "-E", "UTF8", "--locale=C", "-N",
            )  # fmt: skip
            if done.returncode != 0:
                raise RuntimeError(f"initdb failed: {done.stderr or done.stdout}")
        for attempt in range(5):
            if attempt or not self.port:  # a restart keeps its port while it is free
                self.port = free_port()
            options = (
                f"-p {self.port} -h 127.0.0.1 -k {self.root} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
            )
            done = self._run(
                "pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
                "-w", "-t", "30", "-o", options, "start",
            )  # fmt: skip
            if done.returncode == 0:
                return self
            time.sleep(0.2)  # the port was taken in between: try another
        log = (self.root / "server.log").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"PostgreSQL did not start: {done.stderr}\n{log}")

    def stop(self) -> None:
        """Stop the server (fast shutdown); the data folder stays for `start()` again."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        """Stop and delete everything."""
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres") -> str:
        """A connection URL for one database on this server (loopback only)."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"test_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
        return self.url(name)
