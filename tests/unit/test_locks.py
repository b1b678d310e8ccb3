"""The locks (`make lock`): every dependency pinned with hashes, the same versions in both."""

from __future__ import annotations

import re
import tomllib

from tests.paths import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.M)


def name(requirement: str) -> str:
    """'discord.py>=2.4,<3' -> 'discord-py' (PEP 503 normalised)."""
    base = re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", base).lower()


def pins(file: str) -> dict[str, str]:
    text = (ROOT / file).read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    found = {}
    for block in blocks:
        match = PIN.match(block)
        if match:
            assert "--hash=sha256:" in block, f"{file}: {match.group(1)} has no hash"
            found[name(match.group(1))] = match.group(2)
    return found


def test_every_dependency_is_locked_with_the_same_version_for_deployments() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {name(r) for r in project["dependencies"]}
    dev = {name(r) for r in project["optional-dependencies"]["dev"]}
    app, full = pins("requirements.txt"), pins("requirements-dev.txt")
    assert runtime <= app.keys(), f"not in requirements.txt (run make lock): {runtime - app.keys()}"
    assert runtime | dev <= full.keys(), (
        f"not in requirements-dev.txt (run make lock): {(runtime | dev) - full.keys()}"
    )
    assert not dev & app.keys(), "development tools leaked into the deployment lock"
    different = {k: (v, full.get(k)) for k, v in app.items() if full.get(k) != v}
    assert not different, f"requirements.txt and requirements-dev.txt disagree: {different}"
