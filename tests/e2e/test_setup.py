"""Setup as a newcomer meets it: `make run` with the wrong Python, then the right one.

Runs make in a copy of the project (never touching this checkout's .venv). The second test
installs the locked packages into a fresh .venv (about half a minute, from the package
index or pip's cache). Skipped where no Python 3.10 exists to try.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT

COPY_IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "build", "data", ".env", "__pycache__", "*.egg-info", ".*_cache", ".hypothesis"
)


def python(version: str) -> str | None:
    """An interpreter of this minor version that really runs, or None."""
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(
        glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python{version}"))
    )
    for path in filter(None, candidates):
        done = subprocess.run(
            [path, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0 and done.stdout.strip() == version:
            return path
    return None


PY310 = python("3.10")
pytestmark = pytest.mark.skipif(PY310 is None, reason="no Python 3.10 on this machine to try")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    return copy


def make(project: Path, *args: str, python: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISCORD_TOKEN", "MAKEFLAGS", "MAKELEVEL", "MFLAGS", "VIRTUAL_ENV"}
    }
    env.update(PYTHON=python, BOT_DB_PATH=str(project / "data" / "bot.sqlite3"))
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=project,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_an_old_python_stops_make_at_once_in_one_line(project: Path) -> None:
    assert PY310 is not None
    for goal in ("run", "test", "setup"):
        done = make(project, goal, python=PY310)
        assert done.returncode != 0
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        assert "3.10" in lines[0] and "3.11 or newer" in lines[0] and f"make {goal}" in lines[0]
        assert done.stdout == ""
    assert not (project / ".venv").exists()


@pytest.mark.timeout(600)
def test_a_venv_from_another_python_is_made_again(project: Path) -> None:
    """What an old Makefile left behind (a 3.10 .venv, install failed) needs no make clean."""
    assert PY310 is not None
    subprocess.run([PY310, "-m", "venv", "--without-pip", str(project / ".venv")], check=True)
    py311 = python("3.11") or sys.executable
    done = make(project, "run", python=py311)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert ".venv was made with Python 3.10" in done.stderr
    assert "terminal chat" in done.stdout and "Bye!" in done.stdout
    version = subprocess.run(
        [
            str(project / ".venv" / "bin" / "python"),
            "-c",
            "import sys; print(sys.version_info[:2])",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.strip() == "(3, 11)"
    again = make(project, "setup", python=py311)  # up to date: nothing installed
    assert again.returncode == 0 and again.stderr == "" and again.stdout == ""
