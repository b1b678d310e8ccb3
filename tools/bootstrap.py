"""Make .venv match the interpreter chosen and the lock, for `make setup`, `run`, `test`, `lock`.

Run by the interpreter .venv should use (the Makefile has already checked it is 3.11+):
- a .venv made by another interpreter (another version or installation, or one that no
  longer runs) is removed and made again, so switching PYTHON never needs `make clean`;
- packages are installed from the lock (requirements-dev.txt, exact versions and hashes),
  then the project itself without dependencies; `pip check` then catches a lock that is
  out of date with pyproject.toml;
- a stamp records what was installed (lock, pyproject.toml, interpreter), so an up-to-date
  .venv costs one interpreter start.

`--bare` only makes sure .venv exists with the right interpreter (for `make lock`).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
LOCK = ROOT / "requirements-dev.txt"
STAMP = VENV / ".installed"
IDENTITY = "import sys; print(sys.base_prefix, sys.version.split()[0])"


def say(text: str) -> None:
    """One line for the person running make."""
    print(f"make: {text}", file=sys.stderr, flush=True)


def identity_of_venv() -> str | None:
    """Which installation and version .venv's interpreter is; None if it doesn't run."""
    try:
        done = subprocess.run(
            [str(PY), "-c", IDENTITY], capture_output=True, text=True, timeout=60, check=False
        )
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def pip(*args: str) -> None:
    """Run pip in .venv; stop make on failure (pip has printed why)."""
    done = subprocess.run([str(PY), "-m", "pip", *args], check=False)
    if done.returncode != 0:
        sys.exit(done.returncode)


def main(argv: list[str]) -> int:
    """Make or refresh .venv; see the module docstring."""
    mine = f"{sys.base_prefix} {sys.version.split()[0]}"
    if VENV.exists():
        theirs = identity_of_venv()
        if theirs != mine:
            was = f"Python {theirs.split()[-1]}" if theirs else "an interpreter that no longer runs"
            version = mine.split()[-1]
            say(f".venv was made with {was}; making it again with {sys.executable} ({version})")
            shutil.rmtree(VENV)
    if not VENV.exists():
        venv.EnvBuilder(with_pip=True, symlinks=True).create(VENV)
    if "--bare" in argv:
        return 0
    if not LOCK.exists():
        say(f"{LOCK.name} is missing: run `make lock`")
        return 1
    wanted = hashlib.sha256(
        LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes() + mine.encode()
    ).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return 0
    STAMP.unlink(missing_ok=True)
    pip("install", "-q", "--upgrade", "pip")
    pip("install", "-q", "--require-hashes", "-r", str(LOCK))
    pip("install", "-q", "--no-deps", "-e", str(ROOT))
    done = subprocess.run([str(PY), "-m", "pip", "check"], capture_output=True, text=True)
    if done.returncode != 0:
        problem = (done.stdout.strip().splitlines() or ["pip check failed"])[0]
        say(f"{LOCK.name} is out of date with pyproject.toml ({problem}): run `make lock`")
        return 1
    STAMP.write_text(wanted + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
